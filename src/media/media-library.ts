import { randomBytes } from 'node:crypto';
import { can, type Actor } from '../auth/permissions.js';
import { AppError } from '../errors/index.js';
import type { BackgroundQueue } from './background-queue.js';
import type { ImageProcessor } from './image-processor.js';
import type { FileToWrite, MediaFiles } from './media-files.js';
import type { MediaLibraryRepo, MediaText, NewVariant } from './media-library.repo.js';
import { mediaItem, type MediaItem } from './media-view.js';
import { MIME, masterPath, uploadFolderOf, variantPath, variantWidths } from './variants.js';

/** What the media library needs. */
export interface MediaLibraryDeps {
  readonly repo: MediaLibraryRepo;
  readonly files: MediaFiles;
  readonly processor: ImageProcessor;
  readonly now: () => Date;
  /** Where AVIF copies are made; undefined when AVIF is off. */
  readonly avif: BackgroundQueue | undefined;
  /** Uploads decoded at once (each may hold the pixel limit in memory). Default 2. */
  readonly concurrency?: number;
}

/** An upload as the API hands it over: the bytes and the editor's text. */
export interface UploadInput extends MediaText {
  readonly bytes: Buffer;
}

/** How many articles a refused delete names. */
const USES_SHOWN = 5;

/**
 * The newsroom's image library: upload (check, re-encode, resize, store), list, edit the
 * text, delete. Uploaded bytes are never stored: only what sharp encoded from their pixels.
 * Members may edit and delete what they uploaded; others' files need `article.edit.any`
 * (editors, admins), as editing others' articles does.
 */
export class MediaLibrary {
  readonly #d: MediaLibraryDeps;
  readonly #slots: Slots;
  constructor(deps: MediaLibraryDeps) {
    this.#d = deps;
    this.#slots = new Slots(deps.concurrency ?? 2);
  }

  /**
   * Stores an image upload. Throws the processor's errors (415 not an image or SVG, 400 damaged,
   * trailing data or too many pixels); returns the stored item with its WebP variants.
   *
   * @example
   * const item = await library.upload({ bytes, alt: '颱風過境' }, actor);
   * item.srcset // '/media/uploads/…/w320.webp 320w, …'
   */
  async upload(input: UploadInput, actor: Actor | undefined): Promise<MediaItem> {
    const { processor, files, repo } = this.#d;
    const stored = await this.#slots.run(async () => {
      const image = await processor.inspect(input.bytes);
      const master = await processor.master(input.bytes, image);
      const animated = image.pages > 1;
      const now = this.#d.now();
      const folder = `uploads/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomBytes(16).toString('hex')}`;
      const toWrite: FileToWrite[] = [{ path: masterPath(folder, master.format === 'jpeg' ? 'jpeg' : 'webp'), data: master.data }];
      const variants: NewVariant[] = [];
      // One at a time: each resize decodes the master, and uploads already run side by side.
      for (const width of variantWidths(master.width)) {
        const v = await processor.resize(master.data, animated, width, 'webp');
        const path = variantPath(folder, width, 'webp');
        toWrite.push({ path, data: v.data });
        variants.push({ format: 'webp', width: v.width, height: v.height, path, size: v.data.length });
      }
      await files.writeFolder(folder, toWrite);
      try {
        const id = await repo.insertUpload(
          {
            path: toWrite[0]!.path,
            mime: MIME[master.format],
            size: master.data.length,
            width: master.width,
            height: master.height,
            alt: input.alt ?? '',
            caption: input.caption ?? '',
            credit: input.credit ?? '',
            uploadedBy: actor?.userId ?? null,
          },
          variants,
          now.toISOString(),
        );
        return { id, folder, master: toWrite[0]!.path, animated, widths: variants.map((v) => v.width) };
      } catch (err) {
        await files.remove(folder);
        throw err;
      }
    });
    this.#d.avif?.push(() => this.#makeAvif(stored.id, stored.folder, stored.master, stored.animated, stored.widths));
    return this.get(stored.id);
  }

  /** A page of the library, newest first. */
  async list(page: number, limit: number): Promise<{ items: MediaItem[]; total: number }> {
    const { rows, total } = await this.#d.repo.list(limit, (page - 1) * limit);
    const variants = await this.#d.repo.variantsOf(rows.map((r) => r.id));
    return { items: rows.map((r) => mediaItem(r, variants.filter((v) => v.media_id === r.id))), total };
  }

  /** One item, or JD_ERR_MEDIA_NOT_FOUND. */
  async get(id: number): Promise<MediaItem> {
    const row = await this.#d.repo.byId(id);
    if (!row) throw new AppError('JD_ERR_MEDIA_NOT_FOUND', { id });
    return mediaItem(row, await this.#d.repo.variantsOf([id]));
  }

  /** Changes alt text, caption or credit. */
  async update(id: number, text: MediaText, actor: Actor): Promise<MediaItem> {
    await this.#manageable(id, actor);
    await this.#d.repo.updateText(id, text);
    return this.get(id);
  }

  /**
   * Deletes a file and its variants, unless an article still uses it (as its cover or in its
   * text): then JD_ERR_MEDIA_IN_USE (409) names the articles, rather than leaving broken images.
   */
  async remove(id: number, actor: Actor): Promise<MediaItem> {
    const { item, path } = await this.#manageable(id, actor);
    const folder = uploadFolderOf(path);
    // An upload is used when any of its files is: match the folder, not only the master.
    const uses = await this.#d.repo.usedBy(id, folder ? `/media/${folder}/` : item.url, USES_SHOWN + 1);
    if (uses.length > 0) {
      const listed = uses.slice(0, USES_SHOWN).join(', ') + (uses.length > USES_SHOWN ? ' and more' : '');
      throw new AppError('JD_ERR_MEDIA_IN_USE', { id, articles: listed });
    }
    // Record first: files without a record are only wasted space, a record without files is a broken image.
    if (await this.#d.repo.delete(id)) await this.#d.files.remove(folder ?? path);
    return item;
  }

  /** Ids of up to `limit` articles that use an item (as cover or in their text), lowest first. */
  async usage(id: number, limit = 20): Promise<number[]> {
    const row = await this.#d.repo.byId(id);
    if (!row) throw new AppError('JD_ERR_MEDIA_NOT_FOUND', { id });
    const folder = uploadFolderOf(row.path);
    return this.#d.repo.usedBy(id, folder ? `/media/${folder}/` : mediaItem(row, []).url, limit);
  }

  /** Resolves when no background AVIF job is waiting or running (tests, shutdown). */
  async idle(): Promise<void> {
    await this.#d.avif?.idle();
  }

  /** Stops background work: waiting AVIF jobs are dropped (their WebP copies suffice). */
  async close(): Promise<void> {
    await this.#d.avif?.close();
  }

  /** The item and its stored path, if `actor` may change it. */
  async #manageable(id: number, actor: Actor): Promise<{ item: MediaItem; path: string }> {
    const row = await this.#d.repo.byId(id);
    if (!row) throw new AppError('JD_ERR_MEDIA_NOT_FOUND', { id });
    if (row.uploaded_by !== actor.userId && !can(actor, 'article.edit.any')) {
      throw new AppError('JD_ERR_AUTH_FORBIDDEN', { action: 'change or delete media that others uploaded' });
    }
    return { item: mediaItem(row, await this.#d.repo.variantsOf([id])), path: row.path };
  }

  /** The background job: AVIF copies at the WebP widths, recorded when done. */
  async #makeAvif(id: number, folder: string, masterFile: string, animated: boolean, widths: readonly number[]): Promise<void> {
    let master: Buffer;
    try {
      // Read now rather than kept since the upload: waiting jobs hold no image memory.
      master = await this.#d.files.read(masterFile);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return; // deleted meanwhile
      throw err;
    }
    const files: FileToWrite[] = [];
    const variants: NewVariant[] = [];
    for (const width of widths) {
      const v = await this.#d.processor.resize(master, animated, width, 'avif');
      const path = variantPath(folder, width, 'avif');
      files.push({ path, data: v.data });
      variants.push({ format: 'avif', width: v.width, height: v.height, path, size: v.data.length });
    }
    try {
      await this.#d.files.addFiles(files);
    } catch (err) {
      // The upload was deleted while its copies were being encoded.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    if (!(await this.#d.repo.addVariants(id, variants, this.#d.now().toISOString()))) {
      await Promise.all(files.map((f) => this.#d.files.remove(f.path)));
    }
  }
}

/** At most `size` jobs at once; the others wait in order. */
class Slots {
  #free: number;
  readonly #waiting: Array<() => void> = [];
  constructor(size: number) {
    this.#free = size;
  }

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.#free > 0) this.#free--;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await job();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free++;
    }
  }
}
