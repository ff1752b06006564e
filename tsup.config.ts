import { defineConfig } from 'tsup';

const common = { target: 'node20', platform: 'node', sourcemap: true, splitting: false } as const;

export default defineConfig([
  // The library: ESM and CJS, each with its own declaration file (see package.json "exports").
  { ...common, entry: { index: 'src/index.ts' }, format: ['esm', 'cjs'], dts: true, clean: true },
  // The command line: the package is ESM, so `bin` needs only the ESM build. triage-batch's
  // worker threads run their own file, so that its main thread does not load the library.
  { ...common, entry: { cli: 'src/cli/main.ts', batch: 'src/cli/batch.ts' }, format: ['esm'], dts: false, clean: false },
  {
    ...common,
    entry: { 'batch-worker': 'src/batch/worker-entry.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
  },
]);
