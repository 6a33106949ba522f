import type { LightMyRequestResponse } from 'fastify';
import { authHarness, type AuthHarness } from '../auth/auth.testkit.js';
import { ROLES, type Role } from '../auth/roles.js';
import type { Db } from '../db/index.js';

/** A member of the test newsroom: their account, byline slug and API token. */
export interface Member {
  readonly id: number;
  readonly slug: string;
  readonly token: string;
}

/** The whole app over `db` with one member per role (and a second author), sections world and tech. */
export interface NewsroomHarness extends AuthHarness {
  readonly members: Readonly<Record<Role | 'author2', Member>>;
  /** Calls the app as `who` (a bearer token), or anonymously with null. */
  call(who: Role | 'author2' | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object): Promise<LightMyRequestResponse & { json: any }>;
  /** Creates a draft as `who` and returns its JSON. */
  draft(who: Role | 'author2', fields?: object): Promise<any>;
}

/** Builds the newsroom harness. */
export async function newsroomHarness(db: Db): Promise<NewsroomHarness> {
  const h = await authHarness(db);
  const now = h.clock.now().toISOString();
  await h.c.sections.create({ slug: 'world', name: '國際', position: 1 }, now);
  await h.c.sections.create({ slug: 'tech', name: '科技', position: 2 }, now);
  const members = {} as Record<Role | 'author2', Member>;
  for (const who of [...ROLES, 'author2'] as const) {
    const role: Role = who === 'author2' ? 'author' : who;
    const user = await h.c.users.add({ email: `${who}@example.com`, name: `${who} 記者`, slug: who, role, password: 'correct horse battery' });
    const { secret } = await h.c.auth.tokens.create({ name: `${who} token`, role }, undefined, user.id);
    members[who] = { id: user.id, slug: user.slug, token: secret };
  }
  const call: NewsroomHarness['call'] = async (who, method, url, payload) => {
    const res = await h.app.inject({
      method,
      url,
      headers: who ? { authorization: `Bearer ${members[who].token}` } : {},
      ...(payload ? { payload } : {}),
    });
    let json: unknown;
    try {
      json = JSON.parse(res.body);
    } catch {
      json = undefined;
    }
    return Object.assign(res, { json });
  };
  const draft: NewsroomHarness['draft'] = async (who, fields = {}) => {
    const res = await call(who, 'POST', '/api/v1/admin/articles', { title: '測試稿', section: 'world', bodyHtml: '<p>第一段</p>', ...fields });
    if (res.statusCode !== 201) throw new Error(`draft by ${who}: ${res.statusCode} ${res.body}`);
    return res.json.article;
  };
  return { ...h, members, call, draft };
}
