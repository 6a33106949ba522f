// The import screen's browser code: sends the form (a chosen file base64, so that GBK and Big5
// bytes arrive as they are) to the import API and lists the report. Text goes in with
// textContent only: imported titles are data, never markup.
import { api, clearErrors, msg, showErrors } from '../../client/api.js';

interface Item {
  status: 'imported' | 'skipped' | 'failed';
  id: number | null;
  title: string;
  error: string | null;
  removed: Array<{ rule: string; reason: string }>;
}

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function cell(row: HTMLTableRowElement, text: string): HTMLTableCellElement {
  const td = row.insertCell();
  td.textContent = text;
  return td;
}

function show(items: Item[]): void {
  const rows = document.getElementById('import-rows')!;
  rows.replaceChildren();
  const count = (s: Item['status']) => items.filter((i) => i.status === s).length;
  document.getElementById('import-summary')!.textContent = msg('imports.summary', { imported: count('imported'), skipped: count('skipped'), failed: count('failed') });
  for (const i of items) {
    const tr = (rows as HTMLTableSectionElement).insertRow();
    cell(tr, msg(`imports.status.${i.status}`));
    const title = cell(tr, '');
    if (i.id && i.status === 'imported') {
      const a = document.createElement('a');
      a.href = `/admin/articles/${i.id}`;
      a.textContent = i.title || '—';
      title.append(a);
    } else title.textContent = i.title || '—';
    const notes = [i.error ?? '', i.removed.length ? msg('imports.removed', { rules: [...new Set(i.removed.map((r) => r.rule))].join(', ') }) : ''].filter(Boolean);
    cell(tr, notes.join(' · '));
  }
  const section = document.getElementById('import-result')!;
  section.hidden = false;
  section.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

const form = document.getElementById('import-form') as HTMLFormElement | null;
form?.addEventListener('submit', (event) => {
  event.preventDefault();
  void (async () => {
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    const label = button.textContent;
    button.disabled = true;
    button.textContent = msg('imports.running');
    clearErrors(form);
    try {
      const get = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
      const file = get('file').files?.[0];
      const url = get('url').value.trim();
      const body: Record<string, unknown> = { kind: get('kind').value, publish: get('publish').checked, dryRun: get('dryRun').checked };
      if (get('section').value) body.section = get('section').value;
      if (file) body.file = { name: file.name, contentBase64: await base64Of(file), contentType: file.type };
      else if (url) body.url = url;
      const answer = await api<{ items: Item[] }>('/api/v1/admin/imports', { method: 'POST', body });
      show(answer.items);
    } catch (err) {
      showErrors(form, err);
    } finally {
      button.disabled = false;
      button.textContent = label;
    }
  })();
});
