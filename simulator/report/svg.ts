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

function axes(title: string, xLabel: string, yLabel: string, xMax: number, yMax: number, xMin = 0): string {
  const parts: string[] = [];
  const iw = W - PAD.l - PAD.r;
  const ih = H - PAD.t - PAD.b;
  parts.push(
    `<text x="${W / 2}" y="15" text-anchor="middle" font-size="13" font-weight="bold">${esc(title)}</text>`,
  );
  parts.push(`<line x1="${PAD.l}" y1="${PAD.t + ih}" x2="${PAD.l + iw}" y2="${PAD.t + ih}" stroke="#333"/>`);
  parts.push(`<line x1="${PAD.l}" y1="${PAD.t}" x2="${PAD.l}" y2="${PAD.t + ih}" stroke="#333"/>`);
  for (let i = 0; i <= 4; i++) {
    const y = PAD.t + ih - (ih * i) / 4;
    parts.push(`<line x1="${PAD.l}" y1="${y}" x2="${PAD.l + iw}" y2="${y}" stroke="#ddd"/>`);
    parts.push(
      `<text x="${PAD.l - 4}" y="${y + 4}" text-anchor="end" font-size="10">${+((yMax * i) / 4).toFixed(1)}</text>`,
    );
    const x = PAD.l + (iw * i) / 4;
    parts.push(
      `<text x="${x}" y="${PAD.t + ih + 14}" text-anchor="${i === 4 ? 'end' : 'middle'}" font-size="10">${+(xMin + ((xMax - xMin) * i) / 4).toFixed(0)}</text>`,
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
