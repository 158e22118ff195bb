/**
 * @module displays/web/shared/types
 * The JSON shapes the pages read. What the center answers (records, stop boards, routes) is the API
 * contract in core/api, imported type-only (erased from the browser build) under the names the pages
 * use; the catalogue of `/displays/v1/catalogue` belongs to the displays and is declared here.
 */
export type {
  AlarmView as Alarm,
  BilingualText as Text,
  BoardArrival,
  DetectorHealthView as DetectorHealth,
  DeviceView as Device,
  IncidentView as Incident,
  RecordDelta,
  RegionSnapshot,
  RouteAnswer,
  RouteBoard,
  SignalStateView as SignalState,
  SignMessageView as SignMessage,
  SignView,
  StopBoard,
  VehicleView as Vehicle,
} from '../../../../core/api/index.ts';

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
  /** GTFS `route_type`: 3 bus, 1 subway. */
  readonly gtfsType: number;
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
    readonly nameKo: string;
    readonly speedLimitKmh: number;
    readonly intersections: readonly { readonly id: string; readonly distanceM: number }[];
  } | null;
};
