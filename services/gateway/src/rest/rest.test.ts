import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Actor, Donation } from '@anbu/contracts';
import { handle, RpcError } from '@anbu/bus';
import { getDonation, listDonations, postDonation } from '@anbu/contracts/rpc';

import type { GatewayFixture } from '../testing/gateway-fixture.js';
import { revokeApiKey } from '../auth/api-keys.js';
import { createGatewayFixture } from '../testing/gateway-fixture.js';
import { OUT_OF_SCOPE_MESSAGE } from '../trpc/object-scope.js';
import { REST_ROUTES } from './routes.js';

const ORG = '00000000-0000-4000-8000-0000000000a1';
const OTHER_ORG = '00000000-0000-4000-8000-0000000000a2';

const donationInput = {
  items: [{ category: 'side_dishes', quantity: 40, unit: 'box', storageClass: 'chilled' }],
  pickup: {
    placeName: 'Iksan Rotary hall',
    address: '익산시 중앙로 1',
    location: { lat: 35.95, lng: 126.96 },
    window: { start: '2099-11-26T09:00:00+09:00', end: '2099-11-26T12:00:00+09:00' },
  },
};

/** A donations double that stores what it is given and records who asked. */
function donationsDouble() {
  const stored = new Map<string, Donation>();
  const keys = new Map<string, string>();
  const calls: { method: string; actor: Actor; idempotencyKey: string | undefined }[] = [];
  const routes = [
    handle(postDonation, (input, { actor, idempotencyKey }) => {
      calls.push({ method: 'post', actor, idempotencyKey });
      const known = idempotencyKey ? keys.get(idempotencyKey) : undefined;
      if (known) return Promise.resolve(stored.get(known)!);
      const now = new Date().toISOString();
      const donation: Donation = {
        ...input,
        id: crypto.randomUUID(),
        organisationId: actor.organisationId ?? '',
        status: 'offered',
        history: [{ status: 'offered', at: now, by: { kind: actor.kind, id: actor.id } }],
        createdAt: now,
        updatedAt: now,
      };
      stored.set(donation.id, donation);
      if (idempotencyKey) keys.set(idempotencyKey, donation.id);
      return Promise.resolve(donation);
    }),
    handle(getDonation, ({ donationId }) => {
      const donation = stored.get(donationId);
      if (!donation) throw new RpcError('NOT_FOUND', 'no such donation');
      return Promise.resolve(donation);
    }),
    handle(listDonations, (input, { actor }) => {
      calls.push({ method: 'list', actor, idempotencyKey: undefined });
      const items = [...stored.values()].filter((d) => d.organisationId === input.organisationId);
      return Promise.resolve({ items });
    }),
  ];
  return { stored, calls, routes };
}

describe('partner REST API', () => {
  let fx: GatewayFixture;
  let key: string;
  let otherKey: string;
  const donations = donationsDouble();

  beforeAll(async () => {
    fx = await createGatewayFixture();
    await fx.bus.serve(donations.routes);
    key = (await fx.gateway.createApiKey({ organisationId: ORG, name: 'Rotary ERP' })).key;
    otherKey = (await fx.gateway.createApiKey({ organisationId: OTHER_ORG, name: 'Other' })).key;
  });
  afterAll(() => fx[Symbol.asyncDispose]());

  const post = (body: unknown, headers: Record<string, string>) =>
    fx.app.request('/api/v1/donations', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('should answer 401 without an API key, with a malformed one and with a revoked one', async () => {
    expect((await fx.app.request('/api/v1/me')).status).toBe(401);
    const bad = await fx.app.request('/api/v1/me', {
      headers: { authorization: 'Bearer anbu_nope' },
    });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toContain('Bearer');

    const revoked = await fx.gateway.createApiKey({ organisationId: ORG, name: 'old' });
    await revokeApiKey(fx.db, { id: revoked.id, now: new Date() });
    const res = await fx.app.request('/api/v1/me', { headers: { 'x-api-key': revoked.key } });
    expect(res.status).toBe(401);
  });

  it('should tell a key its organisation and show only the prefix of the key', async () => {
    const res = await fx.app.request('/api/v1/me', { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { organisationId: string; apiKey: { prefix: string } };
    expect(body.organisationId).toBe(ORG);
    expect(key.startsWith(`${body.apiKey.prefix}_`)).toBe(true);
    expect(JSON.stringify(body)).not.toContain(key);
    const rows = await fx.db.selectFrom('api_keys').select('key_hash').execute();
    expect(rows.map((r) => r.key_hash)).not.toContain(key);
  });

  it('should answer 400 to a mutation without an Idempotency-Key, before any effect', async () => {
    const before = donations.stored.size;
    const res = await post(donationInput, { authorization: `Bearer ${key}` });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { fieldErrors: { path: string }[] } };
    expect(body.error.fieldErrors[0]?.path).toBe('headers.idempotency-key');
    expect(donations.stored.size).toBe(before);
  });

  it('should post a donation once for one Idempotency-Key, as the key organisation', async () => {
    const headers = { authorization: `Bearer ${key}`, 'idempotency-key': 'order-2026-11-25-0001' };
    const first = await post(donationInput, headers);
    expect(first.status).toBe(201);
    const again = await post(donationInput, headers);
    expect(again.status).toBe(201);
    const a = (await first.json()) as Donation;
    const b = (await again.json()) as Donation;
    expect(b.id).toBe(a.id);
    expect(a.organisationId).toBe(ORG);
    const call = donations.calls.find((c) => c.method === 'post');
    expect(call?.actor).toMatchObject({ kind: 'api_key', role: 'partner', organisationId: ORG });
    // Scoped to the key, so another partner's identical key cannot collide.
    expect(call?.idempotencyKey).toMatch(/^api_key:[0-9a-f-]{36}:order-2026-11-25-0001$/);
  });

  it('should answer 400 naming the bad field of a malformed donation', async () => {
    const res = await post(
      { ...donationInput, items: [{ ...donationInput.items[0], quantity: -3 }] },
      { authorization: `Bearer ${key}`, 'idempotency-key': 'order-bad-0001' },
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { fieldErrors: { path: string }[] } };
    expect(body.error.fieldErrors.map((f) => f.path)).toContain('body.items.0.quantity');
  });

  it("should show a partner only its own organisation's donations", async () => {
    const mine = (await (
      await post(donationInput, {
        authorization: `Bearer ${key}`,
        'idempotency-key': 'order-mine-01',
      })
    ).json()) as Donation;

    const list = await fx.app.request('/api/v1/donations?limit=10', {
      headers: { authorization: `Bearer ${otherKey}` },
    });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { items: unknown[] }).items).toEqual([]);

    const foreign = await fx.app.request(`/api/v1/donations/${mine.id}`, {
      headers: { authorization: `Bearer ${otherKey}` },
    });
    const missing = await fx.app.request(`/api/v1/donations/${crypto.randomUUID()}`, {
      headers: { authorization: `Bearer ${otherKey}` },
    });
    // The same answer for "not yours" and "does not exist": 403, byte for byte.
    expect(foreign.status).toBe(403);
    expect(missing.status).toBe(403);
    const [foreignBody, missingBody] = [await foreign.text(), await missing.text()];
    expect(foreignBody).toBe(missingBody);
    expect(JSON.parse(foreignBody)).toEqual({
      error: { code: 'FORBIDDEN', message: OUT_OF_SCOPE_MESSAGE },
    });

    const own = await fx.app.request(`/api/v1/donations/${mine.id}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(own.status).toBe(200);
  });

  it('should answer an unknown API path with a JSON 404, not the web app', async () => {
    for (const path of ['/api/v1/nope', '/api/v2/donations', '/api']) {
      const res = await fx.app.request(path, { headers: { authorization: `Bearer ${key}` } });
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toContain('application/json');
    }
  });

  it('should answer 400 to a bad query parameter', async () => {
    const res = await fx.app.request('/api/v1/donations?limit=100000', {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { fieldErrors: { path: string }[] } };
    expect(body.error.fieldErrors[0]?.path).toBe('query.limit');
  });

  it('should serve an OpenAPI document describing every route, without a key', async () => {
    const res = await fx.app.request('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { parameters: { name: string; required: boolean }[]; requestBody?: unknown }>
      >;
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const spec of Object.values(REST_ROUTES)) {
      expect(doc.paths[spec.path]?.[spec.method], `${spec.method} ${spec.path}`).toBeDefined();
    }
    const postOp = doc.paths['/donations']?.['post'];
    expect(postOp?.requestBody).toBeDefined();
    expect(postOp?.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', required: true }),
    );
  });

  it('should link a created donation to the routes that take its id (stateful testing)', async () => {
    const doc = (await (await fx.app.request('/api/v1/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<
          string,
          {
            operationId?: string;
            responses: Record<string, { links?: Record<string, { operationId: string }> }>;
          }
        >
      >;
    };
    const operationIds = new Set(
      Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId)),
    );
    const links = doc.paths['/donations']?.['post']?.responses['201']?.links ?? {};
    expect(Object.values(links)).toEqual([
      { operationId: 'getDonation', parameters: { id: '$response.body#/id' } },
      { operationId: 'bookPickup', parameters: { id: '$response.body#/id' } },
    ]);
    // Every link leads to an operation of the document, each id routes' own.
    for (const link of Object.values(links)) expect(operationIds.has(link.operationId)).toBe(true);
    expect(doc.paths['/donations/{id}']?.['get']?.operationId).toBe('getDonation');
    expect(doc.paths['/donations/{id}/pickup']?.['post']?.operationId).toBe('bookPickup');
  });

  it('should register no route that the OpenAPI document does not describe', () => {
    const api = fx.app.routes
      .filter((r) => r.path.startsWith('/api/v1/') && r.method !== 'ALL')
      .map(
        (r) =>
          `${r.method.toLowerCase()} ${r.path.replace('/api/v1', '').replace(/:(\w+)/g, '{$1}')}`,
      );
    const described = Object.values(REST_ROUTES).map((s) => `${s.method} ${s.path}`);
    expect(new Set(api)).toEqual(new Set([...described, 'get /openapi.json']));
  });
});

describe('API keys through tRPC', () => {
  let fx: GatewayFixture;

  beforeAll(async () => {
    fx = await createGatewayFixture();
    await fx.addUser('partner@keys', [{ role: 'partner', organisationId: ORG, districtCodes: [] }]);
    await fx.addUser('other@keys', [
      { role: 'partner', organisationId: OTHER_ORG, districtCodes: [] },
    ]);
  });
  afterAll(() => fx[Symbol.asyncDispose]());

  it('should let a partner issue a working key for its own organisation and revoke it', async () => {
    const { cookie } = await fx.signIn('partner@keys');
    const created = await fx.trpc('apiKeys.create', {
      mutation: true,
      cookie,
      // A partner cannot pick another organisation: its own is used.
      input: { name: 'ERP', organisationId: OTHER_ORG },
    });
    expect(created.status).toBe(200);
    const key = ((await created.json()) as { result: { data: { id: string; key: string } } }).result
      .data;
    const me = await fx.app.request('/api/v1/me', {
      headers: { authorization: `Bearer ${key.key}` },
    });
    expect(((await me.json()) as { organisationId: string }).organisationId).toBe(ORG);

    const listed = await fx.trpc('apiKeys.list', { cookie, input: {} });
    const items = ((await listed.json()) as { result: { data: { id: string; prefix: string }[] } })
      .result.data;
    expect(items.map((i) => i.id)).toEqual([key.id]);
    expect(JSON.stringify(items)).not.toContain(key.key);

    const other = await fx.signIn('other@keys');
    const foreign = await fx.trpc('apiKeys.revoke', {
      mutation: true,
      cookie: other.cookie,
      input: { id: key.id },
    });
    expect(foreign.status).toBe(404);

    const revoked = await fx.trpc('apiKeys.revoke', {
      mutation: true,
      cookie,
      input: { id: key.id },
    });
    expect(revoked.status).toBe(200);
    const after = await fx.app.request('/api/v1/me', {
      headers: { authorization: `Bearer ${key.key}` },
    });
    expect(after.status).toBe(401);
  });
});
