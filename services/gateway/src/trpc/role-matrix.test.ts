import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Role } from '@anbu/contracts';
import { ROLES } from '@anbu/contracts';

import type { GatewayFixture } from '../testing/gateway-fixture.js';
import type { ProcedurePath } from './access.js';
import { createGatewayFixture } from '../testing/gateway-fixture.js';
import { ACCESS, rolesOf } from './access.js';
import { appRouter } from './root.js';

const ORG = '00000000-0000-4000-8000-0000000000f1';

/**
 * The HTTP status a call answered: a subscription answers 200 with an SSE stream whose first
 * `serialized-error` event carries the status of a refusal (tRPC sends errors inside the stream).
 */
async function statusOf(res: Response): Promise<number> {
  if (!res.headers.get('content-type')?.startsWith('text/event-stream') || !res.body) {
    return res.status;
  }
  const reader: ReadableStreamDefaultReader<Uint8Array> = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const match = /event: serialized-error\ndata: (.*)\n/.exec(text);
      if (match?.[1]) {
        const error = JSON.parse(match[1]) as { data?: { httpStatus?: number } };
        return error.data?.httpStatus ?? 500;
      }
      const { value, done } = await reader.read();
      if (done) return res.status;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel();
  }
}

/** Every protected procedure with whether it is a query or a mutation, read from the router. */
function protectedProcedures(): { path: ProcedurePath; mutation: boolean }[] {
  return (
    Object.entries(appRouter._def.procedures)
      .map(([path, procedure]) => ({
        path: path as ProcedurePath,
        mutation: (procedure as unknown as { _def: { type: string } })._def.type === 'mutation',
      }))
      .filter(({ path }) => 'roles' in ACCESS[path])
      // Signing out ends the session the other calls use: do it last.
      .sort((a, b) => Number(a.path === 'auth.logout') - Number(b.path === 'auth.logout'))
  );
}

describe('role matrix (every protected procedure × every role)', () => {
  let fx: GatewayFixture;
  const cookies = new Map<Role, string>();

  beforeAll(async () => {
    fx = await createGatewayFixture();
    for (const role of ROLES) {
      await fx.addUser(`${role}@matrix`, [
        {
          role,
          organisationId: ORG,
          districtCodes: ['D01'],
          ...(role === 'carrier' ? { carrierId: '00000000-0000-4000-8000-0000000000f2' } : {}),
        },
      ]);
      cookies.set(role, (await fx.signIn(`${role}@matrix`)).cookie);
    }
  });
  afterAll(() => fx[Symbol.asyncDispose]());

  it('should answer 401 to every protected procedure without a session', async () => {
    for (const { path, mutation } of protectedProcedures()) {
      const res = await fx.trpc(path, { mutation, input: {} });
      expect(await statusOf(res), path).toBe(401);
    }
  });

  it('should answer 403 exactly to the roles the access table does not list', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const { path, mutation } of protectedProcedures()) {
      const allowed = rolesOf(path);
      for (const role of ROLES) {
        // Guards run before input parsing, so an empty input tells allow from deny.
        const res = await fx.trpc(path, { mutation, input: {}, cookie: cookies.get(role) ?? '' });
        const status = await statusOf(res);
        const denied = status === 403;
        checked++;
        if (denied === allowed.includes(role) || status === 401) {
          mismatches.push(`${path} as ${role}: ${status}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe(protectedProcedures().length * ROLES.length);
  });
});
