/**
 * @module displays/testing/canvas-probe
 * Browser-side probes the tests evaluate in a page (as source text: the Node test project has no DOM
 * types). `LOS_PIXELS_SCRIPT` counts the map canvas pixels drawn in the level-of-service colours,
 * which proves the links were rendered by WebGL and not only listed.
 */

/** Evaluates to the number of map-canvas pixels within a small distance of an LOS colour. */
export const LOS_PIXELS_SCRIPT = `(async () => {
  const canvas = document.querySelector('canvas.maplibregl-canvas');
  if (canvas === null) return 0;
  const img = new Image();
  img.src = canvas.toDataURL('image/png');
  await img.decode();
  const c = document.createElement('canvas');
  c.width = img.width;
  c.height = img.height;
  const g = c.getContext('2d');
  g.drawImage(img, 0, 0);
  const d = g.getImageData(0, 0, c.width, c.height).data;
  const los = [[0x00, 0x72, 0xb2], [0x56, 0xb4, 0xe9], [0xf0, 0xe4, 0x42], [0xe6, 0x9f, 0x00], [0xd5, 0x5e, 0x00], [0xcc, 0x79, 0xa7]];
  let n = 0;
  for (let i = 0; i < d.length; i += 4) {
    if (los.some(([r, gg, b]) => Math.abs(d[i] - r) + Math.abs(d[i + 1] - gg) + Math.abs(d[i + 2] - b) < 24)) n++;
  }
  return n;
})()`;
