import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';

import { PostgresBinaryNotFoundError } from '../errors.js';
import { freePort } from './free-port.js';
import { requireBinary, systemUser } from './server-binary.js';

/** A throwaway PostgreSQL server for one test suite. */
export interface PostgresServer extends AsyncDisposable {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  readonly url: string;
  readonly port: number;
  /** Fast shutdown and removal of the data folder. */
  stop(): Promise<void>;
  /** SIGKILL the postmaster (a crash); {@link restart} brings it back on the same data. */
  kill9(): Promise<void>;
  /** Starts the server again on the same port and data folder. */
  restart(): Promise<void>;
}

/** The folder holding initdb and postgres: env PG_BIN, else the newest /usr/lib/postgresql/N/bin. */
export function findPostgresBin(): string | undefined {
  const fromEnv = process.env['PG_BIN'];
  if (fromEnv) return existsSync(join(fromEnv, 'postgres')) ? fromEnv : undefined;
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((name) => existsSync(join(base, name, 'bin', 'postgres')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(base, versions[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v postgres'], { encoding: 'utf8' });
  const found = which.stdout.trim();
  return which.status === 0 && found ? join(found, '..') : undefined;
}

/** True if PostgreSQL binaries exist; else skips loudly, or throws under CI=true. */
export function hasPostgres(): boolean {
  return requireBinary(
    'PostgreSQL (initdb, postgres)',
    findPostgresBin() !== undefined,
    () => new PostgresBinaryNotFoundError('PostgreSQL binaries not found (set PG_BIN)'),
  );
}

/**
 * Starts PostgreSQL in a temp folder on a free port (as the `postgres` user when run as root).
 * @example
 * await using server = await startPostgres();
 * const handle = await createDb({ url: server.url, log });
 */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = findPostgresBin();
  if (!bin) throw new PostgresBinaryNotFoundError('PostgreSQL binaries not found (set PG_BIN)');
  const root = mkdtempSync(join(tmpdir(), 'anbu-pg-'));
  const dataDir = join(root, 'data');
  // postgres refuses to run as root: drop to the postgres (or nobody) user.
  const user =
    process.getuid?.() === 0 ? (systemUser('postgres') ?? systemUser('nobody')) : undefined;
  if (user) chownSync(root, user.uid, user.gid);
  const init = spawnSync(
    join(bin, 'initdb'),
    [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-sync',
      '--no-instructions',
    ],
    { encoding: 'utf8', ...user, cwd: root },
  );
  if (init.status !== 0) {
    rmSync(root, { recursive: true, force: true });
    throw new Error(`initdb failed: ${init.stderr}`);
  }
  const port = await freePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let child: ChildProcess | undefined;

  const start = async () => {
    child = spawn(
      join(bin, 'postgres'),
      ['-D', dataDir, '-p', String(port), '-k', root, '-h', '127.0.0.1', '-c', 'fsync=off'],
      { stdio: 'ignore', ...user, cwd: root },
    );
    await waitReady(url, child);
  };
  const exited = async (signal: NodeJS.Signals) => {
    const running = child;
    child = undefined;
    if (running?.exitCode !== null || running.signalCode !== null) return;
    const done = new Promise((resolve) => running.once('exit', resolve));
    running.kill(signal);
    await done;
  };
  const stop = async () => {
    await exited('SIGINT');
    rmSync(root, { recursive: true, force: true });
  };
  await start();
  return {
    url,
    port,
    stop,
    kill9: async () => {
      await exited('SIGKILL');
      // Orphaned backends notice the postmaster's death and exit; wait until the port is free.
      await sleep(300);
    },
    restart: async () => {
      await exited('SIGINT');
      await start();
    },
    [Symbol.asyncDispose]: stop,
  };
}

async function waitReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited with ${child.exitCode}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline)
        throw new Error('postgres did not start in 20 s', { cause: error });
      await sleep(100);
    }
  }
}
