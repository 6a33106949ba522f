import { z } from 'zod';
import { AppError, parseOrThrow } from '../errors/index.js';
import type { EventBus } from '../events/bus.js';
import type { FeaturedRepo, PickRow } from './featured.repo.js';

/** What an editor sets on a pick. */
const pickInput = z.object({
  position: z.number({ error: 'a whole number from 0 (first) to 999' }).int('a whole number from 0 (first) to 999').min(0, 'a whole number from 0 (first) to 999').max(999, 'a whole number from 0 (first) to 999'),
  expiresAt: z.iso
    .datetime({ offset: true, error: 'an ISO 8601 date and time, such as 2026-12-01T08:00:00+08:00' })
    .transform((v) => new Date(v).toISOString())
    .nullable()
    .default(null),
});

/** A pick as editors see it. */
export interface Pick extends PickRow {
  /** Whether it shows now: published, flagged and not expired. */
  readonly active: boolean;
}

/** Dependencies of the picks service. */
export interface FeaturedServiceDeps {
  readonly featuredRepo: FeaturedRepo;
  readonly now: () => Date;
  /** Called after every change, so cached blocks show it at once. */
  readonly onChange?: () => void;
  /** Told `featured.changed` after every change, so cached pages showing the block are purged. */
  readonly events?: EventBus;
}

/**
 * Editors' picks for 精彩推薦. An article is a pick by its featured flag (set on the article
 * form); here editors place picks in order and may give each an expiry time, after which it
 * drops out by itself. Hot articles fill the block behind the picks (featured.source.ts).
 *
 * @example
 * await featured.place(42, { position: 0, expiresAt: '2026-12-01T00:00:00+08:00' });
 */
export class FeaturedService {
  readonly #d: FeaturedServiceDeps;
  constructor(deps: FeaturedServiceDeps) {
    this.#d = deps;
  }

  /** Sets a pick's place and expiry (null: never expires). JD_ERR_CONTENT_ARTICLE_NOT_FOUND for an unknown id. */
  async place(articleId: number, raw: unknown): Promise<void> {
    const input = parseOrThrow(pickInput, raw);
    if (!(await this.#d.featuredRepo.articleExists(articleId))) throw new AppError('JD_ERR_CONTENT_ARTICLE_NOT_FOUND', { id: articleId });
    await this.#d.featuredRepo.upsert(articleId, input.position, input.expiresAt, this.#d.now().toISOString());
    await this.#changed();
  }

  /** Forgets a pick's place and expiry (the flag, if still set, keeps it a pick without a place). */
  async unplace(articleId: number): Promise<boolean> {
    const removed = await this.#d.featuredRepo.remove(articleId);
    if (removed) await this.#changed();
    return removed;
  }

  /** Lists first (pages re-render from them), then the pages. */
  async #changed(): Promise<void> {
    this.#d.onChange?.();
    await this.#d.events?.emit({ type: 'featured.changed' });
  }

  /** Ids of the picks showing now, in order. */
  active(limit: number): Promise<number[]> {
    return this.#d.featuredRepo.active(this.#d.now().toISOString(), limit);
  }

  /** Every placed pick, active or not, for the newsroom. */
  async list(): Promise<Pick[]> {
    const now = this.#d.now().toISOString();
    return (await this.#d.featuredRepo.all()).map((p) => ({ ...p, active: p.featured && p.status === 'published' && (p.expiresAt === null || p.expiresAt > now) }));
  }
}
