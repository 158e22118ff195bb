/**
 * @module bench/evaluation/field-routing
 * Which regions' edges hear a field message, as their broker subscriptions decide it live: a message
 * on region R's topics reaches R's edge; a bus position also reaches every edge that gives priority
 * and lists R among its visiting bus regions (core `visitingBusRegions`, edge `EdgeNode`). The
 * in-process harnesses hand messages over by this rule, so they hear what a live edge hears.
 */
import { visitingBusRegions, type Message, type Scenario } from '../../core/index.ts';

/** The regions whose edges receive a message published on `region`'s topics. */
export type FieldRouting = (region: string, message: Message) => readonly string[];

/** Routing for a scenario's regions; with `tsp` off (or no scenario) each region hears only itself. */
export function fieldRouting(scenario: Scenario | null, tsp: boolean): FieldRouting {
  const busListeners = new Map<string, string[]>();
  if (scenario !== null && tsp)
    for (const listener of scenario.regions)
      for (const home of visitingBusRegions(scenario, listener.id))
        busListeners.set(home, [...(busListeners.get(home) ?? [home]), listener.id]);
  const own = new Map<string, readonly string[]>();
  return (region, message) => {
    if (message.kind === 'bus.position') {
      const listeners = busListeners.get(region);
      if (listeners !== undefined) return listeners;
    }
    let self = own.get(region);
    if (self === undefined) own.set(region, (self = [region]));
    return self;
  };
}
