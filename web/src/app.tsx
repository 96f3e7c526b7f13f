import { useTranslation } from 'react-i18next';

import { LoginScreen } from './features/auth/login-screen.js';
import { useSession } from './features/auth/use-session.js';
import { RoleHome } from './features/home/role-home.js';
import { AppShell } from './features/shell/app-shell.js';

/** The app: the login screen until a session exists, then the role's home inside the shell. */
export function App() {
  const { t } = useTranslation();
  const session = useSession();
  switch (session.status) {
    case 'loading':
      return (
        <div className="splash" role="status">
          {t('app.loading')}
        </div>
      );
    case 'error':
      return (
        <div className="splash">
          <div className="card splash__card" role="alert">
            <p>{t('auth.errors.unreachable')}</p>
            <button type="button" className="button" onClick={() => void session.retry()}>
              {t('common.retry')}
            </button>
          </div>
        </div>
      );
    case 'signed-out':
      return <LoginScreen />;
    case 'signed-in':
      return (
        <AppShell me={session.me}>
          <RoleHome me={session.me} />
        </AppShell>
      );
  }
}
