import { createHmac, timingSafeEqual } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import {
  computeSignature,
  parseWebhook,
  verifySignature,
  WebhookVerificationError,
  type WebhookVerificationFailure,
} from '../../client/src/index.js';

// The Node.js example of the platform's public webhooks page, as printed there (types added).
function seedVerifySignature(
  rawBody: string | Buffer,
  signatureHeader: string | undefined,
  secret: string,
): boolean {
  const expected = 'sha256=' + createHmac('sha256', secret).update(rawBody).digest('hex');
  if (!signatureHeader || signatureHeader.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(signatureHeader), Buffer.from(expected));
}

const SECRET = 'whsec_3q2-7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const BODY =
  '{"event":"vtc.member_joined","event_id":"550e8400-e29b-41d4-a716-446655440000",' +
  '"timestamp":"2026-06-30T12:00:00.000Z","data":{"vtcId":42,"userId":"user_abc","role":"Driver"}}';
const SIGNATURE = 'sha256=' + createHmac('sha256', SECRET).update(BODY).digest('hex');

describe('verifySignature', () => {
  const cases: { name: string; body: string | Buffer; header: string | undefined }[] = [
    { name: 'a valid signature', body: BODY, header: SIGNATURE },
    { name: 'a valid signature over bytes', body: Buffer.from(BODY), header: SIGNATURE },
    { name: 'a tampered body', body: BODY.replace('42', '43'), header: SIGNATURE },
    {
      name: 'a signature made with another secret',
      body: BODY,
      header: computeSignature(BODY, SECRET + 'x'),
    },
    { name: 'a missing header', body: BODY, header: undefined },
    { name: 'an empty header', body: BODY, header: '' },
    { name: 'a header one character short', body: BODY, header: SIGNATURE.slice(0, -1) },
    { name: 'a header one character long', body: BODY, header: SIGNATURE + '0' },
    { name: 'uppercase hex', body: BODY, header: 'sha256=' + SIGNATURE.slice(7).toUpperCase() },
    { name: 'a bare hex digest', body: BODY, header: SIGNATURE.slice(7) },
    { name: 'another prefix', body: BODY, header: 'sha512=' + SIGNATURE.slice(7) },
  ];

  it.each(cases)('answers like the public page for $name', ({ body, header }) => {
    expect(verifySignature(body, header, SECRET)).toBe(seedVerifySignature(body, header, SECRET));
  });

  it('accepts a valid signature and refuses the rest', () => {
    expect(cases.map((c) => verifySignature(c.body, c.header, SECRET))).toEqual([
      true,
      true,
      ...Array<boolean>(cases.length - 2).fill(false),
    ]);
  });

  it('signs with the secret string’s UTF-8 bytes, prefix included', () => {
    expect(computeSignature(BODY, SECRET)).toBe(SIGNATURE);
    expect(verifySignature(new Uint8Array(Buffer.from(BODY)), SIGNATURE, SECRET)).toBe(true);
  });

  it('refuses a non-ASCII header of the right length where the page’s function throws', () => {
    const header = SIGNATURE.slice(0, -1) + 'é';
    expect(() => seedVerifySignature(BODY, header, SECRET)).toThrow(RangeError);
    expect(verifySignature(BODY, header, SECRET)).toBe(false);
  });

  it('refuses null', () => {
    expect(verifySignature(BODY, null, SECRET)).toBe(false);
  });
});

describe('parseWebhook', () => {
  const expected = {
    event: 'vtc.member_joined',
    event_id: '550e8400-e29b-41d4-a716-446655440000',
    timestamp: '2026-06-30T12:00:00.000Z',
    data: { vtcId: 42, userId: 'user_abc', role: 'Driver' },
  };

  it.each([
    'X-TrucklineMP-Signature',
    'x-trucklinemp-signature',
    'X-TRUCKLINEMP-SIGNATURE',
    'x-TrucklineMp-SIGNATURE',
  ])('reads the signature from a plain header object as %s', (name) => {
    const headers = { 'content-type': 'application/json', [name]: SIGNATURE };
    expect(parseWebhook(BODY, headers, SECRET)).toEqual(expected);
  });

  it('reads the signature from a WHATWG Headers', () => {
    const headers = new Headers({ 'X-TrucklineMP-Signature': SIGNATURE });
    expect(parseWebhook(Buffer.from(BODY), headers, SECRET)).toEqual(expected);
  });

  it('accepts an array of header values when one of them verifies', () => {
    const headers = { 'x-trucklinemp-signature': ['sha256=00', SIGNATURE] };
    expect(parseWebhook(BODY, headers, SECRET)).toEqual(expected);
  });

  it('returns only the four documented keys', () => {
    const body = BODY.slice(0, -1) + ',"extra":true}';
    const event = parseWebhook(body, { 'x-trucklinemp-signature': sign(body) }, SECRET);
    expect(Object.keys(event)).toEqual(['event', 'event_id', 'timestamp', 'data']);
  });

  const failures: {
    name: string;
    body: string | Uint8Array;
    headers: Record<string, string | string[] | undefined> | Headers;
    reason: WebhookVerificationFailure;
  }[] = [
    { name: 'no headers', body: BODY, headers: {}, reason: 'missing_signature' },
    {
      name: 'an undefined header',
      body: BODY,
      headers: { 'x-trucklinemp-signature': undefined },
      reason: 'missing_signature',
    },
    {
      name: 'an empty header',
      body: BODY,
      headers: { 'x-trucklinemp-signature': '' },
      reason: 'missing_signature',
    },
    {
      name: 'an empty array',
      body: BODY,
      headers: { 'x-trucklinemp-signature': [] },
      reason: 'missing_signature',
    },
    { name: 'an empty Headers', body: BODY, headers: new Headers(), reason: 'missing_signature' },
    {
      name: 'a tampered body',
      body: BODY.replace('Driver', 'Owner'),
      headers: { 'X-TrucklineMP-Signature': SIGNATURE },
      reason: 'bad_signature',
    },
    {
      name: 'another secret’s signature in Headers',
      body: BODY,
      headers: new Headers({ 'x-trucklinemp-signature': computeSignature(BODY, 'whsec_other') }),
      reason: 'bad_signature',
    },
    ...[
      ['a body that is not JSON', 'not json'],
      ['a JSON array', '[]'],
      ['JSON null', 'null'],
      ['a missing event', '{"event_id":"e","timestamp":"t","data":{}}'],
      ['a numeric event_id', '{"event":"webhook.test","event_id":1,"timestamp":"t","data":{}}'],
      ['a missing timestamp', '{"event":"webhook.test","event_id":"e","data":{}}'],
      ['an array data', '{"event":"webhook.test","event_id":"e","timestamp":"t","data":[]}'],
      ['a null data', '{"event":"webhook.test","event_id":"e","timestamp":"t","data":null}'],
    ].map(([name, body]) => ({
      name: name!,
      body: body!,
      headers: { 'x-trucklinemp-signature': sign(body!) },
      reason: 'malformed_body' as const,
    })),
    {
      name: 'bytes that are not UTF-8',
      body: new Uint8Array([0x7b, 0xff, 0x7d]),
      headers: { 'x-trucklinemp-signature': sign(new Uint8Array([0x7b, 0xff, 0x7d])) },
      reason: 'malformed_body',
    },
    {
      name: 'an event type outside the catalog',
      body: '{"event":"vtc.deleted","event_id":"e","timestamp":"t","data":{}}',
      headers: {
        'x-trucklinemp-signature': sign(
          '{"event":"vtc.deleted","event_id":"e","timestamp":"t","data":{}}',
        ),
      },
      reason: 'unknown_event',
    },
  ];

  it.each(failures)('refuses $name with $reason', ({ body, headers, reason }) => {
    let thrown: unknown;
    try {
      parseWebhook(body, headers, SECRET);
    } catch (err: unknown) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(WebhookVerificationError);
    expect((thrown as WebhookVerificationError).reason).toBe(reason);
    expect((thrown as WebhookVerificationError).name).toBe('WebhookVerificationError');
  });

  it('checks the signature before looking at the body', () => {
    expect(() =>
      parseWebhook('not json', { 'x-trucklinemp-signature': SIGNATURE }, SECRET),
    ).toThrow(expect.objectContaining({ reason: 'bad_signature' }));
  });
});

function sign(body: string | Uint8Array): string {
  return 'sha256=' + createHmac('sha256', SECRET).update(body).digest('hex');
}
