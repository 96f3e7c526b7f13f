import { once } from 'node:events';
import { hostname } from 'node:os';

import { createNatsBus } from '@anbu/bus/nats';
import { createDb } from '@anbu/db';

import type { ServiceDefinition } from './define-service.js';
import { createLogger } from './create-logger.js';
import { processEnv, readServiceEnv } from './env.js';
import { startService } from './start-service.js';

/**
 * The whole `main.ts` of a service in distributed mode: reads the environment, opens the
 * database and NATS, starts the service, and on SIGTERM/SIGINT drains (in-flight work
 * finishes, the outbox is flushed), closes everything and exits 0. Any start failure is
 * logged as fatal and exits 1.
 * @example
 * // services/households/src/main.ts
 * runStandalone(households);
 */
export function runStandalone<DB>(definition: ServiceDefinition<DB>): void {
  let log = createLogger({ service: definition.name });
  // Listen from the first moment: a SIGTERM during start-up drains once start-up is done.
  const signalled = Promise.race([once(process, 'SIGTERM'), once(process, 'SIGINT')]);
  const main = async () => {
    const env = readServiceEnv(processEnv());
    const instanceId = env.ANBU_INSTANCE_ID ?? `${hostname()}-${process.pid}`;
    log = createLogger({ service: definition.name, level: env.LOG_LEVEL, instanceId });
    const db = await createDb({ url: env.DATABASE_URL, dataDir: env.ANBU_DATA_DIR, log });
    const bus = await createNatsBus({
      servers: env.NATS_URL,
      log,
      name: `${definition.name}-${instanceId}`,
      streamReplicas: env.NATS_STREAM_REPLICAS,
    });
    const running = await startService(definition, { db, bus, log, instanceId });

    const signal = await signalled;
    log.info({ signal: String(signal[0] ?? 'signal') }, 'draining');
    const timer = setTimeout(() => {
      log.error({ timeoutMs: env.SHUTDOWN_TIMEOUT_MS }, 'drain timed out; exiting');
      process.exit(1);
    }, env.SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    await running.stop();
    await bus.close();
    await db.close();
    log.info({}, 'stopped');
    process.exit(0);
  };
  main().catch((err: unknown) => {
    log.fatal({ err }, 'service failed');
    process.exit(1);
  });
}
