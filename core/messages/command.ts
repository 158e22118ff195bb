/**
 * @module core/messages/command
 * Operator commands from the center to the edge that runs an intersection, and the edge's answer.
 * `signal.command` (QoS 1, on `its/v1/<region>/cmd/<intersectionId>`, `signalCommandTopic`) asks for a
 * strategy switch, a plan switch, or both; `deviceId` is the issuing center instance and `id` its
 * message id (the center uses the command id). The edge validates it like any message, applies it, and
 * answers with `signal.command.result` (QoS 1, on `its/v1/<region>/edge/<edgeId>/cmd`,
 * `signalCommandResultTopic`): accepted, or rejected with a reason. Safety stays with the controller:
 * a plan switch is a `set-plan` command the controller may still refuse.
 */
import { z } from 'zod';
import { entityId, envelope, epochMs, messageId } from './common.ts';

/** A strategy or plan name in a command. */
const name = z.string().min(1).max(64);

/** An operator's signal command. At least one of `strategy` and `planId` is set. */
export const signalCommandSchema = z
  .strictObject({
    kind: z.literal('signal.command'),
    ...envelope,
    /** The operator's command id (the center's API answers with it); results refer to it. */
    commandId: messageId,
    region: entityId,
    intersectionId: entityId,
    /** Strategy to run the intersection under from now on, or null to keep it. */
    strategy: name.nullable(),
    /** Plan the controller should switch to, or null to keep it. */
    planId: name.nullable(),
    /** Operator who issued it (audit). */
    issuedBy: z.string().min(1).max(128),
    /** When the operator issued it, epoch ms. */
    at: epochMs,
  })
  .refine((c) => c.strategy !== null || c.planId !== null, {
    path: ['strategy'],
    message: 'a command names a strategy, a plan, or both',
  });
export type SignalCommandMessage = z.infer<typeof signalCommandSchema>;

/** Why an edge refused a command; each is a separate counter at the edge. */
export const SIGNAL_COMMAND_REJECT_REASONS = [
  'unknown-intersection',
  'unknown-strategy',
  'unknown-plan',
  'controller-offline',
] as const;
export type SignalCommandRejectReason = (typeof SIGNAL_COMMAND_REJECT_REASONS)[number];

/** The edge's answer to one command; `deviceId` is the edge id. */
export const signalCommandResultSchema = z
  .strictObject({
    kind: z.literal('signal.command.result'),
    ...envelope,
    commandId: messageId,
    region: entityId,
    intersectionId: entityId,
    status: z.enum(['accepted', 'rejected']),
    /** Null when accepted. */
    reason: z.enum(SIGNAL_COMMAND_REJECT_REASONS).nullable(),
    /** Human-readable detail for the control room. */
    detail: z.string().max(500),
    /** Strategy in charge of the intersection after the command (null when the intersection is unknown). */
    strategy: name.nullable(),
    /** Plan asked for (sent to the controller when accepted), or null. */
    planId: name.nullable(),
  })
  .refine((r) => (r.status === 'accepted') === (r.reason === null), {
    path: ['reason'],
    message: 'a rejected result has a reason and an accepted one has none',
  });
export type SignalCommandResult = z.infer<typeof signalCommandResultSchema>;
