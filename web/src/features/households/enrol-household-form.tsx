import type { FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { ConsentMethod, ConsentScope, HouseholdType, RiskLevel } from '@anbu/contracts';

import type { DistrictShape } from '../../map/city-geography.js';
import type { HouseholdDraft, HouseholdProblem } from './household-draft.js';
import { koHouseholds } from '../../i18n/ko/households.js';
import { readFieldErrors } from '../../lib/field-errors.js';
import { seoulDay } from '../../lib/format.js';
import { useTRPC } from '../../lib/trpc.js';
import { fieldMessages, FormField } from './form-field.js';
import { parseHouseholdDraft } from './household-draft.js';
import { LocationPicker } from './location-picker.js';

const TYPES = Object.keys(koHouseholds.types) as HouseholdType[];
const RISKS = Object.keys(koHouseholds.risk) as RiskLevel[];
const SCOPES = Object.keys(koHouseholds.consentScopes) as ConsentScope[];
const METHODS = Object.keys(koHouseholds.consentMethods) as ConsentMethod[];
const RELATIONS = Object.keys(koHouseholds.relations) as HouseholdDraft['relation'][];

type FieldKey = keyof typeof koHouseholds.fields;

/** Gateway paths (and ours) → the form's field names. */
const FIELD_OF: Readonly<Record<string, FieldKey>> = {
  name: 'name',
  type: 'type',
  riskLevel: 'riskLevel',
  memberCount: 'memberCount',
  districtCode: 'districtCode',
  'address.road': 'road',
  'address.detail': 'detail',
  'address.postalCode': 'postalCode',
  location: 'location',
  'location.lat': 'location',
  'location.lng': 'location',
  'contact.name': 'contactName',
  'contact.phone': 'phone',
  'contact.relation': 'relation',
  accessNotes: 'accessNotes',
  'consent.scopes': 'consentScopes',
  'consent.givenOn': 'consentGivenOn',
  'consent.method': 'consentMethod',
  programId: 'programId',
  startsOn: 'startsOn',
};

/** Draft fields whose gateway path differs from their name. */
const PATH_OF: Readonly<Partial<Record<string, string>>> = {
  road: 'address.road',
  detail: 'address.detail',
  postalCode: 'address.postalCode',
  contactName: 'contact.name',
  phone: 'contact.phone',
  relation: 'contact.relation',
  consentScopes: 'consent.scopes',
  consentGivenOn: 'consent.givenOn',
  consentMethod: 'consent.method',
};

const emptyDraft = (today: string, districtCode: string): HouseholdDraft => ({
  name: '',
  type: 'elderly_alone',
  riskLevel: 'medium',
  memberCount: '1',
  districtCode,
  road: '',
  detail: '',
  postalCode: '',
  location: undefined,
  contactName: '',
  phone: '',
  relation: 'self',
  accessNotes: '',
  consentScopes: ['delivery'],
  consentGivenOn: today,
  consentMethod: 'written',
  programId: '',
  startsOn: today,
});

/**
 * Registering a household with its recorded consent and enrolling it in a program, in one form:
 * `households.register` (with the consent) then `households.enrol`. Every problem, ours or the
 * gateway's, names its field in a summary and under the field.
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
  const id = useId();
  const trpc = useTRPC();
  const [draft, setDraft] = useState(() => emptyDraft(seoulDay(), districts[0]?.code ?? ''));
  const [problems, setProblems] = useState<Readonly<Record<string, HouseholdProblem>>>({});
  const programs = useQuery(trpc.households.programs.queryOptions({ active: true, limit: 100 }));
  const register = useMutation(trpc.households.register.mutationOptions());
  const enrol = useMutation(trpc.households.enrol.mutationOptions());
  const failed = register.error ?? enrol.error;
  const server = readFieldErrors(failed);
  const label = (path: string) => {
    const key = FIELD_OF[path];
    return key ? t(`households.fields.${key}`) : path;
  };
  const messages = fieldMessages({
    problems,
    server,
    describe: (path, problem) =>
      problem
        ? t(`households.errors.${problem as HouseholdProblem}`, { field: label(path) })
        : t('households.errors.server', { field: label(path), message: server[path] ?? '' }),
  });
  const paths = Object.keys(messages);
  const busy = register.isPending || enrol.isPending;
  const set = (change: Partial<HouseholdDraft>) => {
    setDraft({ ...draft, ...change });
    // An edited field's problem goes; the others stay until the next submit.
    const edited = new Set(Object.keys(change).map((key) => PATH_OF[key] ?? key));
    if (Object.keys(problems).some((path) => edited.has(path))) {
      setProblems(Object.fromEntries(Object.entries(problems).filter(([p]) => !edited.has(p))));
    }
  };
  const fieldId = (path: string) => `${id}-${path.replaceAll('.', '-')}`;
  const field = (path: string) => ({
    id: fieldId(path),
    label: label(path),
    message: messages[path],
  });

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = parseHouseholdDraft(draft, { today: seoulDay() });
    if (!parsed.ok) {
      setProblems(parsed.errors);
      return;
    }
    setProblems({});
    register.reset();
    enrol.reset();
    const { household, programId, startsOn } = parsed.request;
    const registered = await register.mutateAsync(household).catch(() => undefined);
    if (!registered) return;
    const enrolled = await enrol
      .mutateAsync({ householdId: registered.id, programId, startsOn })
      .catch(() => undefined);
    if (!enrolled) return;
    onEnrolled({ id: registered.id, name: household.name });
    setDraft(emptyDraft(seoulDay(), draft.districtCode));
  };

  return (
    <form
      className="household-form stack"
      onSubmit={(event) => void handleSubmit(event)}
      noValidate
      aria-busy={busy}
    >
      {paths.length > 0 && (
        <div className="alert alert--error" role="alert">
          {t('households.errorSummary', { fields: paths.map(label).join(', ') })}
        </div>
      )}
      {failed && Object.keys(server).length === 0 && (
        <p className="alert alert--error" role="alert">
          {register.error ? t('households.registerFailed') : t('households.enrolFailed')}
        </p>
      )}
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
          <span className="field__label" id={fieldId('location')}>
            {label('location')}
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
            onChange={(location) => set({ location })}
          />
          {messages['location'] && <span className="field__error">{messages['location']}</span>}
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
      <fieldset className="fieldset">
        <legend className="field__label">{t('households.consentHeading')}</legend>
        <p className="muted small">{t('households.consentLead')}</p>
        <div
          className="check-row"
          role="group"
          aria-labelledby={`${fieldId('consent.scopes')}-label`}
        >
          <span id={`${fieldId('consent.scopes')}-label`} className="visually-hidden">
            {label('consent.scopes')}
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
        {messages['consent.scopes'] && (
          <span className="field__error">{messages['consent.scopes']}</span>
        )}
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
                {(programs.data?.items ?? []).map((program) => (
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
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? t('households.submitting') : t('households.submit')}
      </button>
    </form>
  );
}
