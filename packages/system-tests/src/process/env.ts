/**
 * The environment the stack's processes inherit: this process's own (PATH, LOG_LEVEL,
 * ANBU_START_TIMEOUT, PG_BIN, …), read here only (STYLE §16).
 */
export function inheritedEnv(): NodeJS.ProcessEnv {
  return process.env;
}
