/**
 * @module firmware-bridge/adapters/snmp/ntcip-poller
 * Polls an NTCIP 1202 controller over SNMPv2c (net-snmp): phase status groups and the
 * volume/occupancy report. Transport failures and missing objects are returned as counted reasons,
 * never thrown, so one silent cabinet does not stop the bridge.
 */
import * as snmp from 'net-snmp';
import type { Session, Varbind } from 'net-snmp';
import {
  ACTIVE_VOLUME_OCCUPANCY_DETECTORS,
  MAX_VEHICLE_DETECTOR_STATUS_GROUPS,
  detectorStatusActiveOid,
  phaseControlOid,
  MAX_PHASE_GROUPS,
  MAX_PHASES,
  PHASE_STATUS_COLUMNS,
  VOLUME_OCCUPANCY_PERIOD,
  VOLUME_OCCUPANCY_SEQUENCE,
  phaseStatusOid,
  volumeOccupancyOids,
} from '../../ntcip/index.ts';
import type { NtcipPoll, PhaseControlWrite, PhaseStatusColumn, PhaseStatusGroup } from '../../ntcip/index.ts';

/** Options of {@link createNtcipPoller}. */
export type NtcipPollerOptions = {
  readonly host: string;
  readonly port: number;
  readonly community: string;
  readonly timeoutMs?: number;
  readonly retries?: number;
};

/** Why a poll failed; each is a counter. */
export type PollFailure = 'timeout' | 'no-such-object' | 'bad-type' | 'transport';

export type PollResult =
  | { readonly ok: true; readonly poll: NtcipPoll }
  | { readonly ok: false; readonly reason: PollFailure; readonly detail: string };

/** Most varbinds per GetRequest, well under a 1472-byte UDP payload. */
const MAX_VARBINDS = 24;

class PollError extends Error {
  readonly reason: PollFailure;
  constructor(reason: PollFailure, detail: string) {
    super(detail);
    this.reason = reason;
  }
}

function getOids(session: Session, oids: string[]): Promise<number[]> {
  return new Promise((resolve, reject) => {
    session.get(oids, (error: Error | null, varbinds: Varbind[]) => {
      if (error) {
        const timeout = error.name === 'RequestTimedOutError';
        reject(new PollError(timeout ? 'timeout' : 'transport', error.message));
        return;
      }
      const values: number[] = [];
      for (const vb of varbinds) {
        if (snmp.isVarbindError(vb))
          return reject(new PollError('no-such-object', `${vb.oid}: ${snmp.varbindError(vb)}`));
        if (typeof vb.value !== 'number')
          return reject(new PollError('bad-type', `${vb.oid} is not an integer`));
        values.push(vb.value);
      }
      resolve(values);
    });
  });
}

async function getMany(session: Session, oids: string[]): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < oids.length; i += MAX_VARBINDS)
    out.push(...(await getOids(session, oids.slice(i, i + MAX_VARBINDS))));
  return out;
}

/** A poller bound to one controller. */
export type NtcipPoller = {
  poll(): Promise<PollResult>;
  /** Write phase control masks (SetRequest); resolves null on success or the failure. */
  write(writes: readonly PhaseControlWrite[]): Promise<{ reason: PollFailure; detail: string } | null>;
  close(): void;
};

/** Create a poller (SNMPv2c session) for a controller. */
export function createNtcipPoller(options: NtcipPollerOptions): NtcipPoller {
  const session = snmp.createSession(options.host, options.community, {
    port: options.port,
    version: snmp.Version2c,
    timeout: options.timeoutMs ?? 1000,
    retries: options.retries ?? 1,
  });
  session.on('error', () => undefined);
  const columns = Object.keys(PHASE_STATUS_COLUMNS) as PhaseStatusColumn[];
  return {
    poll: async () => {
      try {
        const [maxPhases = 0, maxGroups = 0, sequence = 0, periodS = 0, active = 0, detGroups = 0] =
          await getOids(session, [
            MAX_PHASES,
            MAX_PHASE_GROUPS,
            VOLUME_OCCUPANCY_SEQUENCE,
            VOLUME_OCCUPANCY_PERIOD,
            ACTIVE_VOLUME_OCCUPANCY_DETECTORS,
            MAX_VEHICLE_DETECTOR_STATUS_GROUPS,
          ]);
        const activeOids = Array.from({ length: Math.min(detGroups, 32) }, (_, g) =>
          detectorStatusActiveOid(g + 1),
        );
        const groupOids = Array.from({ length: Math.min(maxGroups, 32) }, (_, g) =>
          columns.map((c) => phaseStatusOid(c, g + 1)),
        ).flat();
        const detOids = Array.from({ length: Math.min(active, 255) }, (_, d) => {
          const o = volumeOccupancyOids(d + 1);
          return [o.volume, o.occupancy];
        }).flat();
        const values = await getMany(session, [...groupOids, ...detOids, ...activeOids]);
        const groups: PhaseStatusGroup[] = [];
        for (let g = 0; g * columns.length < groupOids.length; g++) {
          const entry = Object.fromEntries(columns.map((c, k) => [c, values[g * columns.length + k] ?? 0]));
          groups.push(entry as PhaseStatusGroup);
        }
        const det = values.slice(groupOids.length, groupOids.length + detOids.length);
        const detectorActiveGroups = values.slice(groupOids.length + detOids.length);
        const detectors = Array.from({ length: det.length / 2 }, (_, d) => ({
          volume: det[2 * d] ?? 0,
          occupancy: det[2 * d + 1] ?? 0,
        }));
        return {
          ok: true,
          poll: {
            maxPhases,
            groups,
            volumeOccupancy: { sequence, periodS, detectors },
            detectorActiveGroups,
          },
        };
      } catch (err) {
        if (err instanceof PollError) return { ok: false, reason: err.reason, detail: err.message };
        return { ok: false, reason: 'transport', detail: String(err) };
      }
    },
    write: (writes) =>
      new Promise((resolve) => {
        const varbinds = writes.map((w) => ({
          oid: phaseControlOid(w.column, w.group),
          type: snmp.ObjectType.Integer,
          value: w.mask,
        }));
        session.set(varbinds, (error: Error | null, result: Varbind[]) => {
          if (error)
            return resolve({
              reason: error.name === 'RequestTimedOutError' ? 'timeout' : 'transport',
              detail: error.message,
            });
          const bad = result.find((vb) => snmp.isVarbindError(vb));
          resolve(
            bad === undefined
              ? null
              : { reason: 'no-such-object', detail: `${bad.oid}: ${snmp.varbindError(bad)}` },
          );
        });
      }),
    close: () => session.close(),
  };
}
