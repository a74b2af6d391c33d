import type { Logger } from '../logger.js';
import { AppError } from '../errors.js';
import type { Principal } from '../accounts/principal.js';
import type { Services } from '../services.js';
import { createLoaders, type Loaders } from './loaders.js';

/** What every resolver receives. */
export interface RequestContext {
  readonly services: Services;
  readonly loaders: Loaders;
  readonly log: Logger;
  /** The caller, resolved on first use so `eventTypes` works with no credential at all. */
  principal(): Promise<Principal>;
}

/** Builds the context of one GraphQL request. */
export function createRequestContext(
  services: Services,
  log: Logger,
  authorization: string | undefined,
): RequestContext {
  let principal: Promise<Principal> | undefined;
  return {
    services,
    log,
    loaders: createLoaders(services),
    principal: () => (principal ??= services.accounts.authenticate(authorization)),
  };
}

/** The caller's account id; refuses the platform key and anonymous callers. */
export async function requireDeveloper(ctx: RequestContext): Promise<string> {
  const principal = await ctx.principal();
  switch (principal.kind) {
    case 'developer':
      return principal.accountId;
    case 'platform':
      throw AppError.forbidden('This operation needs a developer API token, not the platform key');
    case 'anonymous':
      throw AppError.unauthenticated();
  }
}

/** Refuses everyone but the platform. */
export async function requirePlatform(ctx: RequestContext): Promise<void> {
  const principal = await ctx.principal();
  switch (principal.kind) {
    case 'platform':
      return;
    case 'developer':
      throw AppError.forbidden('Only the platform key may perform this operation');
    case 'anonymous':
      throw AppError.unauthenticated();
  }
}

/** Checks that a row loaded through a relation belongs to the caller. */
export function assertOwned<T extends { accountId: string }>(row: T | null, accountId: string): T {
  if (!row || row.accountId !== accountId) {
    throw new AppError('INTERNAL_SERVER_ERROR', 'A related object could not be loaded');
  }
  return row;
}
