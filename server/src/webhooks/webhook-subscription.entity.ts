import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Webhook } from './webhook.entity.js';

/** One event type a webhook is subscribed to. */
@Entity({ tableName: 'webhook_subscriptions' })
export class WebhookSubscription {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Webhook, { mapToPk: true, fieldName: 'webhook_id', deleteRule: 'cascade' })
  webhookId!: string;

  @Property({ type: 'text' })
  eventType!: string;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}
