/**
 * Reads CSS declarations (an inline `style` attribute or the body of a rule) and says whether
 * they hide what they apply to. These are the tricks injected link farms use to stay invisible
 * to readers while search engines still index them.
 */

/** Why a declaration block hides its element, or undefined when it does not. */
export function hidingReason(css: string): string | undefined {
  if (!css.includes(':')) return undefined;
  const decl = parseDeclarations(css);
  const get = (name: string): string => decl.get(name) ?? '';
  if (/^none\b/.test(get('display'))) return 'display:none';
  if (/^(hidden|collapse)\b/.test(get('visibility'))) return 'visibility:hidden';
  if (isZero(get('opacity'))) return 'opacity:0';
  const fontSize = get('font-size');
  if (fontSize && pixels(fontSize) !== undefined && (pixels(fontSize) ?? 1) <= 1) return 'font-size:0';
  const indent = pixels(get('text-indent'));
  if (indent !== undefined && indent <= -500) return 'text-indent off-screen';
  const position = get('position');
  if (position === 'absolute' || position === 'fixed') {
    for (const side of ['left', 'top', 'right', 'bottom', 'margin-left', 'margin-top']) {
      const offset = pixels(get(side));
      if (offset !== undefined && offset <= -500) return `positioned off-screen (${side}:${get(side)})`;
    }
  }
  const overflowHidden = /hidden|clip/.test(get('overflow'));
  if (overflowHidden && (isZero(get('height')) || isZero(get('width')) || isZero(get('max-height')))) return 'zero size with overflow:hidden';
  if (/^rect\(\s*0/.test(get('clip')) && position === 'absolute') return 'clipped to nothing';
  const color = normalizeColor(get('color'));
  const background = normalizeColor(get('background-color') || get('background'));
  if (color && color === background) return 'text coloured like its background';
  return undefined;
}

/** Class and id selectors that a stylesheet hides, e.g. `.ad9 {display:none}` → `['.ad9']`. */
export function hiddenSelectors(stylesheet: string): string[] {
  const out: string[] = [];
  const cleaned = stylesheet.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const match of cleaned.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    if (!hidingReason(match[2] ?? '')) continue;
    for (const selector of (match[1] ?? '').split(',')) {
      const simple = selector.trim();
      if (/^[.#][\w-]+$/.test(simple)) out.push(simple);
    }
  }
  return out;
}

function parseDeclarations(css: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of css.replace(/\/\*[\s\S]*?\*\//g, '').split(';')) {
    const colon = part.indexOf(':');
    if (colon < 0) continue;
    const name = part.slice(0, colon).trim().toLowerCase();
    const value = part.slice(colon + 1).replace(/!important/i, '').trim().toLowerCase();
    if (name) out.set(name, value);
  }
  return out;
}

function isZero(value: string): boolean {
  return /^[-+]?0*\.?0*(px|em|rem|%|pt)?$/.test(value) && value !== '';
}

/** A length in (roughly) pixels; em-based values count 16px per em. */
function pixels(value: string): number | undefined {
  const match = /^([-+]?\d*\.?\d+)(px|pt|em|rem|%)?$/.exec(value.trim());
  if (!match) return undefined;
  const n = Number(match[1]);
  return match[2] === 'em' || match[2] === 'rem' ? n * 16 : n;
}

const namedColors: Record<string, string> = { white: '#ffffff', black: '#000000' };

function normalizeColor(value: string): string | undefined {
  const v = value.trim().split(/\s+/)[0] ?? '';
  if (!v) return undefined;
  if (namedColors[v]) return namedColors[v];
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(v);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  if (/^#[0-9a-f]{6}$/.test(v)) return v;
  const rgb = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(v);
  if (rgb) return '#' + [rgb[1], rgb[2], rgb[3]].map((x) => Number(x).toString(16).padStart(2, '0')).join('');
  return undefined;
}
