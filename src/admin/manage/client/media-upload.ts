// Media library uploads: drop or choose files; each is sent with XMLHttpRequest so its
// progress shows; a file that is not an accepted image gets a message beside the drop zone
// before any bytes are sent (the server checks the bytes again and has the last word).
import { ApiError, msg, pageData, signInAgain } from '../../client/api.js';

const ACCEPTED = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif']);

/** Wires the drop zone of the media screen, if the page has one. */
export function setUpMediaUploads(): void {
  const zone = document.getElementById('media-drop');
  const input = document.getElementById('media-file') as HTMLInputElement | null;
  const progress = document.getElementById('media-progress') as HTMLProgressElement | null;
  const message = document.getElementById('media-drop-message');
  if (!zone || !input || !progress || !message) return;
  const say = (text: string, bad = false) => {
    message.textContent = text;
    message.classList.toggle('error', bad);
  };
  const uploadAll = async (files: File[]) => {
    let uploaded = 0;
    const problems: string[] = [];
    const maxMb = pageData<{ maxUploadMb?: number }>().maxUploadMb ?? 20;
    for (const file of files) {
      if (!ACCEPTED.has(file.type)) {
        problems.push(msg('media.wrongType', { name: file.name }));
        continue;
      }
      if (file.size > maxMb * 1024 * 1024) {
        problems.push(msg('media.failed', { name: file.name, message: `> ${maxMb} MB` }));
        continue;
      }
      const report = (pct: number) => {
        progress.hidden = false;
        progress.value = pct;
        say(msg('media.uploading', { pct }));
      };
      try {
        await send(file, report).catch(async (err: unknown) => {
          // The session ended: sign in again in the shell's dialog, then send the file again.
          if (!(err instanceof ApiError) || (err.status !== 401 && err.code !== 'JD_ERR_AUTH_CSRF')) throw err;
          await signInAgain();
          await send(file, report);
        });
        uploaded++;
      } catch (err) {
        problems.push(msg('media.failed', { name: file.name, message: (err as Error).message }));
      }
    }
    progress.hidden = true;
    if (problems.length) say(problems.join(' '), true);
    else if (uploaded) {
      const url = new URL(location.href);
      url.searchParams.set('flash', msg('media.uploaded', { name: files.map((f) => f.name).join('、') }));
      url.searchParams.delete('page');
      location.assign(url.toString());
    }
    // Files that did upload show after a reload; keep the problems on screen until then.
    if (problems.length && uploaded) window.setTimeout(() => location.reload(), 2500);
  };
  zone.addEventListener('click', () => input.click());
  zone.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      input.click();
    }
  });
  input.addEventListener('change', () => void uploadAll(Array.from(input.files ?? [])));
  zone.addEventListener('dragover', (ev) => {
    ev.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (ev) => {
    ev.preventDefault();
    zone.classList.remove('over');
    void uploadAll(Array.from(ev.dataTransfer?.files ?? []));
  });
}

/** POSTs one file as multipart, reporting progress in percent; rejects with the API's message. */
function send(file: File, onProgress: (pct: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/admin/media');
    // Read per attempt: signing in again replaces the token in the meta tag.
    xhr.setRequestHeader('x-csrf-token', document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    });
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve();
      let error: { code?: string; message?: string } = {};
      try {
        error = (JSON.parse(xhr.responseText) as { error?: { code?: string; message?: string } }).error ?? {};
      } catch {
        // Not JSON (a proxy's page): the status says enough.
      }
      reject(new ApiError(xhr.status, error.code ?? `HTTP_${xhr.status}`, error.message ?? `HTTP ${xhr.status}`));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'NETWORK', msg('error.network'))));
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}
