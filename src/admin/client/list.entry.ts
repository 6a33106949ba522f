// The article list: select all, and bulk actions (publish, unpublish, move section) done one
// article at a time through the admin API, with a summary of what worked and what did not.
import { api, ApiError, msg, toast } from './api.js';

const table = document.getElementById('article-table');
const all = document.getElementById('select-all') as HTMLInputElement | null;
const picks = () => Array.from(table?.querySelectorAll<HTMLInputElement>('input[name=pick]') ?? []);
all?.addEventListener('change', () => picks().forEach((p) => (p.checked = all.checked)));

const form = document.getElementById('bulk') as HTMLFormElement | null;
const action = document.getElementById('bulk-action') as HTMLSelectElement | null;
const section = document.getElementById('bulk-section') as HTMLSelectElement | null;
action?.addEventListener('change', () => {
  if (section) section.hidden = action.value !== 'move';
});

form?.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const chosen = picks().filter((p) => p.checked);
  const result = document.getElementById('bulk-result')!;
  if (!action?.value || chosen.length === 0) {
    result.textContent = msg('bulk.none');
    return;
  }
  const button = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
  button.disabled = true;
  let ok = 0;
  const failures: string[] = [];
  for (const p of chosen) {
    const row = p.closest('tr')!;
    const id = row.dataset.id!;
    const version = Number(row.dataset.version);
    try {
      const res =
        action.value === 'move'
          ? await api<{ article: { version: number } }>(`/api/v1/admin/articles/${id}`, { method: 'PATCH', body: { version, section: section!.value } })
          : await api<{ article: { version: number } }>(`/api/v1/admin/articles/${id}/${action.value}`, { method: 'POST', body: { version } });
      row.dataset.version = String(res.article.version);
      ok++;
    } catch (err) {
      failures.push(msg('bulk.failedItem', { title: row.dataset.title ?? id, message: (err as ApiError).message }));
    }
  }
  button.disabled = false;
  result.textContent = [msg('bulk.done', { ok, failed: failures.length }), ...failures].join(' ');
  if (failures.length === 0) {
    toast(msg('bulk.done', { ok, failed: 0 }));
    // The statuses and sections on the page are stale now.
    window.setTimeout(() => location.reload(), 600);
  }
});
