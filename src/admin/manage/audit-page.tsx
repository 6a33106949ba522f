import type { AuditEntry } from '../../auth/audit.service.js';
import type { AdminLang } from '../messages.js';
import { mt } from './messages.js';
import { qint, qs } from './query.js';
import type { Screen } from './routes.js';
import { Pager, when } from './ui.js';

const LIMIT = 50;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function who(e: AuditEntry, lang: AdminLang): string {
  if (e.actor.email) return e.actor.tokenName ? `${e.actor.email} (${e.actor.tokenName})` : e.actor.email;
  if (e.actor.tokenName) return e.actor.tokenName;
  return mt(lang, e.actor.via === 'cli' ? 'audit.cli' : 'audit.system');
}

/** A `YYYY-MM-DD` day as the ISO instant it starts (UTC), or undefined when it is not a real day. */
function dayStart(day: string | undefined, plusDays = 0): string | undefined {
  if (!day || !DAY.test(day)) return undefined;
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(ms) ? undefined : new Date(ms + plusDays * 86_400_000).toISOString();
}

/** 審計日誌: who did what and when, filtered by member, action (or its prefix) and days; paged. */
export const auditPage: Screen = async (page, req) => {
  const lang = page.lang;
  const c = page.deps.container;
  const user = qint(req, 'user', 0, 1, 2_147_483_647);
  const action = qs(req, 'action');
  const from = qs(req, 'from');
  const to = qs(req, 'to');
  const p = qint(req, 'page', 1);
  const filter = {
    ...(user ? { userId: user } : {}),
    ...(action ? { action } : {}),
    ...(dayStart(from) ? { from: dayStart(from)! } : {}),
    // The "to" day is included: the filter's end is exclusive, so it is the next day's start.
    ...(dayStart(to, 1) ? { to: dayStart(to, 1)! } : {}),
  };
  const [{ entries, total }, { users }] = await Promise.all([c.auth.audit.list(filter, p, LIMIT), c.users.list({}, 1, 100)]);
  return {
    title: mt(lang, 'audit.title'),
    body: (
      <>
        <form method="get" action="/admin/audit" class="filters" role="search">
          <div>
            <label for="audit-user">{mt(lang, 'audit.user')}</label>
            <select id="audit-user" name="user">
              <option value="">{mt(lang, 'audit.anyone')}</option>
              {users.map((u) => (
                <option key={u.id} value={String(u.id)} selected={u.id === user}>
                  {u.email ?? u.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="audit-action">{mt(lang, 'audit.action')}</label>
            <input id="audit-action" name="action" value={action ?? ''} placeholder="article. / auth.login" maxLength={200} />
          </div>
          <div>
            <label for="audit-from">{mt(lang, 'audit.from')}</label>
            <input id="audit-from" name="from" type="date" value={from ?? ''} />
          </div>
          <div>
            <label for="audit-to">{mt(lang, 'audit.to')}</label>
            <input id="audit-to" name="to" type="date" value={to ?? ''} />
          </div>
          <div>
            <button type="submit">{mt(lang, 'audit.filter')}</button>
          </div>
        </form>
        {entries.length === 0 ? (
          <p>{mt(lang, 'audit.empty')}</p>
        ) : (
          <table class="list">
            <thead>
              <tr>
                <th scope="col">{mt(lang, 'audit.at')}</th>
                <th scope="col">{mt(lang, 'audit.who')}</th>
                <th scope="col">{mt(lang, 'audit.action')}</th>
                <th scope="col">{mt(lang, 'audit.target')}</th>
                <th scope="col">{mt(lang, 'audit.ip')}</th>
                <th scope="col">{mt(lang, 'audit.details')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{when(e.at)}</td>
                  <td>{who(e, lang)}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>{e.target}</td>
                  <td>{e.ip}</td>
                  <td>
                    <code class="details">{Object.keys(e.details).length ? JSON.stringify(e.details).slice(0, 200) : ''}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pager lang={lang} base="/admin/audit" query={{ user: user ? String(user) : undefined, action, from, to }} page={p} limit={LIMIT} total={total} />
      </>
    ),
  };
};
