/** The ConfigError `loadConfig` refuses an environment with; fails the test when the environment is accepted. */
import { ConfigError, loadConfig } from '../src/config.js';

export function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}
