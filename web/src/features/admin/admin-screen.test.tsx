import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { AdminUser } from './use-admin.js';
import { demoCityGeography } from '../../map/demo-city-geography.js';
import { gatewayError, renderWithGateway } from '../../testing/fake-gateway.js';
import { AdminScreen } from './admin-screen.js';

afterEach(cleanup);

const ORG = '00000000-0000-4000-8000-000000000001';
const ADMIN: AdminUser = {
  id: '10000000-0000-4000-8000-000000000001',
  login: 'admin',
  displayName: '관리자',
  createdAt: '2026-11-01T00:00:00.000Z',
  disabled: false,
  roles: [{ role: 'admin', organisationId: ORG, districtCodes: [] }],
};
const ME = { role: 'admin', organisationId: ORG, user: ADMIN } as const;

/** A gateway holding `users`, answering the admin procedures as the real one does. */
function fakeAdminGateway(users: AdminUser[]) {
  return {
    'admin.users': () => ({ items: users.map((u) => ({ ...u, roles: [...u.roles] })) }),
    'admin.createUser': (input: unknown) => {
      const { login, displayName } = input as { login: string; displayName: string };
      if (users.some((u) => u.login === login)) {
        throw Object.assign(gatewayError('CONFLICT'), {
          data: {
            code: 'CONFLICT',
            fieldErrors: [{ path: 'login', message: 'this login is taken' }],
          },
        });
      }
      const user: AdminUser = {
        id: `20000000-0000-4000-8000-00000000000${users.length}`,
        login,
        displayName,
        createdAt: '2026-11-26T01:00:00.000Z',
        disabled: false,
        roles: [],
      };
      users.push(user);
      return user;
    },
    'admin.grantRole': (input: unknown) => {
      const { userId, ...link } = input as AdminUser['roles'][number] & { userId: string };
      const user = users.find((u) => u.id === userId);
      user?.roles.push(link);
      return { change: 'granted' };
    },
    'admin.revokeRole': (input: unknown) => {
      const { userId, role } = input as { userId: string; role: string };
      const user = users.find((u) => u.id === userId);
      if (user) user.roles = user.roles.filter((r) => r.role !== role);
      return { revoked: true };
    },
    'admin.disableUser': (input: unknown) => {
      const user = users.find((u) => u.id === (input as { userId: string }).userId);
      if (user) user.disabled = true;
      return { disabled: true };
    },
  };
}

function fillAccount({ login, name, password }: { login: string; name: string; password: string }) {
  fireEvent.change(screen.getByLabelText('아이디'), { target: { value: login } });
  fireEvent.change(screen.getByLabelText('이름'), { target: { value: name } });
  fireEvent.change(screen.getByLabelText('초기 비밀번호'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: '계정 만들기' }));
}

describe('AdminScreen', () => {
  it('should create an account, show it in the table and grant it a caseworker role', async () => {
    const users = [ADMIN];
    const { calls } = await renderWithGateway(<AdminScreen me={ME} />, {
      handlers: fakeAdminGateway(users),
    });
    await screen.findByText('admin');
    fillAccount({ login: 'Kim.Worker', name: '김사회', password: 'long-enough-1' });

    const table = screen.getByRole('table');
    await within(table).findByText('kim.worker');
    expect(within(table).getByText('김사회')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('kim.worker 계정을 만들었습니다');
    expect(calls.find((c) => c.path === 'admin.createUser')?.input).toEqual({
      login: 'kim.worker',
      displayName: '김사회',
      password: 'long-enough-1',
    });
    // The new account is the one the grant form offers next.
    const created = users[1];
    expect(screen.getByLabelText<HTMLSelectElement>('계정').value).toBe(created?.id);

    const district = demoCityGeography('ko').districts[0];
    fireEvent.change(screen.getByLabelText('역할'), { target: { value: 'caseworker' } });
    fireEvent.click(screen.getByRole('button', { name: district?.name ?? '' }));
    fireEvent.click(screen.getByRole('button', { name: '역할 부여' }));

    await screen.findByText('kim.worker에게 사례관리사 역할을 부여했습니다.');
    expect(calls.find((c) => c.path === 'admin.grantRole')?.input).toEqual({
      userId: created?.id,
      role: 'caseworker',
      organisationId: ORG,
      districtCodes: [district?.code],
    });
    const row = within(table).getByText('kim.worker').closest('tr');
    if (!row) throw new Error('no row for the new account');
    await within(row).findByText('사례관리사');
    expect(row.textContent).toContain(district?.name);
  });

  it('should show a taken login at the login field', async () => {
    const { calls } = await renderWithGateway(<AdminScreen me={ME} />, {
      handlers: fakeAdminGateway([ADMIN]),
    });
    await screen.findByText('admin');
    fillAccount({ login: 'admin', name: '둘째 관리자', password: 'long-enough-1' });

    const login = screen.getByLabelText('아이디');
    await waitFor(() => expect(login.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = login.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(describedBy)?.textContent).toBe('이미 쓰이는 아이디입니다.');
    expect(screen.getByLabelText('이름').getAttribute('aria-invalid')).toBe('false');
    expect(calls.filter((c) => c.path === 'admin.createUser')).toHaveLength(1);
  });

  it('should name a short password before asking the gateway', async () => {
    const { calls } = await renderWithGateway(<AdminScreen me={ME} />, {
      language: 'en',
      handlers: fakeAdminGateway([ADMIN]),
    });
    await screen.findByText('admin');
    fireEvent.change(screen.getByLabelText('Login'), { target: { value: 'lee' } });
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Lee' } });
    fireEvent.change(screen.getByLabelText('Initial password'), { target: { value: 'short' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));

    const password = screen.getByLabelText('Initial password');
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Enter at least 10 characters.')).toBeTruthy();
    expect(calls.some((c) => c.path === 'admin.createUser')).toBe(false);
  });

  it('should revoke a role and disable an account only after the confirm step', async () => {
    const worker: AdminUser = {
      id: '30000000-0000-4000-8000-000000000001',
      login: 'cw.oldtown',
      displayName: '박담당',
      createdAt: '2026-11-02T00:00:00.000Z',
      disabled: false,
      roles: [{ role: 'caseworker', organisationId: ORG, districtCodes: [] }],
    };
    const { calls } = await renderWithGateway(<AdminScreen me={ME} />, {
      handlers: fakeAdminGateway([ADMIN, worker]),
    });
    const row = (await screen.findByText('cw.oldtown')).closest('tr');
    if (!row) throw new Error('no row for the caseworker');
    // The administrator cannot disable their own account: no button on that row.
    const ownRow = screen.getByText('admin').closest('tr');
    expect(ownRow && within(ownRow).queryByRole('button', { name: '사용 중지' })).toBeNull();

    fireEvent.click(within(row).getByRole('button', { name: '사례관리사 역할 회수' }));
    expect(calls.some((c) => c.path === 'admin.revokeRole')).toBe(false);
    expect(row.textContent).toContain('cw.oldtown의 사례관리사 역할을 회수할까요?');
    fireEvent.click(within(row).getByRole('button', { name: '확인' }));
    await within(row).findByText('역할 없음');
    expect(calls.find((c) => c.path === 'admin.revokeRole')?.input).toEqual({
      userId: worker.id,
      organisationId: ORG,
      role: 'caseworker',
    });

    fireEvent.click(within(row).getByRole('button', { name: '사용 중지' }));
    fireEvent.click(within(row).getByRole('button', { name: '취소' }));
    expect(calls.some((c) => c.path === 'admin.disableUser')).toBe(false);
    fireEvent.click(within(row).getByRole('button', { name: '사용 중지' }));
    fireEvent.click(within(row).getByRole('button', { name: '확인' }));
    await within(row).findByText('사용 중지');
    expect(within(row).queryByRole('button')).toBeNull();
  });

  it('should show auditors the table without a form or a button', async () => {
    const worker: AdminUser = {
      ...ADMIN,
      id: '40000000-0000-4000-8000-000000000001',
      login: 'dispatcher',
      roles: [{ role: 'dispatcher', organisationId: ORG, districtCodes: [] }],
    };
    const { calls } = await renderWithGateway(<AdminScreen me={{ ...ME, role: 'auditor' }} />, {
      handlers: fakeAdminGateway([ADMIN, worker]),
    });
    await screen.findByText('dispatcher');
    expect(screen.getByText('배차 담당자')).toBeTruthy();
    expect(screen.getByText('감사 담당자는 계정과 역할을 볼 수만 있습니다.')).toBeTruthy();
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(calls.map((c) => c.path)).toEqual(['admin.users']);
  });
});
