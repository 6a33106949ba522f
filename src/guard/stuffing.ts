/**
 * Keyword stuffing: one term repeated far beyond the density of normal prose. Chinese text has
 * no spaces, so instead of a word segmenter (whose dictionary needs loading) this counts
 * character 2–4-grams inside runs of Han characters; a stuffed term shows up as an n-gram that
 * covers a large share of all the text. English-like text is counted by word.
 */

/** The stuffed term and how often it appears. */
export interface Stuffed {
  readonly term: string;
  readonly count: number;
}

const minCount = 8;
/** Share of all letters a single term may cover before it counts as stuffing. */
const maxCoverage = 0.2;
const englishStopwords = new Set(['the', 'and', 'for', 'that', 'with', 'this', 'from', 'are', 'was', 'were', 'has', 'have', 'had', 'not', 'but', 'its', 'his', 'her', 'they', 'their', 'said', 'will', 'would', 'been', 'which', 'who', 'you', 'our', 'can']);

/**
 * Finds keyword stuffing in plain text, or undefined when the text reads normally.
 *
 * @example
 * stuffedTerm('六合彩 六合彩 六合彩 …') // { term: '六合彩', count: 12 }
 */
export function stuffedTerm(text: string): Stuffed | undefined {
  const han = text.match(/[\u3400-\u9fff\uf900-\ufaff]+/g) ?? [];
  const words = (text.toLowerCase().match(/[a-z][a-z0-9'-]{2,}/g) ?? []).filter((w) => !englishStopwords.has(w));
  const hanChars = han.reduce((n, run) => n + run.length, 0);
  const letters = hanChars + words.reduce((n, w) => n + w.length, 0);
  if (letters === 0) return undefined;

  let best: { term: string; count: number; coverage: number } | undefined;
  const consider = (term: string, count: number, covered: number): void => {
    if (count < minCount) return;
    const coverage = covered / letters;
    if (coverage >= maxCoverage && (!best || coverage > best.coverage)) best = { term, count, coverage };
  };

  for (const n of [2, 3, 4]) {
    const counts = new Map<string, number>();
    for (const run of han) {
      for (let i = 0; i + n <= run.length; i++) {
        const gram = run.slice(i, i + n);
        counts.set(gram, (counts.get(gram) ?? 0) + 1);
      }
    }
    for (const [gram, count] of counts) consider(gram, count, count * n);
  }
  const wordCounts = new Map<string, number>();
  for (const w of words) wordCounts.set(w, (wordCounts.get(w) ?? 0) + 1);
  for (const [w, count] of wordCounts) consider(w, count, count * w.length);

  // Prefer the longest form of the stuffed term: 六合彩 over 六合 when they cover the same text.
  if (!best) return undefined;
  const found = best;
  return { term: found.term, count: found.count };
}
