import { once } from 'node:events';

import { createLogger } from '@anbu/service-kit';

import { env, travel } from './env.js';
import { startEmbedded } from './start-embedded.js';

const log = createLogger({ process: 'embedded', level: env.LOG_LEVEL });

/** The demo users and their passwords as a table, for the terminal (never for a log file). */
function usersTable(
  users: readonly {
    login: string;
    password: string;
    roles: readonly string[];
    displayName: string;
  }[],
): string {
  const width = Math.max(...users.map((u) => u.login.length), 5);
  const lines = users.map(
    (u) => `  ${u.login.padEnd(width)}  ${u.password.padEnd(22)}  ${u.roles.join(', ')}`,
  );
  return [`  ${'login'.padEnd(width)}  ${'password'.padEnd(22)}  roles`, ...lines].join('\n');
}

async function main(): Promise<void> {
  const system = await startEmbedded({
    dataDir: env.ANBU_DATA_DIR,
    port: env.PORT,
    host: env.HOST,
    log,
    encryptionKey: env.ANBU_ENCRYPTION_KEY,
    demoSeed: env.ANBU_SEED_DEMO ? env.ANBU_DEMO_SEED : undefined,
    webDistDir: env.ANBU_WEB_DIST_DIR,
    osrmUrl: env.OSRM_URL,
    travel,
  });
  process.stdout.write(
    [
      '',
      `Anbu is running at ${system.url}  (data: ${env.ANBU_DATA_DIR}${system.seeded ? ', demo city seeded just now' : ''})`,
      ...(system.users.length > 0
        ? ['', 'Demo users (demo passwords, for this machine only):', usersTable(system.users)]
        : []),
      '',
      'Stop with Ctrl+C; the data stays for the next start.',
      '',
    ].join('\n'),
  );

  const signal = await Promise.race([once(process, 'SIGTERM'), once(process, 'SIGINT')]);
  log.info({ signal: String(signal[0] ?? 'signal') }, 'stopping');
  const timer = setTimeout(() => {
    log.error({}, 'shutdown timed out; exiting');
    process.exit(1);
  }, 30_000);
  timer.unref();
  await system.stop();
  log.info({}, 'stopped');
  process.exit(0);
}

main().catch((err: unknown) => {
  log.fatal({ err }, 'embedded start failed');
  process.exit(1);
});
