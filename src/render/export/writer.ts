import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError } from '../../errors/index.js';
import { utf8Bytes } from '../utf8.js';

/** Name of the manifest every export keeps at its root. */
export const MANIFEST = '.jiaodian-build.json';

/** What an export's manifest records. */
export interface Manifest {
  readonly generator: 'jiaodian';
  readonly format: 1;
  /** Digest of what the content looked like (articles, dictionary, settings) when built. */
  readonly contentVersion: string;
  readonly builtAt: string;
  /** Every file, by path relative to the export: a digest of its bytes (media: size and mtime). */
  readonly files: Record<string, string>;
  /** Per article URL: a digest of everything its pages are rendered from (see `ArticlePass`). */
  readonly inputs?: Record<string, string>;
}

/** What a finished export did to the folder. */
export interface WriteCounts {
  /** Files written (new or changed). */
  readonly written: number;
  /** Files unchanged since the last build: linked over, so they keep their mtime. */
  readonly kept: number;
  /** Files of the last build that are no longer part of the site. */
  readonly removed: number;
}

/**
 * Writes an export atomically: everything goes into a fresh folder beside `DIR` and replaces
 * `DIR` only in `commit`, so a failed or interrupted build leaves the previous export as it
 * was. With `incremental`, a file whose digest matches the previous manifest is hard-linked
 * from the previous export instead of being written again: its bytes, inode and mtime stay
 * the same, and only changed files are new. A folder that is neither empty nor an export is
 * refused, so `--out` cannot replace someone's documents.
 */
export class ExportWriter {
  readonly #out: string;
  readonly #tmp: string;
  readonly #old: Manifest | undefined;
  readonly #incremental: boolean;
  readonly #files = new Map<string, string>();
  readonly #inputs = new Map<string, string>();
  readonly #dirs = new Set<string>();
  #written = 0;
  #kept = 0;

  private constructor(out: string, old: Manifest | undefined, incremental: boolean) {
    this.#out = out;
    this.#old = old;
    this.#incremental = incremental && old !== undefined;
    this.#tmp = join(dirname(out), `.${basename(out)}.building-${process.pid}-${randomBytes(4).toString('hex')}`);
    mkdirSync(this.#tmp, { recursive: true });
    this.#dirs.add(this.#tmp);
  }

  /** Opens `dir` for a new build; JD_ERR_EXPORT_NOT_AN_EXPORT when it holds something else. */
  static open(dir: string, options: { incremental: boolean }): ExportWriter {
    const out = resolve(dir);
    let old: Manifest | undefined;
    if (existsSync(out)) {
      if (!statSync(out).isDirectory()) throw new AppError('JD_ERR_EXPORT_NOT_AN_EXPORT', { dir: out, manifest: MANIFEST });
      old = readManifest(out);
      if (!old && readdirSync(out).length > 0) throw new AppError('JD_ERR_EXPORT_NOT_AN_EXPORT', { dir: out, manifest: MANIFEST });
    }
    mkdirSync(dirname(out), { recursive: true });
    return new ExportWriter(out, old, options.incremental);
  }

  /** The manifest of the export being replaced, if any. */
  get previous(): Manifest | undefined {
    return this.#old;
  }

  /** Whether `rel` is already part of this build. */
  has(rel: string): boolean {
    return this.#files.has(rel);
  }

  /** Writes (or keeps) one file of the export. */
  write(rel: string, data: string | Buffer): void {
    // Encoded once: hashing a string and writing it would each encode it again.
    const bytes = typeof data === 'string' ? utf8Bytes(data) : data;
    const digest = createHash('sha1').update(bytes).digest('base64url').slice(0, 22);
    // A file linked over earlier in this build shares its inode with the live export: writing
    // through the link would change that export too, so the link goes first.
    if (this.#files.has(rel)) rmSync(join(this.#tmp, rel), { force: true });
    if (this.#keep(rel, digest)) return;
    writeFileSync(this.#prepare(rel, digest), bytes);
    this.#written++;
  }

  /**
   * Keeps the files of an article whose inputs are the same as at the last build, without
   * rendering them again: true when every one of `rels` was linked over from the last export.
   * Records `digest` as the article's inputs either way, for the next build.
   */
  keepArticle(key: string, digest: string, rels: readonly string[]): boolean {
    this.#inputs.set(key, digest);
    const old = this.#old;
    if (!this.#incremental || !old || old.inputs?.[key] !== digest) return false;
    // All or nothing: a page missing from the last export means rendering them all.
    if (!rels.every((rel) => old.files[rel] !== undefined && existsSync(join(this.#out, rel)))) return false;
    return rels.every((rel) => this.#keep(rel, old.files[rel]!));
  }

  /** Copies a file (media) into the export; unchanged ones (same size and mtime) are linked over. */
  copy(source: string, rel: string): void {
    const st = statSync(source);
    const digest = `m${st.size}-${Math.round(st.mtimeMs)}`;
    if (this.#keep(rel, digest)) return;
    const target = this.#prepare(rel, digest);
    // A hard link costs nothing and cannot go stale (media files are written once, never edited).
    try {
      linkSync(source, target);
    } catch {
      copyFileSync(source, target);
    }
    this.#written++;
  }

  /** Puts the new export in place of the old one and returns what changed. */
  commit(contentVersion: string, builtAt: string): WriteCounts {
    const files = Object.fromEntries([...this.#files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const inputs = Object.fromEntries(this.#inputs);
    const manifest: Manifest = { generator: 'jiaodian', format: 1, contentVersion, builtAt, files, inputs };
    writeFileSync(join(this.#tmp, MANIFEST), `${JSON.stringify(manifest)}\n`);
    const removed = this.#old ? Object.keys(this.#old.files).filter((f) => !this.#files.has(f)).length : 0;
    const aside = `${this.#tmp}.old`;
    const hadOld = existsSync(this.#out);
    if (hadOld) renameSync(this.#out, aside);
    try {
      renameSync(this.#tmp, this.#out);
    } catch (err) {
      if (hadOld) renameSync(aside, this.#out);
      throw err;
    }
    if (hadOld) rmSync(aside, { recursive: true, force: true });
    return { written: this.#written, kept: this.#kept, removed };
  }

  /** Removes the unfinished build; the previous export stays untouched. */
  abort(): void {
    rmSync(this.#tmp, { recursive: true, force: true });
  }

  #keep(rel: string, digest: string): boolean {
    if (!this.#incremental || this.#old?.files[rel] !== digest) return false;
    const target = this.#prepare(rel, digest);
    try {
      linkSync(join(this.#out, rel), target);
    } catch {
      // The old file is missing or on another device: write it again instead.
      return false;
    }
    this.#kept++;
    return true;
  }

  #prepare(rel: string, digest: string): string {
    this.#files.set(rel, digest);
    const target = join(this.#tmp, rel);
    const dir = dirname(target);
    if (!this.#dirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.#dirs.add(dir);
    }
    return target;
  }
}

/** The manifest in `dir`, or undefined when there is none or it is not ours. */
export function readManifest(dir: string): Manifest | undefined {
  try {
    const m = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as Partial<Manifest>;
    return m.generator === 'jiaodian' && m.format === 1 && typeof m.files === 'object' && m.files !== null ? (m as Manifest) : undefined;
  } catch {
    return undefined;
  }
}
