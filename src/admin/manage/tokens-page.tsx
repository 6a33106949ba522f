import { ROLES } from '../../auth/roles.js';
import { t } from '../messages.js';
import { mt } from './messages.js';
import type { Screen } from './routes.js';
import { ActionButton, ApiForm, Field, when } from './ui.js';

/** 令牌: API tokens (never their secrets), create (the secret shown once) and revoke. */
export const tokensPage: Screen = async (page) => {
  const lang = page.lang;
  const tokens = await page.deps.container.auth.tokens.list(true);
  return {
    title: mt(lang, 'tokens.title'),
    body: (
      <>
        <section class="card" aria-labelledby="new-token">
          <h2 id="new-token">{mt(lang, 'tokens.create')}</h2>
          <ApiForm api="/api/v1/admin/tokens" method="POST" flash={mt(lang, 'done.created')} secret="secret" secretNote={mt(lang, 'tokens.secretOnce')} id="token-create">
            <div class="grid-2">
              <Field id="new-token-name" label={mt(lang, 'tokens.name')}>
                <input id="new-token-name" name="name" maxLength={80} required />
              </Field>
              <Field id="new-token-role" label={mt(lang, 'tokens.role')}>
                <select id="new-token-role" name="role">
                  {ROLES.map((r) => (
                    <option key={r} value={r} selected={r === 'editor'}>
                      {t(lang, `role.${r}`)}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
            <div class="actions">
              <button type="submit" class="primary">{mt(lang, 'tokens.create')}</button>
            </div>
          </ApiForm>
        </section>
        {tokens.length === 0 ? (
          <p>{mt(lang, 'tokens.empty')}</p>
        ) : (
          <table class="list">
            <thead>
              <tr>
                <th scope="col">{mt(lang, 'tokens.name')}</th>
                <th scope="col">{mt(lang, 'tokens.prefix')}</th>
                <th scope="col">{mt(lang, 'tokens.role')}</th>
                <th scope="col">{mt(lang, 'tokens.created')}</th>
                <th scope="col">{mt(lang, 'tokens.lastUsed')}</th>
                <th scope="col">{mt(lang, 'sections.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((k) => (
                <tr key={k.id}>
                  <td>{k.name}</td>
                  <td>
                    <code>{k.prefix}…</code>
                  </td>
                  <td>{t(lang, `role.${k.role}`)}</td>
                  <td>{when(k.createdAt)}</td>
                  <td>{k.lastUsedAt ? when(k.lastUsedAt) : mt(lang, 'tokens.never')}</td>
                  <td>
                    {k.revokedAt ? (
                      <span class="badge">{`${mt(lang, 'tokens.revoked')} ${when(k.revokedAt)}`}</span>
                    ) : (
                      <ActionButton label={mt(lang, 'tokens.revoke')} danger flash={mt(lang, 'done.saved')} confirm={mt(lang, 'tokens.confirmRevoke')} calls={[{ url: `/api/v1/admin/tokens/${k.id}`, method: 'DELETE' }]} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>
    ),
  };
};
