import type { ListEntry } from './related.repo.js';
import { RELATED_SIZE, type Scored } from './related-score.js';
import { isNearDuplicate } from './simhash.js';

/** What to do to other articles' lists after article N was (re)computed. */
export interface SpreadPlan {
  /** Entries leaving lists (N's old entries, near-duplicates it replaces, entries it pushes out). */
  readonly remove: ListEntry[];
  /** N's new entries. */
  readonly add: ListEntry[];
  /** Lists that lost N and did not get it back: one entry short until recomputed. */
  readonly shortened: number[];
}

/**
 * Lets a freshly computed article N into the stored lists of the articles it is most similar
 * to (`targets`, with the symmetric score), and takes it out of lists it no longer belongs in.
 *
 * For each list: N's old entry goes (an update may change its score); then, if N is a
 * target, it comes in when the list has room or N beats its last entry, and no entry that is
 * a near-duplicate of N scores at least as well (a weaker one leaves, so a list never holds
 * two near-identical articles); what falls beyond `size` leaves. Pure: the caller reads the
 * lists (best first) and applies the plan.
 *
 * @example
 * const plan = planSpread(n.articleId, n.simhash, targets, lists, fingerprints);
 */
export function planSpread(
  articleId: number,
  fingerprint: string,
  targets: readonly Scored[],
  lists: ReadonlyMap<number, readonly ListEntry[]>,
  fingerprints: ReadonlyMap<number, string>,
  size = RELATED_SIZE,
): SpreadPlan {
  const scoreOf = new Map(targets.map((t) => [t.doc.articleId, t.score]));
  const plan: SpreadPlan = { remove: [], add: [], shortened: [] };
  for (const [owner, entries] of lists) {
    if (owner === articleId) continue;
    const old = entries.find((e) => e.relatedId === articleId);
    if (old) plan.remove.push(old);
    const rest = entries.filter((e) => e !== old);
    const score = scoreOf.get(owner);
    const fits = score !== undefined && score > 0 && (rest.length < size || score > rest[size - 1]!.score);
    const twins = fits ? rest.filter((e) => isTwin(fingerprints.get(e.relatedId), fingerprint)) : [];
    if (!fits || twins.some((e) => e.score >= score!)) {
      if (old) plan.shortened.push(owner);
      continue;
    }
    const entry: ListEntry = { articleId: owner, relatedId: articleId, score: score! };
    const kept = [...rest.filter((e) => !twins.includes(e)), entry].sort((a, b) => b.score - a.score || b.relatedId - a.relatedId);
    plan.remove.push(...twins, ...kept.slice(size).filter((e) => e !== entry));
    if (kept.indexOf(entry) < size) plan.add.push(entry);
  }
  return plan;
}

function isTwin(a: string | undefined, b: string): boolean {
  return a !== undefined && isNearDuplicate(a, b);
}
