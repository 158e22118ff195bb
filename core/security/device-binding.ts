/**
 * @module core/security/device-binding
 * Which device ids an authenticated MQTT identity may speak for (issue 11: "the device id inside a
 * message must match the authenticated identity"). Identities follow the broker's naming
 * (`<kind>.<region>.<id>` for a device, `ctl.<region>.<id>`, `bridge.<region>.<id>`,
 * `edge.<region>.<id>`, `center.<id>`, `sim.<id>`); a broker's `Identity` fits {@link BoundIdentity}.
 */

/** Roles of MQTT identities, as the broker issues them. */
export type BoundRole = 'device' | 'controller' | 'bridge' | 'edge' | 'center' | 'sim';

/** The parts of an authenticated identity the binding needs. */
export type BoundIdentity = {
  readonly username: string;
  readonly role: BoundRole;
  readonly region: string | null;
  readonly id: string;
};

/** Outcome of {@link checkDeviceBinding}. */
export type BindingVerdict =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly reason: 'unknown-identity' | 'identity-mismatch';
      readonly detail: string;
    };

/** Options of {@link checkDeviceBinding}. */
export type BindingOptions = {
  /**
   * Device ids a bridge of a region may speak for (its GPS units, NTCIP cabinets). Absent, or
   * returning null for the region, lets a bridge speak for any device; the topic ACL still confines
   * it to its region.
   */
  readonly bridgeDevices?: (region: string) => ReadonlySet<string> | null;
};

const OK: BindingVerdict = Object.freeze({ ok: true });

/**
 * May `who` publish a message carrying `deviceId`? Devices, controllers and edges speak only for
 * their own id; a bridge for the devices behind it; the center (commands) and the simulator (it
 * stands in for every field device) for any id. `who` undefined means no known identity.
 */
export function checkDeviceBinding(
  who: BoundIdentity | undefined,
  deviceId: string,
  options: BindingOptions = {},
): BindingVerdict {
  if (who === undefined) {
    return { ok: false, reason: 'unknown-identity', detail: `no identity may speak for ${deviceId}` };
  }
  switch (who.role) {
    case 'device':
    case 'controller':
    case 'edge':
      return who.id === deviceId ? OK : mismatch(who, deviceId);
    case 'bridge': {
      const allowed = who.region === null ? null : (options.bridgeDevices?.(who.region) ?? null);
      return allowed === null || allowed.has(deviceId) ? OK : mismatch(who, deviceId);
    }
    case 'center':
    case 'sim':
      return OK;
    default: {
      const never: never = who.role;
      throw new Error(`unknown role ${String(never)}`);
    }
  }
}

function mismatch(who: BoundIdentity, deviceId: string): BindingVerdict {
  return {
    ok: false,
    reason: 'identity-mismatch',
    detail: `${who.username} may not speak for device ${deviceId}`,
  };
}

/**
 * The device id inside a raw message payload, without validating the rest (the broker checks the
 * binding before any subscriber parses). Null when the payload is not a JSON object with a string
 * `deviceId`: such a message is left for the subscriber's parser to count as malformed.
 */
export function deviceIdOfPayload(payload: Uint8Array | string): string | null {
  let value: unknown;
  try {
    value = JSON.parse(typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const id = (value as { deviceId?: unknown }).deviceId;
  return typeof id === 'string' ? id : null;
}

/**
 * A broker payload hook (the embedded broker's `authorizePayload`): refuses a JSON message whose
 * `deviceId` the publishing identity may not speak for. Payloads without a readable device id pass,
 * for the subscriber's parser to count as malformed. `onRefused` sees each refusal.
 */
export function payloadBinding(
  identityOf: (username: string) => BoundIdentity | undefined,
  options: BindingOptions & { readonly onRefused?: (verdict: BindingVerdict, topic: string) => void } = {},
): (clientId: string, username: string | undefined, topic: string, payload: Uint8Array) => boolean {
  return (_clientId, username, topic, payload) => {
    const deviceId = deviceIdOfPayload(payload);
    if (deviceId === null) return true;
    const verdict = checkDeviceBinding(
      username === undefined ? undefined : identityOf(username),
      deviceId,
      options,
    );
    if (!verdict.ok) options.onRefused?.(verdict, topic);
    return verdict.ok;
  };
}
