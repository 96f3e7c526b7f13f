import { useTranslation } from 'react-i18next';

import type { HouseholdType, RiskLevel } from '@anbu/contracts';

import type { HouseholdDraft } from '../household-draft.js';
import type { FieldsetProps } from './use-enrol-household.js';
import { koHouseholds } from '../../../i18n/ko/households.js';
import { FormField } from '../form-field.js';

const TYPES = Object.keys(koHouseholds.types) as HouseholdType[];
const RISKS = Object.keys(koHouseholds.risk) as RiskLevel[];
const RELATIONS = Object.keys(koHouseholds.relations) as HouseholdDraft['relation'][];

/** Who the household is: the recipient's name, kind of household, risk, size and contact. */
export function HouseholdFieldset({ draft, set, field }: FieldsetProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="fieldset">
      <legend className="field__label">{t('households.householdHeading')}</legend>
      <div className="form-grid">
        <FormField {...field('name')}>
          {(p) => (
            <input
              id={p.id}
              className="field__input"
              autoComplete="off"
              value={draft.name}
              aria-invalid={p.invalid}
              aria-describedby={p.describedBy}
              onChange={(e) => set({ name: e.target.value })}
            />
          )}
        </FormField>
        <FormField {...field('type')}>
          {(p) => (
            <select
              id={p.id}
              className="field__input"
              value={draft.type}
              onChange={(e) => set({ type: e.target.value as HouseholdType })}
            >
              {TYPES.map((value) => (
                <option key={value} value={value}>
                  {t(`households.types.${value}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField {...field('riskLevel')}>
          {(p) => (
            <select
              id={p.id}
              className="field__input"
              value={draft.riskLevel}
              onChange={(e) => set({ riskLevel: e.target.value as RiskLevel })}
            >
              {RISKS.map((value) => (
                <option key={value} value={value}>
                  {t(`households.risk.${value}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField {...field('memberCount')}>
          {(p) => (
            <input
              id={p.id}
              className="field__input"
              inputMode="numeric"
              value={draft.memberCount}
              aria-invalid={p.invalid}
              aria-describedby={p.describedBy}
              onChange={(e) => set({ memberCount: e.target.value })}
            />
          )}
        </FormField>
        <FormField {...field('contact.name')}>
          {(p) => (
            <input
              id={p.id}
              className="field__input"
              value={draft.contactName}
              aria-invalid={p.invalid}
              aria-describedby={p.describedBy}
              onChange={(e) => set({ contactName: e.target.value })}
            />
          )}
        </FormField>
        <FormField {...field('contact.phone')}>
          {(p) => (
            <input
              id={p.id}
              type="tel"
              className="field__input"
              value={draft.phone}
              aria-invalid={p.invalid}
              aria-describedby={p.describedBy}
              onChange={(e) => set({ phone: e.target.value })}
            />
          )}
        </FormField>
        <FormField {...field('contact.relation')}>
          {(p) => (
            <select
              id={p.id}
              className="field__input"
              value={draft.relation}
              onChange={(e) => set({ relation: e.target.value as HouseholdDraft['relation'] })}
            >
              {RELATIONS.map((value) => (
                <option key={value} value={value}>
                  {t(`households.relations.${value}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
    </fieldset>
  );
}
