import { MIN_PASSWORD_LENGTH } from '../auth/password.js';
import { t } from './messages.js';
import type { AdminPageContext } from './session.js';

/** A two-factor enrolment just started: shown once, on the page the enrol form posted to. */
export interface ProfileEnrolment {
  readonly secret: string;
  readonly uri: string;
  /** The QR code of `uri`, inline SVG from src/admin/totp-qr.ts (generated, never user input). */
  readonly qrSvg: string;
}

/**
 * The member's own profile: name and bio, password change, two-factor set-up. The forms post
 * through `client/profile.entry.ts` to the members' own endpoints (`/api/v1/auth/…`); starting
 * two-factor is a plain form post (`POST /admin/profile/2fa`) answered with this page showing
 * the QR code, drawn on the server, and the secret for typing.
 */
export function ProfileView({ page, enrolment }: { page: AdminPageContext; enrolment?: ProfileEnrolment }) {
  const { lang, user } = page;
  return (
    <div class="profile">
      <section class="card" aria-labelledby="p-details">
        <h2 id="p-details">{t(lang, 'profile.details')}</h2>
        <form id="profile-form" data-api="/api/v1/auth/me" data-method="PATCH">
          <label for="p-name">{t(lang, 'profile.name')}</label>
          <input id="p-name" name="name" required maxLength={80} value={user.name} />
          <label for="p-email">{t(lang, 'profile.email')}</label>
          <input id="p-email" type="email" value={user.email ?? ''} readOnly aria-describedby="p-email-hint" />
          <p class="hint" id="p-email-hint">
            {t(lang, 'profile.emailNote')}
          </p>
          <label for="p-bio">{t(lang, 'profile.bio')}</label>
          <textarea id="p-bio" name="bio" maxLength={1000}>
            {user.bio}
          </textarea>
          <div class="actions">
            <button type="submit" class="primary">
              {t(lang, 'save')}
            </button>
          </div>
        </form>
      </section>
      <section class="card" aria-labelledby="p-password">
        <h2 id="p-password">{t(lang, 'profile.password')}</h2>
        <form id="password-form">
          <label for="p-current">{t(lang, 'profile.currentPassword')}</label>
          <input id="p-current" name="currentPassword" type="password" autocomplete="current-password" required />
          <label for="p-new">{t(lang, 'profile.newPassword')}</label>
          <input id="p-new" name="newPassword" type="password" autocomplete="new-password" required minLength={MIN_PASSWORD_LENGTH} aria-describedby="p-new-hint" />
          <p class="hint" id="p-new-hint">
            {t(lang, 'profile.passwordHint', { min: MIN_PASSWORD_LENGTH })}
          </p>
          <div class="actions">
            <button type="submit">{t(lang, 'profile.password')}</button>
          </div>
        </form>
      </section>
      <section class="card" aria-labelledby="p-2fa">
        <h2 id="p-2fa">{t(lang, 'profile.twoFactor')}</h2>
        <p id="twofa-state">{user.twoFactor ? t(lang, 'profile.twoFactorOn') : t(lang, 'profile.twoFactorOff')}</p>
        {user.twoFactor ? (
          <form id="twofa-disable">
            <label for="d-password">{t(lang, 'login.password')}</label>
            <input id="d-password" name="password" type="password" autocomplete="current-password" required />
            <label for="d-code">{t(lang, 'profile.code')}</label>
            <input id="d-code" name="code" inputMode="numeric" autocomplete="one-time-code" required maxLength={6} />
            <div class="actions">
              <button type="submit" class="danger">
                {t(lang, 'profile.disable')}
              </button>
            </div>
          </form>
        ) : (
          <div>
            <form id="twofa-enrol-form" method="post" action="/admin/profile/2fa" hidden={!!enrolment}>
              <input type="hidden" name="csrf" value={page.csrfToken} />
              <button type="submit" id="twofa-enrol">
                {t(lang, 'profile.enrol')}
              </button>
            </form>
            <form id="twofa-confirm" hidden={!enrolment}>
              <p class="hint">{t(lang, 'profile.enrolHint')}</p>
              {/* Generated markup (src/admin/totp-qr.ts): only a rect and a path of digits. */}
              {enrolment && <div class="totp-qr-wrap" id="twofa-qr" dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }} />}
              <p>
                {t(lang, 'profile.secret')}: <code id="twofa-secret">{enrolment ? enrolment.secret.replace(/(.{4})/g, '$1 ').trim() : ''}</code>
              </p>
              <p class="hint">
                <code id="twofa-uri">{enrolment?.uri ?? ''}</code>
              </p>
              <label for="c-code">{t(lang, 'profile.code')}</label>
              <input id="c-code" name="code" inputMode="numeric" autocomplete="one-time-code" required maxLength={6} autofocus={!!enrolment} />
              <div class="actions">
                <button type="submit" class="primary">
                  {t(lang, 'profile.confirm')}
                </button>
              </div>
            </form>
          </div>
        )}
      </section>
    </div>
  );
}
