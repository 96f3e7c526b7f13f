import { describe, expect, it } from 'vitest';

import {
  importBulk,
  importDispatchBulk,
  importDonationsBulk,
  MAX_IMPORT_HOUSEHOLDS,
} from '@anbu/contracts/rpc';

import { createDemoCity } from './city.js';
import { seedPayloads } from './seed-payloads.js';

describe('seedPayloads', () => {
  const city = createDemoCity();
  const payloads = seedPayloads(city);

  it('should produce import inputs that the services’ schemas accept', () => {
    for (const batch of payloads.households) {
      const parsed = importBulk.input.safeParse(batch);
      expect(parsed.success ? [] : parsed.error.issues.slice(0, 3)).toEqual([]);
    }
    expect(importDonationsBulk.input.safeParse(payloads.donations).success).toBe(true);
    const dispatch = importDispatchBulk.input.safeParse(payloads.dispatch);
    expect(dispatch.success ? [] : dispatch.error.issues.slice(0, 3)).toEqual([]);
  });

  it('should carry every household, in batches small enough for one message', () => {
    const households = payloads.households.flatMap((batch) => batch.households ?? []);
    expect(households).toHaveLength(city.households.length);
    expect(
      payloads.households.every((b) => (b.households?.length ?? 0) <= MAX_IMPORT_HOUSEHOLDS),
    ).toBe(true);
    expect(payloads.households.every((b) => JSON.stringify(b).length < 900_000)).toBe(true);
  });

  it('should give each demo user a membership for each of their roles', () => {
    const memberships = payloads.households[0]?.memberships ?? [];
    expect(memberships).toHaveLength(city.users.reduce((n, u) => n + u.roles.length, 0));
    const walker = city.users.find((u) => u.login === 'carrier.walker');
    expect(memberships.find((m) => m.userId === walker?.id)?.carrierId).toBe(walker?.carrierId);
  });

  it('should register every district with its welfare office as an organisation', () => {
    const [directory] = payloads.households;
    const offices = new Map(
      (directory?.organisations ?? [])
        .filter((o) => o.kind === 'welfare_office')
        .map((o) => [o.id, o]),
    );
    expect(offices.size).toBe(city.districts.length);
    for (const district of directory?.districts ?? []) {
      expect(offices.get(district.welfareOfficeId ?? '')?.districtCodes).toEqual([district.code]);
    }
  });
});
