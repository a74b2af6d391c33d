/** Accounts and webhooks the phases deliver to, created through the API. */
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { WebhooksClient } from '../client/src/index.js';
import { generateWebhookSecret, SecretBox, secretHint } from '../server/src/webhooks/secret.js';
import { createApi, runPool, type HttpTransport } from './api.js';
import type { Receiver } from './receiver.client.js';

/** A developer account and a client acting as it. */
export interface BenchAccount {
  readonly id: string;
  readonly token: string;
  readonly api: WebhooksClient;
}

/** A webhook pointing at the receiver. */
export interface BenchWebhook {
  readonly id: string;
  /** The receiver path key (`/h/<key>`); the receiver checks signatures with its secret. */
  readonly key: string;
}

/** Webhooks created per request in flight; creating is API- and Postgres-bound. */
const CREATE_CONCURRENCY = 6;

/** Creates a developer account with the platform client. */
export async function createAccount(
  platform: WebhooksClient,
  graphqlUrl: string,
  transport: HttpTransport,
  name: string,
): Promise<BenchAccount> {
  const { createAccount: created } = await platform.createAccount({ name });
  return {
    id: created.account.id,
    token: created.token,
    api: createApi(graphqlUrl, created.token, transport),
  };
}

/**
 * Creates `count` webhooks of `account` subscribed to `eventType`, pointing at the receiver
 * under keys `<keyPrefix><i>`, and hands their secrets to the receiver.
 */
export async function createWebhooks(
  account: BenchAccount,
  receiver: Receiver,
  options: { count: number; eventType: string; keyPrefix: string },
  onProgress: (done: number) => void = () => undefined,
): Promise<BenchWebhook[]> {
  const created = await runPool(
    options.count,
    CREATE_CONCURRENCY,
    async (index) => {
      const key = `${options.keyPrefix}${index}`;
      const { createWebhook } = await account.api.createWebhook({
        input: {
          name: `bench ${key}`,
          url: receiver.urlFor(key),
          events: [options.eventType],
          timeoutSeconds: 10,
        },
      });
      return { id: createWebhook.webhook.id, key, secret: createWebhook.secret };
    },
    onProgress,
  );
  await receiver.addSecrets(created.map((w) => [w.key, w.secret] as const));
  return created.map(({ id, key }) => ({ id, key }));
}

/**
 * Inserts `count` webhooks of `account` subscribed to `eventType` straight into Postgres, with
 * secrets sealed by the service's own `SecretBox` under `secretKey`, exactly as createWebhook
 * stores them. For the 10,000-webhook fan-out: through the API each creation costs several
 * milliseconds of the two cores, which would take over a minute of the bench's five.
 */
export async function insertWebhooks(
  databaseUrl: string,
  secretKey: string,
  account: BenchAccount,
  receiver: Receiver,
  options: { count: number; eventType: string; keyPrefix: string },
): Promise<BenchWebhook[]> {
  const box = new SecretBox(secretKey);
  const created = Array.from({ length: options.count }, (_, index) => {
    const id = uuidv7();
    const key = `${options.keyPrefix}${index}`;
    const secret = generateWebhookSecret();
    return { id, key, secret, sealed: box.seal(secret, id), hint: secretHint(secret) };
  });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('begin');
    await client.query(
      `insert into webhooks (id, account_id, name, url, description, enabled, headers,
         timeout_seconds, secret_ciphertext, secret_hint, created_at, updated_at)
       select w.id, $1, 'bench ' || w.key, w.url, null, true, '[]', 10, w.sealed, w.hint,
         now(), now()
       from unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[])
         as w(id, key, url, sealed, hint)`,
      [
        account.id,
        created.map((w) => w.id),
        created.map((w) => w.key),
        created.map((w) => receiver.urlFor(w.key)),
        created.map((w) => w.sealed),
        created.map((w) => w.hint),
      ],
    );
    await client.query(
      `insert into webhook_subscriptions (id, webhook_id, event_type, created_at)
       select s.id, s.webhook_id, $1, now() from unnest($2::uuid[], $3::uuid[]) as s(id, webhook_id)`,
      [options.eventType, created.map(() => uuidv7()), created.map((w) => w.id)],
    );
    await client.query('commit');
  } finally {
    await client.end();
  }
  await receiver.addSecrets(created.map((w) => [w.key, w.secret] as const));
  return created.map(({ id, key }) => ({ id, key }));
}
