import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';

import type { Bus } from '@anbu/bus';
import { SYSTEM_ACTOR } from '@anbu/contracts';
import { importBulk } from '@anbu/contracts/rpc';

import type { GatewayTables } from '../db/schema.js';
import { writeAudit } from '../audit/audit-log.js';
import { createUser, findAdministeredUser } from '../auth/users.js';

/** What the first administrator of a distributed deployment gets. */
export interface BootstrapAdminInput {
  readonly login: string;
  readonly displayName: string;
  /** Generated (and answered once) when not given. */
  readonly password?: string | undefined;
  /** An existing organisation to administer, or the name of the city organisation to create. */
  readonly organisation: { readonly id: string } | { readonly name: string };
}

/** Thrown when the deployment already has this login: bootstrap runs once. */
export class BootstrapRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BootstrapRefusedError';
  }
}

/**
 * Creates the first administrator of a distributed deployment: the login in the gateway, the
 * city organisation if named, the admin role in households, and an audit row. From then on
 * accounts and roles are managed through the `admin.*` procedures. Refuses an existing login.
 * @example
 * const { password } = await bootstrapAdmin({ db, bus }, { login: 'admin@city', displayName: '관리자', organisation: { name: '익산시' } });
 */
export async function bootstrapAdmin(
  deps: { db: Kysely<GatewayTables>; bus: Bus; now?: () => Date },
  input: BootstrapAdminInput,
): Promise<{ userId: string; organisationId: string; password: string; generated: boolean }> {
  if (await findAdministeredUser(deps.db, { login: input.login })) {
    throw new BootstrapRefusedError(`login ${input.login} exists already: nothing changed`);
  }
  const generated = input.password === undefined;
  const password = input.password ?? randomBytes(15).toString('base64url');
  const organisationId = 'id' in input.organisation ? input.organisation.id : randomUUID();
  const userId = randomUUID();

  // Households first: if it refuses (no such organisation, not running), no login is left behind.
  const result = await deps.bus.request(
    importBulk,
    {
      organisations:
        'name' in input.organisation
          ? [{ id: organisationId, name: input.organisation.name, kind: 'city', districtCodes: [] }]
          : [],
      memberships: [{ id: randomUUID(), userId, role: 'admin', organisationId, districtCodes: [] }],
    },
    { actor: SYSTEM_ACTOR, timeoutMs: 10_000 },
  );
  const failure = result.failed[0];
  if (failure) {
    throw new BootstrapRefusedError(`households refused the ${failure.kind}: ${failure.message}`);
  }
  await createUser(deps.db, {
    id: userId,
    login: input.login,
    displayName: input.displayName,
    password,
  });
  await writeAudit(deps.db, {
    actor: SYSTEM_ACTOR,
    ip: 'local',
    action: 'bootstrap.createAdmin',
    subjectType: 'user',
    subjectIds: [userId],
    at: (deps.now ?? (() => new Date()))(),
    detail: `admin @ ${organisationId} for login ${input.login}`,
  });
  return { userId, organisationId, password, generated };
}
