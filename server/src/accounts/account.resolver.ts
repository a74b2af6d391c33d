import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { requireDeveloper, requirePlatform, type RequestContext } from '../graphql/context.js';
import { Account, AccountWithToken, ApiToken, ApiTokenWithSecret } from './account.types.js';

@Resolver()
export class AccountResolver {
  @Query(() => Account, { description: 'The account of the developer token in use.' })
  async viewer(@Ctx() ctx: RequestContext): Promise<Account> {
    const accountId = await requireDeveloper(ctx);
    return Account.from(await ctx.services.accounts.getAccount(accountId));
  }

  @Query(() => [ApiToken], { description: 'The API tokens of the caller’s account, oldest first.' })
  async apiTokens(@Ctx() ctx: RequestContext): Promise<ApiToken[]> {
    const accountId = await requireDeveloper(ctx);
    const tokens = await ctx.services.accounts.listApiTokens(accountId);
    return tokens.map((t) => ApiToken.from(t));
  }

  @Mutation(() => AccountWithToken, {
    description: 'Creates a developer account and its first API token. Platform key only.',
  })
  async createAccount(
    @Arg('name', { description: 'Display name, 1–100 characters.' }) name: string,
    @Ctx() ctx: RequestContext,
  ): Promise<AccountWithToken> {
    await requirePlatform(ctx);
    const { account, token } = await ctx.services.accounts.createAccount(name);
    return { account: Account.from(account), token };
  }

  @Mutation(() => ApiTokenWithSecret, {
    description: 'Issues a new API token for the caller’s account. The token is shown only here.',
  })
  async createApiToken(
    @Arg('name', { description: 'A name to recognise the token by, 1–100 characters.' })
    name: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ApiTokenWithSecret> {
    const accountId = await requireDeveloper(ctx);
    const { apiToken, token } = await ctx.services.accounts.createApiToken(accountId, name);
    return { apiToken: ApiToken.from(apiToken), token };
  }

  @Mutation(() => ApiToken, {
    description: 'Revokes a token of the caller’s account; it fails on its next request.',
  })
  async revokeApiToken(
    @Arg('id', () => ID, { description: 'Id of the token to revoke.' }) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ApiToken> {
    const accountId = await requireDeveloper(ctx);
    return ApiToken.from(await ctx.services.accounts.revokeApiToken(accountId, id));
  }
}
