/**
 * A minimal TrucklineMP webhook receiver on Node's `http` module.
 *
 *   npm run build -w client
 *   WEBHOOK_SECRET=whsec_... node --import @swc-node/register/esm-register examples/receiver.ts
 *
 * It reads the raw body (the signature covers those exact bytes), verifies and parses it with
 * `parseWebhook`, answers 204 at once and handles the event afterwards. Deliveries are
 * at-least-once: dedupe on `event_id`.
 */
import { createServer, type IncomingMessage } from 'node:http';

import {
  parseWebhook,
  WebhookVerificationError,
  type WebhookEvent,
} from '@trucklinemp/webhooks-client';

const secret = process.env.WEBHOOK_SECRET;
if (!secret)
  throw new Error('Set WEBHOOK_SECRET to the signing secret shown when the webhook was created.');
const port = Number(process.env.PORT ?? 8080);

/** Event ids already handled; a real receiver keeps these in its database. */
const seen = new Set<string>();

/** Reads the whole request body as bytes, refusing bodies over `limit` bytes. */
export async function readRawBody(req: IncomingMessage, limit = 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

/** What the integration does with a verified event. */
export function handleEvent(event: WebhookEvent): void {
  switch (event.event) {
    case 'vtc.member_joined':
      console.log('member joined', event.data);
      break;
    case 'webhook.test':
      console.log('test delivery received');
      break;
    default:
      console.log('event', event.event);
  }
}

const server = createServer((req, res) => {
  if (req.method !== 'POST') {
    res.writeHead(405, { allow: 'POST' }).end();
    return;
  }

  readRawBody(req)
    .then((rawBody) => {
      const event = parseWebhook(rawBody, req.headers, secret);

      // Acknowledge first: the service retries anything that is not 2xx within its timeout.
      res.writeHead(204).end();
      if (seen.has(event.event_id)) return;
      seen.add(event.event_id);
      handleEvent(event);
    })
    .catch((err: unknown) => {
      if (err instanceof WebhookVerificationError) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end(err.reason);
        return;
      }
      console.error(err);
      res.writeHead(500).end();
    });
});

server.listen(port, () => console.log(`listening on http://localhost:${port}`));
