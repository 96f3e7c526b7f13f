import type { FormEvent } from 'react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { AlertResolution, ItemCategory, ItemUnit } from '@anbu/contracts';

import type { FollowUp, FollowUpErrors } from './follow-up.js';
import { ko } from '../../i18n/ko.js';
import { koCare } from '../../i18n/ko/care.js';
import { seoulDay } from '../../lib/format.js';
import { parseFollowUp } from './follow-up.js';

const RESOLUTIONS = Object.keys(koCare.resolutions) as AlertResolution[];
const CATEGORIES = Object.keys(ko.items.categories) as ItemCategory[];
const UNITS = Object.keys(ko.items.units) as ItemUnit[];

/** What the caseworker decided. */
export interface Resolution {
  readonly resolution: AlertResolution;
  readonly note?: string;
  readonly followUp?: FollowUp;
}

/**
 * Resolving an alert: the outcome, a note, and optionally a follow-up need (goods or a visit)
 * checked field by field before it is sent.
 */
export function ResolveForm({
  onSubmit,
  pending,
}: {
  onSubmit: (resolution: Resolution) => void;
  pending: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [resolution, setResolution] = useState<AlertResolution>('contacted_by_phone');
  const [note, setNote] = useState('');
  const [wantsFollowUp, setWantsFollowUp] = useState(false);
  const [category, setCategory] = useState<ItemCategory>('necessity_kit');
  const [quantity, setQuantity] = useState('1');
  const [unit, setUnit] = useState<ItemUnit>('kit');
  const [deadline, setDeadline] = useState(() => seoulDay());
  const [errors, setErrors] = useState<FollowUpErrors>({});

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = note.trim();
    const base = { resolution, ...(trimmed ? { note: trimmed } : {}) };
    if (!wantsFollowUp) {
      setErrors({});
      onSubmit(base);
      return;
    }
    const parsed = parseFollowUp({ category, quantity, unit, deadline }, seoulDay());
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors({});
    onSubmit({ ...base, followUp: parsed.value });
  };

  return (
    <form className="stack" onSubmit={handleSubmit} noValidate aria-busy={pending}>
      <h3 className="section-title">{t('care.resolveTitle')}</h3>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-resolution`}>
          {t('care.resolution')}
        </label>
        <select
          id={`${id}-resolution`}
          className="field__input"
          value={resolution}
          onChange={(event) => setResolution(event.target.value as AlertResolution)}
        >
          {RESOLUTIONS.map((value) => (
            <option key={value} value={value}>
              {t(`care.resolutions.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-note`}>
          {t('care.note')}
        </label>
        <textarea
          id={`${id}-note`}
          className="field__input field__input--area"
          maxLength={1000}
          rows={3}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={wantsFollowUp}
          onChange={(event) => setWantsFollowUp(event.target.checked)}
        />
        <span>{t('care.followUp')}</span>
      </label>
      {wantsFollowUp && (
        <fieldset className="fieldset">
          <legend className="field__hint">{t('care.followUpHint')}</legend>
          <div className="form-grid">
            <div className="field">
              <label className="field__label" htmlFor={`${id}-category`}>
                {t('care.category')}
              </label>
              <select
                id={`${id}-category`}
                className="field__input"
                value={category}
                onChange={(event) => setCategory(event.target.value as ItemCategory)}
              >
                {CATEGORIES.map((value) => (
                  <option key={value} value={value}>
                    {t(`items.categories.${value}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label className="field__label" htmlFor={`${id}-quantity`}>
                {t('care.quantity')}
              </label>
              <input
                id={`${id}-quantity`}
                className="field__input"
                inputMode="numeric"
                value={quantity}
                onChange={(event) => setQuantity(event.target.value)}
                aria-invalid={errors.quantity !== undefined}
                aria-describedby={errors.quantity ? `${id}-quantity-error` : undefined}
              />
              {errors.quantity && (
                <span id={`${id}-quantity-error`} className="field__error">
                  {t('care.quantityInvalid')}
                </span>
              )}
            </div>
            <div className="field">
              <label className="field__label" htmlFor={`${id}-unit`}>
                {t('care.unit')}
              </label>
              <select
                id={`${id}-unit`}
                className="field__input"
                value={unit}
                onChange={(event) => setUnit(event.target.value as ItemUnit)}
              >
                {UNITS.map((value) => (
                  <option key={value} value={value}>
                    {t(`items.units.${value}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label className="field__label" htmlFor={`${id}-deadline`}>
                {t('care.neededBy')}
              </label>
              <input
                id={`${id}-deadline`}
                type="date"
                className="field__input"
                value={deadline}
                onChange={(event) => setDeadline(event.target.value)}
                aria-invalid={errors.deadline !== undefined}
                aria-describedby={errors.deadline ? `${id}-deadline-error` : undefined}
              />
              {errors.deadline && (
                <span id={`${id}-deadline-error`} className="field__error">
                  {t('care.neededByInvalid')}
                </span>
              )}
            </div>
          </div>
        </fieldset>
      )}
      <button type="submit" className="button button--primary" disabled={pending}>
        {pending ? t('care.saving') : t('care.resolve')}
      </button>
    </form>
  );
}
