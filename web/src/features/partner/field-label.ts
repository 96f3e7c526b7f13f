import type { TFunction } from 'i18next';

import type { koPartner } from '../../i18n/ko/partner.js';

type FieldKey = keyof (typeof koPartner)['fields'];

const PICKUP_FIELDS: Readonly<Record<string, FieldKey>> = {
  'pickup.placeName': 'placeName',
  'pickup.address': 'address',
  'pickup.location': 'district',
  'pickup.window.start': 'pickupFrom',
  'pickup.window.end': 'pickupTo',
  'pickup.contactPhone': 'contactPhone',
  note: 'note',
};

const ITEM_FIELDS: ReadonlySet<string> = new Set<FieldKey>([
  'category',
  'description',
  'quantity',
  'unit',
  'storageClass',
  'expiresOn',
]);

/** The form field a gateway or draft path names, as the partner reads it: "품목 2 수량". */
export function fieldLabel(path: string, t: TFunction): string {
  const item = /^items\.(\d+)\.(\w+)/.exec(path);
  if (item?.[1] !== undefined && item[2] !== undefined && ITEM_FIELDS.has(item[2])) {
    const heading = t('partner.itemHeading', { number: Number(item[1]) + 1 });
    return `${heading} ${t(`partner.fields.${item[2] as FieldKey}`)}`;
  }
  const key = PICKUP_FIELDS[path];
  return key ? t(`partner.fields.${key}`) : path;
}
