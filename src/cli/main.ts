#!/usr/bin/env node
import { run } from './run.js';

// exitCode rather than exit(): let stdout drain when it is a pipe.
run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
