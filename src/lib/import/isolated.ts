/**
 * Imports files one at a time in a worker thread with its own heap limit and
 * a time limit, so that one file — a crafted zip, a PDF that makes pdf.js
 * spin — fails alone with a clear message and the batch goes on to print its
 * summary. The worker is reused while it lives and replaced when a file
 * kills it. The limits in limits.ts refuse known bombs cheaply; this is the
 * wall for the unknown ones.
 */
import { Worker } from 'node:worker_threads';
import type { ImportOptions, ImportResult } from './index.ts';

export interface IsolationLimits {
  /** heap of the worker, MiB */
  heapMb: number;
  /** per file, ms */
  timeoutMs: number;
}

export const DEFAULT_ISOLATION: IsolationLimits = { heapMb: 2048, timeoutMs: 180_000 };

const WORKER = new URL('./worker.ts', import.meta.url);

export async function* importIsolated(files: string[], opts: ImportOptions, limits: IsolationLimits = DEFAULT_ISOLATION): AsyncGenerator<ImportResult> {
  let worker: Worker | undefined;
  const start = () => new Worker(WORKER, { resourceLimits: { maxOldGenerationSizeMb: limits.heapMb } });
  try {
    for (const file of files) {
      worker ??= start();
      const w = worker;
      const outcome = await new Promise<{ result?: ImportResult; failure?: string }>((resolve) => {
        const timer = setTimeout(() => {
          resolve({ failure: `was stopped after ${Math.round(limits.timeoutMs / 1000)} s without finishing (a report takes a few seconds): the file may be crafted or damaged; open and save it again, or import it alone to see where it stops` });
        }, limits.timeoutMs);
        const done = (v: { result?: ImportResult; failure?: string }) => {
          clearTimeout(timer);
          w.off('message', onMessage);
          w.off('error', onError);
          w.off('exit', onExit);
          resolve(v);
        };
        const onMessage = (result: ImportResult) => done({ result });
        const onError = (e: Error & { code?: string }) =>
          done({
            failure:
              e.code === 'ERR_WORKER_OUT_OF_MEMORY'
                ? `needed more than ${limits.heapMb} MiB of memory to read and was stopped: the file may be crafted (a zip bomb) or hold far more than one report`
                : `made the importer fail (${e.message})`,
          });
        const onExit = (code: number) => done({ failure: `made the importer stop (exit ${code})` });
        w.on('message', onMessage);
        w.on('error', onError);
        w.on('exit', onExit);
        w.postMessage({ file, opts });
      });
      if (outcome.result) yield outcome.result;
      else {
        await worker.terminate().catch(() => undefined);
        worker = undefined;
        yield { file, ok: false, error: outcome.failure!, tablesFound: [], cellsRead: 0, warnings: [] };
      }
    }
  } finally {
    await worker?.terminate();
  }
}
