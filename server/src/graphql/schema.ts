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
  return buildSchema({
    resolvers: [AccountResolver, WebhookResolver, EventResolver, DeliveryResolver],
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    // Inputs are validated by the services, which name the field and the rule.
    validate: false,
    emitSchemaFile: false,
  });
}

/** The schema as SDL in a stable order, as committed in `schema.graphql`. */
export async function printSortedSchema(): Promise<string> {
  return printSchema(lexicographicSortSchema(await createSchema())) + '\n';
}
