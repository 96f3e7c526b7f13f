import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { LatLngTuple } from '../../map/geometry.js';
import type { ClusteredStop } from '../../map/stop-cluster-layer.js';
import type { PlanningRequest } from './planning-form.js';
import { env } from '../../env.js';
import { formatDateTime, formatToday, seoulDay } from '../../lib/format.js';
import { useTRPC } from '../../lib/trpc.js';
import { CityMap } from '../../map/city-map.js';
import { demoCityGeography } from '../../map/demo-city-geography.js';
import { DepotMarkers } from '../../map/depot-markers.js';
import { DistrictLayer } from '../../map/district-layer.js';
import { FocusDistrict } from '../../map/focus-district.js';
import { FocusPoint } from '../../map/focus-point.js';
import { MapLegend } from '../../map/map-legend.js';
import { RoadLayer } from '../../map/road-layer.js';
import { RoutePolyline } from '../../map/route-polyline.js';
import { StopClusterLayer } from '../../map/stop-cluster-layer.js';
import { OrderList } from './order-list.js';
import { drawnRoutes, summariseRoutes } from './plan-view.js';
import { PlanningForm } from './planning-form.js';
import { RouteList } from './route-list.js';
import { RunProgress } from './run-progress.js';
import { StopEditor } from './stop-editor.js';
import { UnassignedList } from './unassigned-list.js';
import { isFinished, usePlanning } from './use-planning.js';

/**
 * The dispatcher's day: pick the day and districts, plan with live progress (or cancel), then
 * the routes on the map in their colours and in a list with loads and ETAs, the unassigned
 * orders with their reasons, moving and locking stops, re-planning the rest, and publishing.
 * Open orders show clustered on the map; a published plan refreshes with carriers' reports.
 */
export function DispatchScreen() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage === 'en' ? 'en' : 'ko';
  const trpc = useTRPC();
  const geography = useMemo(() => demoCityGeography(language), [language]);
  const [request, setRequest] = useState<PlanningRequest>(() => ({
    date: seoulDay(),
    districtCodes: [],
    timeLimitSeconds: 10,
  }));
  const planning = usePlanning(request.date);
  const [focusedCode, setFocusedCode] = useState<string>();
  const [selectedStopId, setSelectedStopId] = useState<string>();
  const [pickedPoint, setPickedPoint] = useState<LatLngTuple>();
  const [pool, setPool] = useState<{ runId: string; orders: number }>();
  const focused = geography.districts.find((district) => district.code === focusedCode);
  const outline = useMemo(
    () => geography.districts.flatMap((district) => district.rings[0] ?? []),
    [geography],
  );
  const depotPositions = useMemo(
    () => geography.depots.map((depot) => depot.position),
    [geography],
  );
  const sortedDistricts = useMemo(
    () => [...geography.districts].sort((a, b) => a.name.localeCompare(b.name, language)),
    [geography, language],
  );
  const districtName = useMemo(
    () => new Map(geography.districts.map((d) => [d.code, d.name])),
    [geography],
  );

  const orders = useQuery(
    trpc.dispatch.orders.queryOptions(
      { districtCodes: [...request.districtCodes], limit: 5000 },
      { refetchInterval: 30_000 },
    ),
  );
  const orderStops = useMemo(
    (): ClusteredStop[] =>
      (orders.data?.items ?? []).flatMap((order) =>
        order.location
          ? [
              {
                id: order.id,
                position: [order.location.lat, order.location.lng] as const,
                status: planning.plan.data ? 'unassigned' : 'planned',
                title: t('planning.orderLabel', {
                  district: districtName.get(order.districtCode) ?? order.districtCode,
                }),
              },
            ]
          : [],
      ),
    [orders.data, planning.plan.data, districtName, t],
  );

  const plan = planning.plan.data;
  const summaries = useMemo(() => (plan ? summariseRoutes(plan) : []), [plan]);
  const routes = useMemo(
    () =>
      drawnRoutes(
        summaries,
        (summary, order) => `${t('planning.routeName', { number: summary.number })} · ${order}`,
      ),
    [summaries, t],
  );
  const run = planning.run.data;
  const running = run !== undefined && !isFinished(run);
  // The pool a run plans (what "routed of all" counts against): the open orders while it runs,
  // kept once it ends, when their status moves on (adjusting state while rendering).
  if (running && orders.data && pool?.runId !== run.id) {
    setPool({ runId: run.id, orders: orders.data.items.length });
  }
  const editing = planning.moveStop.isPending || planning.lockStop.isPending;
  const edit = plan ? { planId: plan.id, expectedVersion: plan.version } : undefined;

  return (
    <div className="dispatch-screen">
      <aside className="dispatch-panel" aria-labelledby="dispatch-title">
        <header className="dispatch-panel__header">
          <h1 id="dispatch-title" className="dispatch-panel__title">
            {t('dispatch.title')}
          </h1>
          <p className="dispatch-panel__date">{formatToday(language)}</p>
          <p className="dispatch-panel__counts">
            <span className="tag">
              {t('dispatch.districtsCount', { count: geography.districts.length })}
            </span>
            <span className="tag">
              {t('dispatch.depotsCount', { count: geography.depots.length })}
            </span>
            {orders.data && (
              <span className="tag tag--accent">
                {t('planning.openOrders', { count: orders.data.items.length })}
              </span>
            )}
          </p>
        </header>
        <section className="dispatch-panel__section stack" aria-label={t('planning.start')}>
          <PlanningForm request={request} onChange={setRequest} districts={sortedDistricts} />
          <button
            type="button"
            className="button button--primary"
            disabled={running || planning.start.isPending}
            onClick={() =>
              planning.start.mutate({
                date: request.date,
                districtCodes: [...request.districtCodes],
                timeLimitSeconds: request.timeLimitSeconds,
              })
            }
          >
            {t('planning.start')}
          </button>
          {run && (
            <RunProgress
              run={run}
              points={planning.points}
              orders={pool?.runId === run.id ? pool.orders : undefined}
              cancelling={planning.cancel.isPending}
              onCancel={() => planning.cancel.mutate({ runId: run.id })}
            />
          )}
          {running && (
            <p className="muted small" data-progress-source={planning.source}>
              {t(`planning.progressSource.${planning.source}`)}
            </p>
          )}
        </section>
        {plan && (
          <section className="dispatch-panel__section stack" aria-labelledby="plan-routes">
            <div className="plan-head">
              <h2 id="plan-routes" className="dispatch-panel__heading">
                {t('planning.routes')}
              </h2>
              <span
                className={`run-status run-status--${plan.status === 'published' ? 'succeeded' : 'queued'}`}
              >
                {plan.status === 'published' && plan.publishedAt
                  ? t('planning.published', { time: formatDateTime(plan.publishedAt, language) })
                  : t('planning.draft')}
              </span>
            </div>
            <p className="muted small">
              {t('planning.totals', {
                km: (plan.totalDistanceMeters / 1000).toFixed(1),
                hours: (plan.totalDurationSeconds / 3600).toFixed(1),
                stops: summaries.reduce((sum, s) => sum + s.stops, 0),
              })}
            </p>
            {planning.stale && <p className="notice notice--warn">{t('planning.staleVersion')}</p>}
            {(planning.moveStop.isError || planning.lockStop.isError || planning.publish.isError) &&
              !planning.stale && <p className="alert alert--error">{t('planning.editFailed')}</p>}
            {plan.status === 'draft' ? (
              <div className="button-row">
                <button
                  type="button"
                  className="button button--primary button--grow"
                  disabled={planning.publish.isPending || running}
                  onClick={() => edit && planning.publish.mutate(edit)}
                >
                  {t('planning.publish')}
                </button>
                <button
                  type="button"
                  className="button button--grow"
                  disabled={running || planning.start.isPending}
                  onClick={() =>
                    planning.start.mutate({
                      date: request.date,
                      districtCodes: [...request.districtCodes],
                      timeLimitSeconds: request.timeLimitSeconds,
                      basePlanId: plan.id,
                    })
                  }
                >
                  {t('planning.replan')}
                </button>
              </div>
            ) : (
              <p className="muted small">{t('planning.live')}</p>
            )}
            {selectedStopId && edit ? (
              <StopEditor
                key={selectedStopId}
                plan={plan}
                summaries={summaries}
                stopId={selectedStopId}
                pending={editing}
                onMove={(input) => planning.moveStop.mutate({ ...edit, ...input })}
                onLock={(input) => planning.lockStop.mutate({ ...edit, ...input })}
              />
            ) : (
              <p className="muted small">{t('planning.pickStop')}</p>
            )}
            <RouteList
              summaries={summaries}
              selectedStopId={selectedStopId}
              onSelectStop={setSelectedStopId}
            />
            <h2 className="dispatch-panel__heading">{t('planning.unassigned')}</h2>
            <UnassignedList unassigned={plan.unassigned} />
          </section>
        )}
        <section className="dispatch-panel__section" aria-labelledby="dispatch-legend">
          <h2 id="dispatch-legend" className="dispatch-panel__heading">
            {t('map.legend')}
          </h2>
          <MapLegend />
        </section>
        {orderStops.length > 0 && (
          <section className="dispatch-panel__section" aria-labelledby="dispatch-orders">
            <h2 id="dispatch-orders" className="dispatch-panel__heading">
              {t('planning.orderListTitle')}
            </h2>
            <OrderList
              stops={orderStops}
              height={240}
              onPick={(stop) => setPickedPoint(stop.position)}
            />
          </section>
        )}
        <section className="dispatch-panel__section" aria-labelledby="dispatch-districts">
          <h2 id="dispatch-districts" className="dispatch-panel__heading">
            {t('dispatch.districtList')}
          </h2>
          <ul className="district-list">
            {sortedDistricts.map((district) => (
              <li key={district.code}>
                <button
                  type="button"
                  className="district-list__item"
                  aria-pressed={district.code === focusedCode}
                  aria-label={t('dispatch.focusDistrict', { name: district.name })}
                  onClick={() => setFocusedCode(district.code)}
                >
                  {district.name}
                </button>
              </li>
            ))}
          </ul>
        </section>
      </aside>
      <section className="dispatch-map" aria-label={t('map.label')}>
        <CityMap tileUrl={env.tileUrl} tileAttribution={env.tileAttribution} fitTo={outline}>
          <DistrictLayer
            districts={geography.districts}
            focusedCode={focusedCode}
            avoid={depotPositions}
          />
          <RoadLayer roads={geography.roads} />
          <StopClusterLayer stops={orderStops} />
          {routes.map((route) => (
            <RoutePolyline key={route.id} route={route} onSelectStop={setSelectedStopId} />
          ))}
          <DepotMarkers depots={geography.depots} />
          <FocusDistrict district={focused} />
          <FocusPoint point={pickedPoint} />
        </CityMap>
      </section>
    </div>
  );
}

export default DispatchScreen;
