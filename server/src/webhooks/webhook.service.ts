import { LockMode, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { named, type Database } from '../db/database.js';
import { isUuid, type PageRequest } from '../graphql/connection.js';
import { isCatalogEventType } from '../events/catalog.js';
import { checkIntRange, checkName, checkText } from '../validation/rules.js';
import { Webhook, type HeaderPair } from './webhook.entity.js';
import { WebhookSubscription } from './webhook-subscription.entity.js';
import { checkCustomHeaders } from './header.policy.js';
import { checkWebhookUrl, type DestinationPolicy, type HostLookup } from './destination.policy.js';
import { generateWebhookSecret, secretHint, type SecretBox } from './secret.js';

const MAX_EVENTS = 50;
const DEFAULT_TIMEOUT_SECONDS = 30;

/** The fields of a new webhook, as the API receives them. */
export interface WebhookDraft {
  name: string;
  url: string;
  events: string[];
  description?: string | null;
  headers?: HeaderPair[] | null;
  enabled?: boolean | null;
  timeoutSeconds?: number | null;
}

/** Changes to a webhook; `undefined` leaves a field as it is. */
export type WebhookChanges = { [K in keyof WebhookDraft]?: WebhookDraft[K] | null };

interface WebhookRow {
  id: string;
  account_id: string;
  name: string;
  url: string;
  description: string | null;
  enabled: boolean;
  headers: HeaderPair[];
  timeout_seconds: number;
  secret_ciphertext: string;
  secret_hint: string;
  secret_rotated_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** Webhooks of developer accounts: validation, secrets, subscriptions. */
export class WebhookService {
  constructor(
    private readonly orm: MikroORM,
    private readonly db: Database,
    private readonly secrets: SecretBox,
    private readonly policy: DestinationPolicy,
    private readonly log: Logger,
    private readonly lookup?: HostLookup,
  ) {}

  /** Creates a webhook; returns it with its new signing secret. */
  async create(
    accountId: string,
    draft: WebhookDraft,
  ): Promise<{ webhook: Webhook; secret: string }> {
    const name = checkName('input.name', draft.name);
    const events = checkEvents('input.events', draft.events);
    const description = optionalDescription(draft.description);
    const headers = checkCustomHeaders('input.headers', draft.headers ?? []);
    const timeoutSeconds = checkIntRange(
      'input.timeoutSeconds',
      draft.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
      1,
      30,
    );
    // The URL is stored as given; the sender parses it the same way and checks the address
    // it actually connects to on every attempt.
    await checkWebhookUrl(draft.url, 'input.url', this.policy, this.lookup);
    const url = draft.url;

    const em = this.orm.em.fork();
    const id = uuidv7();
    const secret = generateWebhookSecret();
    const now = new Date();
    const webhook = em.create(Webhook, {
      id,
      accountId,
      name,
      url,
      description,
      enabled: draft.enabled ?? true,
      headers,
      timeoutSeconds,
      secretCiphertext: this.secrets.seal(secret, id),
      secretHint: secretHint(secret),
      createdAt: now,
      updatedAt: now,
    });
    for (const eventType of events) {
      em.create(WebhookSubscription, { id: uuidv7(), webhookId: id, eventType, createdAt: now });
    }
    await em.flush();
    this.log.info({ accountId, webhookId: id, events: events.length }, 'webhook created');
    return { webhook, secret };
  }

  /** Applies the given changes; disabling ends pending deliveries as FAILED. */
  async update(accountId: string, id: string, changes: WebhookChanges): Promise<Webhook> {
    const fields = await this.checkChanges(changes);
    return this.orm.em.fork().transactional(async (em) => {
      const webhook = await this.findOwned(em, accountId, id, true);
      if (!webhook) {
        throw AppError.notFound('Webhook', id);
      }
      const disabling = webhook.enabled && fields.enabled === false;
      const { events, ...scalars } = fields;
      em.assign(webhook, { ...scalars, updatedAt: new Date() });
      if (events) {
        await replaceSubscriptions(em, webhook.id, events);
      }
      if (disabling) {
        await em.execute(
          `update deliveries set status = 'FAILED', next_attempt_at = null, resume_at = null,
             completed_at = now()
           where webhook_id = ? and status in ('PENDING', 'RETRYING')
             and (leased_until is null or leased_until < now())`,
          [webhook.id],
        );
      }
      await em.flush();
      this.log.info({ accountId, webhookId: id, disabling }, 'webhook updated');
      return webhook;
    });
  }

  /** Deletes a webhook with its subscriptions and its whole delivery history. */
  async delete(accountId: string, id: string): Promise<string> {
    const deleted = isUuid(id)
      ? await this.orm.em.fork().nativeDelete(Webhook, { id, accountId })
      : 0;
    if (deleted === 0) {
      throw AppError.notFound('Webhook', id);
    }
    this.log.info({ accountId, webhookId: id }, 'webhook deleted');
    return id;
  }

  /** Replaces the signing secret; the old one stops signing at once. */
  async rotateSecret(accountId: string, id: string): Promise<{ webhook: Webhook; secret: string }> {
    const em = this.orm.em.fork();
    const webhook = await this.findOwned(em, accountId, id);
    if (!webhook) {
      throw AppError.notFound('Webhook', id);
    }
    const secret = generateWebhookSecret();
    const now = new Date();
    em.assign(webhook, {
      secretCiphertext: this.secrets.seal(secret, webhook.id),
      secretHint: secretHint(secret),
      secretRotatedAt: now,
      updatedAt: now,
    });
    await em.flush();
    this.log.info({ accountId, webhookId: id }, 'webhook secret rotated');
    return { webhook, secret };
  }

  /** One webhook of the account, or null when missing or another account's. */
  async get(accountId: string, id: string): Promise<Webhook | null> {
    return this.findOwned(this.orm.em.fork(), accountId, id);
  }

  /** A page of the account's webhooks, oldest first, and how many there are in all. */
  async list(accountId: string, page: PageRequest): Promise<{ rows: Webhook[]; total: number }> {
    const em = this.orm.em.fork();
    const where = page.afterId ? { accountId, id: { $gt: page.afterId } } : { accountId };
    const [rows, total] = await Promise.all([
      em.find(Webhook, where, { orderBy: { id: 'asc' }, limit: page.limit + 1 }),
      em.count(Webhook, { accountId }),
    ]);
    return { rows, total };
  }

  /** Webhooks by id, for batched loading; no account check (callers filter). */
  async getMany(ids: readonly string[]): Promise<Webhook[]> {
    // Plain SQL: every page of deliveries loads its webhooks, and ORM hydration cost more
    // than the query.
    const result = await this.db.query<WebhookRow>(
      named(
        'webhooks.by-ids',
        `select id, account_id, name, url, description, enabled, headers, timeout_seconds,
           secret_ciphertext, secret_hint, secret_rotated_at, created_at, updated_at
         from webhooks where id = any($1::uuid[])`,
        [ids],
      ),
    );
    return result.rows.map((row) => ({
      id: row.id,
      accountId: row.account_id,
      name: row.name,
      url: row.url,
      description: row.description,
      enabled: row.enabled,
      headers: row.headers,
      timeoutSeconds: row.timeout_seconds,
      secretCiphertext: row.secret_ciphertext,
      secretHint: row.secret_hint,
      secretRotatedAt: row.secret_rotated_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }));
  }

  /** Subscriptions of several webhooks, for batched loading. */
  async subscriptionsOf(webhookIds: readonly string[]): Promise<WebhookSubscription[]> {
    return this.orm.em
      .fork()
      .find(
        WebhookSubscription,
        { webhookId: { $in: [...webhookIds] } },
        { orderBy: { eventType: 'asc' } },
      );
  }

  /** The decrypted signing secret of a webhook, for the sender. */
  openSecret(webhook: Pick<Webhook, 'id' | 'secretCiphertext'>): string {
    return this.secrets.open(webhook.secretCiphertext, webhook.id);
  }

  private async findOwned(
    em: EntityManager,
    accountId: string,
    id: string,
    forUpdate = false,
  ): Promise<Webhook | null> {
    if (!isUuid(id)) return null;
    return em.findOne(
      Webhook,
      { id, accountId },
      forUpdate ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
    );
  }

  private async checkChanges(
    changes: WebhookChanges,
  ): Promise<Partial<Webhook> & { events?: string[] }> {
    const fields: Partial<Webhook> & { events?: string[] } = {};
    if (changes.name !== undefined) {
      fields.name = checkName('input.name', required('input.name', changes.name));
    }
    if (changes.events !== undefined) {
      fields.events = checkEvents('input.events', required('input.events', changes.events));
    }
    if (changes.description !== undefined) {
      fields.description = optionalDescription(changes.description);
    }
    if (changes.headers !== undefined) {
      fields.headers = checkCustomHeaders('input.headers', changes.headers ?? []);
    }
    if (changes.enabled !== undefined) {
      fields.enabled = required('input.enabled', changes.enabled);
    }
    if (changes.timeoutSeconds !== undefined) {
      const value = required('input.timeoutSeconds', changes.timeoutSeconds);
      fields.timeoutSeconds = checkIntRange('input.timeoutSeconds', value, 1, 30);
    }
    if (changes.url !== undefined) {
      const url = required('input.url', changes.url);
      await checkWebhookUrl(url, 'input.url', this.policy, this.lookup);
      fields.url = url;
    }
    return fields;
  }
}

function required<T>(field: string, value: T | null): T {
  if (value === null) {
    throw AppError.badInput(field, 'must not be null');
  }
  return value;
}

function optionalDescription(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : checkText('input.description', value, 500);
}

/** 1–50 distinct catalog event types, returned sorted. */
function checkEvents(field: string, events: readonly string[]): string[] {
  if (events.length === 0) {
    throw AppError.badInput(field, 'must name at least one event type');
  }
  if (events.length > MAX_EVENTS) {
    throw AppError.badInput(field, `must name at most ${MAX_EVENTS} event types`);
  }
  const unique = new Set(events);
  if (unique.size !== events.length) {
    throw AppError.badInput(field, 'must not name an event type twice');
  }
  const unknown = events.find((e) => !isCatalogEventType(e));
  if (unknown !== undefined) {
    throw AppError.badInput(field, `"${unknown}" is not an event type of the catalog`);
  }
  return [...unique].sort();
}

async function replaceSubscriptions(em: EntityManager, webhookId: string, events: string[]) {
  const current = await em.find(WebhookSubscription, { webhookId });
  const wanted = new Set(events);
  for (const sub of current) {
    if (!wanted.has(sub.eventType)) em.remove(sub);
    wanted.delete(sub.eventType);
  }
  const now = new Date();
  for (const eventType of wanted) {
    em.create(WebhookSubscription, { id: uuidv7(), webhookId, eventType, createdAt: now });
  }
}
