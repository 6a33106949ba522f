import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { AppError } from '../errors/index.js';
import type { MediaRepo } from './media.repo.js';
import { urls } from './urls.js';

/** A stored media file as views and the API see it. */
export interface MediaView {
  readonly id: number;
  readonly url: string;
  readonly mime: string;
  readonly size: number;
  readonly width: number | null;
  readonly height: number | null;
  readonly alt: string;
  readonly caption: string;
  readonly credit: string;
}

/** A file to store with its metadata. */
export interface NewMediaFile {
  /** Path inside the media folder, e.g. `demo/world-01.svg`. */
  readonly path: string;
  readonly bytes: Buffer;
  readonly mime: string;
  readonly width: number | null;
  readonly height: number | null;
  readonly alt?: string;
  readonly caption?: string;
  readonly credit?: string;
}

/**
 * Media files in the data folder and their records. Upload checks and image re-encoding
 * come with the newsroom core; this stores files the system itself made (demo, benchmark).
 */
export class MediaService {
  readonly #repo: MediaRepo;
  readonly #dir: string;
  readonly #now: () => Date;
  constructor(deps: { mediaRepo: MediaRepo; mediaDir: string; now: () => Date }) {
    this.#repo = deps.mediaRepo;
    this.#dir = deps.mediaDir;
    this.#now = deps.now;
  }

  async add(file: NewMediaFile): Promise<MediaView> {
    const rel = normalize(file.path).replace(/\\/g, '/');
    if (rel.startsWith('..') || rel.startsWith('/') || rel.split('/').some((p) => p === '' || p.startsWith('.'))) {
      throw new AppError('JD_ERR_VALIDATION', {}, { fields: { path: 'a relative path inside the media folder' } });
    }
    const target = join(this.#dir, ...rel.split('/'));
    if (!target.startsWith(this.#dir + sep)) throw new AppError('JD_ERR_VALIDATION', {}, { fields: { path: 'outside the media folder' } });
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.bytes);
    const meta = { alt: file.alt ?? '', caption: file.caption ?? '', credit: file.credit ?? '' };
    const id = await this.#repo.insert({ path: rel, mime: file.mime, size: file.bytes.length, width: file.width, height: file.height, ...meta }, this.#now().toISOString());
    return { id, url: urls.media(rel), mime: file.mime, size: file.bytes.length, width: file.width, height: file.height, ...meta };
  }
}
