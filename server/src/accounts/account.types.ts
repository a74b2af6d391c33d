import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../graphql/node.js';
import type { Account as AccountEntity } from './account.entity.js';
import type { ApiToken as ApiTokenEntity } from './api-token.entity.js';

@ObjectType({
  implements: Node,
  description: 'A developer account; it owns webhooks and API tokens.',
})
export class Account extends Node {
  @Field({ description: 'Display name of the account.' })
  name!: string;

  @Field({ description: 'When the account was created.' })
  createdAt!: Date;

  static from(entity: AccountEntity): Account {
    return Object.assign(new Account(), {
      id: entity.id,
      name: entity.name,
      createdAt: entity.createdAt,
    });
  }
}

@ObjectType({ description: 'A developer API token. The token itself is shown only when created.' })
export class ApiToken {
  @Field(() => ID, { description: 'Identifier of the token, used to revoke it.' })
  id!: string;

  @Field({ description: 'Name given to the token at creation.' })
  name!: string;

  @Field({ description: 'The first characters of the token, to recognise it.' })
  prefix!: string;

  @Field({ description: 'When the token was created.' })
  createdAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'When the token last authenticated a request (updated at most once a minute).',
  })
  lastUsedAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the token was revoked; a revoked token authenticates nothing.',
  })
  revokedAt!: Date | null;

  static from(entity: ApiTokenEntity): ApiToken {
    return Object.assign(new ApiToken(), {
      id: entity.id,
      name: entity.name,
      prefix: entity.prefix,
      createdAt: entity.createdAt,
      lastUsedAt: entity.lastUsedAt,
      revokedAt: entity.revokedAt,
    });
  }
}

@ObjectType({ description: 'A new account and its first API token, which is shown only here.' })
export class AccountWithToken {
  @Field(() => Account, { description: 'The account that was created.' })
  account!: Account;

  @Field({
    description: 'The account’s first developer API token. Store it now: it is not shown again.',
  })
  token!: string;
}

@ObjectType({ description: 'A new API token with its secret value, which is shown only here.' })
export class ApiTokenWithSecret {
  @Field(() => ApiToken, { description: 'The token’s stored description.' })
  apiToken!: ApiToken;

  @Field({
    description: 'The token to send as `Authorization: Bearer <token>`. It is not shown again.',
  })
  token!: string;
}
