import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { NatsConnection } from '@nats-io/transport-node';
import type { ChildProcess } from 'node:child_process';
import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';

/** How hard the fault suites push: the CI subset or the full `pnpm test:faults` repetitions. */
export interface FaultScale {
  /** Repetitions with different fault timings (`ANBU_FAULT_RUNS`, default 1). */
  readonly runs: number;
  /** Full counts (`ANBU_FAULT_SCALE=full`) instead of the CI subset's smaller ones. */
  readonly full: boolean;
  /** Picks the CI count or the full count. */
  pick(fast: number, full: number): number;
}

/**
 * Reads `ANBU_FAULT_RUNS` and `ANBU_FAULT_SCALE`, which `pnpm test:faults` sets for the full
 * repetitions; the normal test command runs the small subset.
 */
export function faultScale(): FaultScale {
  const runs = Number(process.env['ANBU_FAULT_RUNS'] ?? '1');
  const full = process.env['ANBU_FAULT_SCALE'] === 'full';
  return Object.freeze({
    runs: Number.isInteger(runs) && runs > 0 ? runs : 1,
    full,
    pick: (fast: number, fullCount: number) => (full ? fullCount : fast),
  });
}

/**
 * A test's timeout for its repetitions: `perRunMs` per run plus a minute. Without it a long
 * full run hits the default timeout, and its loop goes on in the background of the next test.
 */
export function faultTimeout(scale: FaultScale, perRunMs: number): number {
  return 60_000 + scale.runs * perRunMs;
}

/** A small seeded generator (mulberry32), so that a run's fault timings can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Waits until `check` holds, polling; throws with `what` after `timeoutMs`. */
export async function until(
  check: () => boolean | Promise<boolean>,
  { timeoutMs = 30_000, what = 'condition' }: { timeoutMs?: number; what?: string } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await sleep(25);
  }
}

/**
 * Every message of `stream` on `subject`, read from the first with an ordered consumer:
 * how many times each event id is stored (a count above 1 is a duplicate in the stream).
 */
export async function storedIds(
  nc: NatsConnection,
  stream: string,
  subject: string,
): Promise<Map<string, number>> {
  const jsm = await jetstreamManager(nc);
  const info = await jsm.streams.info(stream, { subjects_filter: subject });
  const expected = info.state.subjects?.[subject] ?? 0;
  const counts = new Map<string, number>();
  if (expected === 0) return counts;
  const consumer = await jetstream(nc).consumers.get(stream, {
    filter_subjects: [subject],
    deliver_policy: DeliverPolicy.All,
  });
  let seen = 0;
  while (seen < expected) {
    const batch = await consumer.fetch({ max_messages: 1_000, expires: 2_000 });
    let got = 0;
    for await (const msg of batch) {
      const { id } = msg.json<{ id: string }>();
      counts.set(id, (counts.get(id) ?? 0) + 1);
      got++;
    }
    if (got === 0) throw new Error(`read ${seen} of ${expected} messages of ${subject}`);
    seen += got;
  }
  return counts;
}

/** Sum of counts above one: how many extra copies a stream or an effect table holds. */
export function duplicatesIn(counts: ReadonlyMap<string, number>): number {
  let extra = 0;
  for (const count of counts.values()) extra += Math.max(0, count - 1);
  return extra;
}

/** One line of figures for the closing note, printed by every fault suite. */
export function reportFigures(
  suite: string,
  figures: Readonly<Record<string, number | string>>,
): void {
  const parts = Object.entries(figures).map(([key, value]) => `${key}=${value}`);
  console.info(`[faults] ${suite}: ${parts.join(' ')}`);
}

/** A child Node process running {@link FAULT_WORKER_PATH}, to be SIGKILLed by a test. */
export interface FaultWorker {
  readonly child: ChildProcess;
  /** Lines the worker printed so far. */
  readonly lines: string[];
  /** Resolves when the worker has printed a line that `match` accepts. */
  waitFor(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  /** SIGKILL, resolving once the process is gone. */
  kill9(): Promise<void>;
  /** Resolves with the exit code when the worker ends on its own. */
  exited(): Promise<number | null>;
}

/** The worker script: the outbox relay or a consumer in a process of its own. */
export const FAULT_WORKER_PATH = fileURLToPath(new URL('./fault-worker.ts', import.meta.url));

/**
 * Starts the fault worker from source (tsx loader in the same Node, no CLI wrapper, so that a
 * signal reaches the worker itself) with its settings as JSON in `ANBU_FAULT_WORKER`.
 */
export function startFaultWorker(settings: Readonly<Record<string, unknown>>): FaultWorker {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@anbu/source', FAULT_WORKER_PATH],
    {
      env: { ...process.env, ANBU_FAULT_WORKER: JSON.stringify(settings) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  let buffer = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    lines.push(...parts);
    for (const wake of waiters) wake();
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    child,
    lines,
    async waitFor(match, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = lines.find(match);
        if (found !== undefined) return found;
        if (child.exitCode !== null) {
          throw new Error(`fault worker exited with ${child.exitCode}: ${stderr.slice(-2_000)}`);
        }
        if (Date.now() > deadline) throw new Error(`fault worker silent: ${stderr.slice(-2_000)}`);
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            resolve();
          };
          waiters.add(wake);
          setTimeout(wake, 100);
        });
      }
    },
    async kill9() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exit;
    },
    exited: () => exit,
  };
}
