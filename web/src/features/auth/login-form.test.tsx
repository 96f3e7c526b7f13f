import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { renderWithI18n } from '../../testing/render.js';
import { LoginForm } from './login-form.js';

afterEach(cleanup);

function fill(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

describe('LoginForm', () => {
  it('should refuse to submit empty fields and say which are missing', async () => {
    const onSubmit = vi.fn();
    await renderWithI18n(<LoginForm onSubmit={onSubmit} />);
    fireEvent.click(screen.getByRole('button', { name: '로그인' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getAllByText('입력해 주세요.')).toHaveLength(2);
    expect(screen.getByLabelText('아이디').getAttribute('aria-invalid')).toBe('true');
  });

  it('should submit the trimmed login and the password as typed', async () => {
    const onSubmit = vi.fn();
    await renderWithI18n(<LoginForm onSubmit={onSubmit} />);
    fill('아이디', '  dispatcher@demo  ');
    fill('비밀번호', ' secret ');
    fireEvent.click(screen.getByRole('button', { name: '로그인' }));
    expect(onSubmit).toHaveBeenCalledWith({ login: 'dispatcher@demo', password: ' secret ' });
  });

  it("should show the server's message and its per-field errors", async () => {
    await renderWithI18n(
      <LoginForm
        onSubmit={vi.fn()}
        error="입력값을 확인해 주세요."
        fieldErrors={{ login: 'letters, digits and . _ @ + - only' }}
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe('입력값을 확인해 주세요.');
    const login = screen.getByLabelText('아이디');
    expect(login.getAttribute('aria-invalid')).toBe('true');
    const describedBy = login.getAttribute('aria-describedby') ?? '';
    const messages = describedBy.split(' ').map((id) => document.getElementById(id)?.textContent);
    expect(messages).toContain('letters, digits and . _ @ + - only');
  });

  it('should disable the button while signing in, in English too', async () => {
    await renderWithI18n(<LoginForm onSubmit={vi.fn()} pending />, { language: 'en' });
    const button = screen.getByRole('button', { name: 'Signing in…' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
  });
});
