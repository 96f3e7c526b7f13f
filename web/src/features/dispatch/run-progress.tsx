import { useTranslation } from 'react-i18next';

import type { ProgressPoint, RunView } from './plan-view.js';
import { formatCount } from '../../lib/format.js';
import { ProgressChart } from './progress-chart.js';
import { isFinished } from './use-planning.js';

/**
 * A planning run as it goes, in a dispatcher's terms: status, a progress bar over the time limit,
 * orders routed of those in the pool, orders left unassigned, routes used, seconds elapsed of
 * the limit, and a chart of the unassigned orders falling.
 */
export function RunProgress({
  run,
  points,
  orders,
  onCancel,
  cancelling,
}: {
  run: RunView;
  points: readonly ProgressPoint[];
  /** Open orders in the pool when the run started, when this screen knows it. */
  orders?: number | undefined;
  onCancel: () => void;
  cancelling: boolean;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ko';
  const { progress } = run;
  const percent = Math.round((run.status === 'succeeded' ? 1 : progress.fraction) * 100);
  return (
    <div className="run-progress stack" data-status={run.status}>
      <div className="run-progress__head">
        <span className={`run-status run-status--${run.status}`}>
          {t(`planning.status.${run.status}`)}
        </span>
        <span className="run-progress__percent">{percent}%</span>
      </div>
      <div
        className="progress progress--light"
        role="progressbar"
        aria-label={t('planning.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <span className="progress__bar" style={{ width: `${percent}%` }} />
      </div>
      <dl className="run-figures">
        <div>
          <dt>{t('planning.routed')}</dt>
          <dd>
            {progress.unassigned === undefined || orders === undefined
              ? '—'
              : t('planning.routedOfTotal', {
                  routed: formatCount(Math.max(0, orders - progress.unassigned), language),
                  total: formatCount(orders, language),
                })}
          </dd>
        </div>
        <div>
          <dt>{t('planning.unassignedCount')}</dt>
          <dd>
            {progress.unassigned === undefined
              ? '—'
              : t('planning.orderCount', { count: progress.unassigned })}
          </dd>
        </div>
        <div>
          <dt>{t('planning.vehicles')}</dt>
          <dd>
            {progress.vehicles === undefined
              ? '—'
              : t('planning.routeCount', { count: progress.vehicles })}
          </dd>
        </div>
        <div>
          <dt>{t('planning.elapsed')}</dt>
          <dd>
            {t('planning.elapsedOfLimit', {
              seconds: (progress.elapsedMs / 1000).toFixed(1),
              limit: run.timeLimitSeconds,
            })}
          </dd>
        </div>
      </dl>
      {points.length > 1 && (
        <ProgressChart
          points={points}
          label={t('planning.unassignedChart')}
          seriesName={t('planning.unassignedCount')}
          language={language}
        />
      )}
      {run.status === 'failed' && (
        <p className="alert alert--error" role="alert">
          {t('planning.failed', { error: run.error ?? '' })}
        </p>
      )}
      {run.notes.length > 0 && (
        <details className="small">
          <summary>{t('planning.notes', { count: run.notes.length })}</summary>
          <ul>
            {run.notes.slice(0, 50).map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </details>
      )}
      {!isFinished(run) && (
        <button type="button" className="button" onClick={onCancel} disabled={cancelling}>
          {t('planning.cancel')}
        </button>
      )}
    </div>
  );
}
