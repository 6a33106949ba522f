import { resolve } from 'node:path';
import { AppError } from '../errors/index.js';
import { defaults, settings, type Config, type SettingName } from './schema.js';

/** Raw setting values as given on the command line, by flag name (`port`, `database-url`, …). */
export type FlagValues = Readonly<Record<string, string | undefined>>;

/**
 * Builds the configuration from flags, then the environment, then defaults, validates every
 * value once and returns it deep-frozen. A bad value throws `JD_ERR_CONFIG_INVALID` naming the
 * setting (as the user wrote it: flag or variable) and what is allowed.
 *
 * @example
 * const config = loadConfig({ port: '8080' }, process.env);
 */
export function loadConfig(flags: FlagValues = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(settings) as SettingName[]) {
    const spec = settings[name];
    const fromFlag = flags[spec.flag];
    const fromEnv = env[spec.env];
    const raw = fromFlag ?? (fromEnv === '' ? undefined : fromEnv) ?? (defaults as Record<string, string | undefined>)[name];
    const parsed = spec.schema.safeParse(raw);
    if (!parsed.success) {
      const setting = fromFlag !== undefined ? `--${spec.flag}` : spec.env;
      throw new AppError('JD_ERR_CONFIG_INVALID', { setting: `${setting}=${JSON.stringify(raw)}`, allowed: `expected ${spec.allowed}` });
    }
    out[name] = parsed.data;
  }
  out.dataDir = resolve(out.dataDir as string);
  if (out.siteUrl === undefined) {
    const host = String(out.host).includes(':') ? `[${String(out.host)}]` : String(out.host);
    out.siteUrl = `http://${host}:${String(out.port)}`;
  }
  return Object.freeze(out) as Config;
}

/**
 * A configuration for tests: defaults plus overrides, validated the same way.
 */
export function testConfig(overrides: FlagValues = {}): Config {
  // Tests see every render unless they turn the page cache on themselves.
  return loadConfig({ demo: 'off', 'log-level': 'silent', 'page-cache': 'off', ...overrides }, {});
}
