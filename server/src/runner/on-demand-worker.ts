// Worker-thread entry of the on-demand pool: runs one task per call (the pool's default export).
import { runOnDemandTask, type OnDemandRequest, type OnDemandResult } from './on-demand-tasks.js';

export default function run(request: OnDemandRequest): OnDemandResult {
  return runOnDemandTask(request);
}
