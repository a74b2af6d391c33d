import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** A published event. Its payload is the exact body every delivery of it sends. */
@Entity({ tableName: 'events' })
export class Event {
  /** The `event_id` receivers see. */
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  type!: string;

  @Property({ type: 'timestamptz' })
  publishedAt!: Date;

  @Property({ type: 'json' })
  data!: Record<string, unknown>;

  @Property({ type: 'text' })
  payload!: string;

  @Property({ type: 'uuid[]', nullable: true })
  accountIds: string[] | null = null;

  @Property({ type: 'integer' })
  deliveryCount!: number;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}
