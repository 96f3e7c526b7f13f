import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { gatewayError, renderWithGateway } from '../../testing/fake-gateway.js';
import { HouseholdWork } from './household-work.js';

afterEach(cleanup);

const me = {
  id: 'u1',
  login: 'caseworker',
  displayName: '김복지',
  role: 'caseworker',
  organisationId: '00000000-0000-4000-8000-00000000a001',
  districtCodes: ['5214057000', '5214025000'],
  memberships: [],
};
const program = { id: '00000000-0000-4000-8000-0000000000p1', name: '어르신 도시락' };

describe('HouseholdWork', () => {
  it('should name every bad field and send nothing while any is wrong', async () => {
    const { calls } = await renderWithGateway(<HouseholdWork view="enrol" />, {
      handlers: {
        'auth.me': () => me,
        'households.programs': () => ({ items: [program] }),
        'households.register': (input) => ({ ...(input as object), id: 'h1' }),
        'households.enrol': () => ({ id: 'e1' }),
      },
    });
    const submit = await screen.findByRole('button', { name: '가구 등록하고 사업 신청' });
    fireEvent.change(screen.getByLabelText('전화번호'), { target: { value: 'abc' } });
    fireEvent.click(screen.getByLabelText('배송과 방문'));
    fireEvent.click(submit);
    const summary = await screen.findByRole('alert');
    for (const field of [
      '받는 분 이름',
      '도로명 주소',
      '현관 위치',
      '전화번호',
      '동의 범위',
      '사업',
    ])
      expect(summary.textContent).toContain(field);
    expect(screen.getByText('동의 범위: 배송 동의가 있어야 합니다.')).toBeTruthy();
    expect(calls.some((c) => c.path === 'households.register')).toBe(false);
  });

  it("should show the gateway's field error by the field's name", async () => {
    await renderWithGateway(<HouseholdWork view="need" />, {
      handlers: {
        'auth.me': () => me,
        'households.list': () => ({
          items: [
            {
              id: '00000000-0000-4000-8000-0000000000h1',
              districtCode: '5214057000',
              type: 'elderly_alone',
              riskLevel: 'high',
              memberCount: 1,
            },
          ],
        }),
        'households.needs': () => ({ items: [] }),
        'households.fileNeed': () => {
          throw Object.assign(gatewayError('BAD_REQUEST', 'no consent'), {
            data: {
              code: 'BAD_REQUEST',
              httpStatus: 400,
              fieldErrors: [{ path: 'householdId', message: 'no delivery consent' }],
            },
          });
        },
      },
    });
    const household = await screen.findByLabelText('가구');
    await waitFor(() => expect(household.querySelectorAll('option').length).toBe(2));
    fireEvent.change(household, {
      target: { value: '00000000-0000-4000-8000-0000000000h1' },
    });
    fireEvent.click(screen.getByRole('button', { name: '지원 요청 등록' }));
    expect((await screen.findByText(/가구: 서버가 받지 않았습니다/)).textContent).toContain(
      'no delivery consent',
    );
  });
});
