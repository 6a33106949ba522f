import { describe, expect, it } from 'vitest';
import { EventBus } from './bus.js';

describe('EventBus', () => {
  it('calls listeners of a type in order and waits for them', async () => {
    const seen: string[] = [];
    const bus = new EventBus();
    bus.on('article.saved', async (e) => {
      await new Promise((r) => setTimeout(r, 5));
      seen.push(`a${e.articleId}`);
    });
    bus.on('article.saved', (e) => void seen.push(`b${e.articleId}`));
    bus.on('article.deleted', () => void seen.push('deleted'));
    await bus.emit({ type: 'article.saved', articleId: 1, status: 'published', previousStatus: undefined });
    expect(seen).toEqual(['a1', 'b1']);
  });

  it('reports a failing listener and still runs the others', async () => {
    const errors: unknown[] = [];
    const bus = new EventBus({ onError: (err) => errors.push(err) });
    let ran = false;
    bus.on('dictionary.changed', () => {
      throw new TypeError('boom');
    });
    bus.on('dictionary.changed', () => {
      ran = true;
    });
    await bus.emit({ type: 'dictionary.changed' });
    expect(ran).toBe(true);
    expect(errors).toHaveLength(1);
  });
});
