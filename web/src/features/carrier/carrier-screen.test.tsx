import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { MyRoute, MyStop } from './my-route.js';
import { renderWithGateway } from '../../testing/fake-gateway.js';
import { CarrierScreen } from './carrier-screen.js';
import { Outbox } from './outbox.js';

afterEach(() => {
  cleanup();
  setOnline(true);
});

function setOnline(online: boolean) {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
  window.dispatchEvent(new Event(online ? 'online' : 'offline'));
}

function memoryOutbox() {
  const values = new Map<string, string>();
  return new Outbox({
    storage: { getItem: (k) => values.get(k) ?? null, setItem: (k, v) => void values.set(k, v) },
  });
}

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function stop(n: number, name: string, status: MyStop['status'] = 'planned'): MyStop {
  return {
    id: uuid(n),
    routeId: uuid(100),
    orderId: uuid(200 + n),
    kind: 'delivery',
    householdId: uuid(300 + n),
    sequence: n,
    eta: `2026-11-25T1${n}:00:00+09:00`,
    serviceSeconds: 120,
    status,
    locked: false,
    updatedAt: '2026-11-25T08:00:00+09:00',
    recipient: {
      householdId: uuid(300 + n),
      name,
      address: { road: `익산대로 ${n}길` },
      accessNotes: n === 1 ? '초인종 고장, 문을 두드려 주세요' : undefined,
    },
  };
}

function route(stops: MyStop[]): MyRoute {
  return {
    id: uuid(100),
    planId: uuid(101),
    date: '2026-11-25',
    carrierId: uuid(102),
    startDepotId: uuid(103),
    stops,
    load: { boxes: 3, kg: 9, chilledBoxes: 0 },
    distanceMeters: 12_400,
    durationSeconds: 5_400,
    geometry: [],
  };
}

describe('CarrierScreen', () => {
  it('should show the next stop first and report it with the welfare check', async () => {
    const updates: unknown[] = [];
    const visits: unknown[] = [];
    const { calls } = await renderWithGateway(<CarrierScreen outbox={memoryOutbox()} />, {
      handlers: {
        'dispatch.myRoute': () => ({
          route: route([stop(0, '김순자', 'delivered'), stop(1, '박영호'), stop(2, '이말순')]),
        }),
        'dispatch.updateStop': (input) => {
          updates.push(input);
          return {};
        },
        'care.reportVisit': (input) => {
          visits.push(input);
          return {};
        },
      },
    });
    const rows = await screen.findAllByRole('button', { name: /익산대로/ });
    expect(rows[0]?.textContent).toContain('다음 방문');
    expect(rows[0]?.textContent).toContain('박영호');
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('1');

    const [next] = rows;
    if (!next) throw new Error('no stop rows');
    fireEvent.click(next);
    await screen.findByText('초인종 고장, 문을 두드려 주세요');
    fireEvent.click(screen.getByRole('button', { name: '전달했어요' }));
    fireEvent.click(screen.getByLabelText('도움을 요청했어요'));
    fireEvent.change(screen.getByLabelText('기분·상태'), { target: { value: 'distressed' } });
    fireEvent.click(screen.getByRole('button', { name: '전달 완료 저장' }));

    await waitFor(() => expect(visits).toHaveLength(1));
    expect(updates).toEqual([expect.objectContaining({ stopId: uuid(1), status: 'delivered' })]);
    expect(visits[0]).toMatchObject({
      stopId: uuid(1),
      checklist: { askedForHelp: true, mood: 'distressed', seenInPerson: true },
    });
    // The stop report went before the visit report.
    const order = calls.map((c) => c.path).filter((p) => p !== 'dispatch.myRoute');
    expect(order).toEqual(['dispatch.updateStop', 'care.reportVisit']);
  });

  it('should keep reports while offline, show them as waiting, and send them in order on reconnect', async () => {
    const outbox = memoryOutbox();
    const sent: string[] = [];
    await renderWithGateway(<CarrierScreen outbox={outbox} />, {
      handlers: {
        'dispatch.myRoute': () => ({ route: route([stop(1, '박영호'), stop(2, '이말순')]) }),
        'dispatch.updateStop': (input) => {
          if (!navigator.onLine) throw new Error('network down');
          sent.push(
            `${(input as { stopId: string }).stopId}:${(input as { status: string }).status}`,
          );
          return {};
        },
      },
    });
    await screen.findByText('박영호');
    act(() => setOnline(false));
    await screen.findByText(/연결이 끊겼습니다/);

    fireEvent.click(screen.getByRole('button', { name: /박영호/ }));
    fireEvent.click(screen.getByRole('button', { name: '부재중' }));
    fireEvent.click(await screen.findByRole('button', { name: /이말순/ }));
    fireEvent.click(screen.getByRole('button', { name: '도착했어요' }));
    await screen.findByText('전송 대기 2건');
    expect(outbox.entries()).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: /목록으로/ }));
    const waiting = screen.getAllByText('전송 대기');
    expect(waiting).toHaveLength(2);
    const [first] = screen.getAllByRole('button', { name: /익산대로/ });
    if (!first) throw new Error('no stop rows');
    expect(within(first).getByText('도착')).toBeTruthy();

    act(() => setOnline(true));
    await waitFor(() => expect(sent).toEqual([`${uuid(1)}:not_home`, `${uuid(2)}:arrived`]));
    await screen.findByText('모든 보고를 보냈습니다.');
    expect(outbox.entries()).toEqual([]);
  });
});
