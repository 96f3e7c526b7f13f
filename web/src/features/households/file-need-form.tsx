import type { FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { ItemCategory, ItemUnit } from '@anbu/contracts';

import type { NeedDraft, NeedProblem } from './household-draft.js';
import { ko } from '../../i18n/ko.js';
import { readFieldErrors } from '../../lib/field-errors.js';
import { seoulDay } from '../../lib/format.js';
import { useTRPC } from '../../lib/trpc.js';
import { fieldMessages, FormField } from './form-field.js';
import { parseNeedDraft } from './household-draft.js';

const CATEGORIES = (Object.keys(ko.items.categories) as ItemCategory[]).filter(
  (category) => category !== 'welfare_visit',
);
const UNITS = (Object.keys(ko.items.units) as ItemUnit[]).filter((unit) => unit !== 'visit');
const PRIORITIES = ['0', '50', '90'] as const;

type FieldKey = 'householdId' | 'category' | 'quantity' | 'unit' | 'deadline' | 'priority' | 'note';
const FIELDS: ReadonlySet<string> = new Set<FieldKey>([
  'householdId',
  'category',
  'quantity',
  'unit',
  'deadline',
  'priority',
  'note',
]);

const emptyDraft = (householdId: string): NeedDraft => ({
  householdId,
  category: 'necessity_kit',
  quantity: '1',
  unit: 'kit',
  deadline: seoulDay(Date.now() + 3 * 86_400_000),
  priority: '50',
  note: '',
});

/**
 * Filing an ad-hoc need for a household of the caseworker's districts (`households.fileNeed`):
 * what, how many, by when and how urgent. Households are listed without personal data; a
 * household just enrolled here comes first, by name.
 */
export function FileNeedForm({
  districtName,
  recent,
}: {
  districtName: (code: string) => string;
  /** The household enrolled last in this session, picked by default. */
  recent: { id: string; name: string } | undefined;
}) {
  const { t } = useTranslation();
  const id = useId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(() => emptyDraft(recent?.id ?? ''));
  const [problems, setProblems] = useState<Readonly<Record<string, NeedProblem>>>({});
  const households = useQuery(trpc.households.list.queryOptions({ limit: 200, status: 'active' }));
  const fileNeed = useMutation(
    trpc.households.fileNeed.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.households.needs.pathKey() }),
    }),
  );
  const server = readFieldErrors(fileNeed.error);
  const label = (path: string) =>
    FIELDS.has(path) ? t(`households.need.fields.${path as FieldKey}`) : path;
  const messages = fieldMessages({
    problems,
    server,
    describe: (path, problem) =>
      problem
        ? t(`households.errors.${problem as NeedProblem}`, { field: label(path) })
        : t('households.errors.server', { field: label(path), message: server[path] ?? '' }),
  });
  const paths = Object.keys(messages);
  const set = (change: Partial<NeedDraft>) => {
    setDraft({ ...draft, ...change });
    // An edited field's problem goes; the others stay until the next submit.
    if (Object.keys(change).some((key) => key in problems)) {
      setProblems(Object.fromEntries(Object.entries(problems).filter(([p]) => !(p in change))));
    }
  };
  const field = (path: FieldKey) => ({
    id: `${id}-${path}`,
    label: label(path),
    message: messages[path],
  });

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = parseNeedDraft(draft, { today: seoulDay() });
    if (!parsed.ok) {
      setProblems(parsed.errors);
      return;
    }
    setProblems({});
    fileNeed.mutate(parsed.input, { onSuccess: () => setDraft(emptyDraft(draft.householdId)) });
  };

  const options = (households.data?.items ?? []).filter((h) => h.id !== recent?.id);
  return (
    <form className="need-form stack" onSubmit={handleSubmit} noValidate>
      {paths.length > 0 && (
        <div className="alert alert--error" role="alert">
          {t('households.errorSummary', { fields: paths.map(label).join(', ') })}
        </div>
      )}
      {fileNeed.isError && Object.keys(server).length === 0 && (
        <p className="alert alert--error" role="alert">
          {t('households.need.failed')}
        </p>
      )}
      {fileNeed.isSuccess && paths.length === 0 && (
        <p className="notice notice--ok" role="status">
          {t('households.need.filed')}
        </p>
      )}
      <div className="form-grid">
        <FormField {...field('householdId')}>
          {(p) => (
            <select
              id={p.id}
              className="field__input"
              value={draft.householdId}
              aria-invalid={p.invalid}
              aria-describedby={p.describedBy}
              onChange={(e) => set({ householdId: e.target.value })}
            >
              <option value="">—</option>
              {recent && <option value={recent.id}>{recent.name}</option>}
              {options.map((h) => (
                <option key={h.id} value={h.id}>
                  {t('households.need.householdOption', {
                    district: districtName(h.districtCode),
                    type: t(`households.types.${h.type}`),
                    risk: t(`households.risk.${h.riskLevel}`),
                    ref: h.id.slice(-4),
                  })}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField {...field('category')}>
          {(p) => (
            <select
              id={p.id}
              className="field__input"
              value={draft.category}
              onChange={(e) => set({ category: e.target.value as ItemCategory })}
            >
              {CATEGORIES.map((value) => (
                <option key={value} value={value}>
                  {t(`items.categories.${value}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField {...field('quantity')}>
          {(p) => (
            <input
              id={p.id}
              className="field__input"
              inputMode="numeric"
              value={draft.quantity}
              aria-invalid={p.invalid}
              aria-describedby={p.describedBy}
              onChange={(e) => set({ quantity: e.target.value })}
            />
          )}
        </FormField>
        <FormField {...field('unit')}>
          {(p) => (
            <select
              id={p.id}
              className="field__input"
              value={draft.unit}
              onChange={(e) => set({ unit: e.target.value as ItemUnit })}
            >
              {UNITS.map((value) => (
                <option key={value} value={value}>
                  {t(`items.units.${value}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField {...field('deadline')}>
          {(p) => (
            <input
              id={p.id}
              type="date"
              className="field__input"
              value={draft.deadline}
              aria-invalid={p.invalid}
              aria-describedby={p.describedBy}
              onChange={(e) => set({ deadline: e.target.value })}
            />
          )}
        </FormField>
        <FormField {...field('priority')}>
          {(p) => (
            <select
              id={p.id}
              className="field__input"
              value={draft.priority}
              onChange={(e) => set({ priority: e.target.value })}
            >
              {PRIORITIES.map((value) => (
                <option key={value} value={value}>
                  {t(`households.need.priorities.p${value}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      <FormField {...field('note')}>
        {(p) => (
          <textarea
            id={p.id}
            className="field__input field__input--area"
            rows={2}
            value={draft.note}
            onChange={(e) => set({ note: e.target.value })}
          />
        )}
      </FormField>
      <button type="submit" className="button button--primary" disabled={fileNeed.isPending}>
        {t('households.need.submit')}
      </button>
    </form>
  );
}
