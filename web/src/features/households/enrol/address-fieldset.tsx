import { useTranslation } from 'react-i18next';

import type { DistrictShape } from '../../../map/city-geography.js';
import type { FieldsetProps } from './use-enrol-household.js';
import { FormField } from '../form-field.js';
import { LocationPicker } from '../location-picker.js';

/**
 * Where the household lives: its 읍면동, street address, the door placed on a map of that 읍면동
 * (choosing another 읍면동 clears the door), and notes for finding it.
 */
export function AddressFieldset({
  draft,
  set,
  field,
  districts,
}: FieldsetProps & { districts: readonly DistrictShape[] }) {
  const { t } = useTranslation();
  const location = field('location');
  return (
    <fieldset className="fieldset">
      <legend className="field__label">{t('households.addressHeading')}</legend>
      <div className="form-grid">
        <FormField {...field('districtCode')}>
          {(p) => (
            <select
              id={p.id}
              className="field__input"
              value={draft.districtCode}
              aria-invalid={p.invalid}
              aria-describedby={p.describedBy}
              onChange={(e) => set({ districtCode: e.target.value, location: undefined })}
            >
              <option value="">—</option>
              {districts.map((district) => (
                <option key={district.code} value={district.code}>
                  {district.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField {...field('address.road')}>
          {(p) => (
            <input
              id={p.id}
              className="field__input"
              value={draft.road}
              aria-invalid={p.invalid}
              aria-describedby={p.describedBy}
              onChange={(e) => set({ road: e.target.value })}
            />
          )}
        </FormField>
        <FormField {...field('address.detail')}>
          {(p) => (
            <input
              id={p.id}
              className="field__input"
              value={draft.detail}
              onChange={(e) => set({ detail: e.target.value })}
            />
          )}
        </FormField>
        <FormField {...field('address.postalCode')}>
          {(p) => (
            <input
              id={p.id}
              className="field__input"
              inputMode="numeric"
              value={draft.postalCode}
              aria-invalid={p.invalid}
              aria-describedby={p.describedBy}
              onChange={(e) => set({ postalCode: e.target.value })}
            />
          )}
        </FormField>
      </div>
      <div className="field">
        <span className="field__label" id={location.id}>
          {location.label}
        </span>
        <span className="muted small">
          {draft.location
            ? t('households.locationPicked', {
                lat: draft.location.lat.toFixed(5),
                lng: draft.location.lng.toFixed(5),
              })
            : t('households.locationHint')}
        </span>
        <LocationPicker
          districts={districts}
          districtCode={draft.districtCode}
          value={draft.location}
          onChange={(picked) => set({ location: picked })}
        />
        {location.message && <span className="field__error">{location.message}</span>}
      </div>
      <FormField {...field('accessNotes')}>
        {(p) => (
          <input
            id={p.id}
            className="field__input"
            value={draft.accessNotes}
            onChange={(e) => set({ accessNotes: e.target.value })}
          />
        )}
      </FormField>
    </fieldset>
  );
}
