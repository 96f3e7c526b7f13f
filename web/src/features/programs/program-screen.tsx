import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

import { ko } from '../../i18n/ko.js';
import { formatCount, seoulDay } from '../../lib/format.js';
import { useTRPC } from '../../lib/trpc.js';
import { useDistrictNames } from '../../map/use-district-names.js';
import { alertsBySeverity, figuresByDistrict, toCsv } from './figures.js';

type OrderStatus = keyof (typeof ko)['programs']['orderStatus'];
const ORDER_STATUSES = Object.keys(ko.programs.orderStatus) as OrderStatus[];
const SEVERITY_COLOURS = {
  critical: '#b42318',
  high: '#ea580c',
  medium: '#e5a100',
  low: '#9ca3af',
} as const;

/** Saves `text` as a file through a temporary link. */
function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * The program manager's figures: headline numbers, delivery orders by status, fill rate by
 * district and alerts by severity as charts, and the per-district table as CSV.
 */
export function ProgramScreen() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ko';
  const trpc = useTRPC();
  const districtName = useDistrictNames();
  const orders = useQuery(
    trpc.dispatch.orders.queryOptions({ statuses: [...ORDER_STATUSES], limit: 5000 }),
  );
  const alerts = useQuery(
    trpc.care.alerts.queryOptions({
      limit: 200,
      statuses: ['raised', 'acknowledged', 'escalated', 'resolved'],
    }),
  );
  const donations = useQuery(trpc.donations.list.queryOptions({ limit: 200 }));
  const orderItems = useMemo(() => orders.data?.items ?? [], [orders.data]);
  const alertItems = useMemo(() => alerts.data?.items ?? [], [alerts.data]);
  const rows = useMemo(
    () => figuresByDistrict({ orders: orderItems, alerts: alertItems }),
    [orderItems, alertItems],
  );
  const byStatus = ORDER_STATUSES.map((status) => ({
    status: t(`programs.orderStatus.${status}`),
    count: orderItems.filter((o) => o.status === status).length,
  }));
  const severity = alertsBySeverity(alertItems).map((row) => ({
    ...row,
    label: t(`alerts.severity.${row.severity}`),
  }));
  const fill = rows
    .filter((r) => r.orders > 0)
    .map((r) => ({ name: districtName(r.districtCode), fillRate: r.fillRate }));
  const due = rows.reduce((sum, r) => sum + r.orders, 0);
  const done = rows.reduce((sum, r) => sum + r.done, 0);
  const openAlerts = alertItems.filter((a) => a.status !== 'resolved').length;
  const columns = [
    t('programs.columns.district'),
    t('programs.columns.orders'),
    t('programs.columns.done'),
    t('programs.columns.failed'),
    t('programs.columns.fillRate'),
    t('programs.columns.alerts'),
  ];
  const table = rows.map(
    (r) =>
      [districtName(r.districtCode), r.orders, r.done, r.failed, r.fillRate, r.alerts] as const,
  );
  const loading = orders.isPending || alerts.isPending;
  return (
    <div className="portal">
      <header className="portal__header">
        <h1 className="portal__title">{t('programs.title')}</h1>
        <p className="muted">{t('programs.lead')}</p>
      </header>
      {(orders.isError || alerts.isError) && (
        <p className="alert alert--error">{t('common.loadFailed')}</p>
      )}
      {loading && <p className="muted">{t('app.loading')}</p>}
      <div className="kpi-grid">
        <div className="kpi">
          <p className="kpi__label">{t('programs.orders')}</p>
          <p className="kpi__value">{formatCount(due, language)}</p>
        </div>
        <div className="kpi">
          <p className="kpi__label">{t('programs.delivered')}</p>
          <p className="kpi__value">{formatCount(done, language)}</p>
        </div>
        <div className="kpi">
          <p className="kpi__label">{t('programs.fillRate')}</p>
          <p className="kpi__value">{due === 0 ? '—' : `${((100 * done) / due).toFixed(1)}%`}</p>
        </div>
        <div className="kpi">
          <p className="kpi__label">{t('programs.openAlerts')}</p>
          <p className="kpi__value">{formatCount(openAlerts, language)}</p>
        </div>
        <div className="kpi">
          <p className="kpi__label">{t('programs.donations')}</p>
          <p className="kpi__value">{formatCount(donations.data?.items.length ?? 0, language)}</p>
        </div>
      </div>
      <div className="chart-grid">
        <section className="card" aria-labelledby="deliveries-chart">
          <h2 id="deliveries-chart" className="card__title">
            {t('programs.deliveriesTitle')}
          </h2>
          <ResponsiveContainer width="100%" height={240}>
            <BarChart data={byStatus}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="status" fontSize={12} />
              <YAxis width={44} fontSize={12} allowDecimals={false} />
              <Tooltip />
              <Bar
                dataKey="count"
                name={t('programs.orders')}
                fill="#1f4e79"
                isAnimationActive={false}
              />
            </BarChart>
          </ResponsiveContainer>
        </section>
        <section className="card" aria-labelledby="alerts-chart">
          <h2 id="alerts-chart" className="card__title">
            {t('programs.alertsTitle')}
          </h2>
          <ResponsiveContainer width="100%" height={240}>
            <BarChart data={severity}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" fontSize={12} />
              <YAxis width={44} fontSize={12} allowDecimals={false} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Bar
                dataKey="open"
                stackId="a"
                name={t('care.showOpen')}
                fill={SEVERITY_COLOURS.critical}
                isAnimationActive={false}
              />
              <Bar
                dataKey="resolved"
                stackId="a"
                name={t('care.showResolved')}
                fill="#1f8a5b"
                isAnimationActive={false}
              />
            </BarChart>
          </ResponsiveContainer>
        </section>
        <section className="card" aria-labelledby="fill-chart">
          <h2 id="fill-chart" className="card__title">
            {t('programs.fillTitle')}
          </h2>
          <ResponsiveContainer width="100%" height={Math.max(200, 26 * fill.length)}>
            <BarChart data={fill} layout="vertical" margin={{ left: 20 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" domain={[0, 100]} fontSize={12} unit="%" />
              <YAxis type="category" dataKey="name" width={80} fontSize={12} />
              <Tooltip />
              <Bar
                dataKey="fillRate"
                name={t('programs.fillRate')}
                fill="#047857"
                isAnimationActive={false}
              />
            </BarChart>
          </ResponsiveContainer>
        </section>
      </div>
      <section className="card" aria-labelledby="district-table">
        <div className="plan-head">
          <h2 id="district-table" className="card__title">
            {t('programs.tableTitle')}
          </h2>
          <button
            type="button"
            className="button"
            onClick={() => download(`anbu-${seoulDay()}.csv`, toCsv(columns, table))}
          >
            {t('programs.exportCsv')}
          </button>
        </div>
        <table className="data-table">
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.map((row) => (
              <tr key={row[0]}>
                {row.map((cell, index) => (
                  <td key={index}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

export default ProgramScreen;
