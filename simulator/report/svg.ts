/**
 * @module simulator/report/svg
 * Small inline SVG charts (no scripts, no external resources): line charts of time series and a
 * histogram, so a report opens anywhere, offline.
 */

/** One line of a chart. */
export type Line = { readonly label: string; readonly xs: readonly number[]; readonly ys: readonly number[] };

let W = 640;
let H = 240;
const PAD = { l: 52, r: 12, t: 22, b: 36 };
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];

function esc(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

function niceMax(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

/**
 * Ticks at round numbers (multiples of 1, 2, 2.5 or 5 times a power of ten) across [min, max], three
 * to six intervals apart, ending on `max` when a step allows (an axis up to 25 reads 0, 5, ... 25):
 * a run sampled from 60 s to 3,600 s reads 1000, 2000, 3000, not 60, 945, 1830, 2715.
 */
export function niceTicks(min: number, max: number, target = 4): number[] {
  const range = max - min;
  if (!(range > 0)) return [min];
  const p = 10 ** Math.floor(Math.log10(range / target));
  const steps = [0.1, 1, 10].flatMap((k) => [1, 2, 2.5, 5].map((m) => m * k * p));
  const endsOnMax = (step: number): boolean => Math.abs(max / step - Math.round(max / step)) < 1e-9;
  const score = (step: number): number => (endsOnMax(step) ? 0 : 10) + Math.abs(range / step - target);
  const fits = steps.filter((step) => range / step >= 2.5 && range / step <= 6.5);
  const step = (fits.length > 0 ? fits : steps).reduce((a, b) => (score(b) < score(a) ? b : a));
  const ticks: number[] = [];
  for (let i = Math.ceil(min / step - 1e-9); i * step <= max + step * 1e-9; i++) {
    ticks.push(Number((i * step).toPrecision(12)));
  }
  return ticks;
}

function axes(title: string, xLabel: string, yLabel: string, xMax: number, yMax: number, xMin = 0): string {
  const parts: string[] = [];
  const iw = W - PAD.l - PAD.r;
  const ih = H - PAD.t - PAD.b;
  parts.push(
    `<text x="${W / 2}" y="15" text-anchor="middle" font-size="13" font-weight="bold">${esc(title)}</text>`,
  );
  parts.push(`<line x1="${PAD.l}" y1="${PAD.t + ih}" x2="${PAD.l + iw}" y2="${PAD.t + ih}" stroke="#333"/>`);
  parts.push(`<line x1="${PAD.l}" y1="${PAD.t}" x2="${PAD.l}" y2="${PAD.t + ih}" stroke="#333"/>`);
  for (const t of niceTicks(0, yMax)) {
    const y = (PAD.t + ih - (ih * t) / yMax).toFixed(1);
    parts.push(`<line x1="${PAD.l}" y1="${y}" x2="${PAD.l + iw}" y2="${y}" stroke="#ddd"/>`);
    parts.push(`<text x="${PAD.l - 4}" y="${Number(y) + 4}" text-anchor="end" font-size="10">${t}</text>`);
  }
  for (const t of niceTicks(xMin, xMax)) {
    const x = PAD.l + ((t - xMin) / (xMax - xMin)) * iw;
    const anchor = x > PAD.l + iw - 16 ? 'end' : x < PAD.l + 16 ? 'start' : 'middle';
    parts.push(
      `<text x="${x.toFixed(1)}" y="${PAD.t + ih + 14}" text-anchor="${anchor}" font-size="10">${t}</text>`,
    );
  }
  parts.push(
    `<text x="${PAD.l + iw / 2}" y="${H - 4}" text-anchor="middle" font-size="11">${esc(xLabel)}</text>`,
  );
  parts.push(
    `<text x="12" y="${PAD.t + ih / 2}" text-anchor="middle" font-size="11" transform="rotate(-90 12 ${PAD.t + ih / 2})">${esc(yLabel)}</text>`,
  );
  return parts.join('');
}

/** A line chart of several series sharing axes; `size` is [width, height] in pixels. */
export function lineChart(
  title: string,
  xLabel: string,
  yLabel: string,
  lines: readonly Line[],
  size: readonly [number, number] = [640, 240],
): string {
  [W, H] = size;
  const xs = lines.flatMap((l) => l.xs);
  const xMin = xs.length > 0 ? Math.min(...xs) : 0;
  const xMax = xs.length > 0 ? Math.max(...xs, xMin + 1) : 1;
  const yMax = niceMax(Math.max(0, ...lines.flatMap((l) => l.ys)));
  const iw = W - PAD.l - PAD.r;
  const ih = H - PAD.t - PAD.b;
  const paths = lines.map((l, i) => {
    const pts = l.xs.map(
      (x, j) =>
        `${(PAD.l + ((x - xMin) / (xMax - xMin)) * iw).toFixed(1)},${(PAD.t + ih - ((l.ys[j] ?? 0) / yMax) * ih).toFixed(1)}`,
    );
    const color = COLORS[i % COLORS.length]!;
    return `<polyline fill="none" stroke="${color}" stroke-width="1.6" points="${pts.join(' ')}"><title>${esc(l.label)}</title></polyline>`;
  });
  const legend = lines
    .slice(0, 8)
    .map(
      (l, i) =>
        `<text x="${PAD.l + 8}" y="${PAD.t + 12 + i * 12}" font-size="10" fill="${COLORS[i % COLORS.length]}">${esc(l.label)}</text>`,
    );
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(title)}">${axes(title, xLabel, yLabel, xMax, yMax, xMin)}${paths.join('')}${legend.join('')}</svg>`;
}

/** A histogram of `values` in `bins` equal bins. */
export function histogram(title: string, xLabel: string, values: ArrayLike<number>, bins = 30): string {
  [W, H] = [640, 240];
  // Range to the 99th percentile so one outlier does not squash the rest; the last bin takes the tail.
  const sorted = Float64Array.from(values).sort();
  const xMax = niceMax(sorted[Math.floor(0.99 * (sorted.length - 1))] ?? 1);
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++)
    counts[Math.min(bins - 1, Math.floor((values[i]! / xMax) * bins))]!++;
  const yMax = niceMax(Math.max(1, ...counts));
  const iw = W - PAD.l - PAD.r;
  const ih = H - PAD.t - PAD.b;
  const bw = iw / bins;
  const bars = counts.map((c, i) => {
    const h = (c / yMax) * ih;
    return `<rect x="${(PAD.l + i * bw + 1).toFixed(1)}" y="${(PAD.t + ih - h).toFixed(1)}" width="${(bw - 2).toFixed(1)}" height="${h.toFixed(1)}" fill="#1f77b4"><title>${((i * xMax) / bins).toFixed(0)}-${(((i + 1) * xMax) / bins).toFixed(0)}: ${c}</title></rect>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(title)}">${axes(title, xLabel, 'vehicles', xMax, yMax)}${bars.join('')}</svg>`;
}

export { esc };
