// The module each batch worker thread runs (built to dist/batch-worker.js). It alone loads the
// library: the main thread (dist/batch.js) only moves bytes, so it neither pays for the library's
// dependencies nor holds a third copy of its code and rules.
import { serveBatchWorker } from './worker.js';

serveBatchWorker();
