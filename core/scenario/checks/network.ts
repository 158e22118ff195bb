/**
 * @module core/scenario/checks/network
 * Road network checks: links join existing nodes and have geometry that starts and ends at them,
 * movements join links that meet at a node and use lanes the link has, detectors sit on a real lane
 * within the link's length.
 */
import { haversineM } from '../geometry.ts';
import type { CheckContext } from './context.ts';
import { metres, ref } from './context.ts';

/** How far a link's geometry may start or end from its node before we call it a mistake. */
const GEOMETRY_END_TOLERANCE_M = 50;

/** Check nodes, links and movements. */
export function checkNetwork(ctx: CheckContext): void {
  const { network } = ctx.scenario;
  network.links.forEach((link, i) => {
    const at = `network.links[${i}]`;
    const from = ref(ctx, ctx.nodes, link.from, `${at}.from`, 'node');
    const to = ref(ctx, ctx.nodes, link.to, `${at}.to`, 'node');
    if (link.from === link.to) ctx.issues.add(at, `link starts and ends at the same node "${link.from}"`);
    if (link.geometry === undefined) return;
    const first = link.geometry[0];
    const last = link.geometry[link.geometry.length - 1];
    for (const [node, point, end, where] of [
      [from, first, 'starts', 'from'],
      [to, last, 'ends', 'to'],
    ] as const) {
      if (node === undefined || point === undefined) continue;
      const offM = haversineM(point, [node.lon, node.lat]);
      if (offM > GEOMETRY_END_TOLERANCE_M)
        ctx.issues.add(
          `${at}.geometry`,
          `geometry ${end} ${metres(offM)} away from its ${where} node "${node.id}" (more than ${GEOMETRY_END_TOLERANCE_M} m)`,
        );
    }
  });

  network.movements.forEach((m, i) => {
    const at = `network.movements[${i}]`;
    const fromLink = ref(ctx, ctx.links, m.fromLink, `${at}.fromLink`, 'link');
    const toLink = ref(ctx, ctx.links, m.toLink, `${at}.toLink`, 'link');
    if (fromLink !== undefined && toLink !== undefined && fromLink.to !== toLink.from) {
      ctx.issues.add(
        at,
        `movement does not meet at a node: link "${fromLink.id}" ends at "${fromLink.to}" but link "${toLink.id}" starts at "${toLink.from}"`,
      );
    }
    if (fromLink === undefined) return;
    m.fromLanes.forEach((lane, j) => {
      if (lane >= fromLink.lanes)
        ctx.issues.add(
          `${at}.fromLanes[${j}]`,
          `lane ${lane} is out of range: link "${fromLink.id}" has ${fromLink.lanes} lane(s), 0-${fromLink.lanes - 1}`,
        );
    });
  });
}

/** Check loop detectors: region, link, lane and position. */
export function checkDetectors(ctx: CheckContext): void {
  ctx.scenario.detectors.forEach((d, i) => {
    const at = `detectors[${i}]`;
    ref(ctx, ctx.regions, d.region, `${at}.region`, 'region');
    const link = ref(ctx, ctx.links, d.linkId, `${at}.linkId`, 'link');
    if (link === undefined) return;
    if (d.lane >= link.lanes)
      ctx.issues.add(
        `${at}.lane`,
        `lane ${d.lane} is out of range: link "${link.id}" has ${link.lanes} lane(s), 0-${link.lanes - 1}`,
      );
    const length = ctx.linkLengths.get(link.id);
    const endM = d.positionM + d.lengthM;
    if (length !== undefined && endM > length + 0.5)
      ctx.issues.add(
        `${at}.positionM`,
        `loop from ${metres(d.positionM)} to ${metres(endM)} runs past the end of link "${link.id}" (${metres(length)} long)`,
      );
  });
}
