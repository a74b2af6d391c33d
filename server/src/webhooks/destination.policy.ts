import { promises as dns } from 'node:dns';
import ipaddr from 'ipaddr.js';
import { AppError } from '../errors.js';

/** Which destinations the operator lets webhooks deliver to (both off in production). */
export interface DestinationPolicy {
  /** Skips every address check: loopback, private and other non-public addresses pass. */
  readonly allowPrivate: boolean;
  /** Lets webhooks use plain `http://` besides `https://`. */
  readonly allowHttp: boolean;
}

/** Resolves a host name to all of its addresses. */
export type HostLookup = (hostname: string) => Promise<string[]>;

/** Resolves with the system resolver (`/etc/hosts` included), the way connections do. */
export const systemLookup: HostLookup = async (hostname) => {
  const found = await dns.lookup(hostname, { all: true, verbatim: true });
  return found.map((entry) => entry.address);
};

const MAX_URL_LENGTH = 2048;
const MIN_UNPRIVILEGED_PORT = 1024;
const WELL_KNOWN_WEB_PORTS = new Set([80, 443]);
const LOCAL_NAME_SUFFIXES = ['.localhost', '.local', '.internal'];

// ipaddr.js range names, as a reader of an error message would say them.
const RANGE_DESCRIPTIONS: Record<string, string> = {
  loopback: 'loopback address',
  private: 'private address',
  linkLocal: 'link-local address',
  carrierGradeNat: 'carrier-grade NAT address',
  uniqueLocal: 'unique-local address',
  multicast: 'multicast address',
  unspecified: 'unspecified address',
  broadcast: 'broadcast address',
  reserved: 'reserved address',
  rfc6052: 'NAT64 address',
  rfc6145: 'IPv4-translated address',
  '6to4': '6to4 relay address',
  teredo: 'Teredo tunnel address',
};

/**
 * Why an address is refused, or null when it is a public unicast address.
 * Accepts any spelling ipaddr.js parses (`127.1`, `2130706433`, `[::1]`, `::ffff:7f00:1`);
 * anything it cannot parse is refused as an invalid address.
 */
export function refusedAddressReason(ip: string): string | null {
  const text = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  if (!ipaddr.isValid(text)) {
    return 'invalid address';
  }

  const parsed = ipaddr.parse(text);
  if (parsed.kind() === 'ipv4') {
    return describeRange(parsed.range());
  }
  return refusedIPv6Reason(parsed as ipaddr.IPv6, text);
}

/** True when a connection to `ip` is allowed under `policy`. */
export function isAddressAllowed(ip: string, policy: DestinationPolicy): boolean {
  return policy.allowPrivate || refusedAddressReason(ip) === null;
}

/**
 * Validates a webhook URL for create and update, and returns it normalized (WHATWG `href`).
 * Throws `BAD_USER_INPUT` for a URL that is malformed, too long, relative, not http(s), or
 * whose host name does not resolve; throws `UNSAFE_DESTINATION` for user-info, plain http
 * where it is not allowed, a refused port, a refused address literal in any spelling, a local
 * host name, or a host name with any refused address. Messages start with `field`.
 */
export async function checkWebhookUrl(
  raw: string,
  field: string,
  policy: DestinationPolicy,
  lookup: HostLookup = systemLookup,
): Promise<string> {
  const url = parseWebhookUrl(raw, field);
  checkScheme(url, field, policy);
  checkUserInfo(url, field);
  checkPort(url, field);

  if (!policy.allowPrivate) {
    await checkHost(url.hostname, field, lookup);
  }
  return url.href;
}

function describeRange(range: string): string | null {
  if (range === 'unicast') {
    return null;
  }
  return RANGE_DESCRIPTIONS[range] ?? `non-public address (${range})`;
}

function refusedIPv6Reason(address: ipaddr.IPv6, text: string): string | null {
  // ipaddr.js reads the deprecated IPv4-compatible form `::a.b.c.d` as IPv4-mapped; it is not.
  const afterColons = text.startsWith('::') ? text.slice(2) : '';
  if (afterColons.includes('.') && !afterColons.includes(':')) {
    return 'IPv4-compatible IPv6 address';
  }
  if (address.isIPv4MappedAddress()) {
    return describeRange(address.toIPv4Address().range());
  }

  const reason = describeRange(address.range());
  if (reason !== null) {
    return reason;
  }

  // ipaddr.js calls `::7f00:1` unicast; only 2000::/3 is global unicast, the rest is reserved.
  const [first, ...rest] = address.parts;
  if (first === 0 && rest.slice(0, 5).every((part) => part === 0)) {
    return 'IPv4-compatible IPv6 address';
  }
  return first >= 0x2000 && first <= 0x3fff ? null : 'reserved address';
}

function parseWebhookUrl(raw: string, field: string): URL {
  if (raw.length > MAX_URL_LENGTH) {
    throw AppError.badInput(field, `URL must be at most ${MAX_URL_LENGTH} characters long`);
  }
  if (!URL.canParse(raw)) {
    throw AppError.badInput(field, 'must be an absolute URL such as https://example.com/webhook');
  }

  // Normalizing can grow the text (percent-encoding, punycode); the stored form counts too.
  const url = new URL(raw);
  if (url.href.length > MAX_URL_LENGTH) {
    throw AppError.badInput(field, `URL must be at most ${MAX_URL_LENGTH} characters long`);
  }
  return url;
}

function checkScheme(url: URL, field: string, policy: DestinationPolicy): void {
  if (url.protocol === 'https:') {
    return;
  }
  if (url.protocol !== 'http:') {
    throw AppError.badInput(field, `scheme ${url.protocol} is not supported, use https:`);
  }
  if (!policy.allowHttp) {
    throw AppError.unsafeDestination(field, 'plain http is not allowed, use https:');
  }
}

function checkUserInfo(url: URL, field: string): void {
  if (url.username !== '' || url.password !== '') {
    throw AppError.unsafeDestination(field, 'a user name or password in the URL is not allowed');
  }
}

function checkPort(url: URL, field: string): void {
  // WHATWG URL empties the port when it is the scheme's default.
  if (url.port === '') {
    return;
  }
  const port = Number(url.port);
  if (!WELL_KNOWN_WEB_PORTS.has(port) && port < MIN_UNPRIVILEGED_PORT) {
    throw AppError.unsafeDestination(
      field,
      `port ${port} is not allowed, use 80, 443 or 1024-65535`,
    );
  }
}

async function checkHost(hostname: string, field: string, lookup: HostLookup): Promise<void> {
  // http(s) hosts arrive normalized: IPv4 as a dotted quad, IPv6 in brackets.
  const literal = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  if (ipaddr.isValid(literal)) {
    const reason = refusedAddressReason(literal);
    if (reason !== null) {
      throw AppError.unsafeDestination(field, `${reason} ${literal} is not allowed`);
    }
    return;
  }

  if (isLocalName(hostname)) {
    throw AppError.unsafeDestination(field, `local host name ${hostname} is not allowed`);
  }
  const addresses = await resolveHost(hostname, field, lookup);
  for (const address of addresses) {
    const reason = refusedAddressReason(address);
    if (reason !== null) {
      throw AppError.unsafeDestination(
        field,
        `host ${hostname} resolves to ${reason} ${address}, which is not allowed`,
      );
    }
  }
}

function isLocalName(hostname: string): boolean {
  const name = hostname.replace(/\.+$/, '');
  return name === 'localhost' || LOCAL_NAME_SUFFIXES.some((suffix) => name.endsWith(suffix));
}

async function resolveHost(hostname: string, field: string, lookup: HostLookup): Promise<string[]> {
  let addresses: string[];
  try {
    addresses = await lookup(hostname);
  } catch (err: unknown) {
    throw new AppError('BAD_USER_INPUT', `${field}: host name does not resolve`, field, {
      cause: err,
    });
  }
  if (addresses.length === 0) {
    throw AppError.badInput(field, 'host name does not resolve');
  }
  return addresses;
}
