/**
 * @module core/api/records
 * The live records the center answers on `/api/v1/` and sends on its WebSocket channels (`region:<id>`,
 * `vehicles`, `signals`, `incidents`, `sign:<id>`): what an edge reported (from the uplink items of
 * core/messages, with the region added) and what operators declared. Type-only: a contract between
 * the center and the display pages, which must not import server modules.
 */
/*
 * Written out rather than derived from core/messages' zod schemas: those reach Node-only modules
 * (core/ids), which the browser build cannot type-check. The center checks its answers against these
 * types (`satisfies` in center/http/routes-read.ts), so the two cannot drift apart unnoticed.
 */

/** Health verdict of a loop detector (core/messages `detectorHealth`). */
export type DetectorHealthState = 'ok' | 'stuck-on' | 'stuck-off' | 'chattering' | 'silent';

/** Latest traffic state of one directed link, as an edge summarized it (uplink `link-state`). */
export type LinkStateView = {
  readonly linkId: string;
  readonly region: string;
  readonly edgeId: string;
  readonly intervalStart: number;
  readonly intervalS: number;
  readonly flowVph: number;
  readonly densityVpkm: number;
  readonly speedKmh: number | null;
  readonly occupancyPct: number;
  readonly source: 'detector' | 'probe' | 'fused';
};

/** Latest progress of one bus along its trip (uplink `bus-progress`; `GET /api/v1/vehicles`). */
export type VehicleView = {
  readonly vehicleId: string;
  readonly routeId: string;
  readonly tripId: string | null;
  readonly region: string;
  readonly at: number;
  readonly lat: number;
  readonly lon: number;
  readonly speedMps: number;
  /** Distance travelled along the route shape, metres. */
  readonly distanceM: number;
  /** Positive = late, seconds. */
  readonly scheduleDeviationS: number | null;
  readonly lastStopId: string | null;
  readonly nextStopId: string | null;
  readonly onRoute: boolean;
  readonly passengers: number | null;
};

/** Latest operation summary of one intersection (uplink `signal-state`; `GET /api/v1/signals`). */
export type SignalStateView = {
  readonly intersectionId: string;
  readonly region: string;
  readonly mode: 'fixed' | 'actuated' | 'coordinated' | 'external' | 'flash' | 'off';
  readonly strategy: string;
  readonly planId: string | null;
  readonly cycleS: number | null;
  /** Green each signal group got in the last cycle, seconds. */
  readonly lastSplitsS: Readonly<Record<string, number>>;
  readonly greenGroups: readonly number[];
  readonly fault: string | null;
  readonly online: boolean;
  readonly at: number;
  /** SPaT-like live timing per unit (uplink `signal-state.timing`), when the edge sends it. */
  readonly timing?: SignalTimingView;
};

/** Live timing of one unit (NEMA phase or stage), seconds after `SignalTimingView.at`. */
export type UnitTimingView = {
  readonly unit: string;
  readonly green: boolean;
  readonly elapsedS: number | null;
  readonly minEndS: number | null;
  readonly maxEndS: number | null;
  readonly lastGreenS: number | null;
  readonly lastRedS: number | null;
};

/** Live timing of every unit of an intersection, read at `at` (epoch ms). */
export type SignalTimingView = { readonly at: number; readonly units: readonly UnitTimingView[] };

/** Latest health verdict of one loop detector, as kept (region snapshots). */
export type DetectorHealthView = {
  readonly detectorId: string;
  readonly region: string;
  readonly health: DetectorHealthState;
  readonly since: number;
  readonly reportedAt: number;
};

/** A detector of the scenario with its latest health (`GET /api/v1/detectors`). */
export type DetectorView = {
  readonly id: string;
  readonly region: string;
  readonly linkId: string;
  readonly lane: number;
  readonly role: string;
  readonly health: DetectorHealthState | 'unknown';
  readonly since: number | null;
};

/**
 * The alarm codes edges raise (uplink `alarm.code`), each with a Korean and English label in the
 * control room. The wire field stays a free string, so a code an older or newer edge sends is still
 * accepted and shown as it is; an edge raising a new kind of alarm adds its code here.
 * - `controller-lost`, `controller-fault`: a signal controller unreachable or reporting a fault
 *   (edge/node signal supervisor; `sourceId` = intersection).
 * - `detector-stuck-on`, `detector-stuck-off`, `detector-chattering`, `detector-silent`: a loop's
 *   health verdict (edge/detectors; `sourceId` = detector).
 * - `sequence-gap`: field messages from a device lost on the way to the edge (edge/ingest
 *   `GapAlarms`; `sourceId` = device).
 */
export type EdgeAlarmCode =
  | 'controller-lost'
  | 'controller-fault'
  | 'detector-stuck-on'
  | 'detector-stuck-off'
  | 'detector-chattering'
  | 'detector-silent'
  | 'sequence-gap';

/** Latest state of one alarm from an edge (uplink `alarm`). */
export type AlarmView = {
  readonly alarmId: string;
  readonly region: string;
  readonly state: 'raised' | 'cleared';
  readonly severity: 'info' | 'warning' | 'major' | 'critical';
  /** The device or entity the alarm is about. */
  readonly sourceId: string;
  /** An {@link EdgeAlarmCode}, or a code this contract does not know yet. */
  readonly code: string;
  /** The edge's own English description (counts, ids). */
  readonly message: string;
  readonly at: number;
};

/** Latest presence of a field device or an edge. */
export type DeviceView = {
  readonly deviceId: string;
  readonly region: string;
  readonly deviceKind: string;
  readonly online: boolean;
  readonly reason: string;
  readonly at: number;
};

/** Lanes blocked on a link (`GET /api/v1/incidents`). */
export type IncidentView = {
  readonly id: string;
  readonly region: string;
  readonly linkId: string;
  /** Blocked lanes, 0 = rightmost; empty when not known. */
  readonly lanes: readonly number[];
  readonly positionM: number | null;
  readonly lon: number | null;
  readonly lat: number | null;
  readonly kind: 'crash' | 'breakdown' | 'roadwork' | 'congestion' | 'other';
  readonly severity: 'minor' | 'major' | 'critical';
  readonly description: string;
  readonly source: 'operator' | 'detected';
  readonly status: 'active' | 'cleared';
  readonly startedAt: number;
  readonly clearedAt: number | null;
  readonly updatedAt: number;
};

/** One message queued for a variable message sign. */
export type SignMessageView = {
  readonly id: string;
  readonly signId: string;
  readonly textKo: string;
  readonly textEn: string;
  /** Higher wins. */
  readonly priority: number;
  readonly source: 'operator' | 'auto';
  readonly incidentId: string | null;
  readonly createdAt: number;
  readonly expiresAt: number | null;
};

/** A sign with the message it shows and its unexpired queue (`GET /api/v1/signs/<id>`, `sign:<id>`). */
export type SignView = {
  readonly id: string;
  readonly linkId: string;
  readonly region: string;
  readonly displayed: SignMessageView | null;
  readonly messages: readonly SignMessageView[];
};

/** Snapshot of a region (`GET /api/v1/regions/<id>`, `region:<id>`): what the control-room map draws. */
export type RegionSnapshot = {
  readonly regionId: string;
  readonly links: readonly LinkStateView[];
  readonly signals: readonly SignalStateView[];
  readonly detectors: readonly DetectorHealthView[];
  readonly vehicles: readonly VehicleView[];
  readonly incidents: readonly IncidentView[];
  /** Raised alarms only. */
  readonly alarms: readonly AlarmView[];
};

/** One change of a live channel (`delta` frames of `region:<id>`, `vehicles`, `signals`, `incidents`). */
export type RecordDelta = {
  readonly collection: string;
  readonly op: 'put' | 'delete';
  readonly id: string;
  readonly value?: unknown;
};
