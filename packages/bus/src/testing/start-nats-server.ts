import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChildProcess } from 'node:child_process';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

import { freePort, requireBinary } from '@anbu/db/testing';

import { NatsServerNotFoundError } from '../errors.js';

/** The oldest nats-server Anbu supports (for `sync_interval` and current JetStream APIs). */
export const MIN_NATS_SERVER_VERSION = [2, 12, 0] as const;

/** A throwaway nats-server for one test suite. */
export interface NatsServer extends AsyncDisposable {
  /** `nats://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly storeDir: string;
  /** Graceful shutdown and removal of the store. */
  stop(): Promise<void>;
  /** SIGKILL (a crash); {@link restart} brings it back on the same port and store. */
  kill9(): Promise<void>;
  /** Starts the server again on the same port and store (after a kill9 or on its own). */
  restart(): Promise<void>;
  /** SIGSTOP: the server hangs (connections stay open, nothing is answered). */
  pause(): void;
  /** SIGCONT after {@link pause}. */
  resume(): void;
}

export interface StartNatsServerOptions {
  readonly jetstream?: boolean;
}

/** nats-server: env NATS_SERVER_BIN, else `$(go env GOPATH)/bin`, else ~/go/bin, else PATH. */
export function findNatsServer(): string | undefined {
  const fromEnv = process.env['NATS_SERVER_BIN'];
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  const gopath = spawnSync('go', ['env', 'GOPATH'], { encoding: 'utf8' });
  const candidates = [
    gopath.status === 0 ? join(gopath.stdout.trim(), 'bin', 'nats-server') : '',
    join(homedir(), 'go', 'bin', 'nats-server'),
  ];
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  const which = spawnSync('sh', ['-c', 'command -v nats-server'], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : undefined;
}

function versionOk(bin: string): boolean {
  const out = spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout;
  const match = /v(\d+)\.(\d+)\.(\d+)/.exec(out);
  if (!match) return false;
  const version = match.slice(1, 4).map(Number);
  for (let i = 0; i < 3; i++) {
    const have = version[i] ?? 0;
    const need = MIN_NATS_SERVER_VERSION[i] ?? 0;
    if (have !== need) return have > need;
  }
  return true;
}

/** True if nats-server ≥ 2.12 exists; else skips loudly, or throws under CI=true. */
export function hasNatsServer(): boolean {
  const bin = findNatsServer();
  return requireBinary(
    `nats-server >= ${MIN_NATS_SERVER_VERSION.join('.')}`,
    bin !== undefined && versionOk(bin),
    () => new NatsServerNotFoundError('nats-server >= 2.12 not found (set NATS_SERVER_BIN)'),
  );
}

/**
 * Starts nats-server on a free port with a temp store, with the production JetStream setting
 * `sync_interval: always` (so a kill -9 loses nothing that was acknowledged).
 * @example
 * await using nats = await startNatsServer({ jetstream: true });
 */
export async function startNatsServer(options: StartNatsServerOptions = {}): Promise<NatsServer> {
  const bin = findNatsServer();
  if (!bin) throw new NatsServerNotFoundError('nats-server not found (set NATS_SERVER_BIN)');
  const jetstream = options.jetstream ?? true;
  const root = mkdtempSync(join(tmpdir(), 'anbu-nats-'));
  const storeDir = join(root, 'store');
  const port = await freePort();
  const config = join(root, 'nats.conf');
  writeFileSync(
    config,
    [
      `listen: 127.0.0.1:${port}`,
      jetstream ? `jetstream { store_dir: "${storeDir}", sync_interval: always }` : '',
    ].join('\n'),
  );
  const url = `nats://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  const start = async () => {
    child = spawn(bin, ['-c', config], { stdio: 'ignore' });
    await waitReady(url, child, jetstream);
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
    child?.kill('SIGCONT');
    await exited('SIGTERM');
    rmSync(root, { recursive: true, force: true });
  };
  await start();
  return {
    url,
    port,
    storeDir,
    stop,
    kill9: () => exited('SIGKILL'),
    restart: async () => {
      await exited('SIGTERM');
      await start();
    },
    pause: () => child?.kill('SIGSTOP'),
    resume: () => child?.kill('SIGCONT'),
    [Symbol.asyncDispose]: stop,
  };
}

async function waitReady(url: string, child: ChildProcess, jetstream: boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nats-server exited with ${child.exitCode}`);
    try {
      const nc = await connect({ servers: url, reconnect: false, timeout: 1_000 });
      try {
        if (jetstream) await (await jetstreamManager(nc)).getAccountInfo();
      } finally {
        await nc.close();
      }
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error('nats-server did not start in 20 s', { cause: error });
      await sleep(100);
    }
  }
}
