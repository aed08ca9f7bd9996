/**
 * One importer in a worker thread (isolated.ts): receives { file, opts }
 * messages, answers each with its ImportResult. A file that exhausts the
 * worker's memory kills only the worker.
 */
import { parentPort } from 'node:worker_threads';
import { importFile, type ImportOptions } from './index.ts';

parentPort!.on('message', async (m: { file: string; opts: ImportOptions }) => {
  parentPort!.postMessage(await importFile(m.file, m.opts));
});
