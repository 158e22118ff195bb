/**
 * @module displays/web/shared/types
 * The JSON shapes the pages read from the center (`center/http` routes and WebSocket frames, the
 * prediction board, the route planner) and from `/displays/v1/catalogue`. Mirrors of the server
 * types: the browser build cannot import server modules.
 */

export type Text = { readonly ko: string; readonly en: string };

export type BoardArrival = {
  readonly vehicleId: string | null;
  readonly etaMs: number;
  readonly etaS: number;
  readonly stopsAway: number | null;
  readonly source: 'live' | 'schedule';
  readonly crowding: 'low' | 'medium' | 'high' | null;
  readonly text: Text;
};

export type RouteBoard = {
  readonly routeId: string;
  readonly shortName: string;
  readonly status: 'live' | 'schedule' | 'ended' | 'no-data';
  readonly arrivals: readonly BoardArrival[];
  readonly text: Text;
};

export type StopBoard = {
  readonly stopId: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly generatedAt: number;
  readonly routes: readonly RouteBoard[];
};

export type Stop = {
  readonly id: string;
  readonly name: string;
  readonly nameEn?: string;
  readonly lon: number;
  readonly lat: number;
};

export type CatalogueRoute = {
  readonly id: string;
  readonly shortName: string;
  readonly longName: string;
  readonly color: string;
  readonly textColor: string;
  readonly lowFloor: boolean;
  readonly directions: readonly {
    readonly directionId: 0 | 1;
    readonly headsign: string;
    readonly stopIds: readonly string[];
  }[];
};

export type CatalogueIntersection = {
  readonly id: string;
  readonly name: string;
  readonly region: string;
  readonly lon: number;
  readonly lat: number;
  readonly phases: readonly {
    readonly phase: number;
    readonly yellowS: number;
    readonly redClearS: number;
    readonly movements: readonly string[];
  }[];
  readonly plans: readonly {
    readonly id: string;
    readonly cycleS: number;
    readonly offsetS: number;
    readonly splitsS: Readonly<Record<string, number>>;
    readonly coordinated: readonly number[];
  }[];
};

export type Catalogue = {
  readonly scenarioId: string;
  readonly timezone: string | null;
  readonly regions: readonly { readonly id: string; readonly name: string; readonly nameEn: string | null }[];
  readonly routes: readonly CatalogueRoute[];
  readonly intersections: readonly CatalogueIntersection[];
  readonly corridor: {
    readonly name: string;
    readonly speedLimitKmh: number;
    readonly intersections: readonly { readonly id: string; readonly distanceM: number }[];
  } | null;
};

export type SignMessage = {
  readonly id: string;
  readonly signId: string;
  readonly textKo: string;
  readonly textEn: string;
  readonly priority: number;
  readonly source: 'operator' | 'auto';
  readonly incidentId: string | null;
  readonly createdAt: number;
  readonly expiresAt: number | null;
};

export type SignView = {
  readonly id: string;
  readonly linkId: string;
  readonly region: string;
  readonly displayed: SignMessage | null;
  readonly messages: readonly SignMessage[];
};

export type Incident = {
  readonly id: string;
  readonly region: string;
  readonly linkId: string;
  readonly lanes: readonly number[];
  readonly lon: number | null;
  readonly lat: number | null;
  readonly kind: string;
  readonly severity: 'minor' | 'major' | 'critical';
  readonly description: string;
  readonly source: 'operator' | 'detected';
  readonly status: 'active' | 'cleared';
  readonly startedAt: number;
};

export type Vehicle = {
  readonly vehicleId: string;
  readonly routeId: string;
  readonly region: string;
  readonly at: number;
  readonly lat: number;
  readonly lon: number;
  readonly speedMps: number;
  readonly distanceM: number;
  readonly scheduleDeviationS: number | null;
  readonly nextStopId: string | null;
  readonly passengers: number | null;
};

export type SignalState = {
  readonly intersectionId: string;
  readonly region: string;
  readonly mode: string;
  readonly strategy: string;
  readonly planId: string | null;
  readonly cycleS: number | null;
  readonly lastSplitsS: Readonly<Record<string, number>>;
  readonly greenGroups: readonly number[];
  readonly fault: string | null;
  readonly online: boolean;
  readonly at: number;
};

export type DetectorHealth = {
  readonly detectorId: string;
  readonly region: string;
  readonly health: string;
};

export type Alarm = {
  readonly alarmId: string;
  readonly region: string;
  readonly state: 'raised' | 'cleared';
  readonly severity: 'info' | 'warning' | 'major' | 'critical';
  readonly sourceId: string;
  readonly code: string;
  readonly message: string;
  readonly at: number;
};

export type Device = {
  readonly deviceId: string;
  readonly region: string;
  readonly deviceKind: string;
  readonly online: boolean;
  readonly reason: string;
  readonly at: number;
};

export type RegionSnapshot = {
  readonly regionId: string;
  readonly signals: readonly SignalState[];
  readonly detectors: readonly DetectorHealth[];
  readonly vehicles: readonly Vehicle[];
  readonly incidents: readonly Incident[];
  readonly alarms: readonly Alarm[];
};

/** A delta of a `region:<id>` / `vehicles` / `signals` / `incidents` channel. */
export type RecordDelta = {
  readonly collection: string;
  readonly op: 'put' | 'delete';
  readonly id: string;
  readonly value?: unknown;
};

/** `GET /api/v1/route` answer. */
export type RouteAnswer = {
  readonly type: 'FeatureCollection';
  readonly travelTimeS: number;
  readonly usualTravelTimeS: number | null;
  readonly timeSavedS: number | null;
  readonly features: readonly {
    readonly type: 'Feature';
    readonly geometry: { readonly type: 'LineString'; readonly coordinates: readonly [number, number][] };
    readonly properties: {
      readonly role: 'fastest' | 'usual';
      readonly travelTimeS: number;
      readonly lengthM: number;
      readonly links: readonly string[];
    };
  }[];
};
