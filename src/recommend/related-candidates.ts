import type { RelatedRepo } from './related.repo.js';
import type { RelatedDoc } from './related-terms.js';

/**
 * Bounds of a candidate lookup. `postings` are read in all, shared among the article's terms
 * by their weight (a distinctive term gets more of them) with at least `minPerTerm` each,
 * strongest first: a term in half the site's articles costs no more than a rare one. The
 * `pool` best by that partial dot product are then loaded whole and scored exactly.
 */
export const CANDIDATES = { postings: 1200, minPerTerm: 16, pool: 60 } as const;

/**
 * Articles sharing terms with `doc`, best first by a partial dot product over the bounded
 * postings, loaded whole (vector, fingerprint, section, time, tags). Never `doc` itself.
 *
 * @example
 * const docs = await findCandidates(repo, doc); // up to 60 RelatedDocs to score
 */
export async function findCandidates(repo: RelatedRepo, doc: RelatedDoc, bounds: { postings: number; minPerTerm: number; pool: number } = CANDIDATES): Promise<RelatedDoc[]> {
  const weightOf = new Map(doc.terms.map((t) => [t.term, t.weight]));
  const total = doc.terms.reduce((s, t) => s + t.weight, 0);
  const postings = await repo.postings(doc.terms.map((t) => ({ term: t.term, limit: Math.max(bounds.minPerTerm, Math.round((bounds.postings * t.weight) / total)) })));
  const partial = new Map<number, number>();
  for (const p of postings) {
    if (p.article_id === doc.articleId) continue;
    partial.set(p.article_id, (partial.get(p.article_id) ?? 0) + (weightOf.get(p.term) ?? 0) * Number(p.weight));
  }
  const best = [...partial]
    .sort((a, b) => b[1] - a[1] || b[0] - a[0])
    .slice(0, bounds.pool)
    .map(([id]) => id);
  return repo.docs(best);
}
