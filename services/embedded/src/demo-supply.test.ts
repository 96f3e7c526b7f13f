import { describe, expect, it } from 'vitest';

import { donationInputSchema } from '@anbu/contracts';
import { createDemoCity, DEFAULT_DEMO_SEED } from '@anbu/demo-city';

import { buildDemoDay } from './demo-day.js';
import {
  DEMO_SUPPLY_HOUSEHOLDS,
  demoPartnerActor,
  demoSupplyDonation,
  demoSupplyHouseholds,
} from './demo-supply.js';

describe('the demo supply of a day', () => {
  const city = createDemoCity({ seed: DEFAULT_DEMO_SEED });
  const date = '2026-11-26';

  it("should pick consenting households of the day's delivery group, one per 읍면동", () => {
    const households = demoSupplyHouseholds(city, date);
    expect(households).toHaveLength(DEMO_SUPPLY_HOUSEHOLDS);
    expect(new Set(households.map((h) => h.districtCode)).size).toBe(households.length);
    const ofTheDay = new Set(
      buildDemoDay(city, { date, now: '2026-11-25T00:00:00Z' }).orders.map((o) => o.householdId),
    );
    for (const household of households) {
      expect(household.consent).not.toBeNull();
      expect(ofTheDay.has(household.id)).toBe(true);
    }
    expect(demoSupplyHouseholds(city, date)).toEqual(households);
  });

  it('should post as the demo partner user for its organisation a donation that validates', () => {
    const actor = demoPartnerActor(city);
    const partner = city.users.find((u) => u.id === actor.id);
    expect(partner?.roles).toContain('partner');
    expect(actor).toMatchObject({ role: 'partner', organisationId: partner?.organisationId });
    // A day in the future, so that the expiry check against today's date holds.
    const donation = demoSupplyDonation(city, '2099-01-01', 20);
    const parsed = donationInputSchema.safeParse(donation);
    expect(parsed.success).toBe(true);
    expect(donation.items[0]).toMatchObject({ category: 'rice_grain', quantity: 20 });
  });
});
