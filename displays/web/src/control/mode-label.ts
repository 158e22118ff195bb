/**
 * @module displays/web/control/mode-label
 * A signal controller's mode (NTCIP 1202's unit control modes as `core/api` reports them) in Korean
 * and English words, so the intersection panel and the signal markers do not show the wire value
 * (`external` read as nothing to a Korean operator, and did not say who was in control).
 */
import type { SignalState } from '../shared/types.ts';

/** Controller mode → [Korean, English]. */
export const CONTROLLER_MODE_LABELS: Readonly<Record<SignalState['mode'], readonly [string, string]>> = {
  fixed: ['정주기', 'fixed time'],
  actuated: ['감응 제어', 'actuated'],
  coordinated: ['연동 제어', 'coordinated'],
  external: ['외부 제어 (엣지)', 'external (edge)'],
  flash: ['점멸', 'flashing'],
  off: ['소등', 'dark'],
};

/** `외부 제어 (엣지) · external (edge)` (the value itself when the page does not know it). */
export function modeLabel(mode: string): string {
  const l = (CONTROLLER_MODE_LABELS as Readonly<Record<string, readonly [string, string]>>)[mode];
  return l === undefined ? mode : `${l[0]} · ${l[1]}`;
}
