import { useTranslation } from 'react-i18next';

import type { FieldsetProps } from './use-enrol-household.js';
import { FormField } from '../form-field.js';

/** The program the household is enrolled in, and from which day. */
export function ProgramFieldset({
  draft,
  set,
  field,
  programs,
}: FieldsetProps & { programs: readonly { id: string; name: string }[] }) {
  const { t } = useTranslation();
  return (
    <fieldset className="fieldset">
      <legend className="field__label">{t('households.programHeading')}</legend>
      <div className="form-grid">
        <FormField {...field('programId')}>
          {(p) => (
            <select
              id={p.id}
              className="field__input"
              value={draft.programId}
              aria-invalid={p.invalid}
              aria-describedby={p.describedBy}
              onChange={(e) => set({ programId: e.target.value })}
            >
              <option value="">—</option>
              {programs.map((program) => (
                <option key={program.id} value={program.id}>
                  {program.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField {...field('startsOn')}>
          {(p) => (
            <input
              id={p.id}
              type="date"
              className="field__input"
              value={draft.startsOn}
              aria-invalid={p.invalid}
              aria-describedby={p.describedBy}
              onChange={(e) => set({ startsOn: e.target.value })}
            />
          )}
        </FormField>
      </div>
    </fieldset>
  );
}
