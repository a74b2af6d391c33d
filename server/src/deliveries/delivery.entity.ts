import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** Where a delivery stands; see `DeliveryStatus` in the GraphQL schema for the meaning. */
export type DeliveryStatus = 'PENDING' | 'SUCCEEDED' | 'RETRYING' | 'FAILED';

/**
 * One event on its way to one webhook. The worker's bookkeeping columns (lease, queue
 * marks) are written with SQL by the dispatcher and are not mapped here.
 */
@Entity({ tableName: 'deliveries' })
export class Delivery {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'uuid' })
  webhookId!: string;

  @Property({ type: 'uuid' })
  accountId!: string;

  @Property({ type: 'text' })
  eventType!: string;

  @Property({ type: 'text' })
  status!: DeliveryStatus;

  @Property({ type: 'integer' })
  attemptCount!: number;

  @Property({ type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  completedAt: Date | null = null;
}
