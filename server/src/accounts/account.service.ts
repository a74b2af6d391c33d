import type { MikroORM } from '@mikro-orm/postgresql';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { named, type Database } from '../db/database.js';
import { isUuid } from '../graphql/connection.js';
import { checkName } from '../validation/rules.js';
import { Account } from './account.entity.js';
import { ApiToken } from './api-token.entity.js';
import { credentialsEqual, hashToken, issueToken } from './credentials.js';
import { bearerCredential, type Principal } from './principal.js';

/** `lastUsedAt` is refreshed at most this often, so reads don't all turn into writes. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** Accounts, their API tokens, and turning a credential into a {@link Principal}. */
export class AccountService {
  constructor(
    private readonly orm: MikroORM,
    private readonly db: Database,
    private readonly platformApiKey: string | undefined,
    private readonly log: Logger,
  ) {}

  /** Resolves an `Authorization` header; a present but unknown credential is refused. */
  async authenticate(authorization: string | undefined): Promise<Principal> {
    const credential = bearerCredential(authorization);
    if (credential === null) {
      return { kind: 'anonymous' };
    }
    if (credential === '') {
      throw AppError.unauthenticated('The Authorization header must be "Bearer <credential>"');
    }
    if (this.platformApiKey !== undefined && credentialsEqual(credential, this.platformApiKey)) {
      return { kind: 'platform' };
    }

    // Every developer request starts here, so it is plain SQL rather than an ORM round.
    const found = await this.db.query<{
      id: string;
      account_id: string;
      last_used_at: Date | null;
    }>(
      named(
        'accounts.token',
        `select id, account_id, last_used_at from api_tokens
         where token_hash = $1 and revoked_at is null`,
        [hashToken(credential)],
      ),
    );
    const row = found.rows[0];
    if (!row) {
      throw AppError.unauthenticated('The credential is not valid or has been revoked');
    }
    const now = new Date();
    if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.db.query('update api_tokens set last_used_at = $2 where id = $1', [row.id, now]);
    }
    return { kind: 'developer', accountId: row.account_id, tokenId: row.id };
  }

  /** Creates a developer account and its first API token. */
  async createAccount(name: string): Promise<{ account: Account; token: string }> {
    checkName('name', name);
    const em = this.orm.em.fork();
    const now = new Date();
    const account = em.create(Account, { id: uuidv7(), name, createdAt: now });
    const issued = issueToken();
    em.create(ApiToken, {
      id: uuidv7(),
      accountId: account.id,
      name: 'default',
      prefix: issued.prefix,
      tokenHash: issued.hash,
      createdAt: now,
    });
    await em.flush();
    this.log.info({ accountId: account.id }, 'account created');
    return { account, token: issued.token };
  }

  /** The caller's own account. */
  async getAccount(accountId: string): Promise<Account> {
    const account = await this.orm.em.fork().findOne(Account, { id: accountId });
    if (!account) {
      throw AppError.unauthenticated('The account of this credential no longer exists');
    }
    return account;
  }

  /** Issues another API token for the account. */
  async createApiToken(
    accountId: string,
    name: string,
  ): Promise<{ apiToken: ApiToken; token: string }> {
    checkName('name', name);
    const em = this.orm.em.fork();
    const issued = issueToken();
    const apiToken = em.create(ApiToken, {
      id: uuidv7(),
      accountId,
      name,
      prefix: issued.prefix,
      tokenHash: issued.hash,
      createdAt: new Date(),
    });
    await em.flush();
    this.log.info({ accountId, tokenId: apiToken.id }, 'api token created');
    return { apiToken, token: issued.token };
  }

  /** The account's tokens, revoked ones included, oldest first. */
  async listApiTokens(accountId: string): Promise<ApiToken[]> {
    return this.orm.em
      .fork()
      .find(ApiToken, { accountId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  /** Revokes a token; revoking twice keeps the first revocation time. */
  async revokeApiToken(accountId: string, id: string): Promise<ApiToken> {
    const em = this.orm.em.fork();
    const token = isUuid(id) ? await em.findOne(ApiToken, { id, accountId }) : null;
    if (!token) {
      throw AppError.notFound('API token', id);
    }
    if (!token.revokedAt) {
      token.revokedAt = new Date();
      await em.flush();
      this.log.info({ accountId, tokenId: id }, 'api token revoked');
    }
    return token;
  }
}
