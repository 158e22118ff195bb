/**
 * @module center/routing/grid-network
 * A generated grid road network (two directed links between neighbours) for routing tests and the
 * 100,000-link benchmark.
 */
import type { RoutingLinkInput, RoutingNodeInput } from './routing-graph.ts';

/** A `size` × `size` grid around Seoul, `spacingM` apart, with speed limits varied by a seed. */
export function gridNetwork(
  size: number,
  spacingM = 300,
  seed = 1,
): { nodes: RoutingNodeInput[]; links: RoutingLinkInput[] } {
  const dLat = spacingM / 111_320;
  const dLon = spacingM / (111_320 * Math.cos((37.5 * Math.PI) / 180));
  const nodes: RoutingNodeInput[] = [];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++)
      nodes.push({ id: `n${x}_${y}`, lon: 126.9 + x * dLon, lat: 37.45 + y * dLat });
  }
  let s = seed >>> 0 || 1;
  const rand = (): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
  const links: RoutingLinkInput[] = [];
  const add = (a: string, b: string): void => {
    const speedLimitKmh = [30, 50, 60, 80][Math.floor(rand() * 4)] ?? 50;
    links.push({ id: `${a}-${b}`, from: a, to: b, lengthM: spacingM, speedLimitKmh });
  };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (x + 1 < size) {
        add(`n${x}_${y}`, `n${x + 1}_${y}`);
        add(`n${x + 1}_${y}`, `n${x}_${y}`);
      }
      if (y + 1 < size) {
        add(`n${x}_${y}`, `n${x}_${y + 1}`);
        add(`n${x}_${y + 1}`, `n${x}_${y}`);
      }
    }
  }
  return { nodes, links };
}
