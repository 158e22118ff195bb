/**
 * @module center/http/client-address
 * Which address a request comes from, for the rate limiter and the per-address WebSocket cap. Behind a
 * reverse proxy or load balancer every request arrives from the proxy's address, so one busy client
 * would exhaust every client's share. A proxy the operator names (`its center --trust-proxy`) is
 * believed about the client it forwards for: its `X-Forwarded-For` list is read from the right (the
 * nearest hop first), past every trusted address, and the first one it does not trust is the client
 * (the rule of nginx's `real_ip_recursive` and Express's `trust proxy`). Nobody else is believed: a
 * client connecting directly cannot choose its own address by sending the header. A list a trusted
 * proxy passes on that holds something other than an IP address stops the walk at the hop that added
 * it, so garbage counts against that proxy's address, never against an address it did not write.
 */
import { BlockList, isIP } from 'node:net';

/** The proxies whose `X-Forwarded-For` is believed; none by default. */
export class ProxyTrust {
  readonly #list = new BlockList();
  readonly #entries: readonly string[];

  /** Trust these addresses and CIDR blocks (`127.0.0.1`, `10.0.0.0/8`, `::1`, `fd00::/8`). */
  constructor(entries: readonly string[] = []) {
    const kept: string[] = [];
    for (const raw of entries) {
      const entry = raw.trim();
      if (entry === '') continue;
      const [address = '', bits, extra] = entry.split('/');
      const family = isIP(address);
      const max = family === 4 ? 32 : 128;
      const prefix = bits === undefined ? max : Number(bits);
      if (
        family === 0 ||
        extra !== undefined ||
        (bits !== undefined && !/^\d{1,3}$/.test(bits)) ||
        !(prefix >= 0 && prefix <= max)
      ) {
        throw new RangeError(
          `'${entry}' is not an IP address or CIDR block (e.g. 127.0.0.1, 10.0.0.0/8, ::1)`,
        );
      }
      this.#list.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
      kept.push(entry);
    }
    this.#entries = kept;
  }

  /** Parse a comma-separated list, as `--trust-proxy` takes it. */
  static parse(list: string): ProxyTrust {
    return new ProxyTrust(list.split(','));
  }

  /** The addresses and blocks trusted, as given. */
  get entries(): readonly string[] {
    return this.#entries;
  }

  /** Whether `address` is a trusted proxy. */
  trusts(address: string): boolean {
    const family = isIP(address);
    return family !== 0 && this.#list.check(address, family === 4 ? 'ipv4' : 'ipv6');
  }

  /**
   * The client's address: the peer's own, unless the peer is trusted and says whom it forwards for.
   * `forwardedFor` is the `X-Forwarded-For` header (several headers joined by commas).
   */
  clientAddress(peer: string, forwardedFor: string | undefined): string {
    let client = plain(peer);
    if (this.#entries.length === 0 || forwardedFor === undefined || !this.trusts(client)) return client;
    const hops = forwardedFor.split(',');
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = plain(bareAddress(hops[i] ?? ''));
      if (isIP(hop) === 0) return client;
      client = hop;
      if (!this.trusts(hop)) return client;
    }
    return client;
  }
}

/** An IPv4 address mapped into IPv6 (`::ffff:10.0.0.1`, as dual-stack sockets give it) as IPv4. */
function plain(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m === null ? address : (m[1] ?? address);
}

/** A hop as proxies write it: trimmed, an IPv6 address possibly in brackets, maybe with a port. */
function bareAddress(hop: string): string {
  const h = hop.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(h);
  if (bracketed !== null) return bracketed[1] ?? '';
  const v4port = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(h);
  return v4port === null ? h : (v4port[1] ?? '');
}
