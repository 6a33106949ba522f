import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../config/index.js';
import { createContainer, type Container } from '../container.js';
import { testDialects } from '../db/dialects.testkit.js';
import { isAppError } from '../errors/index.js';
import { readCorpus } from './related-corpus.testkit.js';
import { WORDS_SIZE } from './words.service.js';

const stories = readCorpus().filter((a) => /^(typhoon|rates)-\d$/.test(a.key));

for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`related words on ${dialect.name}`, () => {
    let c: Container;
    const idOf = new Map<string, number>();

    beforeAll(async () => {
      const db = await dialect.open();
      c = await createContainer(testConfig({ data: `/tmp/jd-related-words-${dialect.name}-${process.pid}` }), { db });
      for (const slug of ['society', 'finance']) await c.sections.create({ slug, name: slug === 'society' ? '社會' : '財經', position: 1 }, '2026-08-01T00:00:00.000Z');
      // A site tag in Traditional that no typhoon article carries: 停電 (typhoon-4 says 停电).
      await c.tags.define('power-cut', '停電', '2026-08-01T00:00:00.000Z');
      for (const a of stories) {
        const { key, cluster: _c, dupOf: _d, ...input } = a;
        idOf.set(key, (await c.articles.create(input)).id);
      }
    }, 60_000);
    afterAll(async () => {
      await c?.close();
    });

    const words = async (key: string) => c.related.words.words(await c.site.reader.any(idOf.get(key)!));

    it('shows the article’s strongest keywords, linking tags to their pages and other words to search', async () => {
      const got = await words('typhoon-4');
      expect(got.length).toBe(WORDS_SIZE);
      // Its own tag (written 台风 on this article) links to the tag page under the tag's name.
      const own = got.find((w) => w.label === '台风');
      expect(own?.url).toBe('/tag/%E5%8F%B0%E9%A3%8E');
      // A keyword matching a site tag in the other script links to that tag.
      const cut = got.find((w) => w.url === '/tag/power-cut');
      expect(cut?.label).toBe('停電');
      const searched = got.filter((w) => w.url.startsWith('/search?q='));
      expect(searched.length).toBeGreaterThan(0);
      for (const w of searched) expect(w.url).toBe(`/search?q=${encodeURIComponent(w.label)}`);
    });

    it('puts pinned words first, in pin order, leaves hidden ones out, and undoes both', async () => {
      const id = idOf.get('rates-2')!;
      const before = await words('rates-2');
      const dropped = before[1]!.label;
      await c.related.words.pin(id, '  通膨 ');
      await c.related.words.pin(id, '房貸利率');
      await c.related.words.hide(id, dropped);
      const after = await words('rates-2');
      expect(after.slice(0, 2).map((w) => w.label)).toEqual(['通膨', '房貸利率']);
      expect(after.map((w) => w.label)).not.toContain(dropped);
      expect(after.length).toBe(WORDS_SIZE);
      expect((await c.related.words.overrides(id)).map((o) => [o.word, o.action])).toEqual([
        ['通膨', 'pin'],
        ['房贷利率', 'pin'],
        [dropped, 'hide'],
      ]);
      // Undoing works in either script, and leaves the words as they were.
      await c.related.words.unpin(id, '房贷利率');
      await c.related.words.unpin(id, dropped);
      await c.related.words.unpin(id, '通膨');
      expect(await words('rates-2')).toEqual(before);
    });

    it('refuses empty, overlong or unknown words and unknown articles', async () => {
      const id = idOf.get('rates-2')!;
      for (const bad of ['', '   ', 'x'.repeat(33), 'a\u0000b']) {
        await expect(c.related.words.pin(id, bad)).rejects.toSatisfy((e: unknown) => isAppError(e, 'JD_ERR_RECOMMEND_WORD_INVALID'));
      }
      await expect(c.related.words.unpin(id, '從未釘選')).rejects.toSatisfy((e: unknown) => isAppError(e, 'JD_ERR_RECOMMEND_WORD_NOT_FOUND'));
      await expect(c.related.words.pin(999_999, '颱風')).rejects.toSatisfy((e: unknown) => isAppError(e, 'JD_ERR_CONTENT_ARTICLE_NOT_FOUND'));
    });

    it('falls back to tags and section for an article without keywords (a draft)', async () => {
      const draft = await c.articles.create({ title: '草稿', section: 'society', tags: ['颱風'], bodyHtml: '<p>內容</p>' });
      const got = await c.related.words.words(draft);
      expect(got.map((w) => w.label)).toEqual(['颱風', '社會']);
    });

    it('links a word to a tag created for it at once, not after the tag list expires', async () => {
      const before = await words('rates-1');
      const word = before.find((w) => w.url.startsWith('/search?q='))!;
      const tag = await c.newsroom.taxonomy.createTag({ name: word.label, slug: 'new-word-tag', description: '' });
      expect((await words('rates-1')).find((w) => w.label === word.label)?.url).toBe(tag.url);
    });
  });
}
