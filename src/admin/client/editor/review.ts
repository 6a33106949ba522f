// The review panel (workflow moves), the revision history with its side-by-side diff and
// restore, and the conflict dialog shown when someone else saved first.
import { api, ApiError, msg, toast } from '../api.js';
import { fromLocalInput, type ArticleData, type Fields } from './state.js';

/** What the panel needs from the editor. */
export interface ReviewHost {
  article(): ArticleData;
  /** Saves pending changes; false when that failed (the move then does not happen). */
  saveNow(): Promise<boolean>;
  /** Takes an article the server returned (new version, status). */
  accept(a: ArticleData, reload?: boolean): void;
}

const ORDER = ['submit', 'approve', 'return', 'publish', 'schedule', 'unpublish', 'archive'] as const;
const LABEL: Record<string, string> = {
  submit: 'review.submit',
  approve: 'review.approve',
  return: 'review.return',
  publish: 'review.publish',
  schedule: 'review.schedule',
  unpublish: 'review.unpublish',
  archive: 'review.archive',
};

/** Draws the buttons for the moves the member may make from the article's status. */
export function renderReview(host: ReviewHost, moves: Record<string, string[]>): void {
  const box = document.getElementById('review-actions');
  if (!box) return;
  box.textContent = '';
  const a = host.article();
  if (a.id === null) return;
  for (const action of ORDER) {
    if (!moves[action]?.includes(a.status)) continue;
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset.move = action;
    b.textContent = msg(LABEL[action]!);
    if (action === 'publish' || action === 'approve') b.className = 'primary';
    b.addEventListener('click', () => void move(host, action, moves));
    box.append(b);
  }
  const status = document.getElementById('status-text');
  if (status) status.textContent = msg('review.status', { status: msg(`status.${a.status}`) });
}

async function move(host: ReviewHost, action: string, moves: Record<string, string[]>): Promise<void> {
  if (!(await host.saveNow())) return;
  const a = host.article();
  const comment = (document.getElementById('r-comment') as HTMLTextAreaElement).value.trim();
  const at = fromLocalInput((document.getElementById('r-publish-at') as HTMLInputElement).value);
  const body: Fields = { version: a.version };
  if (comment) body.comment = comment;
  if (action === 'schedule') {
    if (!at) {
      toast(msg('review.publishAtMissing'));
      document.getElementById('r-publish-at')?.focus();
      return;
    }
    body.publishAt = at;
  }
  if (action === 'approve' && at && new Date(at) > new Date()) body.publishAt = at;
  const override = document.getElementById('r-override') as HTMLInputElement | null;
  if (override?.checked && ['approve', 'publish', 'schedule'].includes(action)) {
    body.override = true;
    body.overrideReason = (document.getElementById('r-override-reason') as HTMLInputElement).value.trim();
  }
  try {
    const res = await api<{ article: ArticleData }>(`/api/v1/admin/articles/${a.id}/${action}`, { method: 'POST', body });
    (document.getElementById('r-comment') as HTMLTextAreaElement).value = '';
    host.accept(res.article);
    renderReview(host, moves);
    toast(msg('review.done', { action: msg(LABEL[action]!) }));
  } catch (err) {
    const e = err as ApiError;
    const current = e.body?.current as ArticleData | undefined;
    if (e.status === 409 && current) {
      host.accept(current, true);
      renderReview(host, moves);
    }
    const fields = Object.entries(e.fields ?? {}).map(([k, v]) => `${k}: ${v}`).join('；');
    toast(msg('error.generic', { message: fields ? `${e.message}（${fields}）` : e.message }));
  }
}

interface Revision {
  version: number;
  action: string;
  status: string;
  note: string;
  by: { name: string | null; via: string };
  createdAt: string;
}

/** Loads the revision list into `#history-list`, each with compare and restore. */
export async function loadHistory(host: ReviewHost): Promise<void> {
  const list = document.getElementById('history-list');
  const a = host.article();
  if (!list || a.id === null) return;
  const { revisions } = await api<{ revisions: Revision[] }>(`/api/v1/admin/articles/${a.id}/revisions?limit=50`);
  list.textContent = '';
  if (revisions.length === 0) list.textContent = msg('history.empty');
  for (const r of revisions) {
    const li = document.createElement('li');
    const who = r.by.name ?? r.by.via;
    li.append(`${msg('history.version', { v: r.version })} · ${r.action} · ${msg('history.by', { who, at: new Date(r.createdAt).toLocaleString(document.documentElement.lang) })}`);
    if (r.note) li.append(` — ${r.note}`);
    if (r.version !== a.version) {
      const actions = document.createElement('div');
      actions.className = 'actions';
      const cmp = document.createElement('button');
      cmp.type = 'button';
      cmp.textContent = msg('history.compare');
      cmp.addEventListener('click', () => void showDiff(a.id!, r.version));
      const restore = document.createElement('button');
      restore.type = 'button';
      restore.textContent = msg('history.restore');
      restore.addEventListener('click', async () => {
        if (!window.confirm(msg('history.restoreConfirm', { v: r.version }))) return;
        if (!(await host.saveNow())) return;
        // Restoring into a live article publishes the old body: the same override as publishing.
        const body: Fields = { version: host.article().version };
        const override = document.getElementById('r-override') as HTMLInputElement | null;
        if (override?.checked) {
          body.override = true;
          body.overrideReason = (document.getElementById('r-override-reason') as HTMLInputElement).value.trim();
        }
        try {
          const res = await api<{ article: ArticleData }>(`/api/v1/admin/articles/${a.id}/revisions/${r.version}/restore`, { method: 'POST', body });
          host.accept(res.article, true);
          toast(msg('history.restored', { v: r.version }));
          await loadHistory(host);
        } catch (err) {
          const e = err as ApiError;
          const fields = Object.entries(e.fields ?? {}).map(([k, v]) => `${k}: ${v}`).join('；');
          toast(msg('error.generic', { message: fields ? `${e.message}（${fields}）` : e.message }));
        }
      });
      actions.append(cmp, restore);
      li.append(actions);
    }
    list.append(li);
  }
}

interface LinePart {
  op: 'equal' | 'delete' | 'insert' | 'change' | 'skip';
  text?: string;
  before?: string;
  after?: string;
  lines?: number;
  words?: Array<{ op: string; text: string }>;
}

/** Side-by-side: changed fields, then the body with deletions left and insertions right. */
async function showDiff(id: number, from: number): Promise<void> {
  const { diff } = await api<{ diff: { fields: Array<{ label: string; before: unknown; after: unknown }>; body: { lines: LinePart[] } } }>(`/api/v1/admin/articles/${id}/revisions/diff?from=${from}`);
  const grid = document.createElement('div');
  grid.className = 'diff';
  const cell = (parts: Array<string | HTMLElement>) => {
    const d = document.createElement('div');
    d.append(...parts);
    return d;
  };
  const mark = (tag: 'del' | 'ins', text: string) => {
    const e = document.createElement(tag);
    e.textContent = text;
    return e;
  };
  grid.append(cell([mark('del', msg('history.before', { v: from }))]), cell([mark('ins', msg('history.after'))]));
  for (const f of diff.fields) grid.append(cell([`${f.label}：${show(f.before)}`]), cell([`${f.label}：${show(f.after)}`]));
  for (const l of diff.body.lines) {
    if (l.op === 'equal') grid.append(cell([l.text ?? '']), cell([l.text ?? '']));
    else if (l.op === 'delete') grid.append(cell([mark('del', l.text ?? '')]), cell(['']));
    else if (l.op === 'insert') grid.append(cell(['']), cell([mark('ins', l.text ?? '')]));
    else if (l.op === 'skip') grid.append(cell([`⋯ ${l.lines}`]), cell([`⋯ ${l.lines}`]));
    else {
      const left = (l.words ?? []).filter((w) => w.op !== 'insert').map((w) => (w.op === 'delete' ? mark('del', w.text) : w.text));
      const right = (l.words ?? []).filter((w) => w.op !== 'delete').map((w) => (w.op === 'insert' ? mark('ins', w.text) : w.text));
      grid.append(cell(left), cell(right));
    }
  }
  openDialog(msg('history.title'), grid);
}

/** A field's name as the form labels it (`bodyHtml` → 正文). */
function fieldLabel(field: string): string {
  const key = `editor.${field === 'bodyHtml' ? 'body' : field}`;
  const label = msg(key);
  return label === key ? field : label;
}

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** A closable modal dialog around `content`. */
export function openDialog(title: string, content: HTMLElement, buttons: Array<{ label: string; primary?: boolean; run: () => void }> = [], closable = true): HTMLDialogElement {
  const dialog = document.createElement('dialog');
  const h = document.createElement('h2');
  h.id = `dlg-${Date.now()}`;
  h.textContent = title;
  dialog.setAttribute('aria-labelledby', h.id);
  const actions = document.createElement('div');
  actions.className = 'actions';
  const close = () => {
    dialog.close();
    dialog.remove();
  };
  for (const b of closable ? [...buttons, { label: msg('close'), run: () => undefined }] : buttons) {
    const el = document.createElement('button');
    el.type = 'button';
    el.textContent = b.label;
    if ((b as { primary?: boolean }).primary) el.className = 'primary';
    el.addEventListener('click', () => {
      close();
      b.run();
    });
    actions.append(el);
  }
  dialog.addEventListener('close', () => dialog.remove());
  // A choice that must be made (a conflict) cannot be dismissed with Escape.
  if (!closable) dialog.addEventListener('cancel', (ev) => ev.preventDefault());
  dialog.append(h, content, actions);
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}

/**
 * The 409 choice: keep mine (save over theirs), take theirs (my text stays in the diff view and
 * the clipboard), or look at the difference first. Nothing is thrown away without a choice.
 */
export function resolveConflict(err: ApiError, mine: Fields): Promise<'mine' | 'theirs'> {
  const current = err.body.current as ArticleData & Fields;
  const changed = Object.keys(err.fields ?? {});
  return new Promise((resolve) => {
    const p = document.createElement('p');
    p.textContent = msg('conflict.body', { fields: changed.map(fieldLabel).join('、') || '—' });
    const ask = () =>
      openDialog(msg('conflict.title'), p, [
        { label: msg('conflict.keepMine'), primary: true, run: () => resolve('mine') },
        {
          label: msg('conflict.takeTheirs'),
          run: () => {
            void navigator.clipboard?.writeText(String(mine.bodyHtml ?? '')).then(() => toast(msg('conflict.copied')), () => undefined);
            resolve('theirs');
          },
        },
        { label: msg('conflict.diff'), run: () => diffView() },
      ], false);
    const diffView = () => {
      const grid = document.createElement('div');
      grid.className = 'diff';
      const head = (t: string) => {
        const d = document.createElement('div');
        d.innerHTML = '<strong></strong>';
        d.firstElementChild!.textContent = t;
        return d;
      };
      grid.append(head(msg('conflict.mine')), head(msg('conflict.theirs')));
      for (const f of changed.length ? changed : ['title', 'bodyHtml']) {
        const a = document.createElement('div');
        const b = document.createElement('div');
        a.textContent = `${fieldLabel(f)}：${show(mine[f])}`;
        b.textContent = `${fieldLabel(f)}：${show(current[f])}`;
        grid.append(a, b);
      }
      openDialog(msg('conflict.diff'), grid, [{ label: msg('back'), run: ask }], false);
    };
    ask();
  });
}
