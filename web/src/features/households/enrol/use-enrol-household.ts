import type { FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { HouseholdDraft, HouseholdProblem } from '../household-draft.js';
import { readFieldErrors } from '../../../lib/field-errors.js';
import { seoulDay } from '../../../lib/format.js';
import { useTRPC } from '../../../lib/trpc.js';
import { fieldMessages } from '../form-field.js';
import { parseHouseholdDraft } from '../household-draft.js';
import { editedPaths, FIELD_OF } from './household-paths.js';

/** A blank form: one person living alone, consent to deliveries recorded today in writing. */
export const emptyDraft = (today: string, districtCode: string): HouseholdDraft => ({
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

/** What a field of the form is given: its element id, its label and its error, if any. */
export interface FieldProps {
  readonly id: string;
  readonly label: string;
  readonly message: string | undefined;
}

/** What every fieldset of the enrolment form works with. */
export interface FieldsetProps {
  readonly draft: HouseholdDraft;
  /** Changes some fields; their problems go, the others stay until the next submit. */
  readonly set: (change: Partial<HouseholdDraft>) => void;
  /** The label, id and message of the field at a gateway path (`address.road`). */
  readonly field: (path: string) => FieldProps;
}

/**
 * The enrolment form's state and its submit: `households.register` (with the consent) then
 * `households.enrol`. Problems are ours (the draft's checks) or the gateway's field errors,
 * both by gateway path, each described with its field's label.
 */
export function useEnrolHousehold({
  initialDistrictCode,
  onEnrolled,
}: {
  initialDistrictCode: string;
  onEnrolled: (household: { id: string; name: string }) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const trpc = useTRPC();
  const [draft, setDraft] = useState(() => emptyDraft(seoulDay(), initialDistrictCode));
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
  const set = (change: Partial<HouseholdDraft>) => {
    setDraft({ ...draft, ...change });
    const edited = editedPaths(change);
    if (Object.keys(problems).some((path) => edited.has(path))) {
      setProblems(Object.fromEntries(Object.entries(problems).filter(([p]) => !edited.has(p))));
    }
  };
  const fieldId = (path: string) => `${id}-${path.replaceAll('.', '-')}`;
  const field = (path: string): FieldProps => ({
    id: fieldId(path),
    label: label(path),
    message: messages[path],
  });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
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

  return {
    draft,
    set,
    field,
    label,
    messages,
    programs: programs.data?.items ?? [],
    submit,
    busy: register.isPending || enrol.isPending,
    /** Why the last submit failed when the gateway named no field. */
    failure:
      failed && Object.keys(server).length === 0
        ? register.error
          ? 'register'
          : 'enrol'
        : undefined,
  } as const;
}
