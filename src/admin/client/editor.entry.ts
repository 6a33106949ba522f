// The article editor: TipTap for the body, the form's fields, autosave with a visible state,
// conflicts as a choice, the review panel, history, preview, images and embeds.
import { Editor } from '@tiptap/core';
import Image from '@tiptap/extension-image';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import { api, ApiError, clearErrors, msg, pageData, showErrors, toast } from './api.js';
import { editFigureText, pickImage } from './editor/media.js';
import { Embed, embedHost, Figure, type FigureAttrs } from './editor/nodes.js';
import { loadHistory, renderReview, resolveConflict, type ReviewHost } from './editor/review.js';
import { changedFields, readFields, toLocalInput, writeFields, type ArticleData, type Fields } from './editor/state.js';
import { buildToolbar } from './editor/toolbar.js';

interface EditorData {
  article: ArticleData;
  moves: Record<string, string[]>;
  /** Statuses in which this member may still change the article. */
  editable: string[];
  maxUploadMb: number;
}

const data = pageData<EditorData>();
const form = document.getElementById('editor-form') as HTMLFormElement;
const stateEl = document.getElementById('save-state')!;
let article: ArticleData = data.article;

// The body: the textarea stays as the no-script fallback and is replaced by the editor.
const textarea = document.getElementById('f-body') as HTMLTextAreaElement;
const mount = document.createElement('div');
mount.className = 'prose';
textarea.replaceWith(mount);
textarea.name = '';
const editor = new Editor({
  element: mount,
  extensions: [
    StarterKit.configure({ heading: { levels: [2, 3, 4] }, link: { openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'] }, codeBlock: false, code: false }),
    Table.configure({ resizable: false }),
    TableRow,
    TableHeader,
    TableCell,
    Figure,
    Embed,
    Image,
  ],
  content: article.bodyHtml,
  editorProps: {
    attributes: { 'aria-labelledby': 'body-label', 'aria-multiline': 'true', role: 'textbox', id: 'body' },
    // Pasted HTML goes through the server's sanitizing policy before the editor sees it.
    // A DOM handler, so that ProseMirror never parses the raw clipboard HTML itself.
    handleDOMEvents: {
      paste: (_view, event) => {
        const html = event.clipboardData?.getData('text/html');
        if (!html) return false;
        event.preventDefault();
        void cleanPaste(html);
        return true;
      },
    },
    handleDrop: (_view, event) => {
      const files = Array.from(event.dataTransfer?.files ?? []);
      if (files.length === 0) return false;
      event.preventDefault();
      void insertImage(files);
      return true;
    },
  },
  onUpdate: () => markDirty(),
});
// The body's label points at the replaced textarea: clicking it focuses the editor instead.
document.getElementById('body-label')?.addEventListener('click', (ev) => {
  ev.preventDefault();
  editor.commands.focus();
});

async function cleanPaste(html: string): Promise<void> {
  try {
    const res = await api<{ html: string; removed?: unknown[] }>('/api/v1/admin/sanitize', { method: 'POST', body: { html } });
    editor.commands.insertContent(res.html);
    // What the policy dropped silently (scripts, styles, pixels) is not counted; the guard's cuts are.
    const removed = res.removed?.length ?? 0;
    if (removed > 0) toast(msg('paste.cleaned', { n: removed }));
  } catch {
    // Without the server's policy the editor's own schema still drops scripts, styles and
    // anything it has no node for.
    editor.commands.insertContent(html);
  }
}

async function insertImage(files?: File[]): Promise<void> {
  const picked = await pickImage({ files, maxUploadMb: data.maxUploadMb });
  if (picked) editor.chain().focus().insertFigure({ src: picked.src, alt: picked.alt, caption: picked.caption, credit: picked.credit }).run();
}

buildToolbar(editor, mount, {
  image: () => void insertImage(),
  figureText: async () => {
    const attrs = editor.getAttributes('figure') as FigureAttrs;
    const next = await editFigureText(attrs);
    if (next) editor.chain().focus().updateFigure(next).run();
  },
  embed: () => askEmbed(),
});

function askEmbed(): void {
  const url = window.prompt(`${msg('embed.url')}（${msg('embed.hint')}）`)?.trim();
  if (!url) return;
  if (!embedHost(url)) {
    toast(msg('embed.bad'));
    return;
  }
  const caption = window.prompt(msg('embed.caption')) ?? '';
  editor.chain().focus().insertEmbed({ url, caption: caption.trim() }).run();
}

// ---- Saving ----
type SaveState = 'saving' | 'saved' | 'dirty' | 'offline' | 'error';
let lastSaved: Fields = readFields(form, editor);
let dirty = false;
let saving: Promise<boolean> | undefined;
let timer: number | undefined;

function setState(s: SaveState): void {
  stateEl.dataset.state = s;
  stateEl.textContent = msg(`editor.state.${s}`);
}

function markDirty(): void {
  dirty = true;
  setState(navigator.onLine ? 'dirty' : 'offline');
  window.clearTimeout(timer);
  timer = window.setTimeout(() => void save(), 2000);
}
form.addEventListener('input', (ev) => {
  if ((ev.target as HTMLElement).closest('#review-panel, #integrity')) return;
  markDirty();
});
form.addEventListener('change', (ev) => {
  if ((ev.target as HTMLElement).closest('#review-panel, #integrity')) return;
  markDirty();
});
form.addEventListener('submit', (ev) => ev.preventDefault());
// Ctrl+S / ⌘S saves now instead of saving the page as a file.
document.addEventListener('keydown', (ev) => {
  if ((ev.ctrlKey || ev.metaKey) && ev.key.toLowerCase() === 's') {
    ev.preventDefault();
    void save();
  }
});
window.addEventListener('online', () => dirty && void save());
window.addEventListener('offline', () => dirty && setState('offline'));
window.addEventListener('beforeunload', (ev) => {
  if (!dirty && !saving) return;
  ev.preventDefault();
  ev.returnValue = msg('editor.leave');
});

/** Saves now (waiting for a save in flight); resolves false when it did not succeed. */
function save(): Promise<boolean> {
  window.clearTimeout(timer);
  if (saving) return saving.then(() => (dirty ? save() : true));
  saving = doSave().finally(() => (saving = undefined));
  return saving;
}

async function doSave(): Promise<boolean> {
  const now = readFields(form, editor);
  const changes = changedFields(now, lastSaved);
  if (article.id !== null && Object.keys(changes).length === 0) {
    dirty = false;
    setState('saved');
    return true;
  }
  // A new article becomes a draft once it has a title: the API requires one.
  if (article.id === null && !now.title) {
    setState('dirty');
    return false;
  }
  if (!navigator.onLine) {
    setState('offline');
    return false;
  }
  setState('saving');
  clearErrors(form);
  try {
    let saved: ArticleData;
    if (article.id === null) {
      const { publishedAt: _later, ...create } = now;
      saved = (await api<{ article: ArticleData }>('/api/v1/admin/articles', { method: 'POST', body: create })).article;
      history.replaceState(history.state, '', `/admin/articles/${saved.id}`);
      form.dataset.id = String(saved.id);
      toast(msg('editor.created'));
    } else {
      const res = await api<{ article: ArticleData } | { conflict: 'mine' | 'theirs'; current: ArticleData }>(`/api/v1/admin/articles/${article.id}`, {
        method: 'PATCH',
        body: { version: article.version, ...changes },
        onConflict: async (err) => ({ conflict: await resolveConflict(err as ApiError, now), current: (err as ApiError).body.current as ArticleData }),
      });
      if ('conflict' in res) {
        if (res.conflict === 'theirs') {
          accept(res.current, true);
          dirty = false;
          setState('saved');
          return true;
        }
        // Keep mine: my changed fields go over the current version; what they changed and I
        // did not stays theirs. The form then shows the merged article.
        const merged = await api<{ article: ArticleData }>(`/api/v1/admin/articles/${article.id}`, { method: 'PATCH', body: { version: res.current.version, ...changes } });
        accept(merged.article, true);
        dirty = false;
        setState('saved');
        return true;
      }
      saved = res.article;
    }
    const created = article.id === null;
    accept(saved);
    lastSaved = now;
    if (created) {
      // The server filled in the byline and the slug: show them, so later saves keep them.
      const fill = (name: string, value: string) => {
        const el = form.elements.namedItem(name) as HTMLInputElement | null;
        if (el && !el.value.trim()) el.value = value;
      };
      fill('authors', saved.authors.map((x) => (typeof x === 'string' ? x : x.slug)).join(', '));
      fill('slug', saved.slug);
      lastSaved = { ...now, authors: readFields(form, editor).authors, slug: readFields(form, editor).slug };
    }
    // Typing during the save leaves something still to save.
    dirty = Object.keys(changedFields(readFields(form, editor), lastSaved)).length > 0;
    setState(dirty ? 'dirty' : 'saved');
    return true;
  } catch (err) {
    const e = err as ApiError;
    setState(e.status === 0 ? 'offline' : 'error');
    showErrors(form, err, form.querySelector('.form-error'));
    return false;
  }
}

/** Takes a server copy of the article: version and status; with `reload`, every field too. */
function accept(a: ArticleData, reload = false): void {
  const wasNew = article.id === null;
  article = { ...article, ...a };
  if (reload) {
    writeFields(form, editor, article);
    lastSaved = readFields(form, editor);
  }
  showIntegrity(a.integrity ?? null);
  applyEditable();
  if (wasNew) renderReview(host, data.moves);
  const at = document.getElementById('r-publish-at') as HTMLInputElement | null;
  if (at && a.publishAt) at.value = toLocalInput(a.publishAt);
}

/**
 * Locks the form when the article's status no longer lets this member change it (a
 * contributor's article once published): the text stays readable, and nothing is typed in vain.
 */
function applyEditable(): void {
  const ok = data.editable.includes(article.status);
  if (editor.isEditable !== ok) editor.setEditable(ok, false);
  for (const el of form.querySelectorAll<HTMLInputElement>('[name]:not([name^="_"]), #save-now, #cover-choose, #cover-remove, #suggest-tags, .toolbar button')) el.disabled = !ok;
  const note = document.getElementById('locked-note');
  if (note) note.hidden = ok;
}

function showIntegrity(integrity: ArticleData['integrity']): void {
  const box = document.getElementById('integrity');
  const list = document.getElementById('integrity-findings');
  if (!box || !list) return;
  box.hidden = !integrity || integrity.verdict === 'clean';
  list.textContent = '';
  for (const f of integrity?.findings ?? []) {
    const li = document.createElement('li');
    li.textContent = f.location ? `${f.reason}（${f.location}）` : f.reason;
    list.append(li);
  }
}

const host: ReviewHost = { article: () => article, saveNow: () => (dirty || article.id === null ? save() : Promise.resolve(true)), accept };
renderReview(host, data.moves);
applyEditable();
document.getElementById('save-now')?.addEventListener('click', () => void save().then((ok) => ok && toast(msg('editor.state.saved'))));
document.getElementById('history-load')?.addEventListener('click', () => void loadHistory(host));
document.getElementById('preview')?.addEventListener('click', async () => {
  if (!(await host.saveNow()) || article.id === null) return;
  const variant = (document.getElementById('preview-variant') as HTMLSelectElement).value;
  window.open(`/admin/articles/${article.id}/preview?variant=${encodeURIComponent(variant)}`, `preview-${article.id}`);
});

// Datetime fields show the browser's local time.
const publishAt = document.getElementById('r-publish-at') as HTMLInputElement | null;
if (publishAt) publishAt.value = toLocalInput(article.publishAt);
const publishedAt = form.elements.namedItem('publishedAt') as HTMLInputElement | null;
if (publishedAt) publishedAt.value = toLocalInput(article.publishedAt);
lastSaved = readFields(form, editor);

// ---- Cover and tag suggestions ----
document.getElementById('cover-choose')?.addEventListener('click', async () => {
  const picked = await pickImage({ maxUploadMb: data.maxUploadMb });
  if (!picked) return;
  (form.elements.namedItem('cover.mediaId') as HTMLInputElement).value = String(picked.mediaId);
  (form.elements.namedItem('cover.caption') as HTMLInputElement).value = picked.caption;
  (form.elements.namedItem('cover.credit') as HTMLInputElement).value = picked.credit;
  const img = document.createElement('img');
  img.src = picked.src;
  img.alt = '';
  img.width = 240;
  document.getElementById('cover-preview')!.replaceChildren(img);
  markDirty();
});
document.getElementById('cover-remove')?.addEventListener('click', () => {
  (form.elements.namedItem('cover.mediaId') as HTMLInputElement).value = '';
  document.getElementById('cover-preview')!.replaceChildren();
  markDirty();
});
document.getElementById('suggest-tags')?.addEventListener('click', async () => {
  const box = document.getElementById('tag-suggestions')!;
  const text = `${(form.elements.namedItem('title') as HTMLInputElement).value}\n${editor.getText()}`;
  const { keywords } = await api<{ keywords: string[] }>('/admin/articles/keywords', { method: 'POST', body: { text } });
  const input = form.elements.namedItem('tags') as HTMLInputElement;
  const have = new Set(input.value.split(/[,，、;；]/).map((x) => x.trim()));
  box.textContent = keywords.length ? '' : msg('editor.suggestNone');
  for (const k of keywords.filter((w) => !have.has(w))) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = `+ ${k}`;
    b.addEventListener('click', () => {
      input.value = input.value.trim() ? `${input.value.trim()}、${k}` : k;
      b.remove();
      markDirty();
    });
    box.append(b);
  }
});

if (article.id === null) setState('dirty');
(document.getElementById('f-title') as HTMLInputElement | null)?.focus();
