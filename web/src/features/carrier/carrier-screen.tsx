import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { Outbox } from './outbox.js';
import type { StopOutcome } from './stop-detail.js';
import { formatToday } from '../../lib/format.js';
import { useTRPC } from '../../lib/trpc.js';
import { isFinished, nextFirst, nextStop, shownStops } from './my-route.js';
import { StopDetail } from './stop-detail.js';
import { StopList } from './stop-list.js';
import { useOutbox } from './use-outbox.js';

// Leaflet loads only when the carrier opens the map.
const CarrierMap = lazy(() => import('./carrier-map.js').then((m) => ({ default: m.CarrierMap })));

/**
 * The carrier's day on a phone: today's route with the next stop first, as a list or a map;
 * a stop's details and the buttons to report it. Reports go through the outbox, so they are
 * kept while offline, shown as waiting, and sent in order when the connection returns.
 */
export function CarrierScreen({ outbox }: { outbox?: Outbox } = {}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage === 'en' ? 'en' : 'ko';
  const trpc = useTRPC();
  const myRoute = useQuery(
    trpc.dispatch.myRoute.queryOptions(undefined, { refetchInterval: 60_000 }),
  );
  const queue = useOutbox(outbox ? { outbox } : {});
  const [view, setView] = useState<'list' | 'map'>('list');
  const [selectedId, setSelectedId] = useState<string>();
  const [savedNotice, setSavedNotice] = useState<'online' | 'offline'>();
  const route = myRoute.data?.route ?? undefined;
  const stops = useMemo(
    () => (route ? shownStops(route, queue.entries) : []),
    [route, queue.entries],
  );
  const next = nextStop(stops);
  const selected = stops.find((shown) => shown.stop.id === selectedId);
  const done = stops.filter((shown) => isFinished(shown.status)).length;

  const report = (stopId: string, outcome: StopOutcome) => {
    const at = new Date().toISOString();
    queue.add({
      kind: 'stop',
      input: {
        stopId,
        status: outcome.status,
        at,
        ...(outcome.note ? { note: outcome.note } : {}),
      },
    });
    if (outcome.checklist) {
      queue.add({
        kind: 'visit',
        input: {
          stopId,
          visitedAt: at,
          checklist: outcome.checklist,
          ...(outcome.note ? { note: outcome.note } : {}),
        },
      });
    }
    setSavedNotice(queue.online ? 'online' : 'offline');
    // Finished: back to the list, where the next stop is on top.
    if (outcome.status !== 'arrived') setSelectedId(undefined);
    // The banners at the top say what became of the report.
    document.getElementById('main')?.scrollTo({ top: 0 });
  };

  return (
    <div className="carrier-screen">
      <header className="carrier-header">
        <p className="muted small">{formatToday(language)}</p>
        <h1 className="carrier-header__title">{t('route.title')}</h1>
        {route && (
          <>
            <div
              className="progress"
              role="progressbar"
              aria-valuemin={0}
              aria-valuemax={stops.length}
              aria-valuenow={done}
              aria-label={t('carrier.progress', { done, total: stops.length })}
            >
              <span
                className="progress__bar"
                style={{ width: `${stops.length ? (100 * done) / stops.length : 0}%` }}
              />
            </div>
            <p className="carrier-header__figures">
              <span>{t('carrier.progress', { done, total: stops.length })}</span>
              <span>{t('route.distance', { km: (route.distanceMeters / 1000).toFixed(1) })}</span>
              <span>
                {t('route.duration', { minutes: Math.round(route.durationSeconds / 60) })}
              </span>
            </p>
          </>
        )}
      </header>
      {!queue.online && (
        <p className="banner banner--offline" role="status">
          {t('carrier.offline')}
        </p>
      )}
      {queue.entries.length > 0 && (
        <p className="banner banner--pending" role="status">
          {t('carrier.pending', { count: queue.entries.length })}
        </p>
      )}
      {queue.refused.length > 0 && (
        <p className="alert alert--error carrier-screen__refused" role="alert">
          {t('carrier.refused', { count: queue.refused.length })}{' '}
          <button type="button" className="button button--quiet" onClick={queue.dismissRefused}>
            {t('carrier.dismiss')}
          </button>
        </p>
      )}
      {savedNotice && queue.entries.length === 0 && queue.online && (
        <p className="notice notice--ok" role="status">
          {t('carrier.sentAll')}
        </p>
      )}
      {savedNotice === 'offline' && queue.entries.length > 0 && (
        <p className="notice" role="status">
          {t('carrier.savedOffline')}
        </p>
      )}
      {myRoute.isPending && <p className="empty">{t('app.loading')}</p>}
      {myRoute.isError && <p className="alert alert--error">{t('common.loadFailed')}</p>}
      {myRoute.data && !route && <p className="empty">{t('route.none')}</p>}
      {route && selected && (
        <StopDetail
          shown={selected}
          onBack={() => setSelectedId(undefined)}
          onReport={(outcome) => report(selected.stop.id, outcome)}
        />
      )}
      {route && !selected && (
        <>
          {!next && <p className="notice notice--ok">{t('carrier.allDone')}</p>}
          <div
            className="segmented carrier-screen__views"
            role="group"
            aria-label={t('carrier.viewLabel')}
          >
            {(['list', 'map'] as const).map((option) => (
              <button
                key={option}
                type="button"
                className="segmented__option"
                aria-pressed={view === option}
                onClick={() => setView(option)}
              >
                {option === 'list' ? t('carrier.list') : t('carrier.map')}
              </button>
            ))}
          </div>
          {view === 'list' ? (
            <StopList
              stops={nextFirst(stops, next)}
              nextId={next?.stop.id}
              onSelect={setSelectedId}
            />
          ) : (
            <div className="carrier-screen__map">
              <Suspense fallback={<p className="empty">{t('app.loading')}</p>}>
                <CarrierMap
                  route={route}
                  stops={stops}
                  language={language}
                  onSelect={setSelectedId}
                />
              </Suspense>
            </div>
          )}
        </>
      )}
    </div>
  );
}

export default CarrierScreen;
