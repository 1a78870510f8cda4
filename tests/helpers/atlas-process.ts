// For the faults tier: runs the server or a CLI as a child process (its own data dir and ports on
// 127.0.0.1), collects its output, and reads the embedded Neo4j's pid file to find its JVM.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect } from '../../server/src/db/database.js';
import { createTestUser } from './app.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface AtlasProcess {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the first match of `pattern` in the output; rejects if the process exits first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code (or signal) once it has exited. */
  exited: Promise<number | NodeJS.Signals>;
}

/** The parent's environment minus the settings that would point the child at another Neo4j or store. */
function inherited(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(NEO4J_|ATLAS_|PORT$|HOST$)/.test(key)) env[key] = value;
  }
  // The jar cache is shared: resolved once, never downloaded by a test.
  if (process.env.ATLAS_NEO4J_CACHE) env.ATLAS_NEO4J_CACHE = process.env.ATLAS_NEO4J_CACHE;
  return env;
}

/** Starts `node --import tsx <script> ...args` from the repository root with the given environment. */
export function startAtlasProcess(
  script: string,
  args: string[],
  env: Record<string, string>,
  preload: string[] = [],
): AtlasProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ...preload.flatMap((p) => ['--import', p]), script, ...args], {
    cwd: repoRoot,
    env: { ...inherited(), LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer): void => {
    text += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | NodeJS.Signals>((resolve) =>
    child.once('exit', (code, signal) => {
      resolve(signal ?? code ?? -1);
      for (const listener of listeners) listener();
    }),
  );
  const waitFor = (pattern: RegExp, timeoutMs = 240_000): Promise<RegExpMatchArray> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`no ${pattern} within ${timeoutMs / 1000} s; output:\n${text.slice(-3000)}`));
      }, timeoutMs);
      const check = (): void => {
        const match = pattern.exec(text);
        if (match) {
          clearTimeout(timer);
          listeners.delete(check);
          resolve(match);
        } else if (child.exitCode !== null || child.signalCode !== null) {
          clearTimeout(timer);
          listeners.delete(check);
          reject(new Error(`exited (${child.exitCode ?? child.signalCode}) before ${pattern}; output:\n${text.slice(-3000)}`));
        }
      };
      listeners.add(check);
      check();
    });
  return { child, output: () => text, waitFor, exited };
}

export interface Neo4jPidFile {
  pid: number;
  boltPort: number;
  owner: number;
  watchdog?: number;
}

export function readPidFile(home: string): Neo4jPidFile | undefined {
  const file = join(home, 'run', 'atlas-neo4j.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Neo4jPidFile) : undefined;
}

/** Alive and not a zombie. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.charAt(stat.lastIndexOf(')') + 2) !== 'Z';
  } catch {
    return true;
  }
}

/** Polls until `condition` holds; throws with `what` after `timeoutMs` (a bound, not a timing assertion). */
export async function eventually(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`still not true after ${timeoutMs / 1000} s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Environment for a child that owns an embedded Neo4j in `home`, on free ports, with a small memory footprint. */
export function embeddedEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ATLAS_DATA_DIR: home,
    ATLAS_NEO4J_BOLT_PORT: '0',
    ATLAS_NEO4J_HEAP: '512m',
    ATLAS_NEO4J_PAGECACHE: '128m',
    PORT: '0',
    ...extra,
  };
}

/**
 * A personal API token of a new admin of a started server's database (its embedded Neo4j, found on the Bolt
 * address the server printed, with the credentials kept in its data folder): its HTTP API needs a signed-in caller.
 */
export async function adminTokenOf(server: AtlasProcess, home: string): Promise<string> {
  const bolt = (await server.waitFor(/at (bolt:\/\/127\.0\.0\.1:\d+)/))[1]!;
  const credentials = JSON.parse(readFileSync(join(home, 'atlas-credentials.json'), 'utf8')) as {
    username: string;
    password: string;
  };
  const db = connect(bolt, credentials.username, credentials.password, 'neo4j');
  try {
    return (await createTestUser(db, 'admin')).token;
  } finally {
    await db.driver.close();
  }
}
