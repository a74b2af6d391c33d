import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Account } from './account.entity.js';

/** A developer credential. Only a hash of the token is stored; the token is shown once. */
@Entity({ tableName: 'api_tokens' })
export class ApiToken {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Account, { mapToPk: true, fieldName: 'account_id', deleteRule: 'cascade' })
  accountId!: string;

  @Property({ type: 'text' })
  name!: string;

  /** The first characters of the token, enough to recognise it in a list. */
  @Property({ type: 'text' })
  prefix!: string;

  /** Hex SHA-256 of the token; tokens carry 256 random bits, so a fast hash is enough. */
  @Property({ type: 'text' })
  tokenHash!: string;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;
}
