import { InputFormatError } from '../errors.js';

/** Parsed command line of `cli.js solve`. */
export interface SolveArgs {
  readonly format: 'solomon' | 'vroom';
  readonly objective: 'distance' | 'vehicles';
  readonly timeLimitSeconds: number | undefined;
  readonly iterations: number | undefined;
  readonly seed: number;
  readonly progress: boolean;
  readonly file: string;
}

/** Usage text printed on bad arguments. */
export const USAGE =
  'usage: cli.js solve --format solomon|vroom --objective distance|vehicles --time-limit SECONDS [--iterations N] --seed N [--progress] FILE';

/** Parses `solve …` arguments; throws {@link InputFormatError} with the usage on mistakes. */
export function parseArgs(argv: readonly string[]): SolveArgs {
  const [command, ...rest] = argv;
  if (command !== 'solve') throw new InputFormatError(USAGE);
  const flags = new Map<string, string>();
  const files: string[] = [];
  let progress = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] ?? '';
    if (a === '--progress') progress = true;
    else if (a.startsWith('--')) {
      const value = rest[++i];
      if (value === undefined) throw new InputFormatError(`${a} needs a value\n${USAGE}`);
      flags.set(a.slice(2), value);
    } else files.push(a);
  }
  const file = files[0];
  if (!file || files.length > 1) throw new InputFormatError(`exactly one FILE expected\n${USAGE}`);
  const format = flags.get('format') ?? 'solomon';
  if (format !== 'solomon' && format !== 'vroom') throw new InputFormatError(`--format: unknown '${format}'`);
  const objective = flags.get('objective') ?? 'distance';
  if (objective !== 'distance' && objective !== 'vehicles') throw new InputFormatError(`--objective: unknown '${objective}'`);
  const num = (name: string): number | undefined => {
    const raw = flags.get(name);
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new InputFormatError(`--${name}: '${raw}' is not a non-negative number`);
    return n;
  };
  for (const k of flags.keys()) {
    if (!['format', 'objective', 'time-limit', 'iterations', 'seed'].includes(k)) throw new InputFormatError(`unknown option --${k}\n${USAGE}`);
  }
  return {
    format,
    objective,
    timeLimitSeconds: num('time-limit'),
    iterations: num('iterations'),
    seed: num('seed') ?? 1,
    progress,
    file,
  };
}
