import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Node } from '../graphql/node.js';
import { PageInfo } from '../graphql/connection.js';
import type { Webhook as WebhookEntity, HeaderPair } from './webhook.entity.js';
import type { WebhookSubscription as SubscriptionEntity } from './webhook-subscription.entity.js';
import { isSensitiveHeader, MASKED_VALUE } from './header.policy.js';

@ObjectType({ description: 'An HTTP header as a name and a value.' })
export class HttpHeader {
  @Field({ description: 'Header name, as given.' })
  name!: string;

  @Field({ description: 'Header value; `********` where the header is sensitive.' })
  value!: string;
}

@InputType({ description: 'A custom header to send with every delivery of a webhook.' })
export class HttpHeaderInput {
  @Field({ description: 'An HTTP token of at most 256 characters; reserved names are refused.' })
  name!: string;

  @Field({ description: 'At most 2,048 characters, without control characters.' })
  value!: string;
}

@ObjectType({ description: 'One event type a webhook is subscribed to.' })
export class WebhookSubscription {
  @Field(() => ID, { description: 'Identifier of the subscription.' })
  id!: string;

  @Field({ description: 'The subscribed event type, e.g. `vtc.member_joined`.' })
  eventType!: string;

  @Field({ description: 'When the webhook was subscribed to this type.' })
  createdAt!: Date;

  static from(entity: SubscriptionEntity): WebhookSubscription {
    return Object.assign(new WebhookSubscription(), {
      id: entity.id,
      eventType: entity.eventType,
      createdAt: entity.createdAt,
    });
  }
}

@ObjectType({
  implements: Node,
  description: 'An HTTPS endpoint of a developer account and the event types it receives.',
})
export class Webhook extends Node {
  @Field({ description: 'Display name, 1–100 characters.' })
  name!: string;

  @Field({ description: 'Where deliveries are POSTed.' })
  url!: string;

  @Field(() => String, { nullable: true, description: 'Free text, at most 500 characters.' })
  description!: string | null;

  @Field({ description: 'Whether the webhook receives deliveries; a disabled one gets none.' })
  enabled!: boolean;

  @Field(() => [HttpHeader], {
    description: 'Custom headers sent with every delivery; sensitive values read as `********`.',
  })
  headers!: HttpHeader[];

  @Field(() => Int, { description: 'Seconds an attempt may take in all before it times out.' })
  timeoutSeconds!: number;

  @Field({
    description: 'The signing secret’s last characters, e.g. `whsec_…AbCd`; never the secret.',
  })
  secretHint!: string;

  @Field(() => Date, { nullable: true, description: 'When the secret was last rotated.' })
  secretRotatedAt!: Date | null;

  @Field({ description: 'When the webhook was created.' })
  createdAt!: Date;

  @Field({ description: 'When the webhook was last changed.' })
  updatedAt!: Date;

  static from(entity: WebhookEntity): Webhook {
    return Object.assign(new Webhook(), {
      id: entity.id,
      name: entity.name,
      url: entity.url,
      description: entity.description,
      enabled: entity.enabled,
      headers: entity.headers.map(maskHeader),
      timeoutSeconds: entity.timeoutSeconds,
      secretHint: entity.secretHint,
      secretRotatedAt: entity.secretRotatedAt,
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
    });
  }
}

function maskHeader(header: HeaderPair): HttpHeader {
  return { name: header.name, value: isSensitiveHeader(header.name) ? MASKED_VALUE : header.value };
}

@ObjectType({ description: 'A webhook and its signing secret; the only place a secret appears.' })
export class WebhookWithSecret {
  @Field(() => Webhook, { description: 'The webhook.' })
  webhook!: Webhook;

  @Field({
    description: 'The signing secret (`whsec_…`). Store it now: it cannot be read again.',
  })
  secret!: string;
}

@ObjectType({ description: 'A webhook in a page of webhooks.' })
export class WebhookEdge {
  @Field({ description: 'Pass as `after` to continue after this webhook.' })
  cursor!: string;

  @Field(() => Webhook, { description: 'The webhook.' })
  node!: Webhook;
}

@ObjectType({ description: 'A page of the caller’s webhooks, oldest first.' })
export class WebhookConnection {
  @Field(() => [WebhookEdge], { description: 'The webhooks of this page.' })
  edges!: WebhookEdge[];

  @Field(() => PageInfo, { description: 'Whether more webhooks follow.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many webhooks the account has in all.' })
  totalCount!: number;
}

@InputType({ description: 'A new webhook.' })
export class CreateWebhookInput {
  @Field({ description: 'Display name, 1–100 characters.' })
  name!: string;

  @Field({
    description:
      'Absolute `https://` URL of at most 2,048 characters; private addresses are refused.',
  })
  url!: string;

  @Field(() => [String], { description: '1–50 distinct event types of the catalog.' })
  events!: string[];

  @Field(() => String, { nullable: true, description: 'Free text, at most 500 characters.' })
  description?: string | null;

  @Field(() => [HttpHeaderInput], { nullable: true, description: 'At most 20 custom headers.' })
  headers?: HttpHeaderInput[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether it receives deliveries; default true.',
  })
  enabled?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Attempt timeout, 1–30 seconds; default 30.' })
  timeoutSeconds?: number | null;
}

@InputType({ description: 'Changes to a webhook: every given field replaces the stored one.' })
export class UpdateWebhookInput {
  @Field(() => String, { nullable: true, description: 'Display name, 1–100 characters.' })
  name?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Absolute `https://` URL of at most 2,048 characters.',
  })
  url?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: '1–50 distinct event types of the catalog.',
  })
  events?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Free text, at most 500 characters; null clears it.',
  })
  description?: string | null;

  @Field(() => [HttpHeaderInput], {
    nullable: true,
    description: 'At most 20 custom headers; null clears them.',
  })
  headers?: HttpHeaderInput[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Disabling stops pending retries: they end as FAILED.',
  })
  enabled?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Attempt timeout, 1–30 seconds.' })
  timeoutSeconds?: number | null;
}
