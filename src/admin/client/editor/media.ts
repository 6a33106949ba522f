// The image dialog: upload by drag and drop or file chooser, or pick from the media library;
// then caption, credit and alt text. Used for body figures and for the cover image.
import { api, ApiError, labelAll, msg } from '../api.js';

/** A media library item as the admin API returns it. */
interface Media {
  id: number;
  url: string;
  alt: string;
  caption: string;
  credit: string;
}

/** What the dialog hands back. */
export interface PickedImage {
  mediaId: number;
  src: string;
  alt: string;
  caption: string;
  credit: string;
}

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif'];

/**
 * Opens the dialog; resolves with the chosen image, or undefined when closed. `files` (from a
 * drop onto the editor) start uploading at once.
 */
export function pickImage(options: { files?: readonly File[]; maxUploadMb: number; withText?: boolean }): Promise<PickedImage | undefined> {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.setAttribute('aria-labelledby', 'media-title');
    dialog.innerHTML = `<form method="dialog">
      <h2 id="media-title"></h2>
      <div class="dropzone" id="media-drop"><span id="media-drop-text"></span> <button type="button" id="media-choose"></button>
        <input type="file" id="media-file" accept="${IMAGE_TYPES.join(',')}" class="visually-hidden" tabindex="-1" aria-hidden="true"></div>
      <p class="field-error" id="media-error" role="alert"></p>
      <p id="media-status" role="status" aria-live="polite"></p>
      <h3 id="media-lib-title"></h3><div class="media-grid" id="media-grid" role="listbox" aria-labelledby="media-lib-title"></div>
      <div id="media-text"><label for="media-caption"></label><input id="media-caption">
      <label for="media-credit"></label><input id="media-credit">
      <label for="media-alt"></label><input id="media-alt"></div>
      <div class="actions"><button type="button" class="primary" id="media-insert" disabled></button><button type="button" id="media-cancel"></button></div>
    </form>`;
    const q = <E extends HTMLElement>(sel: string) => dialog.querySelector<E>(sel)!;
    labelAll(dialog, {
      '#media-title': 'media.title',
      '#media-drop-text': 'media.drop',
      '#media-choose': 'media.choose',
      '#media-lib-title': 'media.library',
      'label[for=media-caption]': 'media.caption',
      'label[for=media-credit]': 'media.credit',
      'label[for=media-alt]': 'media.alt',
      '#media-insert': 'media.insert',
      '#media-cancel': 'cancel',
    });
    if (options.withText === false) q('#media-text').hidden = true;
    let chosen: Media | undefined;
    const choose = (m: Media) => {
      chosen = m;
      q<HTMLInputElement>('#media-caption').value ||= m.caption;
      q<HTMLInputElement>('#media-credit').value ||= m.credit;
      q<HTMLInputElement>('#media-alt').value ||= m.alt;
      q<HTMLButtonElement>('#media-insert').disabled = false;
      dialog.querySelectorAll('.media-grid button').forEach((b) => b.setAttribute('aria-selected', String((b as HTMLElement).dataset.id === String(m.id))));
    };
    const addTile = (m: Media, first = false) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.dataset.id = String(m.id);
      b.setAttribute('role', 'option');
      b.setAttribute('aria-selected', 'false');
      const img = document.createElement('img');
      img.src = m.url;
      img.alt = m.alt || m.caption || `#${m.id}`;
      b.append(img);
      b.addEventListener('click', () => choose(m));
      if (first) q('#media-grid').prepend(b);
      else q('#media-grid').append(b);
    };
    const upload = async (file: File) => {
      const error = q('#media-error');
      error.textContent = '';
      if (!IMAGE_TYPES.includes(file.type)) {
        error.textContent = msg('media.wrongType', { name: file.name });
        return;
      }
      if (file.size > options.maxUploadMb * 1024 * 1024) {
        error.textContent = msg('media.tooLarge', { name: file.name });
        return;
      }
      q('#media-status').textContent = msg('media.uploading');
      const form = new FormData();
      for (const f of ['alt', 'caption', 'credit']) {
        const v = q<HTMLInputElement>(`#media-${f}`).value.trim();
        if (v) form.append(f, v);
      }
      form.append('file', file, file.name);
      try {
        const { media } = await api<{ media: Media }>('/api/v1/admin/media', { method: 'POST', body: form });
        addTile(media, true);
        choose(media);
        q('#media-status').textContent = '';
      } catch (err) {
        q('#media-status').textContent = '';
        const e = err as ApiError;
        error.textContent = e.status === 415 ? msg('media.wrongType', { name: file.name }) : e.status === 413 ? msg('media.tooLarge', { name: file.name }) : msg('error.generic', { message: e.message });
      }
    };
    q('#media-choose').addEventListener('click', () => q<HTMLInputElement>('#media-file').click());
    const drop = q('#media-drop');
    drop.addEventListener('dragover', (ev) => {
      ev.preventDefault();
      drop.classList.add('over');
    });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', (ev) => {
      ev.preventDefault();
      drop.classList.remove('over');
      const file = ev.dataTransfer?.files[0];
      if (file) void upload(file);
    });
    q<HTMLInputElement>('#media-file').addEventListener('change', (ev) => {
      const file = (ev.target as HTMLInputElement).files?.[0];
      if (file) void upload(file);
    });
    const finish = (value: PickedImage | undefined) => {
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    q('#media-cancel').addEventListener('click', () => finish(undefined));
    dialog.addEventListener('cancel', () => finish(undefined));
    q('#media-insert').addEventListener('click', () => {
      if (!chosen) return;
      finish({
        mediaId: chosen.id,
        src: chosen.url,
        caption: q<HTMLInputElement>('#media-caption').value.trim(),
        credit: q<HTMLInputElement>('#media-credit').value.trim(),
        alt: q<HTMLInputElement>('#media-alt').value.trim() || q<HTMLInputElement>('#media-caption').value.trim(),
      });
    });
    document.body.append(dialog);
    dialog.showModal();
    q('#media-choose').focus();
    void api<{ media: Media[] }>('/api/v1/admin/media?limit=30')
      .then((r) => {
        if (r.media.length === 0 && !q('#media-grid').children.length) q('#media-grid').textContent = msg('media.empty');
        for (const m of r.media) if (!dialog.querySelector(`[data-id="${m.id}"]`)) addTile(m);
      })
      .catch(() => undefined);
    for (const f of options.files ?? []) void upload(f);
  });
}

/** Asks for caption and credit of an existing figure; resolves undefined on cancel. */
export function editFigureText(current: { caption: string; credit: string; alt: string }): Promise<{ caption: string; credit: string; alt: string } | undefined> {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.innerHTML = `<form method="dialog"><h2 id="fig-title"></h2>
      <label for="fig-caption"></label><input id="fig-caption"><label for="fig-credit"></label><input id="fig-credit">
      <label for="fig-alt"></label><input id="fig-alt">
      <div class="actions"><button class="primary" value="ok"></button><button value="cancel" type="button" id="fig-cancel"></button></div></form>`;
    dialog.setAttribute('aria-labelledby', 'fig-title');
    const q = <E extends HTMLElement>(sel: string) => dialog.querySelector<E>(sel)!;
    labelAll(dialog, {
      '#fig-title': 'toolbar.figureEdit',
      'label[for=fig-caption]': 'media.caption',
      'label[for=fig-credit]': 'media.credit',
      'label[for=fig-alt]': 'media.alt',
      'button.primary': 'save',
      '#fig-cancel': 'cancel',
    });
    q<HTMLInputElement>('#fig-caption').value = current.caption;
    q<HTMLInputElement>('#fig-credit').value = current.credit;
    q<HTMLInputElement>('#fig-alt').value = current.alt;
    const done = (v: { caption: string; credit: string; alt: string } | undefined) => {
      dialog.close();
      dialog.remove();
      resolve(v);
    };
    q('#fig-cancel').addEventListener('click', () => done(undefined));
    dialog.addEventListener('cancel', () => done(undefined));
    q('form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      done({ caption: q<HTMLInputElement>('#fig-caption').value.trim(), credit: q<HTMLInputElement>('#fig-credit').value.trim(), alt: q<HTMLInputElement>('#fig-alt').value.trim() });
    });
    document.body.append(dialog);
    dialog.showModal();
    q<HTMLInputElement>('#fig-caption').focus();
  });
}
