// Builds the client once when its bundle is missing, so `npm start` works on a fresh clone.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLIENT_DIST = join(REPO_ROOT, 'client', 'dist');

export function ensureClientBuilt(log: (line: string) => void): string {
  if (existsSync(join(CLIENT_DIST, 'index.html'))) return CLIENT_DIST;
  log('Building the client (first start only)…');
  const result = spawnSync('npm', ['run', 'build', '-w', 'client'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('The client build failed; run `npm run build` to see why.');
  return CLIENT_DIST;
}
