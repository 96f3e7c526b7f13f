import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { handle, RpcError, RpcNoRespondersError, RpcRemoteError, RpcTimeoutError } from '@anbu/bus';
import { RPC_ERROR_CODES } from '@anbu/contracts';
import { getDonation, listCarriers } from '@anbu/contracts/rpc';

import type { GatewayFixture, SignedIn } from '../testing/gateway-fixture.js';
import { createGatewayFixture } from '../testing/gateway-fixture.js';
import { fieldIssuesOf, RPC_TO_TRPC_CODE, translateError } from './errors.js';

const EXPECTED_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNPROCESSABLE: 422,
  PRECONDITION_FAILED: 412,
  TOO_MANY_REQUESTS: 429,
  TIMEOUT: 504,
  UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

describe('translateError', () => {
  it('should give every service error code its HTTP status', () => {
    for (const code of RPC_ERROR_CODES) {
      const error = translateError(
        new RpcRemoteError({ subject: 'anbu.rpc.care.alert.get', code, message: 'remote says no' }),
      );
      expect(getHTTPStatusCodeFromError(error), code).toBe(EXPECTED_STATUS[code]);
      if (code !== 'INTERNAL') expect(error.code).toBe(RPC_TO_TRPC_CODE[code]);
    }
  });

  it('should keep a service message without the subject, except for 404 and 500', () => {
    const conflict = translateError(
      new RpcRemoteError({ subject: 'anbu.rpc.x.y', code: 'CONFLICT', message: 'stale version' }),
    );
    expect(conflict.message).toBe('stale version');
    const missing = translateError(
      new RpcRemoteError({ subject: 'anbu.rpc.x.y', code: 'NOT_FOUND', message: 'household 42' }),
    );
    expect(missing.message).toBe('not found');
  });

  it('should carry field issues of a rejected input to the formatter', () => {
    const issues = [{ path: 'items.0.quantity', message: 'too small' }];
    const error = translateError(
      new RpcRemoteError({ subject: 'anbu.rpc.x.y', code: 'BAD_REQUEST', message: 'bad', issues }),
    );
    expect(fieldIssuesOf(error.cause)).toEqual(issues);
  });

  it('should turn timeouts into 504, no responders into 503 and the unknown into 500', () => {
    const timeout = translateError(new RpcTimeoutError({ subject: 'anbu.rpc.x.y', timeoutMs: 5 }));
    expect(getHTTPStatusCodeFromError(timeout)).toBe(504);
    const down = translateError(new RpcNoRespondersError('anbu.rpc.x.y'));
    expect(getHTTPStatusCodeFromError(down)).toBe(503);
    expect(translateError(new Error('connection to 10.0.0.3 refused')).code).toBe(
      'INTERNAL_SERVER_ERROR',
    );
  });
});

describe('service errors over HTTP', () => {
  let fx: GatewayFixture;
  let dispatcher: SignedIn;

  beforeAll(async () => {
    fx = await createGatewayFixture();
    await fx.bus.serve([
      handle(getDonation, () => {
        throw new RpcError('UNPROCESSABLE', 'donation is expired', {
          issues: [{ path: 'items.0.expiresOn', message: 'in the past' }],
        });
      }),
    ]);
    await fx.addUser('dispatcher@errors', [
      {
        role: 'dispatcher',
        organisationId: '00000000-0000-4000-8000-0000000000aa',
        districtCodes: [],
      },
    ]);
    dispatcher = await fx.signIn('dispatcher@errors');
  });
  afterAll(() => fx[Symbol.asyncDispose]());

  it("should pass a service's code, message and field issues to the client", async () => {
    const res = await fx.trpc('donations.get', {
      cookie: dispatcher.cookie,
      input: { donationId: crypto.randomUUID() },
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as {
      error: { message: string; data: { fieldErrors: { path: string }[] } };
    };
    expect(body.error.message).toBe('donation is expired');
    expect(body.error.data.fieldErrors).toEqual([
      { path: 'items.0.expiresOn', message: 'in the past' },
    ]);
  });

  it('should answer 503 when no replica of the service runs', async () => {
    const res = await fx.trpc('dispatch.carriers', { cookie: dispatcher.cookie, input: {} });
    expect(listCarriers.subject).toBe('anbu.rpc.dispatch.carrier.list');
    expect(res.status).toBe(503);
  });
});
