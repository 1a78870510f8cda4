// Launches Neo4j 5.26 community from its official jars (resolved by Maven into a cache outside the
// repository), bound to 127.0.0.1 with a generated password, supervises it (restart after a crash,
// a watchdog against orphans) and stops it cleanly. See docs/decisions/001-embedded-neo4j.md and 060-faults.md.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mavenPackage } from './maven.js';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j from 'neo4j-driver';
import { ensurePluginJars, linkPluginJars, unrestrictedProcedures, type Neo4jPlugin } from './neo4j-plugins.js';

const POM = fileURLToPath(new URL('../../neo4j/pom.xml', import.meta.url));

export class EmbeddedNeo4jError extends Error {
  override name = 'EmbeddedNeo4jError';
}

export interface EmbeddedNeo4jOptions {
  version: string;
  /** Folder holding `lib/` with the jars. */
  cacheDir: string;
  /** Neo4j home (data, logs, run, conf). Created when missing. */
  homeDir: string;
  /** 0 picks a free port. */
  boltPort: number;
  heap: string;
  pageCache: string;
  /** Throwaway store: keep no transaction logs. */
  ephemeral?: boolean;
  /** Plugins resolved by Maven and put on the classpath (Graph Data Science, APOC core). Default none. */
  plugins?: readonly Neo4jPlugin[];
  /** How a Neo4j that died is restarted (defaults: 5 attempts, first after 1 s). */
  restart?: Partial<RestartPolicy>;
  log?: (line: string) => void;
}

export interface RestartPolicy {
  /** Consecutive failed restarts after which the launcher gives up (and logs so). */
  maxAttempts: number;
  /** Delay before the first restart; doubled after each failure, at most 30 s. */
  firstDelayMs: number;
}

export interface Neo4jCredentials {
  username: string;
  password: string;
}

export interface EmbeddedNeo4j {
  uri: string;
  boltPort: number;
  homeDir: string;
  /** The running JVM's pid (another one after a restart). */
  readonly pid: number;
  /** The credentials generated for this store, kept in <home>/atlas-credentials.json. */
  auth: Neo4jCredentials;
  stop(): Promise<void>;
}

const DOCKER_HINT =
  'Alternatively run Neo4j 5 yourself (e.g. `docker compose up neo4j`) and set NEO4J_URI, NEO4J_USERNAME and NEO4J_PASSWORD.';

function javaMajorVersion(): number | undefined {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return undefined;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(result.stderr + result.stdout);
  if (!match) return undefined;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}

function assertToolsPresent(needMaven: boolean): void {
  const java = javaMajorVersion();
  if (java === undefined) {
    throw new EmbeddedNeo4jError(`Java 17 or newer is required for the embedded Neo4j, but 'java' was not found. ${DOCKER_HINT}`);
  }
  if (java < 17) {
    throw new EmbeddedNeo4jError(`Java 17 or newer is required for the embedded Neo4j, found Java ${java}. ${DOCKER_HINT}`);
  }
  if (needMaven && spawnSync('mvn', ['-v'], { encoding: 'utf8' }).status !== 0) {
    throw new EmbeddedNeo4jError(
      `Maven ('mvn') is required once, to fetch the Neo4j jars from Maven Central, but was not found. ${DOCKER_HINT}`,
    );
  }
}

/** Resolves the Neo4j jars into `<cacheDir>/lib` once; later calls return at once. */
export function ensureNeo4jJars(version: string, cacheDir: string, log: (line: string) => void = () => {}): string {
  const lib = join(cacheDir, 'lib');
  const marker = join(cacheDir, '.complete');
  if (existsSync(marker) && existsSync(lib)) {
    assertToolsPresent(false);
    return lib;
  }
  assertToolsPresent(true);
  log(`Resolving Neo4j ${version} jars with Maven into ${lib} (first run only, ~120 MB)…`);
  mkdirSync(cacheDir, { recursive: true });
  const failure = mavenPackage(POM, { 'neo4j.version': version, 'lib.dir': lib, buildDir: join(cacheDir, 'target') });
  if (failure !== null) {
    throw new EmbeddedNeo4jError(`Maven could not resolve org.neo4j:neo4j:${version}:\n${failure}\n${DOCKER_HINT}`);
  }
  if (!readdirSync(lib).some((file) => file.startsWith('neo4j-'))) {
    throw new EmbeddedNeo4jError(`Maven finished but ${lib} holds no Neo4j jars. ${DOCKER_HINT}`);
  }
  writeFileSync(marker, new Date().toISOString());
  return lib;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const server = createServer();
    server.once('error', () => resolveFree(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolveFree(true)));
  });
}

/** Whether a process exists and is not a zombie (an orphan's zombie lingers where pid 1 does not reap). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.charAt(stat.lastIndexOf(')') + 2) !== 'Z';
  } catch {
    return true; // no /proc (macOS): kill(0) is all we can know
  }
}

const ENTRY_POINT = 'org.neo4j.server.CommunityEntryPoint';

/** 'ours': a Neo4j server on this home; 'other': another program reusing the pid; 'unknown': no /proc to tell. */
function identify(pid: number, home: string): 'ours' | 'other' | 'unknown' {
  let args: string[];
  try {
    args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return existsSync('/proc/self/cmdline') ? 'other' : 'unknown';
  }
  return args.includes(ENTRY_POINT) && args.includes(`--home-dir=${home}`) ? 'ours' : 'other';
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** Stops a process that is not our child: SIGTERM (Neo4j closes its store), SIGKILL after the grace period. */
async function terminate(pid: number, graceMs: number): Promise<void> {
  const send = (signal: NodeJS.Signals): void => {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  };
  send('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (processAlive(pid) && Date.now() < deadline) await sleep(200);
  if (!processAlive(pid)) return;
  send('SIGKILL');
  const killDeadline = Date.now() + 10_000;
  while (processAlive(pid) && Date.now() < killDeadline) await sleep(100);
}

function writeConfig(home: string, boltPort: number, options: EmbeddedNeo4jOptions): string {
  const confDir = join(home, 'conf');
  mkdirSync(confDir, { recursive: true });
  const lines = [
    '# Generated by Stakeholder Atlas; rewritten at every start.',
    'server.default_listen_address=127.0.0.1',
    `server.bolt.listen_address=127.0.0.1:${boltPort}`,
    'server.bolt.advertised_address=127.0.0.1',
    'server.http.enabled=false',
    'server.https.enabled=false',
    // Other users of the machine can reach a loopback port: only the app knows the password.
    'dbms.security.auth_enabled=true',
    'dbms.usage_report.enabled=false',
    `server.memory.pagecache.size=${options.pageCache}`,
    `server.directories.data=${join(home, 'data')}`,
    `server.directories.logs=${join(home, 'logs')}`,
    `server.directories.run=${join(home, 'run')}`,
    `server.directories.plugins=${join(home, 'plugins')}`,
    `server.directories.import=${join(home, 'import')}`,
    'db.transaction.timeout=15m', // backstop: the app sets shorter per-transaction timeouts
    'server.jvm.additional=-XX:+UseG1GC',
  ];
  if (options.ephemeral) lines.push('db.tx_log.rotation.retention_policy=keep_none');
  lines.push(...unrestrictedProcedures(options.plugins ?? []));
  writeFileSync(join(confDir, 'neo4j.conf'), lines.join('\n') + '\n');
  return confDir;
}

/** Where the generated Bolt credentials of a store are kept (mode 0600, beside the store). */
export const CREDENTIALS_FILE = 'atlas-credentials.json';
const DEFAULT_CREDENTIALS: Neo4jCredentials = { username: 'neo4j', password: 'neo4j' };

function readCredentials(file: string): Neo4jCredentials | undefined {
  if (!existsSync(file)) return undefined;
  chmodSync(file, 0o600);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Neo4jCredentials>;
  if (typeof parsed.username !== 'string' || typeof parsed.password !== 'string') {
    throw new EmbeddedNeo4jError(`${file} is damaged: it must hold {"username", "password"} for the embedded Neo4j.`);
  }
  return { username: parsed.username, password: parsed.password };
}

function writeCredentials(file: string, credentials: Neo4jCredentials): void {
  writeFileSync(file, JSON.stringify(credentials, null, 2) + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
}

/**
 * Sets the password Neo4j gives its admin user when it creates the system database (first start).
 * The password goes through a 0600 argument file, so it never shows in the process list.
 */
function setInitialPassword(lib: string, home: string, confDir: string, password: string): void {
  const argFile = join(home, 'run', 'atlas-set-password.args');
  writeFileSync(argFile, `org.neo4j.cli.AdminTool\ndbms\nset-initial-password\n${password}\n`, { mode: 0o600 });
  try {
    const result = spawnSync('java', ['-cp', `${lib}/*`, `@${argFile}`], {
      env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: confDir },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (result.status !== 0) {
      throw new EmbeddedNeo4jError(`Could not set the initial Neo4j password:\n${(result.stdout + result.stderr).slice(-2000)}`);
    }
  } finally {
    rmSync(argFile, { force: true });
  }
}

const isAuthError = (error: unknown): boolean =>
  typeof (error as { code?: unknown }).code === 'string' &&
  (error as { code: string }).code.startsWith('Neo.ClientError.Security.');

/** Waits until Bolt accepts `auth`; a refused password is reported at once (retrying would lock the user). */
async function waitForBolt(
  uri: string,
  auth: Neo4jCredentials,
  child: ChildProcess,
  logFile: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = signal ?? `code ${code}`));
  while (Date.now() < deadline) {
    if (exited !== undefined) {
      const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n') : '';
      throw new EmbeddedNeo4jError(`Neo4j exited during start-up (${exited}). Last log lines:\n${tail}`);
    }
    const driver = neo4j.driver(uri, neo4j.auth.basic(auth.username, auth.password), { connectionTimeout: 2000 });
    try {
      await driver.verifyConnectivity();
      return;
    } catch (error) {
      if (isAuthError(error)) {
        throw new EmbeddedNeo4jError(
          `Neo4j on ${uri} refuses the credentials the app keeps for it (${(error as Error).message}). ` +
            `If the store was created elsewhere, start it once with its own password, or move it aside.`,
        );
      }
      await sleep(300);
    } finally {
      await driver.close();
    }
  }
  throw new EmbeddedNeo4jError(`Neo4j did not answer on ${uri} within ${timeoutMs / 1000}s; see ${logFile}`);
}

/** A store created while authentication was off still has the default password: replace it with ours. */
async function adoptDefaultPassword(uri: string, credentials: Neo4jCredentials): Promise<void> {
  const driver = neo4j.driver(uri, neo4j.auth.basic(DEFAULT_CREDENTIALS.username, DEFAULT_CREDENTIALS.password));
  try {
    await driver.executeQuery(
      'ALTER CURRENT USER SET PASSWORD FROM $old TO $password',
      { old: DEFAULT_CREDENTIALS.password, password: credentials.password },
      { database: 'system' },
    );
  } catch (error) {
    throw new EmbeddedNeo4jError(
      `Neo4j's store has no ${CREDENTIALS_FILE} and its admin password is not the default one, so the app cannot ` +
        `sign in (${(error as Error).message}). Write {"username","password"} into ${CREDENTIALS_FILE} in the data folder.`,
    );
  } finally {
    await driver.close();
  }
}

// Runs beside the JVM: once this Node process is gone (even after SIGKILL) it stops the JVM
// (SIGTERM, SIGKILL after 60 s) and removes the pid file if it still names that JVM.
// Arguments: $1 owner pid, $2 JVM pid, $3 pid file.
const WATCHDOG_SCRIPT = [
  // Shell built-ins only (the state letter follows the last ') ' of /proc/<pid>/stat): no fork per poll.
  'alive() { if [ -r "/proc/$1/stat" ]; then read -r s < "/proc/$1/stat" || return 1; s=${s##*") "}; [ "${s%% *}" != Z ]; else kill -0 "$1" 2>/dev/null; fi; }',

  'while alive "$1"; do alive "$2" || exit 0; sleep 1; done',
  'kill -TERM "$2" 2>/dev/null',
  'i=0; while alive "$2" && [ "$i" -lt 60 ]; do sleep 1; i=$((i+1)); done',
  'kill -KILL "$2" 2>/dev/null',
  `grep -q "\\"pid\\":$2," "$3" 2>/dev/null && rm -f "$3"`,
  'exit 0',
].join('\n');

function spawnWatchdog(jvmPid: number, pidFile: string): ChildProcess {
  const watchdog = spawn('sh', ['-c', WATCHDOG_SCRIPT, 'atlas-neo4j-watchdog', String(process.pid), String(jvmPid), pidFile], {
    detached: true,
    stdio: 'ignore',
  });
  watchdog.on('error', () => {}); // without sh the JVM merely loses its guard; the pid file check still applies
  watchdog.unref();
  return watchdog;
}

function stopWatchdog(watchdog: ChildProcess | undefined): void {
  if (watchdog?.pid === undefined || watchdog.exitCode !== null || watchdog.signalCode !== null) return;
  try {
    process.kill(-watchdog.pid, 'SIGTERM'); // its own process group: the shell and its sleep
  } catch {
    // already gone
  }
}

interface PidFile {
  pid: number;
  boltPort: number;
  owner: number;
  watchdog?: number;
}

/**
 * One server per store: a live server on this store is refused with a clear message (before
 * Neo4j's store lock fails with a cryptic one), unless its owner is gone: then it is an orphan
 * of ours (recognised by its command line) and is stopped.
 */
async function clearPreviousInstance(pidFile: string, home: string, log: (line: string) => void): Promise<void> {
  if (!existsSync(pidFile)) return;
  let previous: PidFile | undefined;
  try {
    previous = JSON.parse(readFileSync(pidFile, 'utf8')) as PidFile;
  } catch {
    previous = undefined; // a torn write: nothing to recognise
  }
  if (previous && processAlive(previous.pid)) {
    const what = identify(previous.pid, home);
    if (what === 'ours' && !processAlive(previous.owner)) {
      log(`Stopping Neo4j pid ${previous.pid}, left running on ${home} by process ${previous.owner}, which is gone…`);
      await terminate(previous.pid, 60_000);
      if (processAlive(previous.pid)) throw new EmbeddedNeo4jError(`Could not stop the orphaned Neo4j pid ${previous.pid}.`);
    } else if (what !== 'other') {
      throw new EmbeddedNeo4jError(
        `Neo4j is already running on ${home} (pid ${previous.pid}, bolt://127.0.0.1:${previous.boltPort}), ` +
          `started by process ${previous.owner}. Stop that instance first (Ctrl-C in its terminal), ` +
          `or point ATLAS_DATA_DIR at another folder.`,
      );
    }
  }
  rmSync(pidFile, { force: true });
}

function spawnNeo4j(classpath: string, home: string, confDir: string, logFile: string, heap: string): ChildProcess {
  // The JVM writes to the log file itself, so it keeps logging when this process is gone.
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(
      'java',
      [
        `-Xms${heap}`,
        `-Xmx${heap}`,
        '-XX:+UseG1GC',
        '-XX:+ExitOnOutOfMemoryError',
        '-Dio.netty.tryReflectionSetAccessible=true',
        '--add-opens=java.base/java.nio=ALL-UNNAMED',
        '--add-opens=java.base/java.io=ALL-UNNAMED',
        '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
        '--add-opens=java.base/java.lang=ALL-UNNAMED',
        '-Dfile.encoding=UTF-8',
        '-cp',
        classpath,
        ENTRY_POINT,
        `--home-dir=${home}`,
        `--config-dir=${confDir}`,
        '--console-mode',
      ],
      // Its own process group: a Ctrl-C in the terminal reaches Node, which stops Neo4j in order.
      { stdio: ['ignore', fd, fd], detached: true },
    );
    child.on('error', () => {}); // reported by waitForBolt through the missing pid / exit
    return child;
  } finally {
    closeSync(fd);
  }
}

/**
 * Starts Neo4j and supervises it: if the JVM exits while it should be running, it is restarted on
 * the same port and store after a back-off (doubling from `restart.firstDelayMs`), giving up with a
 * log line after `restart.maxAttempts` consecutive failures. The driver reconnects by itself.
 */
export async function startEmbeddedNeo4j(options: EmbeddedNeo4jOptions): Promise<EmbeddedNeo4j> {
  const log = options.log ?? (() => {});
  const lib = ensureNeo4jJars(options.version, options.cacheDir, log);
  // Plugins go on the classpath, not only in plugins/: GDS's extension is not loaded from there.
  const pluginLibs = (options.plugins ?? []).map((plugin) => ensurePluginJars(plugin, options.cacheDir, lib, log));
  const classpath = [lib, ...pluginLibs].map((dir) => `${dir}/*`).join(':');
  const home = resolve(options.homeDir);
  linkPluginJars(join(home, 'plugins'), pluginLibs);
  mkdirSync(join(home, 'run'), { recursive: true });
  mkdirSync(join(home, 'logs'), { recursive: true });
  const pidFile = join(home, 'run', 'atlas-neo4j.json');
  await clearPreviousInstance(pidFile, home, log);

  const boltPort = options.boltPort === 0 ? await freePort() : options.boltPort;
  if (!(await portIsFree(boltPort))) {
    throw new EmbeddedNeo4jError(
      `Port ${boltPort} on 127.0.0.1 is taken, so Neo4j cannot listen for Bolt there. ` +
        `Set ATLAS_NEO4J_BOLT_PORT to a free port (or 0 for any free port).`,
    );
  }
  const confDir = writeConfig(home, boltPort, options);
  const logFile = join(home, 'logs', 'console.log');
  const uri = `bolt://127.0.0.1:${boltPort}`;
  const policy: RestartPolicy = { maxAttempts: 5, firstDelayMs: 1000, ...options.restart };

  // Credentials: generated at the first start and set before Neo4j creates its system database;
  // a store made while authentication was off gets them through the driver instead.
  const credentialsFile = join(home, CREDENTIALS_FILE);
  const freshStore = !existsSync(join(home, 'data', 'databases', 'system'));
  let credentials = readCredentials(credentialsFile);
  const adopt = credentials === undefined && !freshStore;
  // Hex, not base64url: a password starting with '-' reads as an option to neo4j-admin and is refused.
  credentials ??= { username: 'neo4j', password: randomBytes(24).toString('hex') };
  if (freshStore) {
    writeCredentials(credentialsFile, credentials);
    setInitialPassword(lib, home, confDir, credentials.password);
  }
  const auth = credentials;

  let child: ChildProcess | undefined;
  let watchdog: ChildProcess | undefined;
  let supervising = false; // set once the first start has succeeded
  let stopping = false;
  let recovering = false;
  let failures = 0;
  let upSince = 0;
  let wake: (() => void) | undefined;

  const childRunning = (c: ChildProcess | undefined): c is ChildProcess =>
    c !== undefined && c.exitCode === null && c.signalCode === null;
  // If this Node process exits without stop(), take Neo4j with it.
  const killOnExit = (): void => {
    if (childRunning(child)) child.kill('SIGKILL');
  };

  const launch = (): ChildProcess => {
    const c = spawnNeo4j(classpath, home, confDir, logFile, options.heap);
    if (c.pid === undefined) throw new EmbeddedNeo4jError('Could not start java');
    child = c;
    stopWatchdog(watchdog);
    watchdog = spawnWatchdog(c.pid, pidFile);
    const record: PidFile = { pid: c.pid, boltPort, owner: process.pid, watchdog: watchdog.pid };
    writeFileSync(pidFile, JSON.stringify(record));
    c.once('exit', (code, signal) => {
      if (!supervising || stopping || recovering || c !== child) return;
      log(`Neo4j (pid ${c.pid}) exited unexpectedly (${signal ?? `code ${code}`}); restarting it on ${uri}…`);
      if (Date.now() - upSince > 60_000) failures = 0; // it had been up a while: a fresh fault
      void recover();
    });
    return c;
  };

  const recover = async (): Promise<void> => {
    recovering = true;
    try {
      while (!stopping) {
        if (failures >= policy.maxAttempts) {
          log(
            `Gave up restarting Neo4j after ${failures} failed attempts; requests answer UNAVAILABLE until the ` +
              `server is restarted. See ${logFile}.`,
          );
          return;
        }
        const delay = Math.min(policy.firstDelayMs * 2 ** failures, 30_000);
        await new Promise<void>((done) => {
          const timer = setTimeout(done, delay);
          wake = () => {
            clearTimeout(timer);
            done();
          };
        });
        wake = undefined;
        if (stopping) return;
        try {
          const c = launch();
          await waitForBolt(uri, auth, c, logFile, 180_000);
          upSince = Date.now();
          log(`Neo4j is back on ${uri} (pid ${c.pid}).`);
          return;
        } catch (error) {
          if (stopping) return;
          failures += 1;
          const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
          log(`Restart ${failures}/${policy.maxAttempts} of Neo4j failed: ${reason}`);
          const c = child;
          if (childRunning(c)) {
            await new Promise<void>((done) => {
              c.once('exit', () => done());
              c.kill('SIGKILL');
            });
          }
        }
      }
    } finally {
      recovering = false;
    }
  };

  process.once('exit', killOnExit);
  log(`Starting Neo4j ${options.version} on ${uri} (store ${home})…`);
  try {
    const first = launch();
    if (adopt) {
      await waitForBolt(uri, DEFAULT_CREDENTIALS, first, logFile, 180_000);
      await adoptDefaultPassword(uri, auth);
      writeCredentials(credentialsFile, auth);
      log(`Neo4j now requires the password kept in ${credentialsFile}.`);
    } else {
      await waitForBolt(uri, auth, first, logFile, 180_000);
    }
  } catch (error) {
    stopping = true;
    killOnExit();
    stopWatchdog(watchdog);
    process.removeListener('exit', killOnExit);
    rmSync(pidFile, { force: true });
    throw error;
  }
  upSince = Date.now();
  supervising = true;

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      stopping = true;
      wake?.();
      const c = child;
      if (childRunning(c)) {
        await new Promise<void>((done) => {
          // SIGTERM runs Neo4j's shutdown hook, which closes the store cleanly.
          const forceTimer = setTimeout(() => c.kill('SIGKILL'), 60_000);
          c.once('exit', () => {
            clearTimeout(forceTimer);
            done();
          });
          c.kill('SIGTERM');
        });
      }
      process.removeListener('exit', killOnExit);
      stopWatchdog(watchdog);
      rmSync(pidFile, { force: true });
    })();
    return stopped;
  };
  return {
    uri,
    boltPort,
    homeDir: home,
    get pid() {
      return child?.pid ?? 0;
    },
    auth,
    stop,
  };
}

export const embeddedDefaults = { pomPath: POM, repoRoot: dirname(dirname(POM)) };
