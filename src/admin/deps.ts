import type { Container } from '../container.js';

/**
 * What the newsroom UI needs: the wired container. Admin pages call the same services the
 * admin API calls (never repositories), so the UI and the API cannot disagree about rules.
 *
 * `manageRoutes` (src/admin/manage) and `importRoutes` (src/admin/imports) receive the same
 * object from `adminRoutes`.
 */
export interface AdminDeps {
  readonly container: Container;
}
