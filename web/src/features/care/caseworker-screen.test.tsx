import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { Alert } from '@anbu/contracts';

import { gatewayError, renderWithGateway } from '../../testing/fake-gateway.js';
import { CaseworkerScreen } from './caseworker-screen.js';

afterEach(cleanup);

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

function alert(overrides: Partial<Alert>): Alert {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    householdId: '11111111-0000-4000-8000-000000000001',
    districtCode: '5214051000',
    severity: 'high',
    status: 'raised',
    reason: 'help_requested',
    summary: 'help requested at a visit',
    observationIds: [],
    raisedAt: inMinutes(-10),
    ackDeadline: inMinutes(50),
    escalationLevel: 0,
    ...overrides,
  };
}

describe('CaseworkerScreen', () => {
  it('should list the most urgent alert first with the time left to acknowledge', async () => {
    await renderWithGateway(<CaseworkerScreen />, {
      handlers: {
        'care.alerts': () => ({
          items: [
            alert({
              id: '00000000-0000-4000-8000-00000000000a',
              severity: 'low',
              reason: 'no_activity',
            }),
            alert({ severity: 'critical', ackDeadline: inMinutes(-3.5) }),
          ],
        }),
      },
    });
    await screen.findByText('기한 3분 지남');
    const list = screen.getByRole('list', { name: '안부 알림함' });
    const items = within(list).getAllByRole('button');
    expect(items[0]?.textContent).toContain('긴급');
    expect(items[0]?.textContent).toContain('기한 3분 지남');
    expect(items[1]?.textContent).toContain('생활 반응 없음');
    expect(items[1]?.textContent).toMatch(/[0-9]+분 남음/);
  });

  it('should acknowledge, then resolve with a follow-up need after fixing the quantity', async () => {
    let current = alert({});
    const { calls } = await renderWithGateway(<CaseworkerScreen />, {
      handlers: {
        'care.alerts': () => ({ items: current.status === 'resolved' ? [] : [current] }),
        'care.timeline': () => ({
          items: [{ kind: 'alert', at: current.raisedAt, alert: current }],
        }),
        'care.acknowledgeAlert': () => {
          current = { ...current, status: 'acknowledged', acknowledgedAt: inMinutes(0) };
          return current;
        },
        'care.resolveAlert': () => {
          current = { ...current, status: 'resolved', resolvedAt: inMinutes(0) };
          return current;
        },
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: /도움 요청/ }));
    // The household's record, merged by care, shows under the alert.
    await screen.findByText('가구 안부 기록');
    expect(
      (await screen.findByText(/높음 · 도움 요청 · 새 알림/)).closest('li')?.textContent,
    ).toContain('알림');
    fireEvent.click(screen.getByRole('button', { name: '확인했습니다' }));
    await screen.findByText('알림을 확인했습니다.');
    await waitFor(() => expect(screen.queryByRole('button', { name: '확인했습니다' })).toBeNull());

    fireEvent.change(screen.getByLabelText('처리 결과'), { target: { value: 'visited' } });
    fireEvent.click(screen.getByLabelText('후속 지원 요청하기'));
    fireEvent.change(screen.getByLabelText('수량'), { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: '처리 완료로 저장' }));
    expect(screen.getByLabelText('수량').getAttribute('aria-invalid')).toBe('true');
    await screen.findByText('수량은 1 이상의 정수여야 합니다.');
    expect(calls.filter((c) => c.path === 'care.resolveAlert')).toHaveLength(0);

    fireEvent.change(screen.getByLabelText('수량'), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: '처리 완료로 저장' }));
    await screen.findByText('알림을 처리 완료했습니다.');
    expect(calls.find((c) => c.path === 'care.resolveAlert')?.input).toMatchObject({
      alertId: current.id,
      resolution: 'visited',
      followUp: { category: 'necessity_kit', quantity: 3, unit: 'kit' },
    });
    await screen.findByText('담당 읍면동에 열린 알림이 없습니다.');
  });

  it('should say so when another caseworker acted first', async () => {
    await renderWithGateway(<CaseworkerScreen />, {
      language: 'en',
      handlers: {
        'care.alerts': () => ({ items: [alert({})] }),
        'care.acknowledgeAlert': () => {
          throw gatewayError('CONFLICT');
        },
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: /Asked for help/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Acknowledge' }));
    await screen.findByText('Someone else handled it first. The list has been refreshed.');
  });
});
