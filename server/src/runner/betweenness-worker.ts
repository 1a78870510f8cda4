// Worker-thread entry that computes a run's betweenness beside the rest of the analysis: receives the projection's ties, builds its own directed tie index and posts the scores back.
import { parentPort } from 'node:worker_threads';
import { betweennessOfIndex, type BetweennessOptions } from '../analytics/influence.js';
import { directedTieIndexOfTies, type TieArrays } from '../analytics/tie-index.js';

export interface BetweennessRequest {
  ids: string[];
  ties: TieArrays;
  options: BetweennessOptions;
}

export type BetweennessReply =
  | { type: 'result'; values: Float64Array; mode: 'exact' | 'sampled' | 'skipped'; pivots: number }
  | { type: 'error'; message: string };

const port = parentPort;
if (!port) throw new Error('betweenness-worker.ts must run in a worker thread');

port.once('message', (request: BetweennessRequest) => {
  try {
    const b = betweennessOfIndex(directedTieIndexOfTies(request.ids, request.ties), request.options);
    const reply: BetweennessReply = { type: 'result', values: b.values, mode: b.mode, pivots: b.pivots };
    port.postMessage(reply, [b.values.buffer as ArrayBuffer]);
  } catch (error) {
    const reply: BetweennessReply = { type: 'error', message: error instanceof Error ? error.message : String(error) };
    port.postMessage(reply);
  }
});
