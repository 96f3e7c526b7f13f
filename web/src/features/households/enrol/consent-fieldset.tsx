import { useTranslation } from 'react-i18next';

import type { ConsentMethod, ConsentScope } from '@anbu/contracts';

import type { FieldsetProps } from './use-enrol-household.js';
import { koHouseholds } from '../../../i18n/ko/households.js';
import { FormField } from '../form-field.js';

const SCOPES = Object.keys(koHouseholds.consentScopes) as ConsentScope[];
const METHODS = Object.keys(koHouseholds.consentMethods) as ConsentMethod[];

/** The consent the household gave: what it covers, on which day, and how it was recorded. */
export function ConsentFieldset({ draft, set, field }: FieldsetProps) {
  const { t } = useTranslation();
  const scopes = field('consent.scopes');
  return (
    <fieldset className="fieldset">
      <legend className="field__label">{t('households.consentHeading')}</legend>
      <p className="muted small">{t('households.consentLead')}</p>
      <div className="check-row" role="group" aria-labelledby={`${scopes.id}-label`}>
        <span id={`${scopes.id}-label`} className="visually-hidden">
          {scopes.label}
        </span>
        {SCOPES.map((scope) => (
          <label key={scope} className="check">
            <input
              type="checkbox"
              checked={draft.consentScopes.includes(scope)}
              onChange={(e) =>
                set({
                  consentScopes: e.target.checked
                    ? [...draft.consentScopes, scope]
                    : draft.consentScopes.filter((s) => s !== scope),
                })
              }
            />
            {t(`households.consentScopes.${scope}`)}
          </label>
        ))}
      </div>
      {scopes.message && <span className="field__error">{scopes.message}</span>}
      <div className="form-grid">
        <FormField {...field('consent.givenOn')}>
          {(p) => (
            <input
              id={p.id}
              type="date"
              className="field__input"
              value={draft.consentGivenOn}
              aria-invalid={p.invalid}
              aria-describedby={p.describedBy}
              onChange={(e) => set({ consentGivenOn: e.target.value })}
            />
          )}
        </FormField>
        <FormField {...field('consent.method')}>
          {(p) => (
            <select
              id={p.id}
              className="field__input"
              value={draft.consentMethod}
              onChange={(e) => set({ consentMethod: e.target.value as ConsentMethod })}
            >
              {METHODS.map((value) => (
                <option key={value} value={value}>
                  {t(`households.consentMethods.${value}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
    </fieldset>
  );
}
