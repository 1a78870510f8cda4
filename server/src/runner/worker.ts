// Worker-thread entry of an analysis run: receives one compact projection, runs the full analysis (betweenness in a second thread beside it), posts progress and the result back.
import { availableParallelism } from 'node:os';
import { parentPort, Worker } from 'node:worker_threads';
import type { CompactProjection, RunParameters } from '../domain/models.js';
import { resultTransferList, runFullAnalysis } from './full-analysis.js';
import type { BetweennessReply, BetweennessRequest } from './betweenness-worker.js';
import type { WorkerMessage, WorkerRequest } from './worker-messages.js';

const port = parentPort;
if (!port) throw new Error('worker.ts must run in a worker thread');

const BETWEENNESS_ENTRY = new URL('./betweenness-worker-entry.mjs', import.meta.url);

/**
 * Sampled betweenness is the longest single step of a large run (256 breadth-first searches over every
 * tie) and needs nothing the other steps compute, so it runs in its own thread on a copy of the ties
 * while this one does the rest. A worker started here stops when this one does (a killed run).
 */
function betweennessBeside(projection: CompactProjection, parameters: RunParameters): Promise<BetweennessReply> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BETWEENNESS_ENTRY);
    worker.once('message', (reply: BetweennessReply) => {
      resolve(reply);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the betweenness worker stopped unexpectedly (exit code ${code})`)));
    const request: BetweennessRequest = {
      ids: projection.ids,
      // Copies (no transfer list): this thread keeps using the same arrays.
      ties: { source: projection.source, target: projection.target, weight: projection.weight },
      options: { seed: parameters.seed, pivots: parameters.pivots },
    };
    worker.postMessage(request);
  });
}

port.once('message', (request: WorkerRequest) => {
  const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);
  const run = async (): Promise<void> => {
    const beside = availableParallelism() > 1;
    const side = beside ? betweennessBeside(request.projection, request.parameters) : null;
    side?.catch(() => undefined); // awaited below; kept from going unhandled while the rest runs
    const result = runFullAnalysis(
      request.projection,
      request.parameters,
      request.communityNames,
      (phase, percent) => post({ type: 'progress', phase, percent }),
      { skipBetweenness: beside },
    );
    if (side) {
      const t0 = performance.now();
      const reply = await side;
      if (reply.type === 'error') throw new Error(reply.message);
      result.timings['influence.betweenness.wait'] = performance.now() - t0;
      result.scores.betweenness = reply.values;
      result.summary.betweenness = { mode: reply.mode, pivots: reply.pivots };
    }
    post({ type: 'result', result }, resultTransferList(result));
  };
  run().catch((error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }));
});
