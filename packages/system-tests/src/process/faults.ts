// Crashes and restarts of the distributed stack's processes: `kill -9` of one service replica or
// of the whole PostgreSQL server (postmaster and backends), and the restarts that follow, through
// the same infra/scripts the stack was started with.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { Stack } from './stack.js';
import { pidIn, REPO_ROOT, run } from './stack.js';

/** The services of the distributed mode, each its own process (infra/scripts/lib/services.sh). */
export const STACK_SERVICES = [
  'households',
  'donations',
  'matching',
  'dispatch',
  'care',
  'gateway',
] as const;
export type StackService = (typeof STACK_SERVICES)[number];

/** How long a killed process may take to disappear. */
const EXIT_WAIT_MS = 10_000;

/** True while `pid` runs (a zombie, killed but not yet reaped by its parent, does not). */
async function running(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${String(pid)}/stat`, 'utf8');
    // The state follows the parenthesised command name: `123 (node) S …`.
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

async function waitForExit(pids: readonly number[]): Promise<void> {
  const deadline = Date.now() + EXIT_WAIT_MS;
  for (const pid of pids) {
    while (await running(pid)) {
      if (Date.now() > deadline) throw new Error(`process ${String(pid)} outlived SIGKILL`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

function sigkill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** The live direct children of `parent` (from /proc). */
async function childrenOf(parent: number): Promise<number[]> {
  const children: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      // After `pid (comm)`: state, ppid, …
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === parent && (await running(Number(entry)))) {
        children.push(Number(entry));
      }
    } catch {
      // Ended while we looked.
    }
  }
  return children;
}

/**
 * `kill -9` replica `replica` of `service` (no drain, no goodbye) and waits until it is gone.
 * Answers its pid.
 */
export async function killService(
  stack: Stack,
  service: StackService,
  replica = 1,
): Promise<number> {
  const pid = await pidIn(join(stack.stateDir, 'run', `${service}-${String(replica)}.pid`));
  if (pid === undefined || !(await running(pid))) {
    throw new Error(`${service}-${String(replica)} is not running`);
  }
  sigkill(pid);
  await waitForExit([pid]);
  return pid;
}

/**
 * `kill -9` the PostgreSQL server: the postmaster and every backend at once, as a machine
 * crash would, and waits until all are gone. Answers the pids killed.
 */
export async function killPostgres(stack: Stack): Promise<number[]> {
  const postmaster = await pidIn(join(stack.stateDir, 'pg/data/postmaster.pid'));
  if (postmaster === undefined || !(await running(postmaster))) {
    throw new Error('PostgreSQL is not running');
  }
  // Backends run in sessions of their own, so a group kill misses them; and once the
  // postmaster is gone they are orphans nobody can find. Stopped first, it forks no new one
  // while its children are listed, and every one of them is killed with it (a survivor would
  // hold the shared memory and keep the server from starting again).
  process.kill(postmaster, 'SIGSTOP');
  const backends = await childrenOf(postmaster);
  sigkill(postmaster);
  for (const pid of backends) sigkill(pid);
  const pids = [postmaster, ...backends];
  await waitForExit(pids);
  return pids;
}

/**
 * Starts PostgreSQL again on the same data folder and port (crash recovery replays the WAL);
 * tries a few times, and names the server log's last lines when it cannot.
 */
export async function startPostgres(stack: Stack, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const started = await run('bash', [join(REPO_ROOT, 'infra/scripts/start-local-postgres.sh')], {
      env: stack.env,
      quiet: true,
    });
    if (started.code === 0) return;
    if (attempt >= attempts) {
      const log = await readFile(join(stack.stateDir, 'pg/postgres.log'), 'utf8').catch(() => '');
      throw new Error(
        `PostgreSQL did not start again: ${log.trimEnd().split('\n').slice(-5).join(' | ')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/**
 * Starts whatever of the stack is not running (infra/scripts/start-distributed.sh converges:
 * a killed replica is started again, a live one is left alone) and waits until the gateway's
 * `/healthz` reports every service healthy.
 */
export async function restartMissing(stack: Stack): Promise<void> {
  const started = await run(
    'bash',
    [join(REPO_ROOT, 'infra/scripts/start-distributed.sh'), '--no-build'],
    { env: stack.env, quiet: true },
  );
  if (started.code !== 0) throw new Error(`the stack did not recover (state in ${stack.stateDir})`);
}

/**
 * The environment start-distributed.sh gives a service (it exports these before it starts the
 * replicas), so that one replica can be started again without the whole script.
 */
async function serviceEnv(stack: Stack): Promise<NodeJS.ProcessEnv> {
  const key =
    stack.env['ANBU_ENCRYPTION_KEY'] ??
    (await readFile(join(stack.stateDir, 'encryption-key'), 'utf8')).trim();
  return {
    ...stack.env,
    DATABASE_URL: stack.databaseUrl,
    NATS_URL: stack.natsUrl,
    ANBU_ENCRYPTION_KEY: key,
    NODE_ENV: stack.env['NODE_ENV'] ?? 'production',
    NODE_OPTIONS: stack.env['NODE_OPTIONS'] ?? '--enable-source-maps',
    ANBU_COOKIE_SECURE: stack.env['ANBU_COOKIE_SECURE'] ?? 'false',
  };
}

/** Polls the gateway's `/healthz` until every service is healthy, or fails after `timeoutMs`. */
export async function waitHealthy(stack: Stack, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '(no answer)';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${stack.baseUrl}/healthz`, { signal: AbortSignal.timeout(5_000) });
      if (res.status === 200) return;
      last = `${String(res.status)} ${await res.text()}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the stack is not healthy after ${String(timeoutMs)} ms: ${last}`);
}

/**
 * Starts replica `replica` of `service` again (infra/scripts/lib/services.sh `start_replica`, the
 * step start-distributed.sh runs per replica) and waits until the stack is healthy.
 */
export async function restartService(
  stack: Stack,
  service: StackService,
  replica = 1,
): Promise<void> {
  const lib = join(REPO_ROOT, 'infra/scripts/lib');
  const started = await run(
    'bash',
    [
      '-c',
      `source "${lib}/common.sh" && source "${lib}/services.sh" && start_replica "$0" "$1"`,
      service,
      String(replica),
    ],
    { env: await serviceEnv(stack), quiet: true },
  );
  if (started.code !== 0) throw new Error(`${service}-${String(replica)} did not start again`);
  await waitHealthy(stack);
}
