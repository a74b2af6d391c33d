import type { CodegenConfig } from '@graphql-codegen/cli';
import { print, type DocumentNode } from 'graphql';

/** Where the client package's generated documents and types live (committed). */
export const CLIENT_GQL_DIR = 'client/src/gql/';

/**
 * Typed documents and types for `@trucklinemp/webhooks-client`, generated from the server's
 * committed `schema.graphql` and the operation documents in `client/src/operations/`.
 * `test/client/codegen-fresh.test.ts` fails when the committed output is stale.
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['client/src/operations/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    [CLIENT_GQL_DIR]: {
      preset: 'client',
      presetConfig: {
        // Results are plain typed objects, not masked fragment references.
        fragmentMasking: false,
        // The printed operation (fragments included) rides along in `__meta__.query`, so the
        // client sends it without needing graphql's printer at run time.
        onExecutableDocumentNode: (document: DocumentNode) => ({ query: print(document) }),
      },
      config: {
        useTypeImports: true,
        emitLegacyCommonJSImports: false,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', JSON: 'unknown' },
      },
    },
  },
};

export default config;
