import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (`main`) and ESM (`module`) builds. Node (and so yoga, Pothos and the server under tsx)
    // loads the CJS one; vite would pick the ESM one for our sources, giving two GraphQLError classes. One copy only.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Sandboxes and gateways are per test file; two cores, so keep parallelism modest.
    maxWorkers: 2,
  },
});
