import { useTranslation } from 'react-i18next';

import type { DistrictShape } from '../../../map/city-geography.js';
import { AddressFieldset } from './address-fieldset.js';
import { ConsentFieldset } from './consent-fieldset.js';
import { HouseholdFieldset } from './household-fieldset.js';
import { ProgramFieldset } from './program-fieldset.js';
import { useEnrolHousehold } from './use-enrol-household.js';

/**
 * Registering a household with its recorded consent and enrolling it in a program, in one form
 * ({@link useEnrolHousehold}). Every problem, ours or the gateway's, names its field in a summary
 * and under the field.
 */
export function EnrolHouseholdForm({
  districts,
  onEnrolled,
}: {
  /** The caseworker's own 읍면동. */
  districts: readonly DistrictShape[];
  onEnrolled: (household: { id: string; name: string }) => void;
}) {
  const { t } = useTranslation();
  const form = useEnrolHousehold({
    initialDistrictCode: districts[0]?.code ?? '',
    onEnrolled,
  });
  const paths = Object.keys(form.messages);
  const fieldset = { draft: form.draft, set: form.set, field: form.field };

  return (
    <form
      className="household-form stack"
      onSubmit={(event) => void form.submit(event)}
      noValidate
      aria-busy={form.busy}
    >
      {paths.length > 0 && (
        <div className="alert alert--error" role="alert">
          {t('households.errorSummary', { fields: paths.map(form.label).join(', ') })}
        </div>
      )}
      {form.failure && (
        <p className="alert alert--error" role="alert">
          {form.failure === 'register'
            ? t('households.registerFailed')
            : t('households.enrolFailed')}
        </p>
      )}
      <HouseholdFieldset {...fieldset} />
      <AddressFieldset {...fieldset} districts={districts} />
      <ConsentFieldset {...fieldset} />
      <ProgramFieldset {...fieldset} programs={form.programs} />
      <button type="submit" className="button button--primary" disabled={form.busy}>
        {form.busy ? t('households.submitting') : t('households.submit')}
      </button>
    </form>
  );
}
