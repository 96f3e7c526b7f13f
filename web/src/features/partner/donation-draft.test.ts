import { describe, expect, it } from 'vitest';

import type { DonationDraft } from './donation-draft.js';
import { EMPTY_ITEM, parseDonationDraft } from './donation-draft.js';

const draft: DonationDraft = {
  items: [{ ...EMPTY_ITEM, quantity: '40', expiresOn: '2026-12-31', description: '컵라면' }],
  placeName: '익산 로타리클럽',
  address: '익산시 중앙로 1',
  districtCode: 'D1',
  pickupDate: '2026-11-27',
  pickupFrom: '10:00',
  pickupTo: '12:00',
  contactPhone: '',
  note: '',
};
const options = {
  today: '2026-11-25',
  locate: (code: string) => (code === 'D1' ? { lat: 35.95, lng: 126.95 } : undefined),
};

describe('parseDonationDraft', () => {
  it('should build the donations input from a good draft', () => {
    const result = parseDonationDraft(draft, options);
    expect(result).toEqual({
      ok: true,
      input: {
        items: [
          {
            category: 'instant_food',
            description: '컵라면',
            quantity: 40,
            unit: 'box',
            storageClass: 'ambient',
            expiresOn: '2026-12-31',
            expiryKind: 'use_by',
          },
        ],
        pickup: {
          placeName: '익산 로타리클럽',
          address: '익산시 중앙로 1',
          location: { lat: 35.95, lng: 126.95 },
          window: { start: '2026-11-27T10:00:00+09:00', end: '2026-11-27T12:00:00+09:00' },
        },
        restrictions: { householdTypes: [], districtCodes: [] },
      },
    });
  });

  it('should name every bad field by the path the gateway uses', () => {
    const result = parseDonationDraft(
      {
        ...draft,
        items: [
          draft.items[0] ?? EMPTY_ITEM,
          { ...EMPTY_ITEM, quantity: '2.5', expiresOn: '2026-11-24' },
        ],
        placeName: ' ',
        districtCode: '',
        pickupTo: '09:00',
        contactPhone: 'call me',
      },
      options,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        'items.1.quantity': 'quantity',
        'items.1.expiresOn': 'expired',
        'pickup.placeName': 'required',
        'pickup.location': 'required',
        'pickup.window.end': 'windowOrder',
        'pickup.contactPhone': 'phone',
      },
    });
  });
});
