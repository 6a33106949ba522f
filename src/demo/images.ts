/**
 * Illustrations for the demo newsroom, drawn as SVG from a seed: a gradient sky in the section's
 * colours with shapes that hint at the topic (skylines, charts, circuits, fields, waves). They
 * are made for this project, deterministic, and small.
 */

/** Width and height of every generated image. */
export const IMAGE_WIDTH = 1200;
export const IMAGE_HEIGHT = 675;

const PALETTES: Record<string, [string, string, string]> = {
  world: ['#1d3557', '#457b9d', '#e9c46a'],
  finance: ['#283618', '#606c38', '#dda15e'],
  tech: ['#0b132b', '#3a506b', '#5bc0be'],
  sports: ['#7f1d1d', '#dc2626', '#fde68a'],
  society: ['#3d405b', '#81b29a', '#f2cc8f'],
  culture: ['#5f0f40', '#9a031e', '#fb8b24'],
};

/** A generated SVG illustration for `key` (e.g. `tech-03-a`) in the colours of `section`. */
export function demoImage(key: string, section: string): string {
  const [dark, mid, light] = PALETTES[section] ?? ['#22223b', '#4a4e69', '#c9ada7'];
  const rand = seeded(key);
  const W = IMAGE_WIDTH;
  const H = IMAGE_HEIGHT;
  const shapes: string[] = [];
  // Soft circles in the sky.
  for (let i = 0; i < 6; i++) {
    shapes.push(`<circle cx="${int(rand() * W)}" cy="${int(rand() * H * 0.6)}" r="${int(40 + rand() * 160)}" fill="${light}" opacity="${(0.08 + rand() * 0.2).toFixed(2)}"/>`);
  }
  shapes.push(motif(section, rand, dark, mid, light));
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img">` +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${mid}"/><stop offset="1" stop-color="${dark}"/></linearGradient></defs>` +
    `<rect width="${W}" height="${H}" fill="url(#g)"/>${shapes.join('')}</svg>`
  );
}

function motif(section: string, rand: () => number, dark: string, mid: string, light: string): string {
  const W = IMAGE_WIDTH;
  const H = IMAGE_HEIGHT;
  switch (section) {
    case 'finance': {
      // A rising line chart over bars.
      let d = `M0 ${H * 0.7}`;
      const bars: string[] = [];
      for (let x = 0, y = H * 0.7; x <= W; x += 60) {
        y = Math.min(H * 0.9, Math.max(H * 0.2, y - 30 + rand() * 50));
        d += ` L${x} ${int(y)}`;
        bars.push(`<rect x="${x + 10}" y="${int(H - (H - y) * 0.4)}" width="40" height="${int((H - y) * 0.4)}" fill="${light}" opacity="0.35"/>`);
      }
      return `${bars.join('')}<path d="${d}" fill="none" stroke="${light}" stroke-width="8" stroke-linejoin="round"/>`;
    }
    case 'tech': {
      // A circuit grid with nodes.
      const lines: string[] = [];
      for (let i = 0; i < 14; i++) {
        const x = int(rand() * W);
        const y = int(rand() * H);
        const x2 = int(x + (rand() - 0.5) * 500);
        lines.push(`<path d="M${x} ${y} H${x2} V${int(y + (rand() - 0.5) * 300)}" stroke="${light}" stroke-width="4" fill="none" opacity="0.7"/>`);
        lines.push(`<circle cx="${x}" cy="${y}" r="10" fill="${light}"/>`);
      }
      return lines.join('') + `<rect x="${W / 2 - 120}" y="${H / 2 - 120}" width="240" height="240" rx="24" fill="${dark}" stroke="${light}" stroke-width="8"/>`;
    }
    case 'sports': {
      // A stadium field with lanes.
      return (
        `<ellipse cx="${W / 2}" cy="${H * 0.95}" rx="${W * 0.7}" ry="${H * 0.45}" fill="#15803d"/>` +
        [0, 1, 2, 3].map((i) => `<ellipse cx="${W / 2}" cy="${H * 0.95}" rx="${W * (0.6 - i * 0.1)}" ry="${H * (0.38 - i * 0.07)}" fill="none" stroke="#fff" stroke-width="4" opacity="0.7"/>`).join('') +
        `<circle cx="${int(W * (0.2 + rand() * 0.6))}" cy="${int(H * 0.3)}" r="46" fill="${light}"/>`
      );
    }
    case 'culture': {
      // Hanging scroll frames.
      return [0, 1, 2]
        .map((i) => {
          const x = 200 + i * 320;
          return `<rect x="${x}" y="${int(120 + rand() * 60)}" width="200" height="400" fill="${light}" opacity="0.9"/><rect x="${x + 20}" y="${int(160 + rand() * 60)}" width="160" height="300" fill="${mid}" opacity="0.6"/>`;
        })
        .join('');
    }
    default: {
      // A city skyline over water (world, society).
      const towers: string[] = [];
      for (let x = 0; x < W; x += 50 + int(rand() * 40)) {
        const h = 120 + rand() * 300;
        towers.push(`<rect x="${x}" y="${int(H * 0.75 - h)}" width="${40 + int(rand() * 30)}" height="${int(h)}" fill="${dark}" opacity="0.85"/>`);
      }
      return towers.join('') + `<rect y="${H * 0.75}" width="${W}" height="${H * 0.25}" fill="${mid}"/><path d="M0 ${H * 0.82} Q${W / 4} ${H * 0.78} ${W / 2} ${H * 0.82} T${W} ${H * 0.82}" stroke="${light}" stroke-width="3" fill="none" opacity="0.6"/>`;
    }
  }
}

function int(n: number): number {
  return Math.round(n);
}

/** A small deterministic PRNG (mulberry32) seeded from a string. */
function seeded(text: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return () => {
    h = (h + 0x6d2b79f5) | 0;
    let t = Math.imul(h ^ (h >>> 15), 1 | h);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
