import { ConfigError, Configuration } from '@tributary/core';

/** Parses repeated `--set key=value` options into a validated configuration record. */
export function parseSettings(pairs: readonly string[], parallelism: string | undefined): Record<string, unknown> {
  const config = new Configuration();
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new ConfigError(pair, `--set expects key=value, got '${pair}'`);
    config.setString(pair.slice(0, eq).trim(), pair.slice(eq + 1));
  }
  if (parallelism !== undefined) config.setString('parallelism.default', parallelism);
  return config.toRecord();
}
