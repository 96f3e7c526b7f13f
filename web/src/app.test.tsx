import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { App } from './app.js';
import { gatewayError, renderWithGateway } from './testing/fake-gateway.js';

afterEach(cleanup);

const ORG = '4f0c7f8e-2d7e-4a55-9d2a-000000000001';

function profile(role: 'caseworker' | 'partner' | 'dispatcher', memberships = [role]) {
  return {
    user: { id: 'u1', login: 'cw.oldtown', displayName: '구도심 사례관리 담당' },
    role,
    organisationId: ORG,
    districtCodes: role === 'caseworker' ? ['5214051000'] : [],
    carrierId: null,
    memberships: memberships.map((r) => ({ role: r, organisationId: ORG })),
    expiresAt: '2026-11-26T12:00:00.000Z',
  };
}

describe('App', () => {
  it('should show the login screen without a session, then the home after signing in', async () => {
    let signedIn = false;
    const { calls } = await renderWithGateway(<App />, {
      handlers: {
        'auth.me': () => {
          if (!signedIn) throw gatewayError('UNAUTHORIZED');
          return profile('caseworker');
        },
        'auth.login': () => {
          signedIn = true;
          return profile('caseworker');
        },
        'care.alerts': () => ({ items: [] }),
        'system.health': () => {
          throw gatewayError('FORBIDDEN');
        },
      },
    });
    await screen.findByRole('heading', { name: '로그인' });
    fireEvent.change(screen.getByLabelText('아이디'), { target: { value: 'cw.oldtown' } });
    fireEvent.change(screen.getByLabelText('비밀번호'), { target: { value: 'pw' } });
    fireEvent.click(screen.getByRole('button', { name: '로그인' }));
    await screen.findByRole('heading', { name: /안부 알림함/ }, { timeout: 10_000 });
    expect(screen.getByText('구도심 사례관리 담당 님')).toBeTruthy();
    expect(calls.find((c) => c.path === 'auth.login')?.input).toEqual({
      login: 'cw.oldtown',
      password: 'pw',
    });
    // The caseworker's home is the alert inbox.
    await screen.findByText('담당 읍면동에 열린 알림이 없습니다.');
    // One role only: no role switch.
    expect(screen.queryByLabelText('역할')).toBeNull();
  });

  it('should offer a role switch only to users with several roles and switch on choice', async () => {
    let current = profile('caseworker', ['caseworker', 'partner']);
    const { calls } = await renderWithGateway(<App />, {
      handlers: {
        'auth.me': () => current,
        'auth.switchRole': (input) => {
          current = profile('partner', ['caseworker', 'partner']);
          expect(input).toEqual({ role: 'partner', organisationId: ORG });
          return current;
        },
        'care.alerts': () => ({ items: [] }),
        'donations.list': () => ({ items: [] }),
        'system.health': () => {
          throw gatewayError('FORBIDDEN');
        },
      },
    });
    const select = await screen.findByLabelText('역할');
    fireEvent.change(select, { target: { value: `partner:${ORG}` } });
    await screen.findByRole('heading', { name: '기부 포털' }, { timeout: 10_000 });
    await screen.findByText('아직 등록한 기부가 없습니다.');
    expect(calls.filter((c) => c.path === 'auth.switchRole')).toHaveLength(1);
  });

  it('should sign out back to the login screen', async () => {
    let signedIn = true;
    await renderWithGateway(<App />, {
      handlers: {
        'auth.me': () => {
          if (!signedIn) throw gatewayError('UNAUTHORIZED');
          return profile('partner');
        },
        'auth.logout': () => {
          signedIn = false;
          return { signedOut: true };
        },
        'donations.list': () => ({ items: [] }),
        'system.health': () => {
          throw gatewayError('FORBIDDEN');
        },
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: '로그아웃' }));
    await waitFor(() => expect(screen.getByRole('heading', { name: '로그인' })).toBeTruthy());
  });
});
