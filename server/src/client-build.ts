// Builds the client when its bundle is missing or older than its sources, so `npm start` works on a fresh
// clone and after a pull (a stale bundle would talk to a newer API).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLIENT_DIST = join(REPO_ROOT, 'client', 'dist');
const CLIENT_SOURCES = [join(REPO_ROOT, 'client', 'src'), join(REPO_ROOT, 'client', 'index.html')];

/** The newest modification time under `path` (a file or a folder), in ms. */
function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

export function ensureClientBuilt(log: (line: string) => void): string {
  const bundle = join(CLIENT_DIST, 'index.html');
  if (existsSync(bundle)) {
    const sources = Math.max(...CLIENT_SOURCES.filter((p) => existsSync(p)).map(newest));
    if (sources <= statSync(bundle).mtimeMs) return CLIENT_DIST;
    log('The client changed since its last build: rebuilding it…');
  } else {
    log('Building the client (first start only)…');
  }
  const result = spawnSync('npm', ['run', 'build', '-w', 'client'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('The client build failed; run `npm run build` to see why.');
  return CLIENT_DIST;
}
