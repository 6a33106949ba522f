import type { DictGroup } from 'opencc-js/core';
import { Locale as Preset } from 'opencc-js';
import { DictTable } from './opencc-table.js';

/** opencc-js's locale codes (`t` is OpenCC Traditional). */
export type OpenccLocale = 'cn' | 't' | 'tw' | 'twp' | 'hk' | 'hkp' | 'jp';

type TextConverter = (text: string) => string;

/** A preset configuration as opencc-js 1.4 ships it (its types leave out `normalizationChain`). */
interface PresetConfig {
  readonly normalizationChain?: readonly DictGroup[];
  readonly segmentation?: DictGroup[number] | DictGroup;
  readonly conversionChain: readonly DictGroup[];
}

/**
 * The same conversion as opencc-js's `Converter({ from, to })`, on compact tables. A dictionary
 * group is built once per process and shared by every pair that uses it (s2t, s2tw, s2twp and
 * s2hk all start with the same group), so building all pairs costs a few MB instead of the
 * ~150 MB of opencc-js's per-pair tries.
 *
 * @example
 * openccConverter('cn', 'twp')('软件和网络') // '軟體和網路'
 */
export function openccConverter(from: OpenccLocale, to: OpenccLocale): TextConverter {
  const key = `${from}>${to}`;
  let made = converters.get(key);
  if (!made) converters.set(key, (made = build(from, to)));
  return made;
}

/** Number of dictionary tables built so far in this process (for tests and measurements). */
export function openccTableCount(): number {
  return tables.size;
}

const converters = new Map<string, TextConverter>();
const tables = new Map<string, DictTable>();
const dictIds = new Map<string, number>();
const tableIds = new Map<DictTable, number>();
const heads = new Map<string, { users: number; run: (text: string) => Head }>();

// Mirrors opencc-js's ConverterBuilder: a preset config when the pair has one, else the `from`
// groups then the `to` groups, with neither normalization nor segmentation.
function build(from: OpenccLocale, to: OpenccLocale): TextConverter {
  const config = (Preset.configs as Record<string, PresetConfig | undefined>)[configName(from, to)];
  if (!config) {
    const chain = [...(from === 't' ? [] : groupsOf(Preset.from[from]!)), ...(to === 't' ? [] : groupsOf(Preset.to[to]!))];
    return chained(null, null, chain.map(table));
  }
  const segmentation = config.segmentation === undefined ? null : dictsOf(isGroup(config.segmentation) ? config.segmentation : [config.segmentation]);
  const normalization = config.normalizationChain ? config.normalizationChain.map(table) : [];
  return chained(normalization, segmentation, config.conversionChain.map(table));
}

function chained(normalization: DictTable[] | null, segmentation: string[] | null, chain: DictTable[]): TextConverter {
  // A text without any code unit that starts a key of a stage passes every stage unchanged
  // (segmenting only forbids matches, and no stage then changes the text the next one sees).
  const first = new Int32Array(2048);
  for (const t of [...(normalization ?? []), ...chain]) for (let k = 0; k < first.length; k++) first[k]! |= t.firstUnits[k]!;
  const head = headOf(normalization ?? [], segmentation, chain[0], chain.length > 1);
  const rest = chain.slice(1);
  return (text) => {
    if (!mayMatch(text, first)) return text;
    let { text: s, ends } = head(text);
    for (let k = 0; k < rest.length; k++) {
      const next = ends && k < rest.length - 1 ? [] : null;
      s = rest[k]!.convert(s, ends, next);
      ends = next;
    }
    return s;
  };
}

interface Head {
  readonly text: string;
  readonly ends: number[] | null;
}

/** Texts (in code units) whose first steps a shared head remembers: a few pages' worth. */
const MEMO_CHARS = 1 << 17;

/**
 * Normalization, segmentation and the first stage, built once for the pairs that start alike.
 * s2tw, s2twp and s2hk run the same three steps (all but their last stage), and a page is
 * converted into every variant in turn, so a head used by several pairs remembers recent texts.
 */
function headOf(normalization: DictTable[], segmentationGroup: string[] | null, stage: DictTable | undefined, keepEnds: boolean): (text: string) => Head {
  const key = [...normalization.map(idOfTable), segmentationGroup ? segmentationGroup.map(idOf).join('+') : '-', stage ? idOfTable(stage) : '-', keepEnds].join(',');
  const shared = heads.get(key);
  if (shared) {
    shared.users++;
    return shared.run;
  }
  // s2tw, s2twp and s2hk segment by the phrases of their first stage: one pass does both, and
  // the segmentation table is not built at all.
  const segmentKeys = segmentationGroup && stage ? stage.segmentKeys(segmentationGroup) : null;
  const segmentation = segmentationGroup && !segmentKeys ? table(segmentationGroup) : null;
  const memo = new Map<string, Head>();
  let held = 0;
  const head = {
    users: 1,
    run: (input: string): Head => {
      const hit = head.users > 1 ? memo.get(input) : undefined;
      if (hit) return hit;
      let text = input;
      for (const t of normalization) text = t.convert(text, null, null);
      let outEnds: number[] | null = null;
      if (segmentKeys) {
        outEnds = [];
        text = stage!.convertSegmenting(text, segmentKeys, outEnds);
      } else {
        const ends = segmentation ? segmentation.segmentEnds(text) : null;
        outEnds = ends && keepEnds ? [] : null;
        if (stage) text = stage.convert(text, ends, outEnds);
      }
      const made = { text, ends: keepEnds ? outEnds : null };
      if (head.users > 1) {
        memo.set(input, made);
        for (held += input.length; held > MEMO_CHARS; ) {
          const oldest = memo.keys().next().value!;
          held -= oldest.length;
          memo.delete(oldest);
        }
      }
      return made;
    },
  };
  heads.set(key, head);
  return head.run;
}

function mayMatch(s: string, first: Int32Array): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((first[c >>> 5]! & (1 << (c & 31))) !== 0) return true;
  }
  return false;
}

// opencc-js also takes [key, value] pairs (its presets hold none): serialized, they read the
// same as long as no key holds a space or a bar.
function dictsOf(group: DictGroup): string[] {
  return group.map((d) => (typeof d === 'string' ? d : d.map(([k, v]) => `${k} ${v}`).join('|')));
}

function table(group: DictGroup): DictTable {
  const dicts = dictsOf(group);
  const key = dicts.map(idOf).join(',');
  let made = tables.get(key);
  if (!made) tables.set(key, (made = new DictTable(dicts)));
  return made;
}

function idOfTable(t: DictTable): number {
  let id = tableIds.get(t);
  if (id === undefined) tableIds.set(t, (id = tableIds.size));
  return id;
}

function idOf(dict: string): number {
  let id = dictIds.get(dict);
  if (id === undefined) dictIds.set(dict, (id = dictIds.size));
  return id;
}

function groupsOf(groups: readonly DictGroup[] | DictGroup): readonly DictGroup[] {
  return Array.isArray(groups[0]) ? (groups as readonly DictGroup[]) : [groups as DictGroup];
}

function isGroup(x: DictGroup[number] | DictGroup): x is DictGroup {
  return Array.isArray(x) && x.every((d) => typeof d === 'string');
}

function configName(from: string, to: string): string {
  if (from === 'cn') return `s2${to}`;
  if (to === 'cn') return from === 'hkp' ? 'hk2sp' : from === 'twp' ? 'tw2sp' : `${from}2s`;
  return `${from}2${to}`;
}
