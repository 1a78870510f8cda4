// The messages exchanged between the run service and its analysis worker thread.
import type { CompactProjection, RunParameters, RunResult } from '../domain/models.js';

export interface WorkerRequest {
  projection: CompactProjection;
  parameters: RunParameters;
  communityNames: Record<string, string>;
}

export type WorkerMessage =
  | { type: 'progress'; phase: string; percent: number }
  | { type: 'result'; result: RunResult }
  | { type: 'error'; message: string };
