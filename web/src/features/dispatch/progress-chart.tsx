import { Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';

import type { ProgressPoint } from './plan-view.js';

/**
 * The orders left without a route falling over the run's seconds: a small line chart beside the
 * progress bar (a count a dispatcher reads, not the solver's cost).
 */
export function ProgressChart({
  points,
  label,
  seriesName,
  language,
}: {
  points: readonly ProgressPoint[];
  label: string;
  /** The line's name in the tooltip ("unassigned"). */
  seriesName: string;
  language: string;
}) {
  const format = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
  return (
    <figure className="progress-chart" aria-label={label}>
      <LineChart
        width={300}
        height={120}
        data={[...points]}
        margin={{ top: 6, right: 8, bottom: 0, left: 0 }}
      >
        <XAxis
          dataKey="seconds"
          type="number"
          domain={[0, 'dataMax']}
          tickFormatter={(s: number) => `${s}s`}
          fontSize={11}
        />
        <YAxis
          dataKey="unassigned"
          domain={[0, 'auto']}
          allowDecimals={false}
          tickFormatter={(n: number) => format.format(n)}
          width={40}
          fontSize={11}
        />
        <Tooltip
          formatter={(value) => [format.format(Number(value)), seriesName]}
          labelFormatter={(s) => (typeof s === 'number' ? `${s} s` : s)}
        />
        <Line
          type="stepAfter"
          dataKey="unassigned"
          name={seriesName}
          stroke="#b45309"
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
      <figcaption className="visually-hidden">{label}</figcaption>
    </figure>
  );
}
