// Bootstrap of the betweenness worker thread (see worker-entry.mjs for why tsx is registered here).
import { register } from 'tsx/esm/api';

register();
await import('../runner/betweenness-worker.ts');
