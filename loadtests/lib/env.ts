/** What the runner (tools/run.ts) passes to k6 with `-e NAME=value`. */
export const BASE_URL = __ENV['ANBU_BASE_URL'] ?? 'http://127.0.0.1:8080';
/** Absolute path of the fixtures JSON written by the seed step. */
export const FIXTURES_FILE = __ENV['ANBU_FIXTURES'] ?? '';
/** Distinguishes this run's records in the databases (notes start with `loadtest:<run>:`). */
export const RUN_ID = __ENV['ANBU_RUN_ID'] ?? 'manual';
/** `smoke`, `peak` or `capacity`. */
export const PROFILE = __ENV['ANBU_PROFILE'] ?? 'smoke';
/** Comma-separated scenario names; empty: the profile's default. */
export const SCENARIOS = (__ENV['ANBU_SCENARIOS'] ?? '').split(',').filter((s) => s !== '');
/** Capacity step: donations per second of the surge-intake scenario. */
export const RATE = Number(__ENV['ANBU_RATE'] ?? '0');
/** How long one capacity step holds its rate. */
export const HOLD = __ENV['ANBU_HOLD'] ?? '60s';
/** Where handleSummary writes the JSON summary. */
export const SUMMARY_FILE = __ENV['ANBU_SUMMARY_FILE'] ?? '';
/** Planning runs solved at once across the stack (dispatch replicas × their planning workers). */
export const PLANNING_WORKERS = Math.max(1, Number(__ENV['ANBU_PLANNING_WORKERS'] ?? '1'));
/** Planning runs of the peak day (one per district), all started at once. */
export const PLANNING_RUNS = Math.max(1, Number(__ENV['ANBU_PLANNING_DISTRICTS'] ?? '1'));
/** How long the peak profile's field traffic lasts (the runner fits it to the stops of today). */
export const FIELD_HOLD = __ENV['ANBU_FIELD_HOLD'] ?? '';
/** Stops earlier capacity steps delivered: this step starts after them. */
export const STOP_OFFSET = Math.max(0, Number(__ENV['ANBU_STOP_OFFSET'] ?? '0'));
