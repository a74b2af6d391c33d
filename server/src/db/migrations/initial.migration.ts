import { Migration } from '@mikro-orm/migrations';

/**
 * The first schema: accounts and their tokens, webhooks and their subscriptions, events,
 * deliveries and attempts. Every foreign key from a webhook downwards cascades, so deleting
 * a webhook deletes its delivery history with it.
 */
export class InitialSchema extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table accounts (
        id uuid primary key,
        name text not null,
        created_at timestamptz not null
      );

      create table api_tokens (
        id uuid primary key,
        account_id uuid not null references accounts (id) on delete cascade,
        name text not null,
        prefix text not null,
        token_hash text not null unique,
        created_at timestamptz not null,
        last_used_at timestamptz,
        revoked_at timestamptz
      );
      create index api_tokens_account_idx on api_tokens (account_id, created_at);

      create table webhooks (
        id uuid primary key,
        account_id uuid not null references accounts (id) on delete cascade,
        name text not null,
        url text not null,
        description text,
        enabled boolean not null,
        headers jsonb not null default '[]',
        timeout_seconds integer not null,
        secret_ciphertext text not null,
        secret_hint text not null,
        secret_rotated_at timestamptz,
        created_at timestamptz not null,
        updated_at timestamptz not null
      );
      -- Keyset pagination of one account's webhooks, oldest first.
      create index webhooks_account_idx on webhooks (account_id, id);

      create table webhook_subscriptions (
        id uuid primary key,
        webhook_id uuid not null references webhooks (id) on delete cascade,
        event_type text not null,
        created_at timestamptz not null,
        unique (webhook_id, event_type)
      );
      -- Fan-out looks subscriptions up by event type.
      create index webhook_subscriptions_type_idx on webhook_subscriptions (event_type, webhook_id);

      create table events (
        id uuid primary key,
        type text not null,
        published_at timestamptz not null,
        data jsonb not null,
        payload text not null,
        account_ids uuid[],
        delivery_count integer not null,
        created_at timestamptz not null
      );

      create table deliveries (
        id uuid primary key,
        event_id uuid not null references events (id),
        webhook_id uuid not null references webhooks (id) on delete cascade,
        account_id uuid not null,
        event_type text not null,
        status text not null,
        attempt_count integer not null default 0,
        scheduled_attempts integer not null default 0,
        next_attempt_at timestamptz,
        resume_at timestamptz,
        manual_requested boolean not null default false,
        lease_manual boolean not null default false,
        lease_id uuid,
        leased_until timestamptz,
        enqueued_until timestamptz,
        created_at timestamptz not null,
        completed_at timestamptz
      );
      -- History, newest first (ids are UUIDv7, so id order is creation order).
      create index deliveries_account_idx on deliveries (account_id, id desc);
      create index deliveries_account_status_idx on deliveries (account_id, status, id desc);
      create index deliveries_account_type_idx on deliveries (account_id, event_type, id desc);
      create index deliveries_webhook_idx on deliveries (webhook_id, id desc);
      create index deliveries_event_idx on deliveries (event_id);
      -- Work that is due: only unfinished deliveries are in this index.
      create index deliveries_due_idx on deliveries (next_attempt_at)
        where status in ('PENDING', 'RETRYING');

      create table delivery_attempts (
        id uuid primary key,
        delivery_id uuid not null references deliveries (id) on delete cascade,
        number integer not null,
        started_at timestamptz not null,
        duration_ms integer not null,
        outcome text not null,
        request_headers jsonb not null,
        response_status integer,
        response_headers jsonb not null,
        response_body text,
        error text
      );
      create index delivery_attempts_delivery_idx on delivery_attempts (delivery_id, number);
    `);
  }
}
