import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the tests: `graphql()` from test/gql returns a TypedDocumentString whose result and variable
 * types come from schema/schema.graphql (printed from the builder by `npm run schema`).
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['test/**/*.ts', '!test/gql/**'],
  ignoreNoDocuments: true,
  // NodeNext resolution: generated relative imports end in .js.
  emitLegacyCommonJSImports: false,
  generates: {
    'test/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { documentMode: 'string', useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string' } },
    },
  },
};

export default config;
