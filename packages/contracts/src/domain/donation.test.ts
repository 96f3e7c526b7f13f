import { describe, expect, it } from 'vitest';

import { seoulDate } from './common.js';
import {
  canTransitionDonation,
  DONATION_STATUSES,
  DONATION_TRANSITIONS,
  donationInputSchema,
} from './donation.js';

function validDonation() {
  return {
    items: [
      {
        category: 'dairy',
        description: '요구르트',
        quantity: 120,
        unit: 'bottle',
        weightKg: 18,
        storageClass: 'chilled',
        expiresOn: '2099-12-31',
        expiryKind: 'use_by',
      },
    ],
    pickup: {
      placeName: 'Iksan Rotary Club',
      address: '전북 익산시 중앙로 1',
      location: { lat: 35.95, lng: 126.96 },
      window: { start: '2026-11-26T09:00:00+09:00', end: '2026-11-26T12:00:00+09:00' },
    },
    restrictions: { householdTypes: ['multi_child'] },
  };
}

describe('donationInputSchema', () => {
  it('should accept a valid donation and default the restrictions', () => {
    const parsed = donationInputSchema.parse(validDonation());
    expect(parsed.items).toHaveLength(1);
    expect(parsed.restrictions.districtCodes).toEqual([]);
  });

  it('should reject a quantity of 0 naming the item', () => {
    const donation = validDonation();
    donation.items[0] = { ...donation.items[0]!, quantity: 0 };
    const result = donationInputSchema.safeParse(donation);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['items.0.quantity']);
  });

  it('should reject an expiry before today (Asia/Seoul) naming the item', () => {
    const yesterday = seoulDate(new Date(Date.now() - 24 * 3600 * 1000));
    const donation = validDonation();
    donation.items.push({ ...donation.items[0]!, expiresOn: yesterday });
    const result = donationInputSchema.safeParse(donation);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['items.1.expiresOn']);
  });

  it('should accept an expiry of today', () => {
    const donation = validDonation();
    donation.items[0] = { ...donation.items[0]!, expiresOn: seoulDate() };
    expect(donationInputSchema.safeParse(donation).success).toBe(true);
  });

  it('should reject a pickup window that ends before it starts', () => {
    const donation = validDonation();
    donation.pickup.window = {
      start: donation.pickup.window.end,
      end: donation.pickup.window.start,
    };
    const result = donationInputSchema.safeParse(donation);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['pickup.window.end']);
  });

  it('should reject an empty donation and an oversized description', () => {
    expect(donationInputSchema.safeParse({ ...validDonation(), items: [] }).success).toBe(false);
    const donation = validDonation();
    donation.items[0] = { ...donation.items[0]!, description: 'x'.repeat(201) };
    const result = donationInputSchema.safeParse(donation);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['items.0.description']);
  });
});

describe('DONATION_TRANSITIONS', () => {
  it('should follow offered → accepted → picked_up → received → allocated → delivered', () => {
    const path = [
      'offered',
      'accepted',
      'picked_up',
      'received',
      'allocated',
      'delivered',
    ] as const;
    for (let i = 1; i < path.length; i++) {
      expect(canTransitionDonation(path[i - 1]!, path[i]!)).toBe(true);
    }
  });

  it('should not leave a terminal status nor skip the pickup', () => {
    for (const terminal of ['rejected', 'delivered', 'expired', 'written_off'] as const) {
      expect(DONATION_TRANSITIONS[terminal]).toEqual([]);
    }
    expect(canTransitionDonation('offered', 'received')).toBe(false);
    expect(canTransitionDonation('accepted', 'delivered')).toBe(false);
  });

  it('should only name known statuses', () => {
    for (const targets of Object.values(DONATION_TRANSITIONS)) {
      for (const target of targets) expect(DONATION_STATUSES).toContain(target);
    }
  });
});
