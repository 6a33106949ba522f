/**
 * Text diffs for revisions: Myers' O((N+M)·D) algorithm over any token sequence, a line diff
 * of article bodies with a word diff inside changed lines. Pure and deterministic.
 */

/** One run of a diff: tokens both sides share, or only the old (`delete`) or new (`insert`) side has. */
export interface DiffRun<T> {
  readonly op: 'equal' | 'delete' | 'insert';
  readonly items: readonly T[];
}

/** Most edits the exact diff looks for before reporting the rest as one replacement. */
export const MAX_EDITS = 2000;

/**
 * The shortest edit script from `a` to `b` as runs, in order. Past `maxEdits` edits (very
 * different texts) the differing middle becomes one delete and one insert: still correct,
 * and it keeps time and memory bounded for any input.
 *
 * @example
 * diffSequences([...'abc'], [...'abd']) // [{op:'equal',items:['a','b']},{op:'delete',items:['c']},{op:'insert',items:['d']}]
 */
export function diffSequences<T>(a: readonly T[], b: readonly T[], maxEdits = MAX_EDITS): Array<DiffRun<T>> {
  // Common ends cost nothing to find and usually leave a much smaller middle.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const out: Array<DiffRun<T>> = [];
  push(out, 'equal', a.slice(0, start));
  const ops = middle(a.slice(start, endA), b.slice(start, endB), maxEdits);
  for (const r of ops) push(out, r.op, r.items);
  push(out, 'equal', a.slice(endA));
  return out;
}

function push<T>(out: Array<DiffRun<T>>, op: DiffRun<T>['op'], items: readonly T[]): void {
  if (items.length === 0) return;
  const last = out[out.length - 1];
  if (last && last.op === op) out[out.length - 1] = { op, items: [...last.items, ...items] };
  else out.push({ op, items });
}

/** Myers' greedy forward search with the trace kept for backtracking. */
function middle<T>(a: readonly T[], b: readonly T[], maxEdits: number): Array<DiffRun<T>> {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return [...(n ? [{ op: 'delete' as const, items: a }] : []), ...(m ? [{ op: 'insert' as const, items: b }] : [])];
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] holds v[-d..d] as it was before step d.
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return [{ op: 'delete', items: a }, { op: 'insert', items: b }];
  // Walk back from the end, collecting single edits and the snakes between them.
  const rev: Array<{ op: DiffRun<T>['op']; item: T }> = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d]!;
    const at = (k: number) => prev[k + d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      rev.push({ op: 'equal', item: a[--x]! });
      y--;
    }
    if (x === prevX) rev.push({ op: 'insert', item: b[--y]! });
    else rev.push({ op: 'delete', item: a[--x]! });
  }
  while (x > 0 && y > 0) {
    rev.push({ op: 'equal', item: a[--x]! });
    y--;
  }
  const out: Array<DiffRun<T>> = [];
  for (let i = rev.length - 1; i >= 0; i--) push(out, rev[i]!.op, [rev[i]!.item]);
  return out;
}

/** A run of text in a word diff. */
export interface TextPart {
  readonly op: 'equal' | 'delete' | 'insert';
  readonly text: string;
}

// Latin words and numbers whole; each Han character alone (Chinese has no spaces to split on,
// and a character is the unit an editor changes); spaces and punctuation one by one.
const WORD = /\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{N}_])+|\s+|./gsu;

/** Splits text into the tokens a word diff compares. */
export function words(text: string): string[] {
  return Array.from(text.matchAll(WORD), (m) => m[0]);
}

/** A word-level diff of two strings. */
export function diffWords(before: string, after: string): TextPart[] {
  return diffSequences(words(before), words(after)).map((r) => ({ op: r.op, text: r.items.join('') }));
}

/** One line of a body diff. */
export type LineDiff =
  | { readonly op: 'equal' | 'delete' | 'insert'; readonly text: string }
  | { readonly op: 'change'; readonly before: string; readonly after: string; readonly words: readonly TextPart[] }
  | { readonly op: 'skip'; readonly lines: number };

/** A body diff: changed lines with their words, unchanged lines around them for context. */
export interface BodyDiff {
  readonly changed: boolean;
  readonly stats: { readonly added: number; readonly removed: number; readonly changed: number };
  readonly lines: readonly LineDiff[];
}

const BLOCK_END = /(<\/(?:p|h[1-6]|li|blockquote|figure|figcaption|ul|ol|table|thead|tbody|tr|pre|div|section)>|<br\s*\/?>)/gi;

/** An HTML body as lines: one per block element, so a diff reads paragraph by paragraph. */
export function bodyLines(html: string): string[] {
  return html
    .replace(BLOCK_END, '$1\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/**
 * A line diff of two HTML bodies; a deleted line directly replaced by an inserted one becomes
 * a `change` with a word diff. Unchanged stretches longer than twice `context` are cut to
 * `context` lines on each side of a change.
 */
export function diffBodies(before: string, after: string, context = 2): BodyDiff {
  const runs = diffSequences(bodyLines(before), bodyLines(after));
  const lines: LineDiff[] = [];
  const stats = { added: 0, removed: 0, changed: 0 };
  for (let i = 0; i < runs.length; i++) {
    const r = runs[i]!;
    const next = runs[i + 1];
    if (r.op === 'equal') {
      lines.push(...keepContext(r.items, i === 0, i === runs.length - 1, context));
    } else if (r.op === 'delete' && next?.op === 'insert') {
      const pairs = Math.min(r.items.length, next.items.length);
      for (let j = 0; j < pairs; j++) lines.push({ op: 'change', before: r.items[j]!, after: next.items[j]!, words: diffWords(r.items[j]!, next.items[j]!) });
      for (const t of r.items.slice(pairs)) lines.push({ op: 'delete', text: t });
      for (const t of next.items.slice(pairs)) lines.push({ op: 'insert', text: t });
      stats.changed += pairs;
      stats.removed += r.items.length - pairs;
      stats.added += next.items.length - pairs;
      i++;
    } else {
      for (const t of r.items) lines.push({ op: r.op, text: t });
      if (r.op === 'delete') stats.removed += r.items.length;
      else stats.added += r.items.length;
    }
  }
  return { changed: runs.some((r) => r.op !== 'equal'), stats, lines };
}

function keepContext(items: readonly string[], first: boolean, last: boolean, context: number): LineDiff[] {
  const head = first ? 0 : context;
  const tail = last ? 0 : context;
  if (items.length <= head + tail + 1) return items.map((text) => ({ op: 'equal', text }));
  return [
    ...items.slice(0, head).map((text): LineDiff => ({ op: 'equal', text })),
    { op: 'skip', lines: items.length - head - tail },
    ...items.slice(items.length - tail).map((text): LineDiff => ({ op: 'equal', text })),
  ];
}
