import type { FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { formatCount, formatDateTime } from '../../lib/format.js';
import { useTRPC } from '../../lib/trpc.js';
import { groupByNeed, reasonCodes, shortRef } from './matching-view.js';
import { NeedExplanation } from './need-explanation.js';
import { ReasonList } from './reason-list.js';

const FIGURES = [
  'needsConsidered',
  'lotsConsidered',
  'allocations',
  'unitsAllocated',
  'fillRate',
  'fairnessSpread',
  'unitsExpiringUnallocated',
] as const;

const percent = (share: number, language: string) =>
  new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(share);

/** One need row with its reasons and, on demand, the service's full explanation. */
function NeedRow({
  needId,
  headline,
  codes,
}: {
  needId: string;
  headline: string;
  codes: readonly Parameters<typeof ReasonList>[0]['codes'][number][];
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <li className="match-row">
      <div className="match-row__head">
        <strong>{t('matching.need', { ref: shortRef(needId) })}</strong>
        <span className="muted small">{headline}</span>
        <button
          type="button"
          className="button button--quiet button--small"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          {t('matching.explain')}
        </button>
      </div>
      <ReasonList codes={codes} />
      {open && <NeedExplanation needId={needId} />}
    </li>
  );
}

/**
 * Matching for program managers and dispatchers: run the allocation (or preview it), its
 * figures, every need matched with why, every need left unmet with why, each explained in
 * full on demand; and the recent runs.
 */
export function MatchingScreen() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ko';
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [deadlineUntil, setDeadlineUntil] = useState('');
  const [dryRun, setDryRun] = useState(false);
  const run = useMutation(
    trpc.matching.run.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.matching.runs.pathKey() }),
    }),
  );
  const runs = useQuery(trpc.matching.runs.queryOptions({ limit: 10 }));
  const result = run.data;
  const ranFor = run.variables;
  const allocations = useQuery(
    trpc.matching.allocations.queryOptions(
      { runId: result?.summary.runId ?? '', limit: 200 },
      { enabled: result !== undefined && ranFor?.dryRun !== true },
    ),
  );
  const matched = useMemo(() => groupByNeed(allocations.data?.items ?? []), [allocations.data]);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    run.mutate({ districtCodes: [], dryRun, ...(deadlineUntil ? { deadlineUntil } : {}) });
  };

  const figure = (key: (typeof FIGURES)[number]) => {
    const value = result?.summary[key] ?? 0;
    return key === 'fillRate' || key === 'fairnessSpread'
      ? percent(value, language)
      : formatCount(value, language);
  };

  return (
    <div className="matching-screen">
      <header className="portal__header">
        <h1 className="portal__title">{t('matching.title')}</h1>
        <p className="muted">{t('matching.lead')}</p>
      </header>
      <div className="matching-screen__grid">
        <div className="stack">
          <form className="card stack" onSubmit={handleSubmit}>
            <div className="form-grid">
              <label className="field">
                <span className="field__label">{t('matching.deadlineUntil')}</span>
                <input
                  type="date"
                  className="field__input"
                  value={deadlineUntil}
                  onChange={(e) => setDeadlineUntil(e.target.value)}
                />
              </label>
              <label className="check">
                <input
                  type="checkbox"
                  checked={dryRun}
                  onChange={(e) => setDryRun(e.target.checked)}
                />
                {t('matching.dryRun')}
              </label>
            </div>
            <button type="submit" className="button button--primary" disabled={run.isPending}>
              {run.isPending
                ? t('matching.running')
                : dryRun
                  ? t('matching.preview')
                  : t('matching.run')}
            </button>
            {run.isError && (
              <p className="alert alert--error" role="alert">
                {t('matching.runFailed', { error: run.error.message })}
              </p>
            )}
          </form>
          {result && (
            <section className="card" aria-labelledby="matching-summary">
              <h2 id="matching-summary" className="card__title">
                {t('matching.summaryTitle')}
              </h2>
              {ranFor?.dryRun && <p className="notice">{t('matching.previewNote')}</p>}
              <dl className="figure-grid">
                {FIGURES.map((key) => (
                  <div key={key} className="figure">
                    <dt className="figure__label">{t(`matching.figures.${key}`)}</dt>
                    <dd className="figure__value">{figure(key)}</dd>
                  </div>
                ))}
              </dl>
            </section>
          )}
          <section className="card" aria-labelledby="matching-runs">
            <h2 id="matching-runs" className="card__title">
              {t('matching.runsTitle')}
            </h2>
            {(runs.data?.items ?? []).length === 0 ? (
              <p className="empty">{t('matching.runsEmpty')}</p>
            ) : (
              <ul className="plain-list small">
                {(runs.data?.items ?? []).map((r) => (
                  <li key={r.runId}>
                    {t('matching.runRow', {
                      time: formatDateTime(r.finishedAt, language),
                      allocations: formatCount(r.allocations, language),
                      fill: percent(r.fillRate, language),
                    })}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
        {result && (
          <div className="stack">
            <section className="card" aria-labelledby="matching-unmet">
              <h2 id="matching-unmet" className="card__title">
                {t('matching.unmetTitle', { count: result.unmet.length })}
              </h2>
              {result.summary.needsConsidered === 0 ? (
                <p className="empty">{t('matching.noOpenNeeds')}</p>
              ) : result.unmet.length === 0 ? (
                <p className="empty">{t('matching.noneUnmet')}</p>
              ) : (
                <ul className="match-list">
                  {result.unmet.slice(0, 100).map((need) => (
                    <NeedRow
                      key={need.needId}
                      needId={need.needId}
                      headline={t('matching.missing', { quantity: need.quantityMissing })}
                      codes={reasonCodes(need.reasons)}
                    />
                  ))}
                </ul>
              )}
            </section>
            {!ranFor?.dryRun && (
              <section className="card" aria-labelledby="matching-matched">
                <h2 id="matching-matched" className="card__title">
                  {t('matching.allocatedTitle', { count: matched.length })}
                </h2>
                {allocations.isPending && <p className="muted">{t('app.loading')}</p>}
                {allocations.data && matched.length === 0 && (
                  <p className="empty">{t('matching.noneAllocated')}</p>
                )}
                <ul className="match-list">
                  {matched.slice(0, 100).map((need) => (
                    <NeedRow
                      key={need.needId}
                      needId={need.needId}
                      headline={t('matching.given', { quantity: need.quantity })}
                      codes={need.reasons}
                    />
                  ))}
                </ul>
              </section>
            )}
          </div>
        )}
      </div>
    </div>
  );
}

export default MatchingScreen;
