/**
 * @module center/http/openapi/channels
 * The WebSocket API, which OpenAPI has no object for: described in the `x-websocket` extension of
 * the document (and summarized in its `info.description`). Channel names follow core/api
 * `CHANNEL_PATTERN`; what each carries follows center/http `channelSnapshot` and the live feed.
 */
import { CHANNEL_PATTERN } from '../../../core/index.ts';

const ref = (name: string): Record<string, string> => ({ $ref: `#/components/schemas/${name}` });
const arrayOf = (name: string): Record<string, unknown> => ({ type: 'array', items: ref(name) });

/** Per channel: its snapshot and delta data. */
const CHANNELS = {
  'stop:{stopId}': {
    description: 'Arrival board of a stop; each delta is the whole recomputed board.',
    snapshot: ref('StopBoard'),
    delta: ref('StopBoard'),
  },
  'region:{regionId}': {
    description:
      'Everything the control-room map draws of a region; deltas are record changes of that region.',
    snapshot: ref('RegionSnapshot'),
    delta: arrayOf('RecordDelta'),
  },
  vehicles: { description: 'Every bus.', snapshot: arrayOf('Vehicle'), delta: arrayOf('RecordDelta') },
  signals: {
    description:
      'Signal state of every intersection; deltas also carry edge answers to operator commands (collection `command`, value CommandStatus).',
    snapshot: arrayOf('SignalState'),
    delta: arrayOf('RecordDelta'),
  },
  incidents: {
    description: 'Active incidents.',
    snapshot: arrayOf('Incident'),
    delta: arrayOf('RecordDelta'),
  },
  'sign:{signId}': {
    description: 'What a variable message sign shows; each delta is the whole sign.',
    snapshot: ref('Sign'),
    delta: ref('Sign'),
  },
} as const;

/** The `x-websocket` extension object. */
export function webSocketExtension(): Record<string, unknown> {
  return {
    path: '/ws',
    description:
      'JSON text frames. Subscribe to a channel and the server answers with a `snapshot` frame of its current state, then `delta` frames as it changes (at most one per channel per event-loop turn). An unknown stop, region or sign is an `error` frame (code `not-found`), a bad frame one with code `not-json` or `bad-frame`, more than 200 channels one with `too-many-channels`: never a disconnect. `ping` is answered with `pong`. Reads are public, as the read API is. At most 256 connections (`its center --ws-max-per-address`) are open at once from one client address (the peer, or behind a proxy named in `its center --trust-proxy` the client its `X-Forwarded-For` gives): an upgrade over that is refused with HTTP 429 and the JSON error `too-many-connections`; closing a connection frees its slot.',
    channelPattern: CHANNEL_PATTERN.source,
    clientFrame: ref('WsClientFrame'),
    serverFrame: ref('WsServerFrame'),
    channels: CHANNELS,
  };
}

/** The WebSocket part of `info.description` (Markdown). */
export function webSocketSummary(): string {
  const rows = Object.entries(CHANNELS).map(([name, c]) => `| \`${name}\` | ${c.description} |`);
  return [
    'WebSocket `/ws` (see `x-websocket`): send `{"op":"subscribe","channel":"<name>"}`; the server sends a `snapshot` frame then `delta` frames.',
    '',
    '| channel | carries |',
    '|---|---|',
    ...rows,
  ].join('\n');
}
