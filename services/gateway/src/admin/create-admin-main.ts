import { parseArgs } from 'node:util';

import { createNatsBus } from '@anbu/bus/nats';
import { createDb, migrateToLatest } from '@anbu/db';
import { createLogger } from '@anbu/service-kit';

import type { GatewayTables } from '../db/schema.js';
import { migrations } from '../db/migrations/index.js';
import { GATEWAY_SCHEMA } from '../db/schema.js';
import { loadCreateAdminEnv } from '../env.js';
import { bootstrapAdmin, BootstrapRefusedError } from './bootstrap-admin.js';

const USAGE = `Creates the first administrator of a distributed deployment (households must be running).

  pnpm --filter @anbu/gateway create-admin --login admin@city --name 관리자 --organisation-name 익산시
  pnpm --filter @anbu/gateway create-admin --login admin@city --name 관리자 --organisation <uuid>

Reads DATABASE_URL and NATS_URL; the password from ANBU_ADMIN_PASSWORD, or generates one and
prints it once. Refuses a login that exists.`;

const log = createLogger({ service: 'gateway-create-admin', level: 'warn' });

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      login: { type: 'string' },
      name: { type: 'string' },
      organisation: { type: 'string' },
      'organisation-name': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const organisation = values.organisation
    ? { id: values.organisation }
    : values['organisation-name']
      ? { name: values['organisation-name'] }
      : undefined;
  if (values.help || !values.login || !values.name || !organisation) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const env = loadCreateAdminEnv();
  if (!env.DATABASE_URL) {
    process.stderr.write(
      'DATABASE_URL is needed (distributed mode; the embedded start seeds its own users)\n',
    );
    return 2;
  }
  const handle = await createDb({ url: env.DATABASE_URL, dataDir: env.ANBU_DATA_DIR, log });
  const db = handle.forSchema<GatewayTables>(GATEWAY_SCHEMA);
  const bus = await createNatsBus({ servers: env.NATS_URL, log, name: 'gateway-create-admin' });
  try {
    const migrated = await migrateToLatest({ db, schema: GATEWAY_SCHEMA, migrations, log });
    if (migrated.error) throw migrated.error;
    const made = await bootstrapAdmin(
      { db, bus },
      {
        login: values.login,
        displayName: values.name,
        password: env.ANBU_ADMIN_PASSWORD,
        organisation,
      },
    );
    process.stdout.write(
      `admin ${values.login} created (user ${made.userId}, organisation ${made.organisationId})\n` +
        (made.generated ? `password (shown once): ${made.password}\n` : ''),
    );
    return 0;
  } catch (error) {
    if (error instanceof BootstrapRefusedError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await bus.close();
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log.fatal({ err }, 'create-admin failed');
    process.exit(1);
  },
);
