import { describe, expect, it } from 'vitest';

import { ALL_EVENTS, donationPickedUp, needCreated, stopUpdated } from './index.js';

const envelopeOf = <T>(type: string, data: T) => ({
  id: crypto.randomUUID(),
  type,
  version: 1,
  occurredAt: '2026-11-25T09:00:00+09:00',
  correlationId: 'req-1',
  data,
});

describe('event definitions', () => {
  it('should have one definition per type', () => {
    const types = ALL_EVENTS.map((event) => event.type);
    expect(new Set(types).size).toBe(types.length);
  });

  it('should round-trip a need.created envelope through JSON', () => {
    const envelope = envelopeOf(needCreated.type, {
      needId: crypto.randomUUID(),
      householdId: crypto.randomUUID(),
      districtCode: '4514069000',
      source: 'cycle',
      cycleKey: '2026-W48',
      category: 'meal_box',
      quantity: 1,
      unit: 'box',
      deadline: '2026-11-27',
      priority: 10,
    });
    const parsed = needCreated.envelope.parse(JSON.parse(JSON.stringify(envelope)));
    expect(parsed).toEqual(envelope);
  });

  it('should reject an envelope of another type or version', () => {
    const data = {
      donationId: crypto.randomUUID(),
      organisationId: crypto.randomUUID(),
      at: '2026-11-25T09:00:00+09:00',
      by: { kind: 'user', id: crypto.randomUUID() },
    };
    expect(
      donationPickedUp.envelope.safeParse(envelopeOf(donationPickedUp.type, data)).success,
    ).toBe(true);
    expect(
      donationPickedUp.envelope.safeParse(envelopeOf('donations.donation.accepted', data)).success,
    ).toBe(false);
    const v2 = { ...envelopeOf(donationPickedUp.type, data), version: 2 };
    expect(donationPickedUp.envelope.safeParse(v2).success).toBe(false);
  });

  it('should name the invalid data field', () => {
    const result = stopUpdated.envelope.safeParse(
      envelopeOf(stopUpdated.type, {
        stopId: crypto.randomUUID(),
        routeId: crypto.randomUUID(),
        orderId: crypto.randomUUID(),
        kind: 'delivery',
        carrierId: crypto.randomUUID(),
        status: 'teleported',
        at: '2026-11-25T09:00:00+09:00',
        returnedToPool: false,
      }),
    );
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['data.status']);
  });

  it('should carry no names, addresses, phones or free notes in event data', () => {
    const forbidden =
      /^(name|address|contact|phone|location|note|accessNotes|careNotes|dietaryNotes)$/;
    for (const event of ALL_EVENTS) {
      const keys = Object.keys((event.data as unknown as { shape: Record<string, unknown> }).shape);
      expect(
        keys.filter((key) => forbidden.test(key)),
        event.type,
      ).toEqual([]);
    }
  });
});
