import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** A developer account: it owns webhooks and API tokens. */
@Entity({ tableName: 'accounts' })
export class Account {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}
