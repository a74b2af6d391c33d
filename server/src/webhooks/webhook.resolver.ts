import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireDeveloper, type RequestContext } from '../graphql/context.js';
import { encodeCursor, parsePageRequest, toPage } from '../graphql/connection.js';
import { DeliveryConnection, DeliveryStatus } from '../deliveries/delivery.types.js';
import { deliveryConnection } from '../deliveries/delivery.resolver.js';
import type { DeliveryStatus as Status } from '../deliveries/delivery.entity.js';
import {
  CreateWebhookInput,
  UpdateWebhookInput,
  Webhook,
  WebhookConnection,
  WebhookSubscription,
  WebhookWithSecret,
} from './webhook.types.js';

@Resolver(() => Webhook)
export class WebhookResolver {
  @Query(() => WebhookConnection, { description: 'The caller’s webhooks, oldest first.' })
  async webhooks(
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 0–100; default 20.' })
    first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' })
    after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<WebhookConnection> {
    const accountId = await requireDeveloper(ctx);
    const page = parsePageRequest(first, after);
    const { rows, total } = await ctx.services.webhooks.list(accountId, page);
    const { items, pageInfo } = toPage(rows, page.limit);
    return {
      edges: items.map((w) => ({ cursor: encodeCursor(w.id), node: Webhook.from(w) })),
      pageInfo,
      totalCount: total,
    };
  }

  @Query(() => Webhook, {
    nullable: true,
    description: 'One of the caller’s webhooks; null when missing or not the caller’s.',
  })
  async webhook(
    @Arg('id', () => ID, { description: 'Id of the webhook.' }) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Webhook | null> {
    const accountId = await requireDeveloper(ctx);
    const webhook = await ctx.services.webhooks.get(accountId, id);
    return webhook && Webhook.from(webhook);
  }

  @Mutation(() => WebhookWithSecret, {
    description: 'Creates a webhook. Its signing secret is returned here and never again.',
  })
  async createWebhook(
    @Arg('input', () => CreateWebhookInput, { description: 'The new webhook.' })
    input: CreateWebhookInput,
    @Ctx() ctx: RequestContext,
  ): Promise<WebhookWithSecret> {
    const accountId = await requireDeveloper(ctx);
    const { webhook, secret } = await ctx.services.webhooks.create(accountId, input);
    return { webhook: Webhook.from(webhook), secret };
  }

  @Mutation(() => Webhook, { description: 'Changes a webhook; given fields replace stored ones.' })
  async updateWebhook(
    @Arg('id', () => ID, { description: 'Id of the webhook.' }) id: string,
    @Arg('input', () => UpdateWebhookInput, { description: 'The changes.' })
    input: UpdateWebhookInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Webhook> {
    const accountId = await requireDeveloper(ctx);
    return Webhook.from(await ctx.services.webhooks.update(accountId, id, input));
  }

  @Mutation(() => ID, {
    description: 'Deletes a webhook and its whole delivery history; returns its id.',
  })
  async deleteWebhook(
    @Arg('id', () => ID, { description: 'Id of the webhook.' }) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<string> {
    const accountId = await requireDeveloper(ctx);
    return ctx.services.webhooks.delete(accountId, id);
  }

  @Mutation(() => WebhookWithSecret, {
    description: 'Replaces the signing secret; the old one stops signing at once.',
  })
  async rotateWebhookSecret(
    @Arg('id', () => ID, { description: 'Id of the webhook.' }) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<WebhookWithSecret> {
    const accountId = await requireDeveloper(ctx);
    const { webhook, secret } = await ctx.services.webhooks.rotateSecret(accountId, id);
    return { webhook: Webhook.from(webhook), secret };
  }

  @FieldResolver(() => [String], { description: 'The subscribed event types, sorted.' })
  async events(@Root() webhook: Webhook, @Ctx() ctx: RequestContext): Promise<string[]> {
    const subscriptions = await ctx.loaders.subscriptions.load(webhook.id);
    return subscriptions.map((s) => s.eventType).sort();
  }

  @FieldResolver(() => [WebhookSubscription], {
    description: 'The subscriptions, one per event type, sorted by type.',
  })
  async subscriptions(
    @Root() webhook: Webhook,
    @Ctx() ctx: RequestContext,
  ): Promise<WebhookSubscription[]> {
    const subscriptions = await ctx.loaders.subscriptions.load(webhook.id);
    return subscriptions.map((s) => WebhookSubscription.from(s));
  }

  @FieldResolver(() => DeliveryConnection, {
    description: 'This webhook’s deliveries, newest first.',
  })
  async deliveries(
    @Root() webhook: Webhook,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 0–100; default 20.' })
    first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' })
    after: string | null,
    @Arg('status', () => DeliveryStatus, { nullable: true, description: 'Only this status.' })
    status: Status | null,
    @Ctx() ctx: RequestContext,
  ): Promise<DeliveryConnection> {
    const accountId = await requireDeveloper(ctx);
    return deliveryConnection(ctx, accountId, { webhookId: webhook.id, status }, first, after);
  }
}
