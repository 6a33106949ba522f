import { createRequire } from 'node:module';

// Resolved from here: every package loaded lazily is a direct dependency of the project.
const requireHere = createRequire(import.meta.url);

/**
 * A loader for a CommonJS package that synchronous code needs only now and then (the integrity
 * guard, pinyin slugs, feed parsing): the package is required on the first call, not at start,
 * so a server that only serves pages never pays its memory. A package that fails to load throws
 * its own error on every call, until it loads.
 *
 * Take the type from a type-only import, which costs nothing at run time. Only for packages
 * that ship CommonJS (a `require` export or a CommonJS `main`).
 *
 * @example
 * import type * as Linkedom from 'linkedom';
 * const linkedom = lazyRequire<typeof Linkedom>('linkedom');
 * const { document } = linkedom().parseHTML(html);
 */
export function lazyRequire<T>(id: string): () => T {
  let loaded: { readonly module: T } | undefined;
  return () => {
    loaded ??= { module: requireHere(id) as T };
    return loaded.module;
  };
}

/**
 * A memoized asynchronous loader, for async code (`import()` of sharp, pg, otplib): the first
 * call starts the import and later calls share it. A failed load is forgotten, so the next call
 * tries again and throws the package's own error again rather than a stale one.
 *
 * @example
 * const sharp = lazyImport(async () => (await import('sharp')).default);
 * const meta = await (await sharp())(bytes).metadata();
 */
export function lazyImport<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    if (!pending) {
      const started = load();
      pending = started;
      started.catch(() => {
        if (pending === started) pending = undefined;
      });
    }
    return pending;
  };
}
