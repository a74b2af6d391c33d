import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity.js';

/** A custom header sent with every delivery of a webhook. */
export interface HeaderPair {
  name: string;
  value: string;
}

/** An endpoint of a developer account that receives the event types it subscribes to. */
@Entity({ tableName: 'webhooks' })
export class Webhook {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Account, { mapToPk: true, fieldName: 'account_id', deleteRule: 'cascade' })
  accountId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  url!: string;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Property({ type: 'boolean' })
  enabled!: boolean;

  @Property({ type: 'json' })
  headers: HeaderPair[] = [];

  @Property({ type: 'integer' })
  timeoutSeconds!: number;

  /** The signing secret, encrypted with the service's secret key (see `secret.ts`). */
  @Property({ type: 'text' })
  secretCiphertext!: string;

  @Property({ type: 'text' })
  secretHint!: string;

  @Property({ type: 'timestamptz', nullable: true })
  secretRotatedAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;
}
