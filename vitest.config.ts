import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Some tests spawn the built CLI or run thousands of property cases: on a loaded 2-core machine
    // they take several seconds, and a timeout there says nothing about the code.
    testTimeout: 30_000,
  },
});
