export { loadConfig, testConfig, type FlagValues } from './load.js';
export { settings, defaults, type Config, type SettingName } from './schema.js';
