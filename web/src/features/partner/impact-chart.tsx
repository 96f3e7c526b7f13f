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

import type { ImpactMonth } from './impact.js';
import { formatCount } from '../../lib/format.js';

/** Units given by month, stacked by where they ended up (delivered, on the way, lost). */
export function ImpactChart({ months }: { months: readonly ImpactMonth[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ko';
  if (months.length === 0) return <p className="empty">{t('partner.impactEmpty')}</p>;
  const total = months.reduce((sum, m) => sum + m.delivered + m.inProgress + m.lost, 0);
  const monthLabel = (month: string) =>
    new Intl.DateTimeFormat(language, { year: '2-digit', month: 'short', timeZone: 'UTC' }).format(
      new Date(`${month}-01T00:00:00Z`),
    );
  return (
    <figure className="chart-figure" aria-label={t('partner.impactTitle')}>
      <p className="chart-figure__total">
        {t('partner.unitsTotal', { units: formatCount(total, language) })}
      </p>
      <div className="chart-figure__canvas">
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={[...months]} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="month" tickFormatter={monthLabel} fontSize={12} />
            <YAxis width={40} fontSize={12} allowDecimals={false} />
            <Tooltip
              labelFormatter={(label) => (typeof label === 'string' ? monthLabel(label) : label)}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar
              dataKey="delivered"
              stackId="units"
              name={t('partner.impactDelivered')}
              fill="#1f8a5b"
              isAnimationActive={false}
            />
            <Bar
              dataKey="inProgress"
              stackId="units"
              name={t('partner.impactInProgress')}
              fill="#2f6fb0"
              isAnimationActive={false}
            />
            <Bar
              dataKey="lost"
              stackId="units"
              name={t('partner.impactLost')}
              fill="#c5ccc4"
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
