import { ROLES } from '../../auth/roles.js';
import type { UserView } from '../../auth/user.service.js';
import { t, type AdminLang } from '../messages.js';
import { mt } from './messages.js';
import { qint } from './query.js';
import type { Screen } from './routes.js';
import { ActionButton, ApiForm, Field, Pager, when } from './ui.js';

const LIMIT = 50;
const url = (id: number) => `/api/v1/admin/users/${id}`;

function RoleSelect({ id, value, lang }: { id: string; value?: string; lang: AdminLang }) {
  return (
    <select id={id} name="role">
      {ROLES.map((r) => (
        <option key={r} value={r} selected={r === value}>
          {t(lang, `role.${r}`)}
        </option>
      ))}
    </select>
  );
}

function Row({ u, self, lang }: { u: UserView; self: boolean; lang: AdminLang }) {
  return (
    <tr>
      <td>
        <strong>{u.name}</strong>
        <div class="hint">{u.email ?? '—'}</div>
      </td>
      <td>
        <ApiForm api={url(u.id)} method="PATCH" flash={mt(lang, 'done.saved')} class="row-form" label={`${mt(lang, 'users.changeRole')} ${u.name}`}>
          <label class="visually-hidden" for={`user-role-${u.id}`}>{mt(lang, 'users.role')}</label>
          <RoleSelect id={`user-role-${u.id}`} value={u.role} lang={lang} />
          <button type="submit">{mt(lang, 'users.changeRole')}</button>
        </ApiForm>
      </td>
      <td>
        <span class={`badge ${u.disabled ? 'flagged' : 'published'}`}>{mt(lang, u.disabled ? 'users.disabled' : 'users.active')}</span>
        {u.twoFactor && <span class="badge">{mt(lang, 'users.twoFactor')}</span>}
      </td>
      <td>{when(u.createdAt)}</td>
      <td class="actions-cell">
        {u.disabled ? (
          <ActionButton label={mt(lang, 'users.enable')} flash={mt(lang, 'done.saved')} calls={[{ url: url(u.id), method: 'PATCH', body: { disabled: false } }]} />
        ) : (
          <ActionButton label={mt(lang, 'users.disable')} danger disabled={self} flash={mt(lang, 'done.saved')} confirm={mt(lang, 'users.confirmDisable')} calls={[{ url: url(u.id), method: 'PATCH', body: { disabled: true } }]} />
        )}
        <ActionButton label={mt(lang, 'users.revoke')} flash={mt(lang, 'done.saved')} confirm={mt(lang, 'users.confirmRevoke')} calls={[{ url: `${url(u.id)}/sessions`, method: 'DELETE' }]} />
      </td>
    </tr>
  );
}

/** 用戶: accounts with their role and state; create, change role, disable, end sessions. */
export const usersPage: Screen = async (page, req) => {
  const lang = page.lang;
  const p = qint(req, 'page', 1);
  const { users, total } = await page.deps.container.users.list({}, p, LIMIT);
  return {
    title: mt(lang, 'users.title'),
    body: (
      <>
        <table class="list">
          <thead>
            <tr>
              <th scope="col">{mt(lang, 'users.name')}</th>
              <th scope="col">{mt(lang, 'users.role')}</th>
              <th scope="col">{mt(lang, 'users.status')}</th>
              <th scope="col">{mt(lang, 'tokens.created')}</th>
              <th scope="col">{mt(lang, 'sections.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <Row key={u.id} u={u} self={u.id === page.actor.userId} lang={lang} />
            ))}
          </tbody>
        </table>
        <Pager lang={lang} base="/admin/users" query={{}} page={p} limit={LIMIT} total={total} />
        <section class="card" aria-labelledby="new-user">
          <h2 id="new-user">{mt(lang, 'users.create')}</h2>
          <ApiForm api="/api/v1/admin/users" method="POST" flash={mt(lang, 'done.created')} id="user-create">
            <div class="grid-2">
              <Field id="new-user-email" label={mt(lang, 'users.email')}>
                <input id="new-user-email" name="email" type="email" maxLength={254} required autocomplete="off" />
              </Field>
              <Field id="new-user-name" label={mt(lang, 'users.name')}>
                <input id="new-user-name" name="name" maxLength={80} required />
              </Field>
              <Field id="new-user-role" label={mt(lang, 'users.role')}>
                <RoleSelect id="new-user-role" value="author" lang={lang} />
              </Field>
              <Field id="new-user-password" label={mt(lang, 'users.password')}>
                <input id="new-user-password" name="password" type="password" autocomplete="new-password" data-type="optional" />
              </Field>
            </div>
            <div class="actions">
              <button type="submit" class="primary">{mt(lang, 'users.create')}</button>
            </div>
          </ApiForm>
        </section>
      </>
    ),
  };
};
