import type { FormEvent, ReactNode } from 'react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { ItemCategory, ItemUnit, StorageClass } from '@anbu/contracts';

import type { DistrictShape } from '../../map/city-geography.js';
import type { DonationDraft, DraftProblem, ItemDraft } from './donation-draft.js';
import { ko } from '../../i18n/ko.js';
import { koPartner } from '../../i18n/ko/partner.js';
import { readFieldErrors } from '../../lib/field-errors.js';
import { seoulDay } from '../../lib/format.js';
import { EMPTY_ITEM, parseDonationDraft } from './donation-draft.js';
import { fieldLabel } from './field-label.js';
import { usePostDonation } from './use-donations.js';

const CATEGORIES = Object.keys(ko.items.categories) as ItemCategory[];
const UNITS = Object.keys(ko.items.units) as ItemUnit[];
const STORAGE = Object.keys(koPartner.storage) as StorageClass[];

const emptyDraft = (now: Date): DonationDraft => ({
  items: [EMPTY_ITEM],
  placeName: '',
  address: '',
  districtCode: '',
  pickupDate: seoulDay(now.getTime() + 86_400_000),
  pickupFrom: '10:00',
  pickupTo: '12:00',
  contactPhone: '',
  note: '',
});

/**
 * Posting a donation: item lines, the pickup place and window. Checked before sending; every
 * problem (ours or the gateway's) names its field, in a summary and under the field itself.
 */
export function DonationForm({ districts }: { districts: readonly DistrictShape[] }) {
  const { t } = useTranslation();
  const id = useId();
  const post = usePostDonation();
  const [draft, setDraft] = useState<DonationDraft>(() => emptyDraft(new Date()));
  const [problems, setProblems] = useState<Readonly<Record<string, DraftProblem>>>({});
  const serverErrors = readFieldErrors(post.error);
  const messages: Record<string, string> = {};
  for (const path of Object.keys(serverErrors)) {
    messages[path] = t('partner.errors.server', { field: fieldLabel(path, t) });
  }
  for (const [path, problem] of Object.entries(problems)) {
    messages[path] = t(`partner.errors.${problem}`, { field: fieldLabel(path, t) });
  }
  const paths = Object.keys(messages);

  const setItem = (index: number, change: Partial<ItemDraft>) =>
    setDraft({
      ...draft,
      items: draft.items.map((item, i) => (i === index ? { ...item, ...change } : item)),
    });

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const byCode = new Map(districts.map((d) => [d.code, d.labelAt]));
    const parsed = parseDonationDraft(draft, {
      today: seoulDay(),
      locate: (code) => {
        const point = byCode.get(code);
        return point ? { lat: point[0], lng: point[1] } : undefined;
      },
    });
    if (!parsed.ok) {
      setProblems(parsed.errors);
      return;
    }
    setProblems({});
    post.mutate(parsed.input, { onSuccess: () => setDraft(emptyDraft(new Date())) });
  };

  /** A labelled control with its error; `path` is the field's gateway path. */
  const field = (
    path: string,
    label: string,
    control: (props: { id: string; invalid: boolean; describedBy?: string }) => ReactNode,
  ) => {
    const controlId = `${id}-${path.replaceAll('.', '-')}`;
    const message = messages[path];
    return (
      <div className="field">
        <label className="field__label" htmlFor={controlId}>
          {label}
        </label>
        {control({
          id: controlId,
          invalid: message !== undefined,
          ...(message ? { describedBy: `${controlId}-error` } : {}),
        })}
        {message && (
          <span id={`${controlId}-error`} className="field__error">
            {message}
          </span>
        )}
      </div>
    );
  };

  return (
    <form
      className="donation-form stack"
      onSubmit={handleSubmit}
      noValidate
      aria-busy={post.isPending}
    >
      {paths.length > 0 && (
        <div className="alert alert--error" role="alert">
          {t('partner.errorSummary', {
            fields: paths.map((path) => fieldLabel(path, t)).join(', '),
          })}
        </div>
      )}
      {post.isSuccess && paths.length === 0 && (
        <p className="notice notice--ok" role="status">
          {t('partner.posted')}
        </p>
      )}
      {post.isError && Object.keys(serverErrors).length === 0 && (
        <p className="alert alert--error" role="alert">
          {t('partner.postFailed')}
        </p>
      )}
      {draft.items.map((item, index) => (
        <fieldset key={index} className="fieldset">
          <legend className="field__label">
            {t('partner.itemHeading', { number: index + 1 })}
          </legend>
          <div className="form-grid">
            {field(`items.${index}.category`, t('partner.fields.category'), (p) => (
              <select
                id={p.id}
                className="field__input"
                value={item.category}
                onChange={(e) => setItem(index, { category: e.target.value as ItemCategory })}
              >
                {CATEGORIES.map((value) => (
                  <option key={value} value={value}>
                    {t(`items.categories.${value}`)}
                  </option>
                ))}
              </select>
            ))}
            {field(`items.${index}.description`, t('partner.fields.description'), (p) => (
              <input
                id={p.id}
                className="field__input"
                maxLength={200}
                value={item.description}
                onChange={(e) => setItem(index, { description: e.target.value })}
              />
            ))}
            {field(`items.${index}.quantity`, t('partner.fields.quantity'), (p) => (
              <input
                id={p.id}
                className="field__input"
                inputMode="numeric"
                value={item.quantity}
                aria-invalid={p.invalid}
                aria-describedby={p.describedBy}
                onChange={(e) => setItem(index, { quantity: e.target.value })}
              />
            ))}
            {field(`items.${index}.unit`, t('partner.fields.unit'), (p) => (
              <select
                id={p.id}
                className="field__input"
                value={item.unit}
                onChange={(e) => setItem(index, { unit: e.target.value as ItemUnit })}
              >
                {UNITS.map((value) => (
                  <option key={value} value={value}>
                    {t(`items.units.${value}`)}
                  </option>
                ))}
              </select>
            ))}
            {field(`items.${index}.storageClass`, t('partner.fields.storageClass'), (p) => (
              <select
                id={p.id}
                className="field__input"
                value={item.storageClass}
                onChange={(e) => setItem(index, { storageClass: e.target.value as StorageClass })}
              >
                {STORAGE.map((value) => (
                  <option key={value} value={value}>
                    {t(`partner.storage.${value}`)}
                  </option>
                ))}
              </select>
            ))}
            {field(`items.${index}.expiresOn`, t('partner.fields.expiresOn'), (p) => (
              <input
                id={p.id}
                type="date"
                className="field__input"
                value={item.expiresOn}
                aria-invalid={p.invalid}
                aria-describedby={p.describedBy}
                onChange={(e) => setItem(index, { expiresOn: e.target.value })}
              />
            ))}
          </div>
          {draft.items.length > 1 && (
            <button
              type="button"
              className="button button--quiet"
              onClick={() =>
                setDraft({ ...draft, items: draft.items.filter((_, i) => i !== index) })
              }
            >
              {t('partner.removeItem')}
            </button>
          )}
        </fieldset>
      ))}
      <button
        type="button"
        className="button"
        onClick={() => setDraft({ ...draft, items: [...draft.items, EMPTY_ITEM] })}
      >
        + {t('partner.addItem')}
      </button>
      <fieldset className="fieldset">
        <legend className="field__label">{t('partner.pickupHeading')}</legend>
        <div className="form-grid">
          {field('pickup.placeName', t('partner.fields.placeName'), (p) => (
            <input
              id={p.id}
              className="field__input"
              value={draft.placeName}
              aria-invalid={p.invalid}
              aria-describedby={p.describedBy}
              onChange={(e) => setDraft({ ...draft, placeName: e.target.value })}
            />
          ))}
          {field('pickup.address', t('partner.fields.address'), (p) => (
            <input
              id={p.id}
              className="field__input"
              value={draft.address}
              aria-invalid={p.invalid}
              aria-describedby={p.describedBy}
              onChange={(e) => setDraft({ ...draft, address: e.target.value })}
            />
          ))}
          {field('pickup.location', t('partner.fields.district'), (p) => (
            <select
              id={p.id}
              className="field__input"
              value={draft.districtCode}
              aria-invalid={p.invalid}
              aria-describedby={p.describedBy}
              onChange={(e) => setDraft({ ...draft, districtCode: e.target.value })}
            >
              <option value="">—</option>
              {districts.map((district) => (
                <option key={district.code} value={district.code}>
                  {district.name}
                </option>
              ))}
            </select>
          ))}
          {field('pickup.window.date', t('partner.fields.pickupDate'), (p) => (
            <input
              id={p.id}
              type="date"
              className="field__input"
              value={draft.pickupDate}
              onChange={(e) => setDraft({ ...draft, pickupDate: e.target.value })}
            />
          ))}
          {field('pickup.window.start', t('partner.fields.pickupFrom'), (p) => (
            <input
              id={p.id}
              type="time"
              className="field__input"
              value={draft.pickupFrom}
              aria-invalid={p.invalid}
              aria-describedby={p.describedBy}
              onChange={(e) => setDraft({ ...draft, pickupFrom: e.target.value })}
            />
          ))}
          {field('pickup.window.end', t('partner.fields.pickupTo'), (p) => (
            <input
              id={p.id}
              type="time"
              className="field__input"
              value={draft.pickupTo}
              aria-invalid={p.invalid}
              aria-describedby={p.describedBy}
              onChange={(e) => setDraft({ ...draft, pickupTo: e.target.value })}
            />
          ))}
          {field('pickup.contactPhone', t('partner.fields.contactPhone'), (p) => (
            <input
              id={p.id}
              type="tel"
              className="field__input"
              value={draft.contactPhone}
              aria-invalid={p.invalid}
              aria-describedby={p.describedBy}
              onChange={(e) => setDraft({ ...draft, contactPhone: e.target.value })}
            />
          ))}
        </div>
      </fieldset>
      {field('note', t('partner.fields.note'), (p) => (
        <textarea
          id={p.id}
          className="field__input field__input--area"
          rows={2}
          value={draft.note}
          onChange={(e) => setDraft({ ...draft, note: e.target.value })}
        />
      ))}
      <button type="submit" className="button button--primary" disabled={post.isPending}>
        {post.isPending ? t('partner.submitting') : t('partner.submit')}
      </button>
    </form>
  );
}
