import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { requirePlatform, type RequestContext } from '../graphql/context.js';
import { EVENT_CATALOG } from './catalog.js';
import { Event, EventType, PublishEventInput, PublishEventResult } from './event.types.js';

@Resolver()
export class EventResolver {
  @Query(() => [EventType], {
    description: 'The event catalog: every type a webhook can subscribe to. Needs no credential.',
  })
  eventTypes(): EventType[] {
    return EVENT_CATALOG.map((t) => EventType.from(t));
  }

  @Mutation(() => PublishEventResult, {
    description:
      'Publishes an event to every enabled webhook subscribed to its type (and in its audience). ' +
      'Platform key only.',
  })
  async publishEvent(
    @Arg('input', () => PublishEventInput, { description: 'The event.' }) input: PublishEventInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PublishEventResult> {
    await requirePlatform(ctx);
    const { event, deliveryCount } = await ctx.services.publishing.publish(input);
    return { event: Event.from(event), deliveryCount };
  }
}
