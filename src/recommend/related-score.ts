import { cosine, termMap, type RelatedDoc } from './related-terms.js';
import { isNearDuplicate } from './simhash.js';

/** Articles kept in each stored related list. */
export const RELATED_SIZE = 10;

/**
 * The knobs of the related score. Content similarity decides; the rest only reorders
 * articles that are already about the same thing.
 */
export const SCORING = {
  /** Below this cosine two articles only share common words. */
  minCosine: 0.05,
  /** Added to the factor per shared tag, up to `maxTags` tags. */
  tagBoost: 0.1,
  maxTags: 3,
  /** Factor for the same section. */
  sectionBoost: 0.15,
  /**
   * Age decay: the factor falls from 1 to `ageFloor` with the time between the two
   * publications, halving the distance to the floor every `halfLifeDays`. The floor keeps a
   * strong older match above a weak recent one: background still helps a reader.
   */
  halfLifeDays: 30,
  ageFloor: 0.5,
} as const;

const DAY_MS = 86_400_000;

/** A document ready to be compared: its vector as a map and its tags as a set. */
export interface ScoringDoc {
  readonly doc: RelatedDoc;
  readonly vector: ReadonlyMap<string, number>;
  readonly tags: ReadonlySet<string>;
  readonly time: number | undefined;
}

/** A candidate with its score against the article. */
export interface Scored {
  readonly doc: RelatedDoc;
  readonly score: number;
}

/** Prepares a document for scoring. */
export function scoringDoc(doc: RelatedDoc): ScoringDoc {
  const time = doc.publishedAt ? Date.parse(doc.publishedAt) : NaN;
  return { doc, vector: termMap(doc.terms), tags: new Set(doc.tags), time: Number.isFinite(time) ? time : undefined };
}

/**
 * How related two articles are: cosine × (1 + shared-tag boost + same-section boost) × age
 * decay; 0 below `minCosine`. Symmetric, so a new article's score against an old one is also
 * the old one's score against it (which lets a new article enter older lists).
 *
 * @example
 * relatedScore(scoringDoc(a), scoringDoc(b)) // 0.42
 */
export function relatedScore(a: ScoringDoc, b: ScoringDoc): number {
  const cos = cosine(a.vector, b.vector);
  if (cos < SCORING.minCosine) return 0;
  let shared = 0;
  for (const t of a.tags) if (b.tags.has(t)) shared++;
  const boost = 1 + SCORING.tagBoost * Math.min(shared, SCORING.maxTags) + (a.doc.sectionId === b.doc.sectionId ? SCORING.sectionBoost : 0);
  return cos * boost * ageDecay(a.time, b.time);
}

/** The age factor for two publish times (1 when either is unknown). */
export function ageDecay(a: number | undefined, b: number | undefined): number {
  if (a === undefined || b === undefined) return 1;
  const days = Math.abs(a - b) / DAY_MS;
  return SCORING.ageFloor + (1 - SCORING.ageFloor) * 0.5 ** (days / SCORING.halfLifeDays);
}

/**
 * The best `size` candidates, best first, such that none is a near-duplicate of the article
 * and no two are near-duplicates of each other (the better scored one stays). Candidates
 * must not include the article itself; ties go to the newer article id.
 */
export function pickRelated(article: RelatedDoc, candidates: readonly Scored[], size = RELATED_SIZE): Scored[] {
  const sorted = [...candidates].filter((c) => c.score > 0 && c.doc.articleId !== article.articleId).sort(byScore);
  const out: Scored[] = [];
  for (const c of sorted) {
    if (out.length >= size) break;
    if (isNearDuplicate(article.simhash, c.doc.simhash)) continue;
    if (out.some((o) => isNearDuplicate(o.doc.simhash, c.doc.simhash))) continue;
    out.push(c);
  }
  return out;
}

/** Best score first; ties to the newer article. */
export function byScore(a: Scored, b: Scored): number {
  return b.score - a.score || b.doc.articleId - a.doc.articleId;
}
