/**
 * @module core/network/signals
 * Signalized intersections as a scenario describes them: NEMA dual-ring phases (NTCIP 1202 phase
 * table) or ordered stages (SUMO `tlLogic`, Korean and European practice), and timing plans.
 * Signal group numbers: the NEMA phase number, or for stage control the group ids given here.
 */
import { z } from 'zod';
import { entityId } from '../messages/index.ts';

/** Clearance and minimum timing common to phases and signal groups, seconds. */
const timing = {
  minGreenS: z.number().min(1).max(60),
  maxGreenS: z.number().min(1).max(255),
  /** Passage (gap, extension) time for actuated operation. */
  passageS: z.number().min(0).max(10).default(3),
  /** Yellow change interval; ITE: t + v / (2a + 2Gg). */
  yellowS: z.number().min(3).max(6),
  /** Red clearance (all-red); ITE: (W + L) / v. */
  redClearS: z.number().min(0).max(6),
};

/** One NEMA phase: the movements it serves with protection (and optionally permissively). */
export const nemaPhaseSchema = z.strictObject({
  phase: z.number().int().min(1).max(8),
  movements: z.array(entityId).min(1),
  /** Movements allowed permissively (yielding) while this phase is green, e.g. left turns on 2/6. */
  permissiveMovements: z.array(entityId).default([]),
  ...timing,
  /** Pedestrian walk and flashing don't walk, seconds; omit for no pedestrian phase. */
  walkS: z.number().min(4).max(30).optional(),
  pedClearS: z.number().min(3).max(60).optional(),
  /** Detectors that place calls and extensions for this phase. */
  detectorIds: z.array(entityId).default([]),
});
export type NemaPhase = z.infer<typeof nemaPhaseSchema>;

export const nemaControlSchema = z.strictObject({
  type: z.literal('nema'),
  phases: z.array(nemaPhaseSchema).min(2).max(8),
});

/** A signal group for stage control: a set of movements that always show the same colour. */
export const signalGroupSchema = z.strictObject({
  group: z.number().int().min(1).max(255),
  movements: z.array(entityId).min(1),
  /** `permissive` groups yield to conflicting traffic (e.g. a filtered left turn). */
  protection: z.enum(['protected', 'permissive']).default('protected'),
  ...timing,
  detectorIds: z.array(entityId).default([]),
});
export type SignalGroup = z.infer<typeof signalGroupSchema>;

export const stageSchema = z.strictObject({
  id: entityId,
  /** Signal groups green in this stage. */
  groups: z.array(z.number().int().min(1).max(255)).min(1),
});
export type Stage = z.infer<typeof stageSchema>;

export const stageControlSchema = z.strictObject({
  type: z.literal('stages'),
  groups: z.array(signalGroupSchema).min(1),
  stages: z.array(stageSchema).min(2),
});

export const signalControlSchema = z.discriminatedUnion('type', [nemaControlSchema, stageControlSchema]);
export type SignalControl = z.infer<typeof signalControlSchema>;

/**
 * A fixed-time or coordination plan. `splitsS` are keyed by phase number (NEMA) or stage id and include
 * that phase's yellow and red clearance, as NTCIP 1202 split times do.
 */
export const signalPlanSchema = z.strictObject({
  id: z.string().min(1).max(64),
  cycleS: z.number().min(20).max(300),
  /** Offset of the coordinated phase's start from the common reference (midnight local), seconds. */
  offsetS: z.number().min(0).max(300).default(0),
  splitsS: z.record(z.string(), z.number().min(0).max(300)),
  /** NEMA: coordinated phases (usually 2 and 6). Stage control: the coordinated stage id. */
  coordinated: z.array(z.union([z.number().int(), z.string()])).default([]),
});
export type SignalPlan = z.infer<typeof signalPlanSchema>;

/** A scheduled plan change by local time of day. */
export const planScheduleEntry = z.strictObject({
  from: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM'),
  planId: z.string().min(1).max(64),
});

export const intersectionSchema = z.strictObject({
  id: entityId,
  nodeId: entityId,
  region: entityId,
  name: z.string().max(100).optional(),
  control: signalControlSchema,
  plans: z.array(signalPlanSchema).min(1),
  /** Plan used when no schedule entry applies and as the local fallback. */
  defaultPlanId: z.string().min(1).max(64),
  schedule: z.array(planScheduleEntry).default([]),
  /** Local mode at start; `external` means an edge may take over. */
  mode: z.enum(['fixed', 'actuated', 'coordinated']).default('fixed'),
});
export type Intersection = z.infer<typeof intersectionSchema>;
