import type { FormEvent } from 'react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { WelfareChecklist } from '@anbu/contracts';

import { koCarrier } from '../../i18n/ko/carrier.js';

type Home = WelfareChecklist['homeConditions'];
type Mood = WelfareChecklist['mood'];
type Flag =
  | 'seenInPerson'
  | 'mealsSkipped'
  | 'illnessOrInjury'
  | 'untouchedEarlierDeliveries'
  | 'askedForHelp';

const HOME_OPTIONS = Object.keys(koCarrier.homeOptions) as Home[];
const MOOD_OPTIONS = Object.keys(koCarrier.moodOptions) as Mood[];

/** A usual visit: seen in person, nothing of concern. */
export const DEFAULT_CHECKLIST: WelfareChecklist = Object.freeze({
  seenInPerson: true,
  mealsSkipped: false,
  illnessOrInjury: false,
  untouchedEarlierDeliveries: false,
  homeConditions: 'normal',
  mood: 'usual',
  askedForHelp: false,
});

/**
 * The carrier's short welfare check: what they saw at the door, in a few taps, and a note for
 * the caseworker.
 */
export function WelfareChecklistForm({
  submitLabel,
  onSubmit,
  onCancel,
}: {
  submitLabel: string;
  onSubmit: (result: { checklist: WelfareChecklist; note?: string }) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [checklist, setChecklist] = useState<WelfareChecklist>(DEFAULT_CHECKLIST);
  const [note, setNote] = useState('');
  const flag = (name: Flag, label: string) => (
    <label className="check check--large">
      <input
        type="checkbox"
        checked={checklist[name]}
        onChange={(event) => setChecklist({ ...checklist, [name]: event.target.checked })}
      />
      <span>{label}</span>
    </label>
  );
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = note.trim();
    onSubmit({ checklist, ...(trimmed ? { note: trimmed } : {}) });
  };
  return (
    <form className="checklist stack" onSubmit={handleSubmit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="section-title">
        {t('carrier.checklistTitle')}
      </h3>
      <p className="muted small">{t('carrier.checklistHint')}</p>
      {flag('seenInPerson', t('carrier.seenInPerson'))}
      {flag('mealsSkipped', t('carrier.mealsSkipped'))}
      {flag('illnessOrInjury', t('carrier.illnessOrInjury'))}
      {flag('untouchedEarlierDeliveries', t('carrier.untouchedEarlierDeliveries'))}
      {flag('askedForHelp', t('carrier.askedForHelp'))}
      <div className="form-grid">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-home`}>
            {t('carrier.homeConditions')}
          </label>
          <select
            id={`${id}-home`}
            className="field__input"
            value={checklist.homeConditions}
            onChange={(event) =>
              setChecklist({ ...checklist, homeConditions: event.target.value as Home })
            }
          >
            {HOME_OPTIONS.map((option) => (
              <option key={option} value={option}>
                {t(`carrier.homeOptions.${option}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-mood`}>
            {t('carrier.mood')}
          </label>
          <select
            id={`${id}-mood`}
            className="field__input"
            value={checklist.mood}
            onChange={(event) => setChecklist({ ...checklist, mood: event.target.value as Mood })}
          >
            {MOOD_OPTIONS.map((option) => (
              <option key={option} value={option}>
                {t(`carrier.moodOptions.${option}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-note`}>
          {t('carrier.note')}
        </label>
        <textarea
          id={`${id}-note`}
          className="field__input field__input--area"
          maxLength={1000}
          rows={2}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
        <span className="field__hint">{t('carrier.noteHint')}</span>
      </div>
      <div className="button-row">
        <button type="button" className="button" onClick={onCancel}>
          {t('carrier.cancel')}
        </button>
        <button type="submit" className="button button--primary button--grow">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
