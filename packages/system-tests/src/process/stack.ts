// Starts and stops the distributed stack (infra/scripts/start-distributed.sh) in a throwaway
// state folder on free loopback ports, so a load test or a fault suite never touches a
// developer's .anbu/. The load tests (loadtests/tools/stack.ts) and the process-level fault
// suites (./faults.ts) share it.
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { inheritedEnv } from './env.js';

/** The repository root (this file is `packages/system-tests/{src,dist}/process/stack.*`). */
export const REPO_ROOT = resolve(import.meta.dirname, '../../../..');
const SCRIPTS = join(REPO_ROOT, 'infra/scripts');

/** A port nothing listens on right now (the kernel's choice). */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** Starts a command (stderr passed through): its pid now, its stdout and exit code when done. */
export function spawnRun(
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; quiet?: boolean } = {},
): { pid: number | undefined; done: Promise<{ code: number; stdout: string }> } {
  const child = spawn(command, args, {
    cwd: options.cwd ?? REPO_ROOT,
    env: options.env ?? inheritedEnv(),
    stdio: ['ignore', 'pipe', options.quiet ? 'ignore' : 'inherit'],
  });
  const done = new Promise<{ code: number; stdout: string }>((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, stdout }));
  });
  return { pid: child.pid, done };
}

/** Runs a command to its end (see {@link spawnRun}). */
export function run(
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; quiet?: boolean } = {},
): Promise<{ code: number; stdout: string }> {
  return spawnRun(command, args, options).done;
}

/** A process of the stack, for a sampler or a fault injector. */
export interface StackProcess {
  readonly name: string;
  readonly pid: number;
  /** Count the children too (PostgreSQL runs one backend process per connection). */
  readonly tree?: boolean;
}

/** A running distributed stack (see {@link startStack}). */
export interface Stack {
  readonly stateDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly baseUrl: string;
  readonly databaseUrl: string;
  readonly natsUrl: string;
  readonly natsMonitorUrl: string;
  /** The stack's processes, for the sampler. */
  processes(): Promise<StackProcess[]>;
  /** Stops everything it started and removes the state folder (unless `keep`). */
  stop(options?: { keep?: boolean }): Promise<void>;
}

/** The pid on the first line of `file`, if it holds one. */
export async function pidIn(file: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(file, 'utf8')).split('\n')[0]?.trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts PostgreSQL, nats-server and every service (one replica each unless `replicas` says
 * otherwise) from the built workspace. On a failed start, what did start is stopped again.
 */
export async function startStack(options: {
  replicas?: Readonly<Record<string, number>>;
  extraEnv?: Readonly<Record<string, string>>;
}): Promise<Stack> {
  const stateDir = await mkdtemp(join(tmpdir(), 'anbu-loadtest-'));
  // PostgreSQL runs as the `postgres` user when we are root: it must reach its folder.
  await chmod(stateDir, 0o755);
  const [pg, nats, monitor, gateway] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const env: NodeJS.ProcessEnv = {
    ...inheritedEnv(),
    PATH: `/usr/local/bin:${inheritedEnv()['PATH'] ?? ''}`,
    ANBU_STATE_DIR: stateDir,
    ANBU_PG_PORT: String(pg),
    ANBU_NATS_PORT: String(nats),
    ANBU_NATS_MONITOR_PORT: String(monitor),
    ANBU_GATEWAY_PORT: String(gateway),
    // Partner systems and caseworkers come from many addresses: k6 sends X-Forwarded-For, so the
    // per-address budgets apply per simulated client, not to all of k6 at once.
    ANBU_TRUST_PROXY: 'true',
    LOG_LEVEL: inheritedEnv()['LOG_LEVEL'] ?? 'warn',
    // A loaded CI machine starts six Node processes slowly.
    ANBU_START_TIMEOUT: inheritedEnv()['ANBU_START_TIMEOUT'] ?? '180',
    ...options.extraEnv,
  };
  for (const [service, count] of Object.entries(options.replicas ?? {})) {
    env[`ANBU_REPLICAS_${service.toUpperCase()}`] = String(count);
  }
  const stack: Stack = {
    stateDir,
    env,
    baseUrl: `http://127.0.0.1:${gateway}`,
    databaseUrl: `postgres://anbu:anbu@127.0.0.1:${pg}/anbu`,
    natsUrl: `nats://127.0.0.1:${nats}`,
    natsMonitorUrl: `http://127.0.0.1:${monitor}`,
    async processes() {
      const watched: StackProcess[] = [];
      const runDir = join(stateDir, 'run');
      for (const file of (await readdir(runDir)).sort()) {
        const pid = await pidIn(join(runDir, file));
        if (pid) watched.push({ name: file.replace(/\.pid$/, ''), pid });
      }
      const natsPid = await pidIn(join(stateDir, 'nats/nats.pid'));
      if (natsPid) watched.push({ name: 'nats-server', pid: natsPid });
      const pgPid = await pidIn(join(stateDir, 'pg/data/postmaster.pid'));
      if (pgPid) watched.push({ name: 'postgres (all backends)', pid: pgPid, tree: true });
      return watched;
    },
    async stop({ keep = false } = {}) {
      await run('bash', [join(SCRIPTS, 'stop-distributed.sh')], { env, quiet: true });
      if (!keep) await rm(stateDir, { recursive: true, force: true });
    },
  };
  const started = await run('bash', [join(SCRIPTS, 'start-distributed.sh'), '--no-build'], { env });
  if (started.code !== 0) {
    await printLogTails(stateDir);
    await stack.stop({ keep: true });
    throw new Error(`the distributed stack did not start (state kept in ${stateDir})`);
  }
  return stack;
}

/** The last lines of every service log, to see why a run failed. */
export async function printLogTails(stateDir: string, lines = 15): Promise<void> {
  const dir = join(stateDir, 'logs');
  let files: string[] = [];
  try {
    files = await readdir(dir);
  } catch {
    return;
  }
  for (const file of files.sort()) {
    const text = await readFile(join(dir, file), 'utf8');
    const tail = text.trimEnd().split('\n').slice(-lines).join('\n');
    process.stderr.write(`--- ${file}\n${tail}\n`);
  }
}

/** Builds the services and what the seed step imports (turbo; cached when nothing changed). */
export async function buildServices(): Promise<void> {
  const filters = [
    'gateway',
    'households',
    'donations',
    'matching',
    'dispatch',
    'care',
    'demo-city',
  ].flatMap((name) => ['--filter', `@anbu/${name}...`]);
  const built = await run(
    'pnpm',
    ['exec', 'turbo', 'run', 'build', ...filters, '--output-logs=errors-only'],
    { env: { ...inheritedEnv(), PATH: `/usr/local/bin:${inheritedEnv()['PATH'] ?? ''}` } },
  );
  if (built.code !== 0) throw new Error('building the services failed');
}
