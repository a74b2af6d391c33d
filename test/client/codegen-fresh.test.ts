import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { generate } from '@graphql-codegen/cli';
import type { Types } from '@graphql-codegen/plugin-helpers';
import {
  buildSchema,
  getNamedType,
  isObjectType,
  Kind,
  parse,
  print,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { describe, expect, it } from 'vitest';

import * as generated from '../../client/src/gql/graphql.js';
import { createWebhooksClient } from '../../client/src/index.js';
import config, { CLIENT_GQL_DIR } from '../../codegen.js';

// Paths in codegen.ts are relative to the repository root, where vitest runs.
const OPERATIONS_DIR = 'client/src/operations';
const schema = buildSchema(readFileSync('schema.graphql', 'utf8'));
const operationFiles = readdirSync(OPERATIONS_DIR).filter((f) => f.endsWith('.graphql'));
const documents = new Map(
  operationFiles.map((file) => [file, parse(readFileSync(join(OPERATIONS_DIR, file), 'utf8'))]),
);
const fragments = new Map<string, FragmentDefinitionNode>();
for (const document of documents.values()) {
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
}

/** Every root field of the schema, as `[operation keyword, field name]`. */
const rootFields = (['query', 'mutation'] as const).flatMap((operation) => {
  const type = operation === 'query' ? schema.getQueryType() : schema.getMutationType();
  return Object.keys(type?.getFields() ?? {}).map((field) => [operation, field] as const);
});

describe('client/src/gql', () => {
  it('is what codegen.ts generates from schema.graphql and the operation documents', async () => {
    const outputs = (await generate({ ...config, silent: true }, false)) as Types.FileOutput[];

    const expected = Object.fromEntries(outputs.map((o) => [o.filename, o.content]));
    const committed = Object.fromEntries(
      readdirSync(CLIENT_GQL_DIR).map((file) => {
        const path = CLIENT_GQL_DIR + file;
        return [path, readFileSync(path, 'utf8')];
      }),
    );
    // On failure: run `npm run codegen` and commit client/src/gql.
    expect(Object.keys(committed).sort()).toEqual(Object.keys(expected).sort());
    for (const [path, content] of Object.entries(expected)) {
      expect(committed[path], `${path} is stale: run npm run codegen`).toBe(content);
    }
  });

  it('embeds each operation’s printed text, fragments included, as __meta__.query', () => {
    for (const [name, value] of Object.entries(generated)) {
      if (!name.endsWith('Document')) continue;
      const { __meta__: meta, ...document } = value as DocumentNode & {
        __meta__?: { query?: string };
      };
      expect(meta?.query, name).toBe(print(document));
    }
  });
});

describe('operation documents', () => {
  it('has exactly one operation per Query and Mutation field, named after it', () => {
    const operations = [...documents.entries()].flatMap(([file, document]) =>
      document.definitions
        .filter((d) => d.kind === Kind.OPERATION_DEFINITION)
        .map((d) => ({
          file,
          operation: d.operation,
          name: d.name?.value,
          fields: d.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : '')),
        })),
    );

    expect(operations.map((o) => `${o.operation} ${o.fields.join(',')}`).sort()).toEqual(
      rootFields.map(([operation, field]) => `${operation} ${field}`).sort(),
    );
    for (const { file, name, fields } of operations) {
      const field = fields[0]!;
      expect(name, file).toBe(field.charAt(0).toUpperCase() + field.slice(1));
      expect(file).toBe(field.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()) + '.graphql');
    }
  });

  it('keeps one operation per file and the fragments in fragments.graphql', () => {
    for (const [file, document] of documents) {
      const kinds = document.definitions.map((d) => d.kind);
      if (file === 'fragments.graphql') {
        expect(new Set(kinds)).toEqual(new Set([Kind.FRAGMENT_DEFINITION]));
      } else {
        expect(kinds, file).toEqual([Kind.OPERATION_DEFINITION]);
      }
    }
  });

  it('selects every field of every returned type, but Webhook.deliveries and list details', () => {
    const incomplete: string[] = [];
    for (const [file, document] of documents) {
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        const root = definition.operation === 'query' ? 'Query' : 'Mutation';
        const rootType = schema.getType(root) as GraphQLObjectType;
        for (const selection of definition.selectionSet.selections) {
          if (selection.kind !== Kind.FIELD || !selection.selectionSet) continue;
          const type = getNamedType(rootType.getFields()[selection.name.value]!.type);
          const path = `${file}: ${selection.name.value}`;
          const skipped = LIST_DETAILS[selection.name.value] ?? new Set<string>();
          checkSelection(schema, type.name, selection.selectionSet, path, incomplete, skipped);
        }
      }
    }
    expect(incomplete).toEqual([]);
  });

  it('gives the client one method per root field', () => {
    const client = createWebhooksClient({ url: 'http://127.0.0.1:9/graphql' });
    expect(Object.keys(client).sort()).toEqual(rootFields.map(([, field]) => field).sort());
  });
});

/** Field paths allowed to select a subset: a delivery names its webhook, no more. */
const PARTIAL_SELECTIONS: Record<string, readonly string[]> = {
  'Delivery.webhook': ['id', 'name', 'url'],
};
const SKIPPED_FIELDS = new Set(['Webhook.deliveries']);
/** Lists leave out what only the detail query returns: a page of deliveries has no bodies. */
const LIST_DETAILS: Record<string, ReadonlySet<string>> = {
  deliveries: new Set(['Delivery.event', 'Delivery.attempts']),
};

function checkSelection(
  schema: GraphQLSchema,
  typeName: string,
  selectionSet: SelectionSetNode,
  path: string,
  incomplete: string[],
  skipped: ReadonlySet<string>,
  allowed?: readonly string[],
): void {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
  const selected = collectFields(selectionSet);

  const wanted =
    allowed ??
    Object.keys(type.getFields()).filter(
      (field) =>
        !SKIPPED_FIELDS.has(`${typeName}.${field}`) && !skipped.has(`${typeName}.${field}`),
    );
  const missing = wanted.filter((field) => !selected.has(field));
  if (missing.length > 0) incomplete.push(`${path} (${typeName}) misses ${missing.join(', ')}`);

  for (const [field, subSelection] of selected) {
    if (!subSelection) continue;
    const fieldType = getNamedType(type.getFields()[field]!.type);
    const allowedFields = PARTIAL_SELECTIONS[`${typeName}.${field}`];
    const fieldPath = `${path}.${field}`;
    checkSelection(
      schema,
      fieldType.name,
      subSelection,
      fieldPath,
      incomplete,
      skipped,
      allowedFields,
    );
  }
}

/** The fields a selection set asks for, fragments expanded, with their sub-selections. */
function collectFields(
  selectionSet: SelectionSetNode,
  into = new Map<string, SelectionSetNode | undefined>(),
): Map<string, SelectionSetNode | undefined> {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      into.set(selection.name.value, selection.selectionSet);
    } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = fragments.get(selection.name.value);
      if (!fragment) throw new Error(`unknown fragment ${selection.name.value}`);
      collectFields(fragment.selectionSet, into);
    } else {
      collectFields(selection.selectionSet, into);
    }
  }
  return into;
}
