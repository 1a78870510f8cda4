// Bootstrap of the analysis worker thread: registers tsx's loader in this thread (Node 20 workers do not inherit it, and `execArgv: ['--import', 'tsx']` does not apply to the entry), then loads worker.ts.
import { register } from 'tsx/esm/api';

register();
await import('../runner/worker.ts');
