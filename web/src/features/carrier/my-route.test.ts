import { describe, expect, it } from 'vitest';

import type { MyStop } from './my-route.js';
import type { OutboxEntry } from './outbox.js';
import { nextStop, shownStops } from './my-route.js';

function stop(id: string, sequence: number, status: MyStop['status'] = 'planned'): MyStop {
  return {
    id,
    routeId: 'r',
    orderId: `o-${id}`,
    kind: 'delivery',
    sequence,
    eta: '2026-11-25T10:00:00+09:00',
    serviceSeconds: 120,
    status,
    locked: false,
    updatedAt: '2026-11-25T08:00:00+09:00',
  };
}

const route = { stops: [stop('c', 2), stop('a', 0, 'delivered'), stop('b', 1)] };

describe('shownStops', () => {
  it('should order stops by sequence and apply the waiting reports', () => {
    const entries: OutboxEntry[] = [
      {
        id: 'e1',
        kind: 'stop',
        queuedAt: '2026-11-25T01:00:00Z',
        input: { stopId: 'b', status: 'not_home', at: '2026-11-25T10:00:00+09:00' },
      },
    ];
    const shown = shownStops(route, entries);
    expect(shown.map((s) => [s.stop.id, s.order, s.status, s.pending])).toEqual([
      ['a', 1, 'delivered', false],
      ['b', 2, 'not_home', true],
      ['c', 3, 'planned', false],
    ]);
    expect(nextStop(shown)?.stop.id).toBe('c');
  });

  it('should have no next stop once every stop is finished', () => {
    const done = { stops: [stop('a', 0, 'delivered'), stop('b', 1, 'refused')] };
    expect(nextStop(shownStops(done, []))).toBeUndefined();
  });
});
