import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../graphql/node.js';
import { PageInfo } from '../graphql/connection.js';
import { HttpHeader } from '../webhooks/webhook.types.js';
import type { Delivery as DeliveryEntity, DeliveryStatus as Status } from './delivery.entity.js';
import type { DeliveryAttempt as AttemptEntity } from './delivery-attempt.entity.js';
import type { AttemptOutcome as Outcome } from './http.sender.js';

/** GraphQL enum of delivery statuses; values equal the stored strings. */
export const DeliveryStatus: { [K in Status]: K } = {
  PENDING: 'PENDING',
  SUCCEEDED: 'SUCCEEDED',
  RETRYING: 'RETRYING',
  FAILED: 'FAILED',
};
registerEnumType(DeliveryStatus, {
  name: 'DeliveryStatus',
  description: 'Where a delivery stands.',
  valuesConfig: {
    PENDING: { description: 'Created; no attempt has finished yet, or a requested one is due.' },
    SUCCEEDED: { description: 'An attempt got a 2xx answer.' },
    RETRYING: { description: 'An attempt failed and another is scheduled at `nextAttemptAt`.' },
    FAILED: {
      description: 'The retry schedule is used up, or the webhook was disabled meanwhile.',
    },
  },
});

/** GraphQL enum of attempt outcomes; values equal the stored strings. */
export const AttemptOutcome: { [K in Outcome]: K } = {
  SUCCESS: 'SUCCESS',
  HTTP_ERROR: 'HTTP_ERROR',
  REDIRECT: 'REDIRECT',
  TIMEOUT: 'TIMEOUT',
  NETWORK_ERROR: 'NETWORK_ERROR',
  BLOCKED_DESTINATION: 'BLOCKED_DESTINATION',
};
registerEnumType(AttemptOutcome, {
  name: 'AttemptOutcome',
  description: 'How one HTTP attempt ended.',
  valuesConfig: {
    SUCCESS: { description: 'The endpoint answered 2xx.' },
    HTTP_ERROR: { description: 'The endpoint answered with a status outside 2xx and 3xx.' },
    REDIRECT: { description: 'The endpoint answered 3xx; redirects are never followed.' },
    TIMEOUT: { description: 'The exchange took longer than the webhook’s timeout.' },
    NETWORK_ERROR: { description: 'No HTTP answer: DNS, connection or TLS failure.' },
    BLOCKED_DESTINATION: {
      description: 'The host resolved to an address deliveries may not reach.',
    },
  },
});

@ObjectType({ description: 'One HTTP attempt of a delivery.' })
export class DeliveryAttempt {
  @Field(() => ID, { description: 'Identifier of the attempt.' })
  id!: string;

  @Field(() => Int, { description: 'Which attempt this was; 1 is the first try.' })
  number!: number;

  @Field({ description: 'When the request started.' })
  startedAt!: Date;

  @Field(() => Int, { description: 'How long the whole exchange took, in milliseconds.' })
  durationMs!: number;

  @Field(() => AttemptOutcome, { description: 'How the attempt ended.' })
  outcome!: Outcome;

  @Field(() => [HttpHeader], { description: 'Headers sent, without sensitive ones.' })
  requestHeaders!: HttpHeader[];

  @Field(() => Int, { nullable: true, description: 'HTTP status of the answer, if any.' })
  responseStatus!: number | null;

  @Field(() => [HttpHeader], { description: 'Headers of the answer.' })
  responseHeaders!: HttpHeader[];

  @Field(() => String, {
    nullable: true,
    description: 'The start of the answer’s body (at most 4 KiB), as text.',
  })
  responseBody!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'What went wrong, for failures other than an HTTP error status.',
  })
  error!: string | null;

  static from(entity: AttemptEntity): DeliveryAttempt {
    return Object.assign(new DeliveryAttempt(), {
      id: entity.id,
      number: entity.number,
      startedAt: entity.startedAt,
      durationMs: entity.durationMs,
      outcome: entity.outcome,
      requestHeaders: entity.requestHeaders,
      responseStatus: entity.responseStatus,
      responseHeaders: entity.responseHeaders,
      responseBody: entity.responseBody,
      error: entity.error,
    });
  }
}

@ObjectType({ implements: Node, description: 'One event on its way to one webhook.' })
export class Delivery extends Node {
  @Field(() => ID, { description: 'The event’s id; receivers see it as `X-TrucklineMP-Delivery`.' })
  eventId!: string;

  @Field({ description: 'The event type.' })
  eventType!: string;

  @Field(() => DeliveryStatus, { description: 'Where the delivery stands.' })
  status!: Status;

  @Field(() => Int, { description: 'Attempts made so far, manual ones included.' })
  attemptCount!: number;

  @Field(() => Date, {
    nullable: true,
    description: 'When the next attempt is due, while one is pending or scheduled.',
  })
  nextAttemptAt!: Date | null;

  @Field({ description: 'When the delivery was created.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it reached SUCCEEDED or FAILED.' })
  completedAt!: Date | null;

  /** Not exposed: used to load the webhook. */
  webhookId!: string;

  static from(entity: DeliveryEntity): Delivery {
    return Object.assign(new Delivery(), {
      id: entity.id,
      eventId: entity.eventId,
      eventType: entity.eventType,
      status: entity.status,
      attemptCount: entity.attemptCount,
      nextAttemptAt: entity.nextAttemptAt,
      createdAt: entity.createdAt,
      completedAt: entity.completedAt,
      webhookId: entity.webhookId,
    });
  }
}

@ObjectType({ description: 'A delivery in a page of deliveries.' })
export class DeliveryEdge {
  @Field({ description: 'Pass as `after` to continue after this delivery.' })
  cursor!: string;

  @Field(() => Delivery, { description: 'The delivery.' })
  node!: Delivery;
}

@ObjectType({ description: 'A page of deliveries, newest first.' })
export class DeliveryConnection {
  @Field(() => [DeliveryEdge], { description: 'The deliveries of this page.' })
  edges!: DeliveryEdge[];

  @Field(() => PageInfo, { description: 'Whether more deliveries follow.' })
  pageInfo!: PageInfo;
}

@InputType({ description: 'Narrows the delivery history; every given field must match.' })
export class DeliveryFilter {
  @Field(() => ID, { nullable: true, description: 'Only deliveries to this webhook.' })
  webhookId?: string | null;

  @Field(() => DeliveryStatus, { nullable: true, description: 'Only deliveries in this status.' })
  status?: Status | null;

  @Field(() => String, { nullable: true, description: 'Only deliveries of this event type.' })
  eventType?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only deliveries of this event.' })
  eventId?: string | null;
}
