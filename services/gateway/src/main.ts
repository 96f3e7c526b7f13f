import { once } from 'node:events';
import { hostname } from 'node:os';
import { serve } from '@hono/node-server';

import { createNatsBus } from '@anbu/bus/nats';
import { createDb, migrateToLatest } from '@anbu/db';
import { createLogger } from '@anbu/service-kit';

import type { GatewayTables } from './db/schema.js';
import { GATEWAY_SCHEMA } from './db/schema.js';
import { loadGatewayEnv } from './env.js';
import { createGateway } from './gateway.js';

/** Expired sessions are deleted this often. */
const SESSION_SWEEP_INTERVAL_MS = 10 * 60_000;

let log = createLogger({ service: 'gateway' });

// Distributed mode: one gateway replica on PostgreSQL and NATS (the embedded runner builds the
// gateway with createGateway itself).
async function main(): Promise<void> {
  const env = loadGatewayEnv();
  const instanceId = env.ANBU_INSTANCE_ID ?? `${hostname()}-${process.pid}`;
  log = createLogger({ service: 'gateway', level: env.LOG_LEVEL, instanceId });
  const handle = await createDb({ url: env.DATABASE_URL, dataDir: env.ANBU_DATA_DIR, log });
  const db = handle.forSchema<GatewayTables>(GATEWAY_SCHEMA);
  const bus = await createNatsBus({
    servers: env.NATS_URL,
    log,
    name: `gateway-${instanceId}`,
    streamReplicas: env.NATS_STREAM_REPLICAS,
  });
  const gateway = createGateway({
    db,
    bus,
    log,
    webDistDir: env.ANBU_WEB_DIST_DIR,
    cookieSecure: env.ANBU_COOKIE_SECURE,
    sessionTtlMs: env.SESSION_TTL_MINUTES * 60_000,
    trustProxy: env.ANBU_TRUST_PROXY,
  });
  const { error } = await migrateToLatest({
    db,
    schema: gateway.schema,
    migrations: gateway.migrations,
    log,
  });
  if (error) throw error;

  const server = serve({ fetch: gateway.app.fetch, port: env.PORT, hostname: env.HOST });
  await once(server, 'listening');
  log.info({ port: env.PORT, host: env.HOST }, 'gateway listening');
  const sweep = setInterval(() => {
    gateway.deleteExpiredSessions().catch((err: unknown) => {
      log.warn({ err }, 'expired-session sweep failed');
    });
  }, SESSION_SWEEP_INTERVAL_MS);
  sweep.unref();

  const signal = await Promise.race([once(process, 'SIGTERM'), once(process, 'SIGINT')]);
  log.info({ signal: String(signal[0] ?? 'signal') }, 'draining');
  const timer = setTimeout(() => {
    log.error({ timeoutMs: env.SHUTDOWN_TIMEOUT_MS }, 'drain timed out; exiting');
    process.exit(1);
  }, env.SHUTDOWN_TIMEOUT_MS);
  timer.unref();
  clearInterval(sweep);
  // Stop accepting connections and let in-flight requests finish, then close the rest.
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await bus.close();
  await handle.close();
  log.info({}, 'stopped');
  process.exit(0);
}

main().catch((err: unknown) => {
  log.fatal({ err }, 'gateway failed');
  process.exit(1);
});
