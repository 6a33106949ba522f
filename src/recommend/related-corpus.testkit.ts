import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One article of the evaluation corpus (testdata/related/corpus.txt). */
export interface CorpusArticle {
  /** The corpus's own name for it, e.g. `typhoon-3`. */
  readonly key: string;
  /** Topic cluster: what a good related list of this article is made of. */
  readonly cluster: string;
  readonly section: string;
  readonly lang: 'zh-Hans' | 'zh-Hant';
  readonly tags: string[];
  readonly publishedAt: string;
  readonly status: 'published' | 'draft';
  /** Key of the article this one is a wire copy of. */
  readonly dupOf: string | undefined;
  readonly title: string;
  readonly summary: string;
  readonly bodyHtml: string;
}

const CORPUS = fileURLToPath(new URL('./testdata/related/corpus.txt', import.meta.url));

/**
 * Reads the evaluation corpus: a header line `=== KEY | key=value | …`, then the title, the
 * summary and one line per paragraph. Lines starting with `#` before the first header are
 * comments. A malformed entry throws, so a typo in the corpus fails the tests loudly.
 */
export function readCorpus(file = CORPUS): CorpusArticle[] {
  const out: CorpusArticle[] = [];
  const chunks = readFileSync(file, 'utf8').split(/^=== /m).slice(1);
  for (const chunk of chunks) {
    const [header = '', ...lines] = chunk.split('\n').map((l) => l.trim());
    const [key = '', ...pairs] = header.split('|').map((s) => s.trim());
    const meta = new Map(pairs.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)] as const));
    const [title, summary, ...paragraphs] = lines.filter((l) => l.length > 0);
    const lang = meta.get('lang');
    if (!key || !title || !summary || paragraphs.length === 0 || (lang !== 'zh-Hans' && lang !== 'zh-Hant') || !meta.get('cluster') || !meta.get('at')) {
      throw new Error(`corpus entry ${JSON.stringify(key)} is incomplete`);
    }
    out.push({
      key,
      cluster: meta.get('cluster')!,
      section: meta.get('section') ?? 'society',
      lang,
      tags: (meta.get('tags') ?? '').split(',').filter(Boolean),
      publishedAt: new Date(meta.get('at')!).toISOString(),
      status: meta.get('status') === 'draft' ? 'draft' : 'published',
      dupOf: meta.get('dup'),
      title,
      summary,
      bodyHtml: paragraphs.map((p) => `<p>${p}</p>`).join('\n'),
    });
  }
  return out;
}

/** The sections the corpus files articles under, with their display names. */
export const CORPUS_SECTIONS: ReadonlyArray<{ slug: string; name: string; position: number }> = [
  { slug: 'society', name: '社會', position: 1 },
  { slug: 'world', name: '國際', position: 2 },
  { slug: 'finance', name: '財經', position: 3 },
  { slug: 'tech', name: '科技', position: 4 },
  { slug: 'sports', name: '體育', position: 5 },
  { slug: 'culture', name: '文化', position: 6 },
];
