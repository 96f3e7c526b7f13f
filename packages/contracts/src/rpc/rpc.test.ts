import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { rpcRequestSchema } from '../core/rpc.js';
import {
  ALL_RPCS,
  ingestSignal,
  listHouseholds,
  postDonation,
  registerHousehold,
  resolveAlert,
  updateHousehold,
  updateStop,
} from './index.js';

const pathsOf = (result: { error?: z.ZodError | undefined }) =>
  result.error?.issues.map((issue) => issue.path.join('.')).sort() ?? [];

const household = {
  name: '이영희',
  districtCode: '4514069000',
  type: 'child_headed',
  riskLevel: 'medium',
  memberCount: 3,
  address: { road: '전북 익산시 무왕로 5' },
  location: { lat: 35.94, lng: 126.95 },
  contact: { name: '이영희', phone: '010-2222-3333' },
};

describe('rpc schemas', () => {
  it('should give every RPC object-shaped input and output (for tRPC and REST validators)', () => {
    for (const rpc of ALL_RPCS) {
      expect(rpc.input, rpc.subject).toBeInstanceOf(z.ZodObject);
      expect(rpc.output, rpc.subject).toBeInstanceOf(z.ZodObject);
    }
  });

  it('should mark reads as queries and state changes as mutations', () => {
    const kindOf = (method: string) =>
      ALL_RPCS.filter((rpc) => rpc.method === method).map((rpc) => rpc.kind);
    for (const rpc of ALL_RPCS) {
      if (/\.(get|list)$|^health$/.test(rpc.method)) expect(rpc.kind, rpc.subject).toBe('query');
    }
    expect(kindOf('donation.post')).toEqual(['mutation']);
    expect(kindOf('import.bulk')).toEqual(['mutation', 'mutation', 'mutation']);
    expect(kindOf('household.register')).toEqual(['mutation']);
    expect(kindOf('stop.update')).toEqual(['mutation']);
  });

  it('should register a valid household and reject an oversized name', () => {
    expect(registerHousehold.input.parse(household).dietaryTags).toEqual([]);
    const result = registerHousehold.input.safeParse({ ...household, name: '가'.repeat(101) });
    expect(pathsOf(result)).toEqual(['name']);
  });

  it('should name every invalid field of an update', () => {
    const result = updateHousehold.input.safeParse({
      householdId: crypto.randomUUID(),
      expectedVersion: 0,
      changes: { memberCount: 0, location: { lat: 35.9, lng: 200 } },
    });
    expect(pathsOf(result)).toEqual([
      'changes.location.lng',
      'changes.memberCount',
      'expectedVersion',
    ]);
  });

  it('should cap page sizes and require the districts to list', () => {
    expect(pathsOf(listHouseholds.input.safeParse({ districtCodes: ['1'], limit: 1000 }))).toEqual([
      'limit',
    ]);
    expect(pathsOf(listHouseholds.input.safeParse({ districtCodes: [] }))).toEqual([
      'districtCodes',
    ]);
  });

  it('should accept exactly positive integer quantities up to a million in a donation', () => {
    const base = postDonation.input.parse({
      items: [{ category: 'bedding', quantity: 1, unit: 'piece', storageClass: 'ambient' }],
      pickup: {
        placeName: '교회',
        address: '익산시 1',
        location: { lat: 35.9, lng: 126.9 },
        window: { start: '2030-01-01T09:00:00+09:00', end: '2030-01-01T10:00:00+09:00' },
      },
    });
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.double()), (quantity) => {
        const items = [{ ...base.items[0], quantity }];
        const ok = postDonation.input.safeParse({ ...base, items }).success;
        expect(ok).toBe(Number.isInteger(quantity) && quantity >= 1 && quantity <= 1_000_000);
      }),
    );
  });

  it('should reject a follow-up need of quantity 0 when resolving an alert', () => {
    const result = resolveAlert.input.safeParse({
      alertId: crypto.randomUUID(),
      resolution: 'visited',
      followUp: { category: 'heating', quantity: 0, unit: 'piece', deadline: '2026-12-01' },
    });
    expect(pathsOf(result)).toEqual(['followUp.quantity']);
  });

  it('should reject an unknown signal kind and a stop update back to planned', () => {
    const signal = {
      householdId: crypto.randomUUID(),
      source: 'smart_plug',
      kind: 'no_power_change',
      observedAt: '2026-11-25T03:00:00+09:00',
    };
    expect(ingestSignal.input.safeParse(signal).success).toBe(true);
    expect(pathsOf(ingestSignal.input.safeParse({ ...signal, kind: 'bored' }))).toEqual(['kind']);
    const update = { stopId: crypto.randomUUID(), status: 'planned', at: signal.observedAt };
    expect(pathsOf(updateStop.input.safeParse(update))).toEqual(['status']);
  });
});

describe('rpcRequestSchema', () => {
  it('should round-trip a request with an idempotency key through JSON', () => {
    const request = {
      input: household,
      actor: {
        kind: 'user',
        id: crypto.randomUUID(),
        role: 'caseworker',
        districtCodes: ['4514069000'],
      },
      idempotencyKey: 'a1b2c3d4-household-register',
    };
    const parsed = rpcRequestSchema.parse(JSON.parse(JSON.stringify(request)));
    expect(parsed).toEqual(request);
    expect(registerHousehold.input.parse(parsed.input).name).toBe('이영희');
  });
});
