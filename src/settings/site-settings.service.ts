import type { Config } from '../config/index.js';
import { parseOrThrow } from '../errors/index.js';
import { configuredSettings, SITE_SETTING_FIELDS, SITE_SETTING_KEYS, siteSettingsPatch, type SiteSettingKey, type SiteSettings } from './site-settings.fields.js';
import type { SiteSettingsRepo } from './site-settings.repo.js';

/** One setting as the settings screen shows it. */
export interface SiteSettingView {
  readonly key: SiteSettingKey;
  readonly value: unknown;
  /** The configured value (flag, environment or default), which applies without an admin value. */
  readonly configured: unknown;
  /** Whether an admin value is stored. */
  readonly overridden: boolean;
  readonly updatedAt: string | null;
  readonly updatedBy: number | null;
}

/** What `view` and `update` answer: the values in effect and each setting's details. */
export interface SiteSettingsView {
  readonly settings: SiteSettings;
  readonly fields: readonly SiteSettingView[];
  readonly version: number;
}

/** What the service needs. */
export interface SiteSettingsDeps {
  readonly repo: SiteSettingsRepo;
  readonly config: Config;
  readonly now: () => Date;
  /** How often, at most, the version counter is re-read (other processes' changes). */
  readonly checkEveryMs?: number;
  /** Runs after a change is stored (purge caches, tell other processes). */
  readonly onChange?: (settings: SiteSettings) => Promise<void> | void;
}

interface Snapshot {
  readonly version: number;
  readonly values: SiteSettings;
  readonly rows: ReadonlyMap<string, { updatedAt: string; updatedBy: number | null }>;
}

/**
 * The site settings: admin values stored in the database over the configuration's values.
 * Readers use a synchronous in-memory copy (`current`, `liveConfig`) that `refresh` keeps up
 * to date: the version counter is re-read at most every `checkEveryMs` (2 s), so a change made
 * in another process shows within that time, and at once in this one.
 *
 * @example
 * await settings.update({ siteName: '焦點晚報' }, actor.userId);
 * settings.liveConfig().siteName; // '焦點晚報'
 */
export class SiteSettingsService {
  readonly #d: SiteSettingsDeps;
  readonly #configured: SiteSettings;
  readonly #checkEveryMs: number;
  #snapshot: Snapshot;
  #checkedAt = 0;
  #pending: Promise<void> | undefined;
  #live: Config | undefined;

  constructor(deps: SiteSettingsDeps) {
    this.#d = deps;
    this.#configured = Object.freeze(configuredSettings(deps.config));
    this.#checkEveryMs = deps.checkEveryMs ?? 2000;
    this.#snapshot = { version: -1, values: this.#configured, rows: new Map() };
  }

  /** The settings in effect as last loaded (the configured ones before the first `refresh`). */
  current(): SiteSettings {
    return this.#snapshot.values;
  }

  /**
   * Reloads when the stored version moved; cheap to call per request (one clock read mostly).
   * When the database cannot be read, the last settings stay in use and the read is tried
   * again after the check interval: readers keep being served while it is away.
   */
  async refresh(): Promise<SiteSettings> {
    if (Date.now() - this.#checkedAt >= this.#checkEveryMs) {
      // Concurrent requests share one reload instead of each reading the database.
      this.#pending ??= this.#reload()
        .catch(() => void (this.#checkedAt = Date.now()))
        .finally(() => (this.#pending = undefined));
      await this.#pending;
    }
    return this.#snapshot.values;
  }

  /** Makes the next `refresh` read the version (another process said something changed). */
  invalidate(): void {
    this.#checkedAt = 0;
  }

  /** The settings with their configured values and who changed them, freshly read. */
  async view(): Promise<SiteSettingsView> {
    // Read now, and fail loudly: an admin must not edit settings they cannot see.
    await this.#reload();
    const s = this.#snapshot;
    return {
      settings: s.values,
      version: s.version,
      fields: SITE_SETTING_KEYS.map((key) => {
        const row = s.rows.get(key);
        return { key, value: s.values[key], configured: this.#configured[key], overridden: !!row, updatedAt: row?.updatedAt ?? null, updatedBy: row?.updatedBy ?? null };
      }),
    };
  }

  /**
   * Validates and stores a change (each key set, or `null` to go back to the configured
   * value); a bad value is a `JD_ERR_VALIDATION` naming the field. Then runs `onChange`.
   */
  async update(raw: unknown, by: number | null): Promise<SiteSettingsView> {
    const patch = parseOrThrow(siteSettingsPatch, raw);
    const set: Array<{ key: string; value: string }> = [];
    const clear: string[] = [];
    for (const key of SITE_SETTING_KEYS) {
      const value = patch[key];
      if (value === undefined) continue;
      if (value === null) clear.push(key);
      else set.push({ key, value: JSON.stringify(value) });
    }
    if (set.length || clear.length) {
      await this.#d.repo.write(set, clear, by, this.#d.now().toISOString());
      const view = await this.view();
      await this.#d.onChange?.(view.settings);
      return view;
    }
    return this.view();
  }

  /**
   * The configuration with the site settings laid over it, read at each access: hand it to
   * code that reads `config.siteName` and the like so that a change applies without a restart.
   * Every key is an enumerable getter, so spreading it takes a snapshot — pass it whole.
   */
  liveConfig(): Config {
    if (this.#live) return this.#live;
    const base = this.#d.config as unknown as Record<string, unknown>;
    const live: Record<string, unknown> = {};
    const keys = new Set<string>([...Object.keys(base), ...SITE_SETTING_KEYS]);
    for (const key of keys) {
      const own = (SITE_SETTING_KEYS as string[]).includes(key);
      Object.defineProperty(live, key, { enumerable: true, get: own ? () => this.#snapshot.values[key as SiteSettingKey] : () => base[key] });
    }
    this.#live = Object.freeze(live) as unknown as Config;
    return this.#live;
  }

  async #reload(): Promise<void> {
    const version = await this.#d.repo.version();
    this.#checkedAt = Date.now();
    if (version === this.#snapshot.version) return;
    const rows = await this.#d.repo.all();
    const values: Record<string, unknown> = { ...this.#configured };
    const meta = new Map<string, { updatedAt: string; updatedBy: number | null }>();
    for (const row of rows) {
      if (!(row.key in SITE_SETTING_FIELDS)) continue;
      // A value stored by another version of Jiaodian that this one does not accept is ignored.
      const parsed = SITE_SETTING_FIELDS[row.key as SiteSettingKey].safeParse(safeJson(row.value));
      if (!parsed.success) continue;
      values[row.key] = parsed.data;
      meta.set(row.key, { updatedAt: new Date(row.updated_at).toISOString(), updatedBy: row.updated_by });
    }
    this.#snapshot = { version, values: Object.freeze(values) as SiteSettings, rows: meta };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
