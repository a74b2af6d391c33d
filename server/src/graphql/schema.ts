import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AccountResolver } from '../accounts/account.resolver.js';
import { WebhookResolver } from '../webhooks/webhook.resolver.js';
import { EventResolver } from '../events/event.resolver.js';
import { DeliveryResolver } from '../deliveries/delivery.resolver.js';
import { DateTimeScalar } from './scalars.js';

/** Builds the executable GraphQL schema from the resolver classes. */
export async function createSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [AccountResolver, WebhookResolver, EventResolver, DeliveryResolver],
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    // Inputs are validated by the services, which name the field and the rule.
    validate: false,
    emitSchemaFile: false,
  });
  // type-graphql has no option for the root types' descriptions; set them on the built types.
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  if (query)
    query.description = 'Reads: the caller’s account, webhooks, deliveries and the catalog.';
  if (mutation) {
    mutation.description =
      'Changes: webhooks and tokens (developer token); accounts and events (platform key).';
  }
  return schema;
}

/** The schema as SDL in a stable order, as committed in `schema.graphql`. */
export async function printSortedSchema(): Promise<string> {
  return printSchema(lexicographicSortSchema(await createSchema())) + '\n';
}
