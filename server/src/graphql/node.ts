import { Field, ID, InterfaceType } from 'type-graphql';

/** The Relay `Node` interface: everything with a global id. */
@InterfaceType({ description: 'An object with a unique, stable id.' })
export abstract class Node {
  @Field(() => ID, { description: 'Unique identifier of the object.' })
  id!: string;
}
