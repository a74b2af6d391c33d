import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AppError } from '../errors.js';
import { assertOwned, requireDeveloper, type RequestContext } from '../graphql/context.js';
import { encodeCursor, parsePageRequest, toPage } from '../graphql/connection.js';
import { Event } from '../events/event.types.js';
import { Webhook } from '../webhooks/webhook.types.js';
import type { DeliveryFilter as Filter } from './delivery.service.js';
import { Delivery, DeliveryAttempt, DeliveryConnection, DeliveryFilter } from './delivery.types.js';

/** Builds a page of the account's deliveries; shared by `deliveries` and `Webhook.deliveries`. */
export async function deliveryConnection(
  ctx: RequestContext,
  accountId: string,
  filter: Filter,
  first: number | null,
  after: string | null,
): Promise<DeliveryConnection> {
  const page = parsePageRequest(first, after);
  const rows = await ctx.services.deliveries.list(accountId, filter, page);
  const { items, pageInfo } = toPage(rows, page.limit);
  return {
    edges: items.map((d) => ({ cursor: encodeCursor(d.id), node: Delivery.from(d) })),
    pageInfo,
  };
}

@Resolver(() => Delivery)
export class DeliveryResolver {
  @Query(() => DeliveryConnection, { description: 'The caller’s deliveries, newest first.' })
  async deliveries(
    @Arg('filter', () => DeliveryFilter, { nullable: true, description: 'Narrows the list.' })
    filter: DeliveryFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 0–100; default 20.' })
    first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' })
    after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<DeliveryConnection> {
    const accountId = await requireDeveloper(ctx);
    return deliveryConnection(ctx, accountId, filter ?? {}, first, after);
  }

  @Query(() => Delivery, {
    nullable: true,
    description: 'One of the caller’s deliveries; null when missing or not the caller’s.',
  })
  async delivery(
    @Arg('id', () => ID, { description: 'Id of the delivery.' }) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Delivery | null> {
    const accountId = await requireDeveloper(ctx);
    const delivery = await ctx.services.deliveries.get(accountId, id);
    return delivery && Delivery.from(delivery);
  }

  @Mutation(() => Delivery, {
    description:
      'Sends a `webhook.test` event to this webhook now, subscribed or not (one attempt, no retries).',
  })
  async testWebhook(
    @Arg('id', () => ID, { description: 'Id of the webhook.' }) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Delivery> {
    const accountId = await requireDeveloper(ctx);
    const webhook = await ctx.services.webhooks.get(accountId, id);
    if (!webhook) throw AppError.notFound('Webhook', id);
    const deliveryId = await ctx.services.publishing.publishTest(webhook);
    return Delivery.from(
      assertOwned(await ctx.services.deliveries.get(accountId, deliveryId), accountId),
    );
  }

  @Mutation(() => Delivery, {
    description:
      'Makes one extra attempt now, with the same body and event id, whatever the status.',
  })
  async retryDelivery(
    @Arg('id', () => ID, { description: 'Id of the delivery.' }) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Delivery> {
    const accountId = await requireDeveloper(ctx);
    return Delivery.from(await ctx.services.deliveries.retry(accountId, id));
  }

  @FieldResolver(() => Event, { description: 'The event delivered, with its exact payload.' })
  async event(@Root() delivery: Delivery, @Ctx() ctx: RequestContext): Promise<Event> {
    const event = await ctx.loaders.event.load(delivery.eventId);
    if (!event) throw new AppError('INTERNAL_SERVER_ERROR', 'The event could not be loaded');
    return Event.from(event);
  }

  @FieldResolver(() => Webhook, { description: 'The webhook the delivery goes to.' })
  async webhook(@Root() delivery: Delivery, @Ctx() ctx: RequestContext): Promise<Webhook> {
    const accountId = await requireDeveloper(ctx);
    return Webhook.from(assertOwned(await ctx.loaders.webhook.load(delivery.webhookId), accountId));
  }

  @FieldResolver(() => [DeliveryAttempt], { description: 'Every attempt, oldest first.' })
  async attempts(
    @Root() delivery: Delivery,
    @Ctx() ctx: RequestContext,
  ): Promise<DeliveryAttempt[]> {
    const attempts = await ctx.loaders.attempts.load(delivery.id);
    return attempts.map((a) => DeliveryAttempt.from(a));
  }
}
