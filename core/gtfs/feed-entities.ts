/**
 * @module core/gtfs/feed-entities
 * agency.txt, routes.txt and stops.txt into the transit model (GTFS Schedule reference). Ids are kept
 * as the feed spells them; references between files are checked here so a bad one names its line.
 */
import { FileFormatError } from '../errors/index.ts';
import type { TransitInput } from './model.ts';
import { readGtfsTable } from './table.ts';

type AgencyInput = TransitInput['agencies'][number];
type RouteInput = TransitInput['routes'][number];
type StopInput = TransitInput['stops'][number];

const HEX6 = /^[0-9A-Fa-f]{6}$/;

/** Read agency.txt. A single agency may omit agency_id (GTFS); it then gets its name as id. */
export function readAgencies(dir: string): AgencyInput[] {
  const table = readGtfsTable(dir, 'agency.txt', {
    required: true,
    columns: ['agency_name', 'agency_timezone'],
  });
  if (table.rows.length === 0) throw new FileFormatError(table.file, null, 'no agency in the file');
  return table.rows.map((row) => {
    const url = row.text('agency_url');
    return {
      id: row.text('agency_id') || row.required('agency_name'),
      name: row.required('agency_name'),
      ...(url === '' ? {} : { url }),
      timezone: row.required('agency_timezone'),
    };
  });
}

/** Read routes.txt; `agency_id` must name an agency (and may be omitted only with a single agency). */
export function readRoutes(dir: string, agencies: readonly AgencyInput[]): RouteInput[] {
  const table = readGtfsTable(dir, 'routes.txt', { required: true, columns: ['route_id', 'route_type'] });
  const agencyIds = new Set(agencies.map((a) => a.id));
  return table.rows.map((row) => {
    const id = row.required('route_id');
    let agencyId = row.text('agency_id');
    if (agencyId === '') {
      if (agencies.length > 1) row.fail('agency_id is empty but the feed has several agencies');
      agencyId = agencies[0]?.id ?? '';
    } else if (!agencyIds.has(agencyId)) row.fail(`unknown agency_id "${agencyId}"`);
    const shortName = row.text('route_short_name');
    const longName = row.text('route_long_name');
    if (shortName === '' && longName === '') row.fail('route_short_name and route_long_name are both empty');
    const color = row.text('route_color');
    const textColor = row.text('route_text_color');
    if (color !== '' && !HEX6.test(color)) row.fail(`route_color "${color}" is not six hex digits`);
    if (textColor !== '' && !HEX6.test(textColor))
      row.fail(`route_text_color "${textColor}" is not six hex digits`);
    return {
      id,
      agencyId,
      shortName: shortName.slice(0, 50),
      longName: longName.slice(0, 200),
      gtfsType: row.int('route_type', 0, 1702),
      ...(color === '' ? {} : { color: color.toUpperCase() }),
      ...(textColor === '' ? {} : { textColor: textColor.toUpperCase() }),
    };
  });
}

/**
 * Read stops.txt. Generic nodes and boarding areas (location_type 3, 4) without a position are left
 * out (they matter only to pathways); their count is returned. Parent stations must exist.
 */
export function readStops(dir: string): { stops: StopInput[]; skipped: number } {
  const table = readGtfsTable(dir, 'stops.txt', { required: true, columns: ['stop_id'] });
  const stops: StopInput[] = [];
  const parents: { parent: string; row: (typeof table.rows)[number] }[] = [];
  let skipped = 0;
  for (const row of table.rows) {
    const id = row.required('stop_id');
    const locationType = row.int('location_type', 0, 4, 0);
    if (locationType >= 3 && (row.text('stop_lat') === '' || row.text('stop_lon') === '')) {
      skipped++;
      continue;
    }
    const lat = row.number('stop_lat');
    const lon = row.number('stop_lon');
    if (lat < -90 || lat > 90) row.fail(`stop_lat ${lat} is outside -90..90`);
    if (lon < -180 || lon > 180) row.fail(`stop_lon ${lon} is outside -180..180`);
    const parent = row.text('parent_station');
    if (parent !== '') parents.push({ parent, row });
    stops.push({
      id,
      name: row.text('stop_name') || (locationType >= 3 ? id : row.required('stop_name')),
      lat,
      lon,
      locationType,
      ...(parent === '' ? {} : { parentStation: parent }),
    });
  }
  const ids = new Set(stops.map((s) => s.id));
  for (const { parent, row } of parents) if (!ids.has(parent)) row.fail(`unknown parent_station "${parent}"`);
  return { stops, skipped };
}
