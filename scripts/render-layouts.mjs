// Renders the layout presets of docs/layouts.md to SVG pictures with the core layout engine
// (the same regions every adapter sends). Run: node scripts/render-layouts.mjs
import { writeFileSync } from 'node:fs';
import { renderPreset } from '../packages/core/dist/index.js';

const W = 320;
const H = 180;
const COLOURS = ['#4C78A8', '#F58518', '#54A24B', '#E45756', '#72B7B2', '#EECA3B', '#B279A2', '#FF9DA6', '#9D755D'];

function svg(regions, title) {
  const rects = regions
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.zIndex ?? 0) - (b.r.zIndex ?? 0))
    .map(({ r, i }) => {
      const x = (r.x * W).toFixed(1);
      const y = (r.y * H).toFixed(1);
      const w = (r.width * W).toFixed(1);
      const h = (r.height * H).toFixed(1);
      const cx = ((r.x + r.width / 2) * W).toFixed(1);
      const cy = ((r.y + r.height / 2) * H + 4).toFixed(1);
      return `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${COLOURS[i % COLOURS.length]}" stroke="#fff" stroke-width="1"/>` +
        `<text x="${cx}" y="${cy}" font-size="11" text-anchor="middle" fill="#fff" font-family="sans-serif">${r.participant ?? i + 1}</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H + 20}" viewBox="0 0 ${W} ${H + 20}">` +
    `<title>${title}</title><rect width="${W}" height="${H}" fill="#1E1E2E"/>${rects}` +
    `<text x="4" y="${H + 15}" font-size="12" font-family="sans-serif">${title}</text></svg>\n`;
}

const cases = [
  ['grid', 1], ['grid', 2], ['grid', 3], ['grid', 4], ['grid', 5], ['grid', 7], ['grid', 9],
  ['speaker', 2], ['speaker', 4], ['speaker', 7], ['pip', 2], ['pip', 4], ['pip', 6],
];
for (const [preset, n] of cases) {
  const participants = Array.from({ length: n }, (_, i) => `P${i + 1}`);
  const regions = renderPreset(preset, { participants, focus: 'P1' });
  writeFileSync(`docs/layouts/${preset}-${n}.svg`, svg(regions, `${preset}, ${n} participants (focus P1)`));
}
console.log(`rendered ${cases.length} pictures to docs/layouts/`);
