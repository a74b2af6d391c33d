import { createHmac } from 'node:crypto';

/** The value of `X-TrucklineMP-Signature` for a body signed with a webhook's secret. */
export function signPayload(secret: string, body: string | Buffer): string {
  return 'sha256=' + createHmac('sha256', secret).update(body).digest('hex');
}
