// Preloaded into a server child by the faults tier: SIGUSR2 makes a promise rejection that nobody
// handles, as a buggy request would, so the test can see the process guard log it and keep serving.
// Plain JavaScript: the analysis worker threads inherit the preload, without tsx's loader.
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  process.on('SIGUSR2', () => {
    void Promise.reject(new Error('faults tier: an unhandled rejection'));
  });
}
