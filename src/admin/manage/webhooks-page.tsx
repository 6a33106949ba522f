import { AppError } from '../../errors/index.js';
import { WEBHOOK_EVENTS } from '../../webhooks/webhook-input.js';
import type { WebhookView } from '../../webhooks/webhook-view.js';
import type { AdminLang } from '../messages.js';
import { mt, type ManageKey } from './messages.js';
import { qint } from './query.js';
import type { Screen } from './routes.js';
import { ActionButton, ApiForm, Field, Pager, when } from './ui.js';

const url = (id: number) => `/api/v1/admin/webhooks/${id}`;
const eventLabel = (lang: AdminLang, e: string) => mt(lang, `webhooks.event.${e}` as ManageKey);

function Events({ chosen, lang }: { chosen: readonly string[]; lang: AdminLang }) {
  return (
    <fieldset class="checks">
      <legend>{mt(lang, 'webhooks.events')}</legend>
      {WEBHOOK_EVENTS.map((e) => (
        <label key={e} class="check">
          <input type="checkbox" name="events" value={e} checked={chosen.includes(e)} data-type="list" /> {eventLabel(lang, e)} <code>{e}</code>
        </label>
      ))}
    </fieldset>
  );
}

function Hook({ w, lang }: { w: WebhookView; lang: AdminLang }) {
  return (
    <section class="card" aria-labelledby={`hook-${w.id}`}>
      <h2 id={`hook-${w.id}`}>
        <a href={`/admin/webhooks/${w.id}`}>{w.url}</a>
      </h2>
      {w.disabledAt && <p class="notice warn">{mt(lang, 'webhooks.offBySystem', { reason: w.disabledReason })}</p>}
      <p class="hint">{`${mt(lang, 'webhooks.failures')}: ${w.consecutiveFailures} · secret ${w.secretPrefix}…`}</p>
      <ApiForm api={url(w.id)} method="PATCH" flash={mt(lang, 'done.saved')} label={mt(lang, 'webhooks.save')}>
        <Events chosen={w.events} lang={lang} />
        <label class="check">
          <input type="checkbox" name="active" checked={w.active} data-type="bool" /> {mt(lang, 'webhooks.active')}
        </label>
        <div class="actions">
          <button type="submit">{mt(lang, 'webhooks.save')}</button>
          <a href={`/admin/webhooks/${w.id}`}>{mt(lang, 'webhooks.deliveries')}</a>
        </div>
      </ApiForm>
      <ApiForm api={`${url(w.id)}/secret`} method="POST" flash={mt(lang, 'done.saved')} secret="secret" secretNote={mt(lang, 'webhooks.secretOnce')} label={mt(lang, 'webhooks.rotate')}>
        <div class="actions">
          <button type="submit" data-confirm={mt(lang, 'webhooks.confirmRotate')}>
            {mt(lang, 'webhooks.rotate')}
          </button>
          <ActionButton label={mt(lang, 'webhooks.delete')} danger flash={mt(lang, 'done.deleted')} confirm={mt(lang, 'webhooks.confirmDelete')} calls={[{ url: url(w.id), method: 'DELETE' }]} />
        </div>
      </ApiForm>
    </section>
  );
}

/** Webhooks: create with events (secret shown once), change events, rotate the secret, delete. */
export const webhooksPage: Screen = async (page, req) => {
  const lang = page.lang;
  const p = qint(req, 'page', 1);
  const { items, total } = await page.deps.container.webhooks.service.list(p, 20);
  return {
    title: mt(lang, 'webhooks.title'),
    body: (
      <>
        <section class="card" aria-labelledby="new-hook">
          <h2 id="new-hook">{mt(lang, 'webhooks.create')}</h2>
          <ApiForm api="/api/v1/admin/webhooks" method="POST" flash={mt(lang, 'done.created')} secret="secret" secretNote={mt(lang, 'webhooks.secretOnce')} id="webhook-create">
            <Field id="new-hook-url" label={mt(lang, 'webhooks.url')}>
              <input id="new-hook-url" name="url" type="url" required placeholder="https://example.com/hooks/jiaodian" />
            </Field>
            <Events chosen={WEBHOOK_EVENTS} lang={lang} />
            <div class="actions">
              <button type="submit" class="primary">{mt(lang, 'webhooks.create')}</button>
            </div>
          </ApiForm>
        </section>
        {items.length === 0 ? <p>{mt(lang, 'webhooks.empty')}</p> : items.map((w) => <Hook key={w.id} w={w} lang={lang} />)}
        <Pager lang={lang} base="/admin/webhooks" query={{}} page={p} limit={20} total={total} />
      </>
    ),
  };
};

/** One webhook's delivery log, newest first, with each attempt. */
export const webhookPage: Screen = async (page, req) => {
  const lang = page.lang;
  const raw = (req.params as { id?: string }).id ?? '';
  if (!/^[1-9]\d{0,9}$/.test(raw)) throw new AppError('JD_ERR_HTTP_NOT_FOUND', { path: req.url });
  const id = Number(raw);
  const svc = page.deps.container.webhooks.service;
  const p = qint(req, 'page', 1);
  const [w, { items, total }] = await Promise.all([svc.get(id), svc.deliveries(id, p, 30)]);
  return {
    title: `${mt(lang, 'webhooks.deliveries')}: ${w.url}`,
    body: (
      <>
        <p>
          <a href="/admin/webhooks">{mt(lang, 'webhooks.back')}</a>
        </p>
        {items.length === 0 ? (
          <p>{mt(lang, 'webhooks.noDeliveries')}</p>
        ) : (
          <table class="list">
            <thead>
              <tr>
                <th scope="col">{mt(lang, 'audit.at')}</th>
                <th scope="col">{mt(lang, 'webhooks.events')}</th>
                <th scope="col">{mt(lang, 'webhooks.status')}</th>
                <th scope="col">{mt(lang, 'webhooks.attempts')}</th>
                <th scope="col">{mt(lang, 'webhooks.lastError')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id}>
                  <td>{when(d.createdAt)}</td>
                  <td>
                    <code>{d.event}</code>
                    {d.articleId !== null && <div class="hint">{`#${d.articleId}`}</div>}
                  </td>
                  <td>
                    <span class={`badge ${d.status === 'succeeded' ? 'published' : d.status === 'failed' ? 'flagged' : 'review'}`}>{d.status}</span>
                    {d.lastStatusCode !== null && <span class="hint">{` HTTP ${d.lastStatusCode}`}</span>}
                  </td>
                  <td class="num">{d.attempts}</td>
                  <td>
                    {d.lastError}
                    {d.log.length > 0 && (
                      <details>
                        <summary>{mt(lang, 'webhooks.attempts')}</summary>
                        <ol>
                          {d.log.map((a) => (
                            <li key={a.attempt}>{`${when(a.at)} ${a.ok ? 'OK' : 'ERR'} ${a.statusCode ?? ''} ${a.durationMs} ms ${a.error}`}</li>
                          ))}
                        </ol>
                      </details>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pager lang={lang} base={`/admin/webhooks/${id}`} query={{}} page={p} limit={30} total={total} />
      </>
    ),
  };
};
