import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DEFAULT_DEMO_SEED } from '@anbu/demo-city';

import { EMBEDDED_MAIN, ROOT_DIR, WEB_DIST_DIR } from './paths.js';

/** A running embedded start, on its own port and data folder. */
export interface EmbeddedServer extends AsyncDisposable {
  readonly url: string;
  /** Everything the process printed, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForHealth(
  url: string,
  { timeoutMs, exited }: { timeoutMs: number; exited: () => boolean },
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited()) throw new Error('the embedded start exited before it was healthy');
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url}/healthz was not healthy within ${timeoutMs} ms`);
}

/**
 * Starts `services/embedded/dist/main.js` on a free port with a throwaway data folder, serving
 * the built web app, and waits until `/healthz` answers 200.
 */
export async function startEmbedded({
  // Seeding the demo city (3,000 households, the day, the partner's goods) on a loaded 2-core machine.
  timeoutMs = 600_000,
}: { timeoutMs?: number } = {}): Promise<EmbeddedServer> {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'anbu-web-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, [EMBEDDED_MAIN], {
    cwd: ROOT_DIR,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ANBU_DATA_DIR: dataDir,
      ANBU_WEB_DIST_DIR: WEB_DIST_DIR,
      ANBU_DEMO_SEED: DEFAULT_DEMO_SEED,
      LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'warn',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const exit = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(killer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, { timeoutMs, exited: () => child.exitCode !== null });
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- embedded output ---\n${output}`, {
      cause: error,
    });
  }
  return { url, output: () => output, stop, [Symbol.asyncDispose]: stop };
}
