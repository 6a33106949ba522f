import type { ArticleInputRaw } from '../src/content/article.fields.js';
import {
  benchAuthors,
  benchSections,
  extraTags,
  moneyUnits,
  sentenceTemplates,
  titleTemplates,
  words,
  type Phrase,
  type WordList,
} from './vocab.js';

/** Bounds the generator keeps, in characters of body text (markup not counted). */
export const BODY_CHARS = { min: 600, max: 1500 } as const;
/** How many tags the benchmark site has. */
export const TAG_COUNT = 200;
/** Back-dated publish times spread over this many days before `now`. */
const SPREAD_DAYS = 365;
// The longest a filled sentence can get (templates + the longest words), so a body that stops
// at its target never runs past the maximum.
const SENTENCE_SLACK = 110;

/** A section of the benchmark site, parent before child. */
export interface CorpusSection {
  readonly slug: string;
  readonly name: string;
  readonly position: number;
  readonly parent?: string;
}

/** One generated article: exactly what `ArticleService.create` is given. */
export type CorpusArticle = ArticleInputRaw & {
  readonly title: string;
  readonly section: string;
  readonly bodyHtml: string;
  readonly tags: string[];
  readonly authors: string[];
  readonly lang: 'zh-Hans' | 'zh-Hant';
  readonly publishedAt: string;
};

/** A whole synthetic site. Tags are given by name; their slug is the name, as for Chinese tags created through the service. */
export interface Corpus {
  readonly sections: readonly CorpusSection[];
  readonly authors: ReadonlyArray<{ readonly name: string; readonly slug: string; readonly bio: string }>;
  readonly tags: readonly string[];
  /** Oldest first, so ids grow with publish time as in a real newsroom. */
  readonly articles: readonly CorpusArticle[];
}

/** What to generate. */
export interface CorpusOptions {
  readonly articles: number;
  readonly seed: number;
  /** Publish times are back-dated from here; pass a fixed date for a byte-identical corpus. */
  readonly now: Date;
}

/**
 * Generates a deterministic synthetic news site: the same options always give the same corpus.
 * About half the articles are written in Simplified and half in Traditional, `lang` set to match.
 *
 * @example
 * const corpus = generateCorpus({ articles: 1000, seed: 1, now: new Date('2025-01-01T00:00:00Z') });
 */
export function generateCorpus(options: CorpusOptions): Corpus {
  const tags = tagNames();
  const authors = benchAuthors.map((a, i) => ({ ...a, bio: `${a.name}，焦點新聞記者，跑${benchSections[i % benchSections.length]!.name}線。` }));
  const articles: CorpusArticle[] = [];
  for (let i = 0; i < options.articles; i++) articles.push(generateArticle(options, i, tags));
  return { sections: benchSections, authors, tags, articles };
}

/** The site's tag names: topics, places, organisations, then extra subjects; unique, Traditional. */
export function tagNames(): string[] {
  const all = [...words.topic, ...words.place, ...words.org].map((p) => p[1]).concat(extraTags);
  return [...new Set(all)].slice(0, TAG_COUNT);
}

/** Text of an HTML fragment without its tags, for length checks. */
export function textOf(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/\n/g, '');
}

/** Article `i` of the corpus; it depends only on the seed, its index and the options. */
function generateArticle(options: CorpusOptions, i: number, tags: readonly string[]): CorpusArticle {
  const rng = mulberry32(mix(options.seed, i));
  const script = rng() < 0.5 ? 0 : 1;
  const say = (template: Phrase) => fill(template, script, rng);
  const title = say(pick(rng, titleTemplates));
  const subtitle = rng() < 0.4 ? say(pick(rng, titleTemplates)) : '';
  const { html, lead } = body(rng, script);
  const spacing = (SPREAD_DAYS * 86_400_000) / Math.max(1, options.articles);
  // Jitter stays below the spacing so publish order follows index order.
  const publishedAt = new Date(options.now.getTime() - (options.articles - i) * spacing + Math.floor(rng() * spacing * 0.9));
  return {
    title,
    subtitle,
    summary: lead,
    bodyHtml: html,
    section: weighted(rng, SECTION_WEIGHTS),
    tags: distinct(rng, 1 + Math.floor(rng() * 5), () => tags[Math.floor(rng() ** 2 * tags.length)]!),
    authors: distinct(rng, rng() < 0.8 ? 1 : 2, () => pick(rng, benchAuthors).slug),
    source: { name: pick(rng, words.agencyName)[script], url: rng() < 0.3 ? `https://wire.example.org/story/${options.seed}-${i}` : '' },
    lang: script === 0 ? 'zh-Hans' : 'zh-Hant',
    status: 'published',
    flags: { headline: rng() < 0.002, featured: rng() < 0.03, slideshow: rng() < 0.01 },
    publishedAt: publishedAt.toISOString(),
  };
}

// Front-page news is the busiest desk; nested sections get a share of their own.
const SECTION_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['news', 25], ['world', 20], ['finance', 15], ['markets', 10], ['tech', 15], ['ai', 15],
];

/** A body of <h2> sub-headings and <p> paragraphs, with its first sentence as the lead. */
function body(rng: () => number, script: 0 | 1): { html: string; lead: string } {
  const target = BODY_CHARS.min + Math.floor(rng() * (BODY_CHARS.max - BODY_CHARS.min - SENTENCE_SLACK));
  const blocks: string[] = [];
  const headings = new Set<string>();
  let length = 0;
  let paragraphs = 0;
  let lead = '';
  while (length < target) {
    // A sub-heading every two or three paragraphs, never as the last block.
    if (paragraphs >= 2 && length + 60 < target && (paragraphs >= 3 || rng() < 0.6)) {
      const h = distinct(rng, 1, () => pick(rng, words.heading)[script], headings)[0]!;
      headings.add(h);
      blocks.push(`<h2>${h}</h2>`);
      length += h.length;
      paragraphs = 0;
    }
    const sentences = 2 + Math.floor(rng() * 3);
    let p = '';
    for (let k = 0; k < sentences && length + p.length < target; k++) p += fill(pick(rng, sentenceTemplates), script, rng);
    lead ||= p.slice(0, p.indexOf('。') + 1);
    blocks.push(`<p>${p}</p>`);
    length += p.length;
    paragraphs++;
  }
  return { html: blocks.join('\n'), lead };
}

/** Fills `{name}` placeholders from the word lists; `{name2}` is a second pick that differs from `{name}`. */
function fill(template: Phrase, script: 0 | 1, rng: () => number): string {
  const picked = new Map<string, string>();
  return template[script].replace(/\{([a-z]+?)(2?)\}/gi, (_m, name: string, second: string) => {
    const value = generated(name, script, rng) ?? fromList(name as WordList, script, rng, second ? picked.get(name) : undefined);
    if (!second) picked.set(name, value);
    return value;
  });
}

function fromList(name: WordList, script: 0 | 1, rng: () => number, avoid: string | undefined): string {
  const list = words[name];
  for (;;) {
    const value = pick(rng, list)[script];
    if (value !== avoid || list.length < 2) return value;
  }
}

/** Placeholders that are numbers rather than words. */
function generated(name: string, script: 0 | 1, rng: () => number): string | undefined {
  switch (name) {
    case 'pct':
      return `${(1 + rng() * 29).toFixed(1)}%`;
    case 'money':
      return pick(rng, moneyUnits)[script].replace('{n}', String(1 + Math.floor(rng() * 500)));
    case 'count':
      return `${2 + Math.floor(rng() * 300)}${pick(rng, words.unit)[script]}`;
    case 'number':
      return (100 + Math.floor(rng() * 9900)).toLocaleString('en-US');
    case 'months':
      return String(3 + Math.floor(rng() * 16));
    default:
      return undefined;
  }
}

function pick<T>(rng: () => number, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)]!;
}

/** `n` different values from `draw`, skipping any in `exclude`. */
function distinct<T>(rng: () => number, n: number, draw: () => T, exclude: ReadonlySet<T> = new Set()): T[] {
  const out: T[] = [];
  for (let tries = 0; out.length < n && tries < 100; tries++) {
    const v = draw();
    if (!out.includes(v) && !exclude.has(v)) out.push(v);
  }
  // Every list is longer than what is asked of it, so this fallback only guards the loop.
  return out.length > 0 ? out : [draw()];
}

function weighted(rng: () => number, choices: ReadonlyArray<readonly [string, number]>): string {
  const total = choices.reduce((n, [, w]) => n + w, 0);
  let r = rng() * total;
  for (const [value, w] of choices) if ((r -= w) < 0) return value;
  return choices[choices.length - 1]![0];
}

/** Mulberry32: a tiny, fast PRNG; good enough for text and stable across Node versions. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Each article gets its own stream, so its text does not depend on the articles before it.
function mix(seed: number, i: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(i + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}
