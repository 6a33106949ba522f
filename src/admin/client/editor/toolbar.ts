// The formatting toolbar above the body: real buttons with names and pressed states, in one
// tab stop per button (keyboard users reach them with Tab; shortcuts work inside the text).
import type { Editor } from '@tiptap/core';
import { msg } from '../api.js';

/** Actions the toolbar delegates to the page (dialogs). */
export interface ToolbarActions {
  image(): void;
  figureText(): void;
  embed(): void;
}

interface Tool {
  key: string;
  label: string;
  run: () => void;
  active?: () => boolean;
  /** Shown only when it applies (e.g. editing a selected figure's caption). */
  when?: () => boolean;
}

/** Builds the toolbar before `mount` and keeps its pressed states current. */
export function buildToolbar(editor: Editor, mount: HTMLElement, actions: ToolbarActions): HTMLElement {
  const c = () => editor.chain().focus();
  const tools: Tool[] = [
    { key: 'h2', label: 'toolbar.h2', run: () => c().toggleHeading({ level: 2 }).run(), active: () => editor.isActive('heading', { level: 2 }) },
    { key: 'h3', label: 'toolbar.h3', run: () => c().toggleHeading({ level: 3 }).run(), active: () => editor.isActive('heading', { level: 3 }) },
    { key: 'p', label: 'toolbar.paragraph', run: () => c().setParagraph().run(), active: () => editor.isActive('paragraph') },
    { key: 'b', label: 'toolbar.bold', run: () => c().toggleBold().run(), active: () => editor.isActive('bold') },
    { key: 'i', label: 'toolbar.italic', run: () => c().toggleItalic().run(), active: () => editor.isActive('italic') },
    { key: 'ul', label: 'toolbar.bullet', run: () => c().toggleBulletList().run(), active: () => editor.isActive('bulletList') },
    { key: 'ol', label: 'toolbar.ordered', run: () => c().toggleOrderedList().run(), active: () => editor.isActive('orderedList') },
    { key: 'quote', label: 'toolbar.quote', run: () => c().toggleBlockquote().run(), active: () => editor.isActive('blockquote') },
    {
      key: 'link',
      label: 'toolbar.link',
      run: () => {
        const url = window.prompt(msg('toolbar.linkPrompt'), String(editor.getAttributes('link').href ?? ''));
        if (url === null) return;
        if (url.trim() === '') c().extendMarkRange('link').unsetLink().run();
        else if (/^(https?:\/\/|mailto:|\/)/i.test(url.trim())) c().extendMarkRange('link').setLink({ href: url.trim() }).run();
      },
      active: () => editor.isActive('link'),
    },
    { key: 'table', label: 'toolbar.table', run: () => c().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run() },
    { key: 'image', label: 'toolbar.image', run: () => actions.image() },
    { key: 'figure', label: 'toolbar.figureEdit', run: () => actions.figureText(), when: () => editor.isActive('figure') },
    { key: 'embed', label: 'toolbar.embed', run: () => actions.embed() },
    { key: 'undo', label: 'toolbar.undo', run: () => c().undo().run() },
    { key: 'redo', label: 'toolbar.redo', run: () => c().redo().run() },
  ];
  const bar = document.createElement('div');
  bar.className = 'toolbar';
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', msg('toolbar.label'));
  bar.setAttribute('aria-controls', 'body');
  const buttons = tools.map((tool) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset.tool = tool.key;
    b.textContent = msg(tool.label);
    // Keep the text selection: a mouse press on the button must not move focus first.
    b.addEventListener('mousedown', (ev) => ev.preventDefault());
    b.addEventListener('click', () => tool.run());
    bar.append(b);
    return { b, tool };
  });
  // One tab stop for the whole toolbar (WAI-ARIA toolbar pattern): arrows, Home and End move
  // between buttons, so Tab goes from the summary to the text without fifteen stops between.
  let current = 0;
  const visible = () => buttons.filter(({ b }) => !b.hidden && !b.disabled).map(({ b }) => b);
  const focusAt = (i: number) => {
    const list = visible();
    if (list.length === 0) return;
    current = (i + list.length) % list.length;
    list.forEach((b, j) => (b.tabIndex = j === current ? 0 : -1));
    list[current]!.focus();
  };
  bar.addEventListener('keydown', (ev) => {
    const list = visible();
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const moves: Record<string, number> = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: list.length - 1 };
    if (!(ev.key in moves)) return;
    ev.preventDefault();
    focusAt(moves[ev.key]!);
  });
  buttons.forEach(({ b }, i) => (b.tabIndex = i === 0 ? 0 : -1));
  const refresh = () => {
    for (const { b, tool } of buttons) {
      if (tool.active) b.setAttribute('aria-pressed', String(tool.active()));
      if (tool.when) b.hidden = !tool.when();
    }
  };
  editor.on('selectionUpdate', refresh);
  editor.on('transaction', refresh);
  refresh();
  mount.before(bar);
  return bar;
}
