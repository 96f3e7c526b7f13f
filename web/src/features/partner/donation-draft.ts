import type { DonationInput, ItemCategory, ItemUnit, StorageClass } from '@anbu/contracts';

import { seoulInstant } from '../../lib/format.js';

/** One item line as the form holds it (text as typed). */
export interface ItemDraft {
  readonly category: ItemCategory;
  readonly description: string;
  readonly quantity: string;
  readonly unit: ItemUnit;
  readonly storageClass: StorageClass;
  readonly expiresOn: string;
}

/** The donation form's state. */
export interface DonationDraft {
  readonly items: readonly ItemDraft[];
  readonly placeName: string;
  readonly address: string;
  readonly districtCode: string;
  readonly pickupDate: string;
  readonly pickupFrom: string;
  readonly pickupTo: string;
  readonly contactPhone: string;
  readonly note: string;
}

/** Why a field is wrong (a key of `partner.errors`). */
export type DraftProblem = 'required' | 'quantity' | 'expired' | 'windowOrder' | 'phone';

/**
 * Problems by field path, the same paths the gateway's field errors use: `items.0.quantity`,
 * `pickup.placeName`, `pickup.window.end`…
 */
export type DraftErrors = Readonly<Record<string, DraftProblem>>;

/** An empty item line. */
export const EMPTY_ITEM: ItemDraft = Object.freeze({
  category: 'instant_food',
  description: '',
  quantity: '',
  unit: 'box',
  storageClass: 'ambient',
  expiresOn: '',
});

const PHONE = /^\+?[0-9][0-9 -]{6,19}$/;

/**
 * Checks the draft as the donations service will (required fields, whole quantities, no expiry
 * before today in Korea, a pickup window that ends after it starts) and builds the input.
 * `locate` gives a district's point (the pickup location the map and planner use).
 */
export function parseDonationDraft(
  draft: DonationDraft,
  {
    today,
    locate,
  }: { today: string; locate: (districtCode: string) => { lat: number; lng: number } | undefined },
): { ok: true; input: DonationInput } | { ok: false; errors: DraftErrors } {
  const errors: Record<string, DraftProblem> = {};
  draft.items.forEach((item, index) => {
    const quantity = item.quantity.trim();
    if (quantity === '') errors[`items.${index}.quantity`] = 'required';
    else if (!/^\d+$/.test(quantity) || Number(quantity) < 1)
      errors[`items.${index}.quantity`] = 'quantity';
    if (item.expiresOn !== '' && item.expiresOn < today)
      errors[`items.${index}.expiresOn`] = 'expired';
  });
  if (draft.placeName.trim() === '') errors['pickup.placeName'] = 'required';
  if (draft.address.trim() === '') errors['pickup.address'] = 'required';
  const location = locate(draft.districtCode);
  if (!location) errors['pickup.location'] = 'required';
  if (draft.pickupDate === '') errors['pickup.window.start'] = 'required';
  if (draft.pickupFrom === '') errors['pickup.window.start'] ??= 'required';
  if (draft.pickupTo === '') errors['pickup.window.end'] = 'required';
  else if (draft.pickupFrom !== '' && draft.pickupTo <= draft.pickupFrom)
    errors['pickup.window.end'] = 'windowOrder';
  const phone = draft.contactPhone.trim();
  if (phone !== '' && !PHONE.test(phone)) errors['pickup.contactPhone'] = 'phone';
  if (Object.keys(errors).length > 0 || !location) return { ok: false, errors };

  const note = draft.note.trim();
  return {
    ok: true,
    input: {
      items: draft.items.map((item) => ({
        category: item.category,
        quantity: Number(item.quantity.trim()),
        unit: item.unit,
        storageClass: item.storageClass,
        ...(item.description.trim() ? { description: item.description.trim() } : {}),
        ...(item.expiresOn ? { expiresOn: item.expiresOn, expiryKind: 'use_by' as const } : {}),
      })),
      pickup: {
        placeName: draft.placeName.trim(),
        address: draft.address.trim(),
        location,
        window: {
          start: seoulInstant(draft.pickupDate, draft.pickupFrom),
          end: seoulInstant(draft.pickupDate, draft.pickupTo),
        },
        ...(phone ? { contactPhone: phone } : {}),
      },
      restrictions: { householdTypes: [], districtCodes: [] },
      ...(note ? { note } : {}),
    },
  };
}
