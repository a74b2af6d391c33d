import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { AttemptOutcome } from './http.sender.js';
import type { HeaderPair } from '../webhooks/webhook.entity.js';

/** One HTTP exchange of a delivery, as recorded after it finished. */
@Entity({ tableName: 'delivery_attempts' })
export class DeliveryAttempt {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  deliveryId!: string;

  @Property({ type: 'integer' })
  number!: number;

  @Property({ type: 'timestamptz' })
  startedAt!: Date;

  @Property({ type: 'integer' })
  durationMs!: number;

  @Property({ type: 'text' })
  outcome!: AttemptOutcome;

  @Property({ type: 'json' })
  requestHeaders!: HeaderPair[];

  @Property({ type: 'integer', nullable: true })
  responseStatus: number | null = null;

  @Property({ type: 'json' })
  responseHeaders!: HeaderPair[];

  @Property({ type: 'text', nullable: true })
  responseBody: string | null = null;

  @Property({ type: 'text', nullable: true })
  error: string | null = null;
}
