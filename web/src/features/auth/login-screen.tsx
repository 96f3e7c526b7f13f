import { useTranslation } from 'react-i18next';

import { LanguageSwitch } from '../shell/language-switch.js';
import { describeLoginError } from './login-error.js';
import { LoginForm } from './login-form.js';
import { useLogin } from './use-session.js';

/** The sign-in page: the product's name and purpose beside the form. */
export function LoginScreen() {
  const { t } = useTranslation();
  const login = useLogin();
  const failure = login.isError ? describeLoginError(login.error, t) : undefined;
  return (
    <div className="login-screen">
      <section className="login-screen__intro" aria-labelledby="login-brand">
        <p id="login-brand" className="login-screen__brand">
          <span lang="ko">안부</span> <span className="login-screen__latin">Anbu</span>
        </p>
        <p className="login-screen__tagline">{t('app.tagline')}</p>
        <p className="login-screen__lead">{t('auth.intro')}</p>
        <ul className="login-screen__features">
          <li>{t('auth.features.meals')}</li>
          <li>{t('auth.features.kits')}</li>
          <li>{t('auth.features.donations')}</li>
          <li>{t('auth.features.checks')}</li>
        </ul>
      </section>
      <main className="login-screen__panel">
        <div className="login-screen__toolbar">
          <LanguageSwitch />
        </div>
        <div className="login-screen__card card">
          <h1 className="login-screen__title">{t('auth.title')}</h1>
          <LoginForm
            pending={login.isPending}
            error={failure?.message}
            fieldErrors={failure?.fieldErrors}
            onSubmit={(credentials) => login.mutate(credentials)}
          />
        </div>
        <p className="login-screen__footer">{t('auth.footer')}</p>
      </main>
    </div>
  );
}
