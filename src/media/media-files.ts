import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { AppError } from '../errors/index.js';

/** A file to write inside an upload folder. */
export interface FileToWrite {
  /** Path inside the media folder. */
  readonly path: string;
  readonly data: Buffer;
}

/**
 * The media folder on disk. Every path is relative to it and checked to stay inside it; names
 * are always made by the upload service, never taken from a client.
 */
export class MediaFiles {
  readonly #root: string;
  constructor(root: string) {
    this.#root = resolve(root);
  }

  /**
   * Creates `folder` (which must not exist yet) and writes the files into it; on any failure
   * the folder is removed again, so a half-written upload never stays behind.
   */
  async writeFolder(folder: string, files: readonly FileToWrite[]): Promise<void> {
    const dir = this.#abs(folder);
    await mkdir(dirname(dir), { recursive: true });
    // Not recursive: fails if the folder exists, so two uploads can never share one.
    await mkdir(dir);
    try {
      await Promise.all(files.map((f) => writeFile(this.#abs(f.path), f.data, { flag: 'wx' })));
    } catch (err) {
      await rm(dir, { recursive: true, force: true });
      throw err;
    }
  }

  /** Writes more files into an existing folder (background variants); never overwrites. */
  async addFiles(files: readonly FileToWrite[]): Promise<void> {
    await Promise.all(files.map((f) => writeFile(this.#abs(f.path), f.data, { flag: 'wx' })));
  }

  read(path: string): Promise<Buffer> {
    return readFile(this.#abs(path));
  }

  /** Removes a file or a folder with its files; missing ones are fine. */
  async remove(path: string): Promise<void> {
    await rm(this.#abs(path), { recursive: true, force: true });
  }

  #abs(path: string): string {
    const abs = resolve(join(this.#root, ...path.split('/')));
    if (!abs.startsWith(this.#root + sep)) throw new AppError('JD_ERR_VALIDATION', {}, { fields: { path: 'a path inside the media folder' } });
    return abs;
  }
}
