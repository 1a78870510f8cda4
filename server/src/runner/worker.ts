// Worker-thread entry of an analysis run: receives one compact projection, runs the full analysis, posts progress and the result back.
import { parentPort } from 'node:worker_threads';
import { resultTransferList, runFullAnalysis } from './full-analysis.js';
import type { WorkerMessage, WorkerRequest } from './worker-messages.js';

const port = parentPort;
if (!port) throw new Error('worker.ts must run in a worker thread');

port.once('message', (request: WorkerRequest) => {
  const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);
  try {
    const result = runFullAnalysis(request.projection, request.parameters, request.communityNames, (phase, percent) =>
      post({ type: 'progress', phase, percent }),
    );
    post({ type: 'result', result }, resultTransferList(result));
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
