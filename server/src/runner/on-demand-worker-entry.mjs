// Bootstrap of the on-demand pool's workers: registers tsx's loader in the thread (Node 20 workers do not inherit it), then exposes the task function.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./on-demand-worker.ts');
export default worker.default;
