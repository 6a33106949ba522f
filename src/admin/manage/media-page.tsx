import { can, type Actor } from '../../auth/permissions.js';
import type { MediaItem } from '../../media/media-view.js';
import type { AdminLang } from '../messages.js';
import { mt } from './messages.js';
import { qint } from './query.js';
import type { Screen } from './routes.js';
import { ActionButton, ApiForm, Pager } from './ui.js';

const LIMIT = 30;
/** What the upload accepts (src/media/sniff.ts decides; this only steers the file chooser). */
const ACCEPT = 'image/jpeg,image/png,image/webp,image/gif,image/avif';

function Item({ m, lang, actor }: { m: MediaItem; lang: AdminLang; actor: Actor }) {
  const id = `media-${m.id}`;
  // The same rule as the media library's: one's own uploads, or anyone's with article.edit.any.
  const mine = m.uploadedBy === actor.userId || can(actor, 'article.edit.any');
  return (
    <li class="media-card card" id={id}>
      <img src={m.url} srcset={m.srcset || undefined} sizes="12rem" alt={m.alt} width={m.width ?? undefined} height={m.height ?? undefined} loading="lazy" />
      <p class="hint">{mt(lang, 'media.size', { w: m.width ?? '?', h: m.height ?? '?', kb: Math.round(m.size / 1024) })}</p>
      <ApiForm api={`/api/v1/admin/media/${m.id}`} method="PATCH" flash={mt(lang, 'done.saved')} label={`${mt(lang, 'media.save')} #${m.id}`}>
        <label for={`${id}-alt`}>{mt(lang, 'media.alt')}</label>
        <input id={`${id}-alt`} name="alt" value={m.alt} maxLength={300} readOnly={!mine} />
        <label for={`${id}-caption`}>{mt(lang, 'media.caption')}</label>
        <input id={`${id}-caption`} name="caption" value={m.caption} maxLength={500} readOnly={!mine} />
        <label for={`${id}-credit`}>{mt(lang, 'media.credit')}</label>
        <input id={`${id}-credit`} name="credit" value={m.credit} maxLength={200} readOnly={!mine} />
        <div class="actions">
          {mine && <button type="submit">{mt(lang, 'media.save')}</button>}
          <button type="button" data-usage={String(m.id)} aria-controls={`${id}-usage`}>
            {mt(lang, 'media.usage')}
          </button>
          {mine && <ActionButton label={mt(lang, 'media.delete')} danger flash={mt(lang, 'done.deleted')} confirm={mt(lang, 'media.confirmDelete')} calls={[{ url: `/api/v1/admin/media/${m.id}`, method: 'DELETE' }]} />}
        </div>
        <p class="hint" id={`${id}-usage`} aria-live="polite"></p>
      </ApiForm>
    </li>
  );
}

/** 媒體庫: the grid with drag-and-drop upload (progress, wrong-type message), text editing, usage and delete. */
export const mediaPage: Screen = async (page, req) => {
  const lang = page.lang;
  const p = qint(req, 'page', 1);
  const { items, total } = await page.deps.container.mediaLibrary.list(p, LIMIT);
  return {
    title: mt(lang, 'media.title'),
    data: { maxUploadMb: page.deps.container.config.maxUploadMb },
    body: (
      <>
        <div class="upload">
          <div class="dropzone" id="media-drop" tabIndex={0} role="button" aria-describedby="media-drop-message">
            {mt(lang, 'media.drop')}
          </div>
          <input type="file" id="media-file" accept={ACCEPT} multiple class="visually-hidden" tabIndex={-1} aria-hidden="true" />
          <progress id="media-progress" max={100} value={0} hidden></progress>
          <p id="media-drop-message" class="drop-message" role="alert"></p>
        </div>
        {items.length === 0 ? (
          <p>{mt(lang, 'media.empty')}</p>
        ) : (
          <ul class="media-library">
            {items.map((m) => (
              <Item key={m.id} m={m} lang={lang} actor={page.actor} />
            ))}
          </ul>
        )}
        <Pager lang={lang} base="/admin/media" query={{}} page={p} limit={LIMIT} total={total} />
      </>
    ),
  };
};
