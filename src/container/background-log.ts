import type { Config } from '../config/index.js';
import type { AppError } from '../errors/index.js';

/** Reports a failed flush or maintenance of views on stderr, one line each, unless silent. */
export function backgroundWarn(config: Config): (message: string, err: unknown) => void {
  return (message, err) => {
    if (config.logLevel === 'silent' || config.logLevel === 'fatal') return;
    process.stderr.write(`${JSON.stringify({ level: 'warn', time: new Date().toISOString(), msg: `${message}: ${String((err as Error)?.message ?? err)}` })}\n`);
  };
}

/** Reports errors of background work (event listeners) on stderr, one line each, unless silent. */
export function backgroundLog(config: Config): (err: AppError) => void {
  return (err) => {
    if (config.logLevel === 'silent' || config.logLevel === 'fatal') return;
    process.stderr.write(`${JSON.stringify({ level: 'error', time: new Date().toISOString(), code: err.code, msg: err.message })}\n`);
  };
}
