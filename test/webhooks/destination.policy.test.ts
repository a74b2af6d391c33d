import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../../server/src/errors.js';
import {
  checkWebhookUrl,
  isAddressAllowed,
  refusedAddressReason,
  type DestinationPolicy,
  type HostLookup,
} from '../../server/src/webhooks/destination.policy.js';

const FIELD = 'input.url';
const STRICT: DestinationPolicy = { allowPrivate: false, allowHttp: false };
const WITH_HTTP: DestinationPolicy = { allowPrivate: false, allowHttp: true };
const PRIVATE_OK: DestinationPolicy = { allowPrivate: true, allowHttp: true };

/** Answers every name with public addresses, so no test needs real DNS. */
const publicLookup: HostLookup = async () => ['93.184.215.14', '2606:4700::1111'];

/** Fails the test if a lookup happens where none should. */
const noLookup: HostLookup = async (hostname) => {
  throw new Error(`unexpected lookup of ${hostname}`);
};

async function refusal(
  raw: string,
  policy: DestinationPolicy = STRICT,
  lookup: HostLookup = noLookup,
): Promise<AppError> {
  try {
    await checkWebhookUrl(raw, FIELD, policy, lookup);
  } catch (err: unknown) {
    if (err instanceof AppError) {
      return err;
    }
    throw err;
  }
  throw new Error(`${raw} was accepted`);
}

describe('refusedAddressReason', () => {
  it.each([
    ['127.0.0.1', 'loopback address'],
    ['127.255.255.254', 'loopback address'],
    ['::1', 'loopback address'],
    ['10.1.2.3', 'private address'],
    ['172.16.0.1', 'private address'],
    ['172.31.255.255', 'private address'],
    ['192.168.1.1', 'private address'],
    ['169.254.169.254', 'link-local address'],
    ['fe80::1', 'link-local address'],
    ['fe80::1%eth0', 'link-local address'],
    ['100.64.0.1', 'carrier-grade NAT address'],
    ['fc00::1', 'unique-local address'],
    ['fd12:3456::1', 'unique-local address'],
    ['224.0.0.1', 'multicast address'],
    ['ff02::1', 'multicast address'],
    ['0.0.0.0', 'unspecified address'],
    ['::', 'unspecified address'],
    ['255.255.255.255', 'broadcast address'],
    ['192.0.2.1', 'reserved address'],
    ['198.18.0.1', 'reserved address'],
    ['240.0.0.1', 'reserved address'],
    ['2001:db8::1', 'reserved address'],
    ['64:ff9b::7f00:1', 'NAT64 address'],
    ['2002:7f00:1::', '6to4 relay address'],
    ['2001::1', 'Teredo tunnel address'],
    ['::ffff:127.0.0.1', 'loopback address'],
    ['::ffff:7f00:1', 'loopback address'],
    ['::ffff:a9fe:a9fe', 'link-local address'],
    ['::127.0.0.1', 'IPv4-compatible IPv6 address'],
    ['::8.8.8.8', 'IPv4-compatible IPv6 address'],
    ['::7f00:1', 'IPv4-compatible IPv6 address'],
    ['0:0:0:0:0:0:127.0.0.1', 'IPv4-compatible IPv6 address'],
    ['4000::1', 'reserved address'],
    ['[::1]', 'loopback address'],
    ['2130706433', 'loopback address'],
    ['0x7f.1', 'loopback address'],
    ['127.1', 'loopback address'],
    ['not-an-address', 'invalid address'],
    ['', 'invalid address'],
  ])('refuses %s as a %s', (ip, reason) => {
    expect(refusedAddressReason(ip)).toBe(reason);
  });

  it.each(['8.8.8.8', '93.184.215.14', '1.1.1.1', '2606:4700::1111', '::ffff:8.8.8.8'])(
    'lets public unicast address %s through',
    (ip) => {
      expect(refusedAddressReason(ip)).toBeNull();
    },
  );
});

describe('isAddressAllowed', () => {
  it('refuses loopback unless private destinations are allowed', () => {
    expect(isAddressAllowed('127.0.0.1', STRICT)).toBe(false);
    expect(isAddressAllowed('127.0.0.1', PRIVATE_OK)).toBe(true);
    expect(isAddressAllowed('8.8.8.8', STRICT)).toBe(true);
  });
});

describe('checkWebhookUrl', () => {
  const unsafe: Array<[label: string, url: string, code: ErrorCode, message: RegExp]> = [
    ['decimal IPv4', 'https://2130706433/', 'UNSAFE_DESTINATION', /loopback address 127\.0\.0\.1/],
    ['hex IPv4', 'https://0x7f000001/', 'UNSAFE_DESTINATION', /loopback address 127\.0\.0\.1/],
    ['hex dotted IPv4', 'https://0x7f.1/', 'UNSAFE_DESTINATION', /loopback address/],
    ['octal IPv4', 'https://0177.0.0.1/', 'UNSAFE_DESTINATION', /loopback address/],
    ['shortened IPv4', 'https://127.1/', 'UNSAFE_DESTINATION', /loopback address/],
    ['trailing-dot IPv4', 'https://127.0.0.1./', 'UNSAFE_DESTINATION', /loopback address/],
    ['percent-encoded IPv4', 'https://%31%32%37.0.0.1/', 'UNSAFE_DESTINATION', /loopback/],
    ['full-width IPv4', 'https://１２７.0.0.1/', 'UNSAFE_DESTINATION', /loopback address/],
    ['decimal private', 'https://3232235777/', 'UNSAFE_DESTINATION', /private address 192\.168/],
    ['mapped dotted', 'https://[::ffff:127.0.0.1]/', 'UNSAFE_DESTINATION', /loopback address/],
    ['mapped hex', 'https://[::ffff:7f00:1]/', 'UNSAFE_DESTINATION', /loopback address/],
    ['mapped metadata', 'https://[::ffff:a9fe:a9fe]/', 'UNSAFE_DESTINATION', /link-local/],
    ['IPv4-compatible', 'https://[::127.0.0.1]/', 'UNSAFE_DESTINATION', /IPv4-compatible/],
    ['IPv6 loopback', 'https://[::1]/', 'UNSAFE_DESTINATION', /loopback address ::1 /],
    ['IPv6 ULA', 'https://[fd00::1]/', 'UNSAFE_DESTINATION', /unique-local address/],
    ['IPv6 link-local', 'https://[fe80::1]/', 'UNSAFE_DESTINATION', /link-local address/],
    ['IPv6 unspecified', 'https://[::]/', 'UNSAFE_DESTINATION', /unspecified address/],
    ['NAT64 loopback', 'https://[64:ff9b::7f00:1]/', 'UNSAFE_DESTINATION', /NAT64/],
    ['cloud metadata', 'https://169.254.169.254/latest', 'UNSAFE_DESTINATION', /link-local/],
    ['carrier-grade NAT', 'https://100.64.1.1/', 'UNSAFE_DESTINATION', /carrier-grade NAT/],
    ['unspecified', 'https://0.0.0.0/', 'UNSAFE_DESTINATION', /unspecified address/],
    ['zero', 'https://0/', 'UNSAFE_DESTINATION', /unspecified address 0\.0\.0\.0/],
    ['multicast', 'https://224.0.0.1/', 'UNSAFE_DESTINATION', /multicast address/],
    ['broadcast', 'https://255.255.255.255/', 'UNSAFE_DESTINATION', /broadcast address/],
    ['10/8', 'https://10.0.0.5/', 'UNSAFE_DESTINATION', /private address 10\.0\.0\.5/],
    ['172.16/12', 'https://172.20.1.1/', 'UNSAFE_DESTINATION', /private address/],
    ['192.168/16', 'https://192.168.0.10:8443/', 'UNSAFE_DESTINATION', /private address/],
    ['localhost', 'https://localhost/', 'UNSAFE_DESTINATION', /local host name localhost/],
    ['LOCALHOST.', 'https://LOCALHOST./', 'UNSAFE_DESTINATION', /local host name/],
    ['*.localhost', 'https://api.localhost/', 'UNSAFE_DESTINATION', /local host name/],
    ['*.local', 'https://printer.local/', 'UNSAFE_DESTINATION', /local host name/],
    ['*.internal', 'https://metadata.google.internal/', 'UNSAFE_DESTINATION', /local host/],
    ['user and password', 'https://user:pass@example.com/', 'UNSAFE_DESTINATION', /user name/],
    ['user only', 'https://user@example.com/', 'UNSAFE_DESTINATION', /user name or password/],
    ['password only', 'https://:pass@example.com/', 'UNSAFE_DESTINATION', /user name/],
    ['port 22', 'https://example.com:22/', 'UNSAFE_DESTINATION', /port 22 is not allowed/],
    ['port 25', 'https://example.com:25/', 'UNSAFE_DESTINATION', /port 25 is not allowed/],
    ['port 0', 'https://example.com:0/', 'UNSAFE_DESTINATION', /port 0 is not allowed/],
    ['port 81', 'https://example.com:81/', 'UNSAFE_DESTINATION', /port 81 is not allowed/],
    ['port 1023', 'https://example.com:1023/', 'UNSAFE_DESTINATION', /port 1023 is not/],
    ['port 65536', 'https://example.com:65536/', 'BAD_USER_INPUT', /absolute URL/],
    ['plain http', 'http://example.com/', 'UNSAFE_DESTINATION', /plain http is not allowed/],
    ['ftp scheme', 'ftp://example.com/', 'BAD_USER_INPUT', /scheme ftp: is not supported/],
    ['javascript scheme', 'javascript:alert(1)', 'BAD_USER_INPUT', /scheme javascript:/],
    ['file scheme', 'file:///etc/passwd', 'BAD_USER_INPUT', /scheme file:/],
    ['relative URL', '/webhook', 'BAD_USER_INPUT', /must be an absolute URL/],
    ['no scheme', 'example.com/webhook', 'BAD_USER_INPUT', /must be an absolute URL/],
    ['empty', '', 'BAD_USER_INPUT', /must be an absolute URL/],
    [
      'too long',
      `https://example.com/${'a'.repeat(2030)}`,
      'BAD_USER_INPUT',
      /at most 2048 characters/,
    ],
    [
      'too long once normalized',
      `https://example.com/${'é'.repeat(500)}`,
      'BAD_USER_INPUT',
      /at most 2048 characters/,
    ],
  ];

  it.each(unsafe)('refuses %s (%s) with %s', async (_label, url, code, message) => {
    const err = await refusal(url);

    expect(err.code).toBe(code);
    expect(err.field).toBe(FIELD);
    expect(err.message).toMatch(new RegExp(`^${FIELD}: `));
    expect(err.message).toMatch(message);
  });

  it('names the field and the rule in the message', async () => {
    const err = await refusal('https://127.0.0.1/hook');

    expect(err.message).toBe('input.url: loopback address 127.0.0.1 is not allowed');
  });

  it.each([
    ['https://example.com/webhook', 'https://example.com/webhook'],
    ['https://EXAMPLE.com:443/a?b=c', 'https://example.com/a?b=c'],
    ['https://example.com:8443/hooks/1', 'https://example.com:8443/hooks/1'],
    ['https://example.com:80/', 'https://example.com:80/'],
    ['https://example.com:65535/', 'https://example.com:65535/'],
    ['https://93.184.215.14/hook', 'https://93.184.215.14/hook'],
    ['https://[2606:4700::1111]/hook', 'https://[2606:4700::1111]/hook'],
    ['https://[::ffff:8.8.8.8]/', 'https://[::ffff:808:808]/'],
    ['https://bücher.example/', 'https://xn--bcher-kva.example/'],
  ])('accepts %s as %s', async (url, normalized) => {
    await expect(checkWebhookUrl(url, FIELD, STRICT, publicLookup)).resolves.toBe(normalized);
  });

  it('uses the URL as given, 2048 characters long', async () => {
    const url = `https://example.com/${'a'.repeat(2048 - 'https://example.com/'.length)}`;

    await expect(checkWebhookUrl(url, FIELD, STRICT, publicLookup)).resolves.toBe(url);
  });

  it('refuses a host name that resolves to a private address', async () => {
    const lookup: HostLookup = async () => ['10.0.0.7'];

    const err = await refusal('https://hooks.example.com/', STRICT, lookup);

    expect(err.code).toBe('UNSAFE_DESTINATION');
    expect(err.message).toBe(
      'input.url: host hooks.example.com resolves to private address 10.0.0.7, which is not allowed',
    );
  });

  it('refuses a host name when any of its addresses is refused', async () => {
    const lookup: HostLookup = async () => ['93.184.215.14', '::1'];

    const err = await refusal('https://mixed.example.com/', STRICT, lookup);

    expect(err.code).toBe('UNSAFE_DESTINATION');
    expect(err.message).toMatch(/resolves to loopback address ::1/);
  });

  it('refuses a host name that resolves to an IPv4-mapped loopback address', async () => {
    const lookup: HostLookup = async () => ['::ffff:127.0.0.1'];

    const err = await refusal('https://mapped.example.com/', STRICT, lookup);

    expect(err.code).toBe('UNSAFE_DESTINATION');
  });

  it('refuses a host name that does not resolve as bad input', async () => {
    const failing: HostLookup = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };

    const err = await refusal('https://nowhere.example.com/', STRICT, failing);
    const empty = await refusal('https://nowhere.example.com/', STRICT, async () => []);

    expect(err.code).toBe('BAD_USER_INPUT');
    expect(err.message).toBe('input.url: host name does not resolve');
    expect(err.cause).toBeInstanceOf(Error);
    expect(empty.code).toBe('BAD_USER_INPUT');
  });

  it('looks up the host name it checks', async () => {
    const asked: string[] = [];
    const lookup: HostLookup = async (hostname) => {
      asked.push(hostname);
      return ['93.184.215.14'];
    };

    await checkWebhookUrl('https://Hooks.Example.COM/x', FIELD, STRICT, lookup);

    expect(asked).toEqual(['hooks.example.com']);
  });

  it('lets loopback and local names through when private destinations are allowed', async () => {
    await expect(checkWebhookUrl('http://127.0.0.1:4010/hook', FIELD, PRIVATE_OK)).resolves.toBe(
      'http://127.0.0.1:4010/hook',
    );
    await expect(
      checkWebhookUrl('http://localhost:4010/', FIELD, PRIVATE_OK, noLookup),
    ).resolves.toBe('http://localhost:4010/');
  });

  it('still refuses user-info, bad ports and bad schemes when private destinations are allowed', async () => {
    expect((await refusal('http://u:p@127.0.0.1:4010/', PRIVATE_OK)).code).toBe(
      'UNSAFE_DESTINATION',
    );
    expect((await refusal('http://127.0.0.1:22/', PRIVATE_OK)).code).toBe('UNSAFE_DESTINATION');
    expect((await refusal('ftp://127.0.0.1/', PRIVATE_OK)).code).toBe('BAD_USER_INPUT');
  });

  it('accepts plain http only when the policy allows it', async () => {
    const http = 'http://example.com/hook';

    await expect(checkWebhookUrl(http, FIELD, WITH_HTTP, publicLookup)).resolves.toBe(http);
    expect((await refusal(http, STRICT, publicLookup)).code).toBe('UNSAFE_DESTINATION');
    expect((await refusal('http://127.0.0.1/', WITH_HTTP)).message).toMatch(/loopback/);
  });
});
