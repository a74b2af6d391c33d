import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { buildConnector } from 'undici';
import { refusedAddressReason, type DestinationPolicy } from '../webhooks/destination.policy.js';

/** A safety net only: the attempt's own timer (at most 30 s) is meant to fire first. undici's
 * default of 10 s would cut a slow but allowed connection short. */
export const CONNECT_TIMEOUT_MS = 60_000;

/** The connection would reach an address the destination policy refuses. */
export class BlockedDestinationError extends Error {
  readonly code = 'ERR_BLOCKED_DESTINATION';

  constructor(message: string) {
    super(message);
    this.name = 'BlockedDestinationError';
  }
}

/**
 * Builds the connector of the shared agent. Node's `net` skips `lookup` for IP literals,
 * so literals are checked here; names go through a lookup that drops refused addresses;
 * and the connected socket's remote address is checked last.
 */
export function createGuardedConnector(
  policy: DestinationPolicy,
  lookup: LookupFunction | undefined,
): buildConnector.connector {
  if (policy.allowPrivate) {
    return buildConnector({ timeout: CONNECT_TIMEOUT_MS, ...(lookup ? { lookup } : {}) });
  }
  const connect = buildConnector({
    timeout: CONNECT_TIMEOUT_MS,
    lookup: createGuardedLookup(lookup ?? dnsLookup),
  });

  return (options, callback) => {
    const host = options.hostname.replace(/^\[(.*)\]$/, '$1');
    const literalReason = isIP(host) === 0 ? null : refusedAddressReason(host);
    if (literalReason !== null) {
      callback(new BlockedDestinationError(`${literalReason} ${host} is not allowed`), null);
      return;
    }

    connect(options, (...args: Parameters<buildConnector.Callback>) => {
      const [err, socket] = args;
      if (err !== null) {
        callback(err, null);
        return;
      }
      const remote = socket.remoteAddress;
      const reason = remote === undefined ? 'unknown address' : refusedAddressReason(remote);
      if (reason !== null) {
        socket.destroy();
        const where = remote === undefined ? reason : `${reason} ${remote}`;
        callback(new BlockedDestinationError(`connected to ${where}, which is not allowed`), null);
        return;
      }
      callback(null, socket);
    });
  };
}

/**
 * Wraps a `dns.lookup`-compatible resolver so refused addresses are never returned. Answers
 * in the shape asked for: Node 20's `net` asks with `all: true` (address family
 * auto-selection), other callers for a single address.
 */
function createGuardedLookup(inner: LookupFunction): LookupFunction {
  return (hostname, options, callback) => {
    inner(hostname, { ...options, all: true }, (err, found, family) => {
      if (err) {
        callback(err, options.all ? [] : '');
        return;
      }

      const addresses = toLookupAddresses(found, family);
      const allowed = addresses.filter((entry) => refusedAddressReason(entry.address) === null);
      if (allowed.length === 0) {
        callback(refusedLookupError(hostname, addresses), options.all ? [] : '');
      } else if (options.all) {
        callback(null, allowed);
      } else {
        callback(null, allowed[0].address, allowed[0].family);
      }
    });
  };
}

function toLookupAddresses(found: string | LookupAddress[], family?: number): LookupAddress[] {
  if (typeof found !== 'string') {
    return found;
  }
  return [{ address: found, family: family ?? isIP(found) }];
}

function refusedLookupError(hostname: string, addresses: LookupAddress[]): Error {
  if (addresses.length === 0) {
    return Object.assign(new Error(`host name ${hostname} does not resolve`), {
      code: 'ENOTFOUND',
    });
  }
  const first = addresses[0].address;
  return new BlockedDestinationError(
    `host ${hostname} resolves to ${refusedAddressReason(first)} ${first}, which is not allowed`,
  );
}
