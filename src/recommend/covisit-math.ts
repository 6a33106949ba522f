/**
 * Time decay without rewriting old rows. Co-visitation weights fade with a half-life of
 * `COVISIT_HALF_LIFE_MS`, but instead of multiplying every stored pair down periodically (millions
 * of rows), each new co-visit is *added* with weight `covisitScale(now)`, which doubles every
 * half-life. Relative to now, an old co-visit then weighs exactly 2^(-age / half-life), and all
 * weights of one article grow by the same factor, so ranking them needs no update at all. To
 * read a weight in "co-visits today" divide by `covisitScale(now)`.
 *
 * The scale starts at 1 on `COVISIT_EPOCH_MS` and stays far inside double precision for about
 * 19 years (2^1000); a later release can rebase by dividing every weight by one power of two.
 */
export const COVISIT_EPOCH_MS = Date.UTC(2026, 0, 1);

const DAY_MS = 86_400_000;

/** Half-life of a co-visit: a week, so a story's readership pattern outlives its news cycle a little. */
export const COVISIT_HALF_LIFE_MS = 7 * DAY_MS;

/** Pairs fading below this many co-visits today are deleted when their article is next trimmed. */
export const COVISIT_PRUNE_BELOW = 0.05;

/** Neighbours kept per article; the rest are trimmed (every minute, for articles that gained pairs). */
export const COVISIT_KEEP = 50;

/**
 * Shrinkage of the similarity: an article read in few sessions must not look like a perfect
 * match on one co-visit. Measured in session reads today.
 */
export const COVISIT_SHRINK = 2;

/** Weight of one co-visit happening at `nowMs`. */
export function covisitScale(nowMs: number): number {
  return 2 ** ((nowMs - COVISIT_EPOCH_MS) / COVISIT_HALF_LIFE_MS);
}

/**
 * The scale the similarity's shrinkage is counted in: that of the start of the UTC day of
 * `nowMs`. Were it the scale of this instant, the shrinkage would grow a little every minute
 * and two nearly equal neighbours could swap places between two renders minutes apart: an
 * unchanged site would re-render, and an incremental export rewrite, pages nothing changed on.
 * Held for a day, the ranking changes only when reads do. The shrinkage then drifts by at most
 * 2^(1/7) (some 10%) over the day, which moves no list a reader could tell.
 */
export function shrinkScale(nowMs: number): number {
  return covisitScale(nowMs - (((nowMs % DAY_MS) + DAY_MS) % DAY_MS));
}

/**
 * Similarity of a neighbour b to article a: co-visits over the geometric mean of each one's
 * session reads (cosine similarity of their reader sets), shrunk towards 0 for little-read
 * articles. Without the denominator, whatever everyone reads would top every list. `scale`
 * counts the shrinkage in today's reads: `shrinkScale(now)`.
 *
 * @example
 * covisitSimilarity(8, 10, 12, 1) // ≈ 0.6: most readers of either also read the other
 */
export function covisitSimilarity(pair: number, selfA: number, selfB: number, scale: number): number {
  const k = COVISIT_SHRINK * scale;
  return pair / Math.sqrt((selfA + k) * (selfB + k));
}

/** Factor that decays a hot score over `elapsedMs` with a half-life of `halfLifeHours`. */
export function hotDecay(elapsedMs: number, halfLifeHours: number): number {
  return 2 ** (-Math.max(0, elapsedMs) / (halfLifeHours * 3_600_000));
}

/** Whole hours since the Unix epoch: the bucket a view at `ms` is counted in. */
export function hourOf(ms: number): number {
  return Math.floor(ms / 3_600_000);
}
