import { readFileSync } from 'node:fs';

import type { RoutingProblem, RoutingSolution } from '@anbu/contracts/routing';

import { InputFormatError, InvalidProblemError } from '../errors.js';
import { parseProblem } from '../problem/parse.js';
import { solve } from '../solve.js';
import { parseArgs } from './args.js';
import type { SolveArgs } from './args.js';
import { parseSolomon } from './solomon.js';
import { parseVroom } from './vroom.js';

/** Exit codes, after VROOM: internal 1, input 2. */
export const EXIT = { ok: 0, internal: 1, input: 2 } as const;

/** Where the CLI writes; injected so tests run it in-process. */
export interface CliIo {
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
  readonly readFile: (path: string) => string;
}

/** Reads the file named by the arguments into a parsed problem. */
export function loadProblem(args: SolveArgs, io: Pick<CliIo, 'readFile'>): RoutingProblem {
  const text = io.readFile(args.file);
  const objective = args.objective === 'vehicles' ? 'vehicles' : 'cost';
  if (args.format === 'solomon') return parseProblem(parseSolomon(text, objective));
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new InputFormatError(`${args.file}: not JSON`, { cause });
  }
  const input = parseVroom(raw);
  return parseProblem({ ...input, options: { ...input.options, objective } });
}

/** The one-line JSON result of the benchmark contract, plus extras. */
export function summarise(solution: RoutingSolution, timeMs: number): Record<string, unknown> {
  return {
    vehicles: solution.summary.vehicles,
    distance: solution.summary.distance,
    routes: solution.routes.map((r) => r.steps.filter((s) => s.id !== undefined && s.type !== 'break').map((s) => s.id)),
    unassigned: solution.unassigned.map((u) => u.id),
    timeMs,
    cost: solution.summary.cost,
    duration: solution.summary.duration,
    iterations: solution.summary.iterations,
    unassignedReasons: solution.unassigned,
  };
}

/** Runs the CLI; returns the exit code. */
export function runCli(argv: readonly string[], io: CliIo): number {
  const started = performance.now();
  try {
    const args = parseArgs(argv);
    const problem = loadProblem(args, io);
    const solution = solve(problem, {
      seed: args.seed,
      ...(args.timeLimitSeconds !== undefined ? { timeLimitMs: args.timeLimitSeconds * 1000 } : {}),
      ...(args.iterations !== undefined ? { iterations: args.iterations } : {}),
      ...(args.progress
        ? {
            onProgress: (p) =>
              io.stderr(
                JSON.stringify({
                  event: 'progress',
                  elapsedMs: Math.round(p.elapsedMs),
                  cost: p.cost,
                  distance: p.distance,
                  vehicles: p.vehicles,
                  unassigned: p.unassigned,
                  iterations: p.iterations,
                  feasible: p.feasible,
                }),
              ),
          }
        : {}),
    });
    io.stdout(JSON.stringify(summarise(solution, Math.round(performance.now() - started))));
    return EXIT.ok;
  } catch (err) {
    if (err instanceof InvalidProblemError || err instanceof InputFormatError) {
      io.stderr(err.message);
      return EXIT.input;
    }
    if (err instanceof Error && 'code' in err && (err.code === 'ENOENT' || err.code === 'EISDIR')) {
      io.stderr(err.message);
      return EXIT.input;
    }
    io.stderr(err instanceof Error ? (err.stack ?? err.message) : String(err));
    return EXIT.internal;
  }
}

/** Default I/O: the process streams and the file system. */
export const nodeIo: CliIo = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  readFile: (path) => readFileSync(path, 'utf8'),
};
