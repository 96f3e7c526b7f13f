import { Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';

import type { ProgressPoint } from './plan-view.js';

/** The best cost falling over the run's seconds: a small line chart beside the progress bar. */
export function ProgressChart({
  points,
  label,
  language,
}: {
  points: readonly ProgressPoint[];
  label: string;
  language: string;
}) {
  const format = new Intl.NumberFormat(language, { notation: 'compact', maximumFractionDigits: 1 });
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
          dataKey="cost"
          // Early plans carry penalties for unassigned stops many times the final cost: a log
          // scale keeps the whole descent readable.
          scale="log"
          domain={['auto', 'auto']}
          tickFormatter={(c: number) => format.format(c)}
          width={44}
          fontSize={11}
        />
        <Tooltip
          formatter={(value) => format.format(Number(value))}
          labelFormatter={(s) => (typeof s === 'number' ? `${s} s` : s)}
        />
        <Line
          type="stepAfter"
          dataKey="cost"
          stroke="#1f4e79"
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
      <figcaption className="visually-hidden">{label}</figcaption>
    </figure>
  );
}
