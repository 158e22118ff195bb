/**
 * @module displays/web/shared/alarm-labels
 * Words for the kinds of alarm an edge raises (core/api `EdgeAlarmCode`) in Korean and English, so
 * the control room shows what went wrong rather than the wire code (`detector-stuck-on`). Korean
 * terms follow Korean traffic-signal practice: 신호제어기 (signal controller), 검지기 (loop detector).
 */
import type { EdgeAlarmCode } from '../../../../core/api/index.ts';

/** Alarm code → [Korean, English]. */
export const ALARM_CODE_LABELS: Readonly<Record<EdgeAlarmCode, readonly [string, string]>> = {
  'controller-lost': ['신호제어기 통신 두절', 'Controller unreachable'],
  'controller-fault': ['신호제어기 고장', 'Controller fault'],
  'detector-stuck-on': ['검지기 상시 점유', 'Detector stuck on'],
  'detector-stuck-off': ['검지기 미검지', 'Detector stuck off'],
  'detector-chattering': ['검지기 불안정', 'Detector chattering'],
  'detector-silent': ['검지기 무응답', 'Detector silent'],
  'sequence-gap': ['현장 메시지 유실', 'Field messages lost'],
};

/** `검지기 상시 점유 · Detector stuck on` (the code itself when the page does not know it). */
export function alarmLabel(code: string): string {
  const l = (ALARM_CODE_LABELS as Readonly<Record<string, readonly [string, string]>>)[code];
  return l === undefined ? code : `${l[0]} · ${l[1]}`;
}
