import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { RunView } from './plan-view.js';
import { renderWithI18n } from '../../testing/render.js';
import { RunProgress } from './run-progress.js';
import { UnassignedList } from './unassigned-list.js';

afterEach(cleanup);

const run: RunView = {
  id: '00000000-0000-4000-8000-000000000001',
  date: '2026-11-26',
  districtCodes: [],
  timeLimitSeconds: 10,
  status: 'running',
  progress: {
    bestCost: 71_113.4,
    elapsedMs: 2_500,
    iterations: 5_469,
    fraction: 0.25,
    vehicles: 31,
    unassigned: 154,
  },
  notes: [],
  attempts: 1,
  requestedBy: '00000000-0000-4000-8000-000000000002',
  createdAt: '2026-11-26T06:00:00+09:00',
};

describe('RunProgress', () => {
  it('should show the share of the time limit, the figures in orders and routes, and a cancel button', async () => {
    let cancelled = 0;
    await renderWithI18n(
      <RunProgress
        run={run}
        points={[]}
        orders={958}
        cancelling={false}
        onCancel={() => (cancelled += 1)}
      />,
    );
    expect(
      screen.getByRole('progressbar', { name: '계획 진행률' }).getAttribute('aria-valuenow'),
    ).toBe('25');
    expect(screen.getByText('804 / 958건')).toBeTruthy();
    expect(screen.getByText('154건')).toBeTruthy();
    expect(screen.getByText('31개')).toBeTruthy();
    expect(screen.getByText('2.5초 / 10초')).toBeTruthy();
    // Never the solver's raw, penalised cost.
    expect(screen.queryByText(/71,113/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '계획 중단' }));
    expect(cancelled).toBe(1);
  });

  it('should show a finished run at 100 % with no cancel button', async () => {
    await renderWithI18n(
      <RunProgress
        run={{ ...run, status: 'succeeded' }}
        points={[]}
        cancelling={false}
        onCancel={() => undefined}
      />,
      { language: 'en' },
    );
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    expect(screen.getByText('Done')).toBeTruthy();
    // Without the pool's size, routed is unknown; the rest reads in English.
    expect(screen.getByText('154 orders')).toBeTruthy();
    expect(screen.getByText('2.5 s of 10 s')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Cancel planning' })).toBeNull();
  });
});

describe('UnassignedList', () => {
  it('should group unassigned orders by reason, in words', async () => {
    const order = (n: number, reason: string) => ({
      orderId: `00000000-0000-4000-8000-00000000000${n}`,
      reason,
      message: `order ${n}`,
    });
    await renderWithI18n(
      <UnassignedList
        unassigned={[order(1, 'capacity'), order(2, 'capacity'), order(3, 'some_new_reason')]}
      />,
    );
    expect(screen.getByText('적재 용량 부족').closest('summary')?.textContent).toContain('2');
    expect(screen.getByText('기타 사유')).toBeTruthy();
  });
});
