import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { Node } from '../graphql/node.js';
import type { Event as EventEntity } from './event.entity.js';
import type { EventTypeInfo } from './catalog.js';

@ObjectType({ description: 'An event type of the catalog, which webhooks subscribe to.' })
export class EventType {
  @Field({ description: 'The type name, e.g. `vtc.member_joined`.' })
  name!: string;

  @Field({ description: 'What happened when an event of this type is sent.' })
  description!: string;

  @Field({ description: 'The catalog section the type belongs to, e.g. `VTCs`.' })
  group!: string;

  static from(info: EventTypeInfo): EventType {
    return Object.assign(new EventType(), info);
  }
}

@ObjectType({ implements: Node, description: 'A published event, as every receiver gets it.' })
export class Event extends Node {
  @Field({ description: 'The event type.' })
  type!: string;

  @Field({ description: 'When the event was published; the `timestamp` of the body.' })
  timestamp!: Date;

  @Field(() => GraphQLJSON, { description: 'The event-specific data, as published.' })
  data!: unknown;

  @Field({ description: 'The exact body bytes every delivery of this event sends.' })
  payload!: string;

  static from(entity: EventEntity): Event {
    return Object.assign(new Event(), {
      id: entity.id,
      type: entity.type,
      timestamp: entity.publishedAt,
      data: entity.data,
      payload: entity.payload,
    });
  }
}

@InputType({ description: 'An event the platform publishes.' })
export class PublishEventInput {
  @Field({ description: 'An event type of the catalog.' })
  type!: string;

  @Field(() => GraphQLJSON, {
    description: 'A JSON object; the whole body must stay within 256 KiB.',
  })
  data!: unknown;

  @Field(() => [ID], {
    nullable: true,
    description: 'The accounts the event concerns; omitted, it goes to every subscribed webhook.',
  })
  accountIds?: string[] | null;

  @Field(() => ID, {
    nullable: true,
    description: 'A UUID making the publish idempotent: the same id again returns the first event.',
  })
  eventId?: string | null;
}

@ObjectType({ description: 'What publishing an event did.' })
export class PublishEventResult {
  @Field(() => Event, { description: 'The event (the original one when the id was seen before).' })
  event!: Event;

  @Field(() => Int, { description: 'How many deliveries the event fanned out to.' })
  deliveryCount!: number;
}
