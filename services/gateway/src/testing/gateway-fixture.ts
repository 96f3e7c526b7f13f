import { createHash } from 'node:crypto';

import type { Bus, Server } from '@anbu/bus';
import type { ServiceName } from '@anbu/contracts';
import type { DbHandle } from '@anbu/db';
import type { TestLogger } from '@anbu/db/testing';
import { handle } from '@anbu/bus';
import { createMemoryBus } from '@anbu/bus/memory';
import { healthRpc, SERVICE_NAMES } from '@anbu/contracts';
import {
  grantMembership,
  listMemberships,
  membershipsForUser,
  revokeMembership,
} from '@anbu/contracts/rpc';
import { createDb, migrateToLatest } from '@anbu/db';
import { createTestLogger } from '@anbu/db/testing';

import type { LoginThrottlePolicy } from '../auth/login-throttle.js';
import type { Membership } from '../auth/memberships.js';
import type { GatewayTables } from '../db/schema.js';
import type { RateLimits } from '../deps.js';
import type { Gateway } from '../gateway.js';
import { createGateway } from '../gateway.js';

/** A signed-in test user: the cookie header to send. */
export interface SignedIn {
  readonly cookie: string;
  readonly userId: string;
}

/** A stable id for a (user, organisation, role) of the fixture's memberships. */
function membershipId(userId: string, link: Membership): string {
  const hex = createHash('sha1')
    .update(`${userId}:${link.organisationId}:${link.role}`)
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The password every fixture user gets. */
export const TEST_PASSWORD = 'correct horse battery';

/**
 * A gateway on in-memory PGlite and the in-process bus, with test doubles of the neighbour
 * services: the five health RPCs and households' memberships RPC (serving {@link memberships}).
 */
export async function createGatewayFixture(
  options: {
    healthy?: readonly ServiceName[];
    loginThrottle?: LoginThrottlePolicy;
    rateLimits?: RateLimits;
    webDistDir?: string;
    now?: () => Date;
    db?: { handle: DbHandle; own: boolean };
    bus?: Bus;
    /** Also serve households' role administration (grant / revoke / list) over the same map. */
    roleAdministration?: boolean;
  } = {},
) {
  const log: TestLogger = createTestLogger();
  const dbHandle = options.db?.handle ?? (await createDb({ dataDir: 'memory://', log }));
  const db = dbHandle.forSchema<GatewayTables>('gateway');
  const bus = options.bus ?? createMemoryBus({ log });
  const memberships = new Map<string, Membership[]>();
  const gateway: Gateway = createGateway({
    db,
    bus,
    log,
    trustProxy: true,
    healthTimeoutMs: 300,
    ...(options.loginThrottle ? { loginThrottle: options.loginThrottle } : {}),
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    ...(options.webDistDir ? { webDistDir: options.webDistDir } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const { error } = await migrateToLatest({
    db,
    schema: gateway.schema,
    migrations: gateway.migrations,
  });
  if (error) throw error;

  const servers: Server[] = [];
  const healthy = options.healthy ?? SERVICE_NAMES;
  servers.push(
    await bus.serve(
      healthy.map((service) =>
        handle(healthRpc[service], () =>
          Promise.resolve({
            service,
            status: 'ok' as const,
            instanceId: `${service}-test`,
            version: 'test',
            uptimeSeconds: 1,
            checks: { db: 'ok' as const },
          }),
        ),
      ),
    ),
    await bus.serve([
      handle(membershipsForUser, ({ userId }) =>
        Promise.resolve({ memberships: memberships.get(userId) ?? [] }),
      ),
    ]),
  );
  if (options.roleAdministration) {
    servers.push(await bus.serve(roleAdministrationStubs(memberships)));
  }
  let ip = 0;
  return {
    gateway,
    app: gateway.app,
    db,
    dbHandle,
    bus,
    log,
    /** Creates a user holding `roles` (as households would answer). */
    async addUser(login: string, roles: readonly Membership[]) {
      const user = await gateway.createUser({ login, displayName: login, password: TEST_PASSWORD });
      memberships.set(user.id, [...roles]);
      return user;
    },
    /** Calls a tRPC procedure over HTTP the way the web client does. */
    async trpc(
      path: string,
      init: {
        input?: unknown;
        cookie?: string;
        mutation?: boolean;
        ip?: string;
        headers?: Record<string, string>;
      } = {},
    ) {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'x-forwarded-for': init.ip ?? `10.0.0.${(ip++ % 250) + 1}`,
        ...(init.cookie ? { cookie: init.cookie } : {}),
        ...init.headers,
      };
      if (init.mutation) {
        return gateway.app.request(`/trpc/${path}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(init.input ?? {}),
        });
      }
      const query =
        init.input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(init.input))}`;
      return gateway.app.request(`/trpc/${path}${query}`, { headers });
    },
    /** Signs in through `auth.login` and returns the session cookie. */
    async signIn(login: string): Promise<SignedIn> {
      const res = await this.trpc('auth.login', {
        mutation: true,
        input: { login, password: TEST_PASSWORD },
      });
      if (res.status !== 200)
        throw new Error(`sign-in of ${login} failed: ${res.status} ${await res.text()}`);
      const setCookie = res.headers.get('set-cookie') ?? '';
      const body = (await res.json()) as { result: { data: { user: { id: string } } } };
      return { cookie: setCookie.split(';')[0] ?? '', userId: body.result.data.user.id };
    },
    async [Symbol.asyncDispose]() {
      await Promise.all(servers.map((server) => server.stop()));
      if (!options.bus) await bus.close();
      if (!options.db || options.db.own) await dbHandle.close();
    },
  };
}

export type GatewayFixture = Awaited<ReturnType<typeof createGatewayFixture>>;

/** Households' role administration, over the fixture's map (its rules are households' tests). */
function roleAdministrationStubs(memberships: Map<string, Membership[]>) {
  return [
    handle(grantMembership, ({ userId, ...link }) => {
      const held = memberships.get(userId) ?? [];
      const same = (m: Membership) =>
        m.role === link.role && m.organisationId === link.organisationId;
      const before = held.find(same);
      const change = !before
        ? ('granted' as const)
        : JSON.stringify(before) === JSON.stringify(link)
          ? ('unchanged' as const)
          : ('changed' as const);
      memberships.set(userId, [...held.filter((m) => !same(m)), link]);
      return Promise.resolve({
        membership: { ...link, id: membershipId(userId, link), userId },
        change,
        ...(change === 'changed' ? { before } : {}),
      });
    }),
    handle(revokeMembership, ({ userId, organisationId, role }) => {
      const held = memberships.get(userId) ?? [];
      const kept = held.filter((m) => m.role !== role || m.organisationId !== organisationId);
      memberships.set(userId, kept);
      return Promise.resolve({ revoked: kept.length < held.length });
    }),
    handle(listMemberships, ({ userIds }) =>
      Promise.resolve({
        memberships: userIds.flatMap((userId) =>
          (memberships.get(userId) ?? []).map((m) => ({
            ...m,
            id: membershipId(userId, m),
            userId,
          })),
        ),
      }),
    ),
  ];
}
