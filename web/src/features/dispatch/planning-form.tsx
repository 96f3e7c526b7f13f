import { useId } from 'react';
import { useTranslation } from 'react-i18next';

import type { DistrictShape } from '../../map/city-geography.js';

/** What the dispatcher asks the planner for. */
export interface PlanningRequest {
  readonly date: string;
  readonly districtCodes: readonly string[];
  readonly timeLimitSeconds: number;
}

/** Solver time budgets offered, in seconds. */
export const TIME_LIMITS = [5, 10, 30, 60] as const;

/** The day, the districts (none picked means all) and the solver's time budget. */
export function PlanningForm({
  request,
  onChange,
  districts,
}: {
  request: PlanningRequest;
  onChange: (request: PlanningRequest) => void;
  districts: readonly DistrictShape[];
}) {
  const { t } = useTranslation();
  const id = useId();
  const picked = new Set(request.districtCodes);
  const toggle = (code: string) =>
    onChange({
      ...request,
      districtCodes: picked.has(code)
        ? request.districtCodes.filter((c) => c !== code)
        : [...request.districtCodes, code],
    });
  return (
    <div className="stack">
      <div className="form-grid">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-day`}>
            {t('planning.day')}
          </label>
          <input
            id={`${id}-day`}
            type="date"
            className="field__input"
            value={request.date}
            onChange={(event) =>
              event.target.value && onChange({ ...request, date: event.target.value })
            }
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-limit`}>
            {t('planning.timeLimit')}
          </label>
          <select
            id={`${id}-limit`}
            className="field__input"
            value={request.timeLimitSeconds}
            onChange={(event) =>
              onChange({ ...request, timeLimitSeconds: Number(event.target.value) })
            }
          >
            {TIME_LIMITS.map((seconds) => (
              <option key={seconds} value={seconds}>
                {t('planning.seconds', { count: seconds })}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset className="fieldset">
        <legend className="field__label">
          {t('planning.districts')} ·{' '}
          {picked.size === 0
            ? t('planning.allDistricts')
            : t('planning.districtsPicked', { count: picked.size })}
        </legend>
        <div className="chip-toggles">
          {districts.map((district) => (
            <button
              key={district.code}
              type="button"
              className="chip-toggle"
              aria-pressed={picked.has(district.code)}
              onClick={() => toggle(district.code)}
            >
              {district.name}
            </button>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
