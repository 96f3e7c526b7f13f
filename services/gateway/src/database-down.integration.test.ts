import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DbHandle } from '@anbu/db';
import type { PostgresServer } from '@anbu/db/testing';
import type { RunningService } from '@anbu/service-kit';
import { createDb, PostgresBinaryNotFoundError } from '@anbu/db';
import { createTestLogger, hasPostgres, requireBinary, startPostgres } from '@anbu/db/testing';
import { createDonationsService } from '@anbu/donations';
import { startService } from '@anbu/service-kit';

import type { GatewayFixture } from './testing/gateway-fixture.js';
import { createGatewayFixture } from './testing/gateway-fixture.js';
import { RETRY_AFTER_SECONDS } from './trpc/errors.js';

const canRun = requireBinary(
  'PostgreSQL',
  hasPostgres(),
  () => new PostgresBinaryNotFoundError('postgres not found'),
);

const ORG = '00000000-0000-4000-8000-0000000000e1';

/** What a caller must see while a database is down: 503, a reason, and when to retry. */
async function expectUnavailable(res: Response) {
  const text = await res.text();
  expect(res.status, text).toBe(503);
  expect(res.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
  expect(text).toContain('database is unavailable');
  expect(text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|terminat/);
}

// F5 found the gateway answering 500 while PostgreSQL was down: a retryable outage must read as
// 503 with Retry-After, whether the database is the gateway's own or a service's behind NATS RPC.
describe.runIf(canRun)('a database that is down, on real PostgreSQL', () => {
  const log = createTestLogger();
  let gatewayPg: PostgresServer;
  let servicePg: PostgresServer;
  let serviceDb: DbHandle;
  let fx: GatewayFixture;
  let donations: RunningService;
  let cookie = '';
  let apiKey = '';

  beforeAll(async () => {
    [gatewayPg, servicePg] = await Promise.all([startPostgres(), startPostgres()]);
    fx = await createGatewayFixture({
      db: { handle: await createDb({ url: gatewayPg.url, log }), own: true },
    });
    serviceDb = await createDb({ url: servicePg.url, log });
    donations = await startService(createDonationsService(), { db: serviceDb, bus: fx.bus, log });
    await fx.addUser('partner@down', [{ role: 'partner', organisationId: ORG, districtCodes: [] }]);
    cookie = (await fx.signIn('partner@down')).cookie;
    apiKey = (await fx.gateway.createApiKey({ organisationId: ORG, name: 'down test' })).key;
  }, 120_000);

  afterAll(async () => {
    await donations?.stop();
    await serviceDb?.close();
    await fx?.[Symbol.asyncDispose]();
    await Promise.all([gatewayPg?.stop(), servicePg?.stop()]);
  });

  const listOverTrpc = () => fx.trpc('donations.list', { cookie, input: { limit: 5 } });
  const listOverRest = () =>
    fx.app.request('/api/v1/donations?limit=5', { headers: { authorization: `Bearer ${apiKey}` } });

  it('should answer 503 with Retry-After while a service database is down, then recover', async () => {
    expect((await listOverTrpc()).status).toBe(200);
    expect((await listOverRest()).status).toBe(200);

    await servicePg.kill9();
    await expectUnavailable(await listOverTrpc());
    await expectUnavailable(await listOverRest());

    await servicePg.restart();
    await expect.poll(async () => (await listOverTrpc()).status, { timeout: 30_000 }).toBe(200);
    expect((await listOverRest()).status).toBe(200);
  }, 90_000);

  it("should answer 503 with Retry-After while the gateway's own database is down, then recover", async () => {
    await gatewayPg.kill9();
    // Sessions, users (sign-in) and API keys all live in the gateway's database.
    await expectUnavailable(await listOverTrpc());
    await expectUnavailable(
      await fx.trpc('auth.login', {
        mutation: true,
        input: { login: 'partner@down', password: 'correct horse battery' },
      }),
    );
    await expectUnavailable(await listOverRest());
    expect((await fx.app.request('/readyz')).status).toBe(503);

    await gatewayPg.restart();
    await expect.poll(async () => (await listOverTrpc()).status, { timeout: 30_000 }).toBe(200);
    expect((await listOverRest()).status).toBe(200);
  }, 90_000);
});
