// The editor's own block nodes. Both serialise to HTML the sanitizing policy keeps
// (src/guard/sanitize.ts): a figure is <figure><img><figcaption>caption<small>credit</small>,
// an embed is a figure holding a link to an allowlisted video or post (no iframe survives the
// policy; the public page decides how to show it).
import { mergeAttributes, Node } from '@tiptap/core';

/** Attributes of a figure node. */
export interface FigureAttrs {
  src: string;
  alt: string;
  caption: string;
  credit: string;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    figure: { insertFigure: (attrs: FigureAttrs) => ReturnType; updateFigure: (attrs: Partial<FigureAttrs>) => ReturnType };
    embed: { insertEmbed: (attrs: { url: string; caption: string }) => ReturnType };
  }
}

const creditOf = (fig: HTMLElement): string => fig.querySelector('figcaption small')?.textContent?.replace(/^（圖：|^\(|）$|\)$/g, '').trim() ?? '';
const captionOf = (fig: HTMLElement): string => {
  const cap = fig.querySelector('figcaption');
  if (!cap) return '';
  const copy = cap.cloneNode(true) as HTMLElement;
  copy.querySelector('small')?.remove();
  return copy.textContent?.trim() ?? '';
};

/** An image with caption and credit, edited as one block (select it, then 圖說). */
export const Figure = Node.create({
  name: 'figure',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes() {
    return { src: { default: '' }, alt: { default: '' }, caption: { default: '' }, credit: { default: '' } };
  },
  parseHTML() {
    return [
      {
        tag: 'figure',
        // Only figures with an image; link figures are embeds.
        getAttrs: (el) => {
          const img = (el as HTMLElement).querySelector('img');
          if (!img) return false;
          return { src: img.getAttribute('src') ?? '', alt: img.getAttribute('alt') ?? '', caption: captionOf(el as HTMLElement), credit: creditOf(el as HTMLElement) };
        },
      },
    ];
  },
  renderHTML({ node }) {
    const a = node.attrs as FigureAttrs;
    const cap: unknown[] = [a.caption];
    if (a.credit) cap.push(['small', {}, `（圖：${a.credit}）`]);
    const out: unknown[] = ['figure', mergeAttributes({}), ['img', { src: a.src, alt: a.alt }]];
    if (a.caption || a.credit) out.push(['figcaption', {}, ...cap]);
    return out as never;
  },
  addCommands() {
    return {
      insertFigure:
        (attrs) =>
        ({ commands }) =>
          commands.insertContent({ type: this.name, attrs }),
      updateFigure:
        (attrs) =>
        ({ commands }) =>
          commands.updateAttributes(this.name, attrs),
    };
  },
});

/** Hosts whose links may be embedded, with a pattern each URL must match. */
export const EMBED_HOSTS: ReadonlyArray<{ name: string; pattern: RegExp }> = [
  { name: 'YouTube', pattern: /^https:\/\/(www\.)?(youtube\.com\/(watch\?v=|shorts\/|embed\/)|youtu\.be\/)[\w-]{6,}/ },
  { name: 'Bilibili', pattern: /^https:\/\/(www\.|m\.)?bilibili\.com\/video\/(BV|av)[\w]+/ },
  { name: 'X/Twitter', pattern: /^https:\/\/(www\.)?(twitter|x)\.com\/\w{1,15}\/status\/\d+/ },
];

/** The host's name when `url` may be embedded, else undefined. */
export function embedHost(url: string): string | undefined {
  return EMBED_HOSTS.find((h) => h.pattern.test(url.trim()))?.name;
}

/** A video or post from an allowlisted host, stored as a linked figure. */
export const Embed = Node.create({
  name: 'embed',
  group: 'block',
  atom: true,
  selectable: true,
  draggable: true,
  addAttributes() {
    return { url: { default: '' }, caption: { default: '' } };
  },
  parseHTML() {
    return [
      {
        tag: 'figure',
        getAttrs: (el) => {
          const a = (el as HTMLElement).querySelector('a[href]');
          if ((el as HTMLElement).querySelector('img') || !a || !embedHost(a.getAttribute('href') ?? '')) return false;
          return { url: a.getAttribute('href'), caption: captionOf(el as HTMLElement) };
        },
      },
    ];
  },
  renderHTML({ node }) {
    const url = String(node.attrs.url);
    const out: unknown[] = ['figure', { class: 'embed' }, ['a', { href: url }, `${embedHost(url) ?? ''}：${url}`]];
    if (node.attrs.caption) out.push(['figcaption', {}, String(node.attrs.caption)]);
    return out as never;
  },
  addCommands() {
    return {
      insertEmbed:
        (attrs) =>
        ({ commands }) =>
          commands.insertContent({ type: this.name, attrs }),
    };
  },
});
