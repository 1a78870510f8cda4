// Client benchmark: headless Chromium against a running server; for networks of given sizes, the time from
// navigation to the first drawn frame and to the ties drawn, the main thread's long tasks (PerformanceObserver
// 'longtask') while the map loads and during a scripted pan and zoom (with the frame gaps then), and the compressed
// bytes per tie of the network answer, for one or more builds of the client measured back to back.
//
//   npx tsx bench/client-bench.ts                 # server at http://127.0.0.1:4000, 10k nodes / 100k ties
//   npx tsx bench/client-bench.ts --scale 10k/100k,50k/300k,100k/1M --runs 3   # large ones under flock /tmp/atlas-heavy.lock
//   npx tsx bench/client-bench.ts --url http://127.0.0.1:4100 --sizes 1000,10000 --runs 3 --trace /tmp/traces --screenshot /tmp/shots
//   npx tsx bench/client-bench.ts --client /tmp/old-dist,client/dist --sizes 10000 --runs 3   # two builds, alternated
//   (ATLAS_BENCH_URL and ATLAS_BENCH_SIZES still work; --help lists the options)
//
// The API needs a signed-in caller: the bench signs in with --user/--password (or ATLAS_BENCH_USER and
// ATLAS_BENCH_PASSWORD), else it gives the user `bench-viewer` a new random password in the server's database (found
// as `npm run user` finds it: NEO4J_URI, else the running app's embedded Neo4j on ATLAS_NEO4J_BOLT_PORT with the
// credentials in ATLAS_DATA_DIR) and signs in as that viewer. Every page starts with that session's cookie.
//
// The running server serves the real app and answers every query; the bench puts a small HTTP proxy in front of it
// that answers the `Network` query itself with a network of the requested size, built by tiling the server's own
// network (same keys, labels, roles, communities, weights, dates and — when the server has an analysis run — scores
// and detected memberships), in the shape the page asks for: columns (NetworkGraph.columns, encoded by the server's
// own encoder) or, for an older build, nodes and edges as objects. A size equal to the server's network is that
// network as the server sends it. The answer is prepared before navigation and sent gzip-encoded (as the server's
// content encoding sends it), so neither the tiling nor the server's query time is counted: the figure is the
// client's (download, parse, build, draw). The "server (as is)" row goes straight to the server and includes its
// query time. Nothing is written to the server's database except the bench user's password.
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Request } from 'playwright-core';
import sirv from 'sirv';
import { openAppDatabase } from '../server/src/cli/app-database.js';
import { loadConfig } from '../server/src/config.js';
import { encodeColumns } from '../server/src/schema/network/columns.js';
import type { NetworkGraph } from '../server/src/store/network.js';
import { benchUserWithPassword } from './bench-user.js';

const HELP = `usage: npx tsx bench/client-bench.ts [options]
  --url URL          the running server (default ATLAS_BENCH_URL or http://127.0.0.1:4000)
  --scale N/M,…      networks of N nodes and M ties (k and M suffixes), tiled from the server's (default 10k/100k);
                     the page asks for at most 100,000 ties, so larger ones arrive cut to the strongest, as from the server
  --sizes N,N,…      networks of N nodes with the server's density instead of --scale
  --positions MODE   on: the answer carries positions for every node (as the server's run layout, issue 11), off: it
                     does not (the page lays out), both (default): one row each
  --pan-steps N      scripted camera moves after the map is complete (default 20: drags and wheel turns, alternated)
  --runs N           measurements per size; the table shows the median (default 1)
  --trace DIR        write a Chromium performance trace per size (open in chrome://tracing or Perfetto)
  --screenshot DIR   save a screenshot of each size's first frame and of the map 3 s later
  --client DIR,…     serve the app from these builds (e.g. another commit's client/dist, then this one's) instead
                     of the server's, measured alternately, to compare builds against one server
  --user NAME        sign in as NAME (default ATLAS_BENCH_USER; else the bench-viewer user, given a new password)
  --password PW      NAME's password (default ATLAS_BENCH_PASSWORD)
  --no-as-is         skip the "server (as is)" row (its time is mostly the server's query)`;
const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    sizes: { type: 'string' },
    scale: { type: 'string' },
    positions: { type: 'string', default: 'both' },
    'pan-steps': { type: 'string', default: '20' },
    runs: { type: 'string', default: '1' },
    trace: { type: 'string' },
    screenshot: { type: 'string' },
    client: { type: 'string' },
    user: { type: 'string' },
    password: { type: 'string' },
    'no-as-is': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log(HELP);
  process.exit(0);
}
const BASE = (args.url ?? process.env.ATLAS_BENCH_URL ?? 'http://127.0.0.1:4000').replace(/\/$/, '');
/** '10k' → 10,000, '1M' → 1,000,000. */
function count(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.trim());
  if (m === null) throw new Error(`not a count: ${text}`);
  return Math.round(Number(m[1]) * ({ k: 1e3, m: 1e6 }[m[2]!.toLowerCase()] ?? 1));
}
/** The networks to measure: nodes and, with --scale, ties (null: the server's density). */
const SCALES: Array<{ nodes: number; ties: number | null }> =
  args.sizes !== undefined || (args.scale === undefined && process.env.ATLAS_BENCH_SIZES !== undefined)
    ? (args.sizes ?? process.env.ATLAS_BENCH_SIZES ?? '')
        .split(',')
        .map(Number)
        .filter((n) => n > 0)
        .map((nodes) => ({ nodes, ties: null }))
    : (args.scale ?? '10k/100k').split(',').map((pair) => {
        const [nodes, ties] = pair.split('/');
        return { nodes: count(nodes ?? ''), ties: ties === undefined ? null : count(ties) };
      });
if (!['on', 'off', 'both'].includes(args.positions ?? '')) throw new Error('--positions is on, off or both');
const POSITIONS: boolean[] = args.positions === 'both' ? [true, false] : [args.positions === 'on'];
const PAN_STEPS = Math.max(0, Number(args['pan-steps']) || 0);
/** A long task, as the floors count them (issue 11: nothing blocks the main thread for more than 200 ms). */
const LONG_TASK_MS = 200;
const RUNS = Math.max(1, Number(args.runs) || 1);
/** The client's NETWORK_LIMIT (client/src/lib/state/data-state.svelte.ts): the limit it asks the server for. */
const CLIENT_LIMIT = 100_000;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Floors from issue 12: 10,000 nodes / 100,000 ties drawn within 1 s of navigation, ≤ 10 bytes per tie on the wire. */
const FLOOR_FIRST_FRAME_MS = 1000;
const FLOOR_BYTES_PER_TIE = 10;
/** The builds to measure: the server's own (null) or the given folders. */
const BUILDS: Array<string | null> = args.client
  ? args.client
      .split(',')
      .map((d) => d.trim())
      .filter(Boolean)
  : [null];
const TIMEOUT_MS = 180_000;

interface WireNode {
  key: string;
  attributes: {
    label: string;
    kind: string;
    roles: string[];
    communities: string[];
    degree: number;
    scores: Record<string, number | null> | null;
    detected: Array<{ community: string; strength: number }> | null;
  };
}
interface WireEdge {
  source: string;
  target: string;
  attributes: { type: string; weight: number; since: string | null };
}
interface WireNetwork {
  attributes: { truncated: boolean; totalNodes: number; totalEdges: number; run: string | null };
  nodes: WireNode[];
  edges: WireEdge[];
}

// The object shape (nodes/edges) with what the page shows; the bench tiles it and encodes it in the shape each build asks for.
const NETWORK_QUERY = `query Network($limit: Int) { network(limit: $limit) {
  attributes { truncated totalNodes totalEdges run }
  nodes { key attributes { label kind roles communities degree
    scores { pagerank betweenness hub authority coreNumber effectiveSize } detected { community strength } } }
  edges { source target attributes { type weight since } } } }`;

/** The session cookie (name=value) of a sign-in with the given credentials, or of the bench viewer. */
async function signIn(): Promise<{ name: string; value: string }> {
  let name = args.user ?? process.env.ATLAS_BENCH_USER;
  let password = args.password ?? process.env.ATLAS_BENCH_PASSWORD;
  if (name === undefined || password === undefined) {
    const connection = await openAppDatabase(loadConfig());
    try {
      ({ name, password } = await benchUserWithPassword(connection.db, 'viewer'));
    } finally {
      await connection.close();
    }
  }
  const response = await fetch(`${BASE}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const at = cookie.indexOf('=');
  if (response.status !== 204 || at < 0)
    throw new Error(`sign-in as ${name} answered ${response.status}: ${await response.text()}`);
  console.log(`signed in as ${name}`);
  return { name: cookie.slice(0, at), value: cookie.slice(at + 1) };
}

async function serverNetwork(session: string): Promise<WireNetwork> {
  const response = await fetch(`${BASE}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', cookie: session },
    body: JSON.stringify({ query: NETWORK_QUERY, variables: { limit: 200_000 } }),
  });
  if (!response.ok) throw new Error(`${BASE}/graphql answered ${response.status}`);
  const body = (await response.json()) as { data?: { network: WireNetwork }; errors?: Array<{ message: string }> };
  if (body.data === undefined) throw new Error(body.errors?.map((e) => e.message).join('; ') ?? 'no data');
  return body.data.network;
}

/**
 * A network of `order` nodes made of copies of `base` (keys suffixed per copy), with each copy's ties, plus one
 * tie per copy joining it to the previous one; with `ties`, thinned evenly or given more ties (the base's ties again,
 * from one copy to another) to that many; then cut to the `limit` strongest ties, as the server does.
 */
export function tileNetwork(base: WireNetwork, order: number, limit: number, ties: number | null = null): WireNetwork {
  const nodes: WireNode[] = [];
  let edges: WireEdge[] = [];
  const copies = Math.ceil(order / Math.max(1, base.nodes.length));
  const suffixOf = (c: number): string => (c === 0 ? '' : `~${c}`);
  const present = new Set<string>();
  for (let c = 0; c < copies; c++) {
    const suffix = suffixOf(c);
    const room = order - nodes.length;
    const taken = base.nodes.slice(0, room);
    const keys = new Set(taken.map((n) => n.key));
    for (const n of taken) {
      nodes.push({ key: n.key + suffix, attributes: n.attributes });
      present.add(n.key + suffix);
    }
    for (const e of base.edges) {
      if (keys.has(e.source) && keys.has(e.target)) edges.push({ ...e, source: e.source + suffix, target: e.target + suffix });
    }
    const first = taken[0];
    if (c > 0 && first !== undefined) {
      edges.push({
        source: first.key + suffix,
        target: first.key + suffixOf(c - 1),
        attributes: { type: 'INTERACTS', weight: 0.1, since: null },
      });
    }
  }
  if (ties !== null && edges.length > ties) {
    // Evenly spaced: every copy keeps its share.
    const all = edges;
    edges = all.filter((_e, i) => Math.floor(((i + 1) * ties) / all.length) > Math.floor((i * ties) / all.length));
  }
  for (let shift = 1; ties !== null && edges.length < ties && shift < copies; shift++) {
    for (let c = 0; c < copies && edges.length < ties; c++) {
      const from = suffixOf(c);
      const to = suffixOf((c + shift) % copies);
      for (const e of base.edges) {
        if (edges.length >= ties) break;
        if (present.has(e.source + from) && present.has(e.target + to))
          edges.push({ ...e, source: e.source + from, target: e.target + to });
      }
    }
  }
  const totalEdges = edges.length;
  const run = base.attributes.run;
  if (totalEdges <= limit) return { attributes: { truncated: false, totalNodes: nodes.length, totalEdges, run }, nodes, edges };
  // Like the server: over the limit, the strongest ties and only their endpoints.
  edges.sort((a, b) => b.attributes.weight - a.attributes.weight);
  const kept = edges.slice(0, limit);
  const ends = new Set(kept.flatMap((e) => [e.source, e.target]));
  return {
    attributes: { truncated: true, totalNodes: nodes.length, totalEdges, run },
    nodes: nodes.filter((n) => ends.has(n.key)),
    edges: kept,
  };
}

/**
 * Positions for every node, as a run's layout would give them (the bench's stand-in for the server's, issue 11):
 * each declared community (a node's first) a disc of its members on a golden-angle spiral, the discs on a wider one.
 */
export function benchPositions(network: WireNetwork): { x: number[]; y: number[] } {
  const golden = Math.PI * (3 - Math.sqrt(5));
  const spiral = (i: number, step: number): [number, number] => {
    const r = step * Math.sqrt(i + 0.5);
    return [r * Math.cos(i * golden), r * Math.sin(i * golden)];
  };
  const groups = new Map<string, number[]>();
  network.nodes.forEach((n, i) => {
    const key = n.attributes.communities[0] ?? '';
    const members = groups.get(key);
    if (members === undefined) groups.set(key, [i]);
    else members.push(i);
  });
  const x = new Array<number>(network.nodes.length).fill(0);
  const y = new Array<number>(network.nodes.length).fill(0);
  const ordered = [...groups.values()].sort((a, b) => b.length - a.length);
  const mean = network.nodes.length / Math.max(1, ordered.length);
  ordered.forEach((members, g) => {
    const [cx, cy] = spiral(g, (12 * Math.sqrt(mean + 0.5)) / 1.8);
    members.forEach((i, j) => {
      const [px, py] = spiral(j, 6);
      x[i] = Math.round((cx + px) * 100) / 100;
      y[i] = Math.round((cy + py) * 100) / 100;
    });
  });
  return { x, y };
}

interface Row {
  label: string;
  build: string;
  nodes: number;
  ties: number;
  firstFrameMs: number;
  /** Every run's first frame (ms), in order. */
  runsMs: number[];
  /** Median time to the ties drawn (NaN: not marked). */
  tiesDrawnMs: number;
  /** Over all runs: long tasks (> LONG_TASK_MS) while loading and during pan and zoom, and the longest task of each. */
  loadLong: number;
  loadLongest: number;
  panLong: number;
  panLongest: number;
  /** Frame gaps during pan and zoom over all runs: median and longest (ms). */
  frameP50: number;
  frameMax: number;
  wireBytes: number;
  bytesPerTie: number;
  load: number;
  note: string;
}

/** The two shapes a build may ask for: columns (NetworkGraph.columns) or nodes and edges as objects. */
type Shape = 'columns' | 'objects';

interface Prepared {
  body: Buffer;
  served: WireNetwork;
}

/** The network the proxy answers with, and its gzip-encoded answers by shape and requested limit (prepared before navigation). */
interface Answer {
  network: WireNetwork;
  /** Whether the answer carries positions for every node (columns.nodes.positions). */
  positions: boolean;
  bodies: Map<string, Prepared>;
  /** What the last request was answered with. */
  served: WireNetwork | null;
}

/**
 * The answer in columns, as the page's fragment NetworkColumnsGraph selects them (six of the scores, declared
 * memberships without strengths), encoded by the server's own encoder.
 */
function columnsAnswer(network: WireNetwork, positions: boolean): unknown {
  // The bench's wire network is the store's NetworkGraph as JSON (same fields).
  const columns = encodeColumns(network as NetworkGraph);
  const { scores, declared } = columns.nodes;
  const selectedScores =
    scores === null
      ? null
      : Object.fromEntries(
          (['pagerank', 'betweenness', 'hub', 'authority', 'coreNumber', 'effectiveSize'] as const).map((k) => [k, scores[k]]),
        );
  return {
    attributes: network.attributes,
    columns: {
      ...columns,
      nodes: {
        ...columns.nodes,
        declared: { counts: declared.counts, communities: declared.communities },
        scores: selectedScores,
        // The page reads them whether or not its build selects them (decodeNodes reads the field structurally).
        ...(positions ? { positions: benchPositions(network) } : {}),
      },
    },
  };
}

function encodeAnswer(network: WireNetwork, limit: number, shape: Shape, positions: boolean): Prepared {
  const served = tileNetwork(network, network.nodes.length, limit);
  const payload = shape === 'columns' ? columnsAnswer(served, positions) : served;
  return { body: gzipSync(JSON.stringify({ data: { network: payload } })), served };
}

function prepared(answer: Answer, limit: number, shape: Shape): Prepared {
  const key = `${shape}:${limit}`;
  let found = answer.bodies.get(key);
  if (found === undefined) {
    // Another limit than the client's usual one: prepared now (counted in the figure).
    found = encodeAnswer(answer.network, limit, shape, answer.positions);
    answer.bodies.set(key, found);
  }
  return found;
}

/** Reads a request's body. */
function bodyOf(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * A proxy in front of the server: the `Network` operation is answered with the current answer (gzip, as the server
 * encodes it); everything else (the app's files, every other query) goes to the server unchanged.
 */
function startProxy(current: () => Answer | null, build: string | null): Promise<{ server: Server; url: string }> {
  const target = new URL(BASE);
  const assets = build !== null ? sirv(build, { single: true, dev: true }) : null;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (assets !== null && !/^\/(graphql|health|ready)(\/|\?|$)/.test(req.url ?? '/')) {
      assets(req, res, () => {
        res.writeHead(404);
        res.end();
      });
      return;
    }
    void (async () => {
      const body = await bodyOf(req);
      const answer = current();
      if (answer !== null && req.method === 'POST' && (req.url ?? '').startsWith('/graphql')) {
        const request = JSON.parse(body.toString('utf8')) as { query?: string; variables?: { limit?: number } };
        if ((request.query ?? '').includes('query Network(')) {
          const limit = request.variables?.limit ?? 25_000;
          const shape: Shape = /\bcolumns\s*\{/.test(request.query ?? '') ? 'columns' : 'objects';
          const answered = prepared(answer, limit, shape);
          answer.served = answered.served;
          const encoded = answered.body;
          res.writeHead(200, {
            'content-type': 'application/graphql-response+json; charset=utf-8',
            'content-encoding': 'gzip',
            'content-length': String(encoded.length),
          });
          res.end(encoded);
          return;
        }
      }
      // Everything else goes to the server as it is (compressed answers stay compressed).
      const upstream = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          path: req.url,
          method: req.method,
          headers: { ...req.headers, host: target.host },
        },
        (response) => {
          res.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(res);
        },
      );
      upstream.on('error', (error) => {
        res.writeHead(502);
        res.end(String(error));
      });
      upstream.end(body);
    })().catch((error: unknown) => {
      res.writeHead(502);
      res.end(String(error));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      resolve({ server, url: `http://127.0.0.1:${port}` });
    }),
  );
}

interface Measurement {
  firstFrameMs: number;
  /** Navigation → the ties drawn (NaN: the build does not say). */
  tiesDrawnMs: number;
  /** Long tasks (ms) from navigation until the map is complete (ties drawn, 0.5 s after). */
  loadTasks: number[];
  /** Long tasks (ms) during the scripted pan and zoom, and the gaps between frames then. */
  panTasks: number[];
  panFrameGaps: number[];
  /** Whether the page's layout was still running when the pan and zoom started. */
  layoutDuringPan: boolean;
  nodes: number;
  ties: number;
  wireBytes: number;
  marks: Array<[string, number]>;
  sliceNote: string;
}

async function measureOnce(
  browser: Browser,
  url: string,
  tag: string,
  options: { trace: string | null; screenshot: string | null; session: { name: string; value: string } },
): Promise<Measurement> {
  // A fresh context: no saved layout, no cache; signed in (the session cookie of the bench's sign-in).
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addCookies([{ ...options.session, url: new URL(url).origin, httpOnly: true, sameSite: 'Strict' }]);
  // Every long task from the start (buffered), as [start, duration] in the page's clock.
  await context.addInitScript(() => {
    const tasks: Array<[number, number]> = [];
    (window as unknown as { __longTasks: Array<[number, number]> }).__longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  });
  const page = await context.newPage();
  let wireBytes = 0;
  let encoding = '';
  page.on('requestfinished', (request: Request) => {
    if (!(request.postData() ?? '').includes('query Network(')) return;
    void request.sizes().then((s) => {
      wireBytes = s.responseBodySize;
    });
    void request.response().then(async (response) => {
      encoding = (await response?.headerValue('content-encoding')) ?? 'none';
    });
  });
  if (options.trace !== null) await browser.startTracing(page, { path: join(options.trace, `${tag}.json`), screenshots: false });
  // The stakeholders' map: above 5,000 stakeholders with a run the page would open on the community map.
  await page.goto(`${url}/?map=stakeholders`, { waitUntil: 'commit' });
  await page.waitForFunction(() => (window.__atlas?.visibleNodes() ?? 0) > 0, null, { timeout: TIMEOUT_MS, polling: 16 });
  // The frame after the first one sigma drew: time since navigation started (performance.now's origin).
  const polledMs = await page.evaluate(
    () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now()))),
  );
  if (options.screenshot !== null) await page.screenshot({ path: join(options.screenshot, `${tag}-first-frame.png`) });
  // The map is complete when every tie is in and drawn (a build without the probe: at its first frame).
  await page.waitForFunction(() => window.__atlas?.tiesLoading?.() !== true, null, { timeout: TIMEOUT_MS, polling: 50 });
  await page.waitForTimeout(500);
  const loadEnd = await page.evaluate(() => performance.now());
  // Where the time went: every mark the client sets (atlas:*) and the document's load.
  // (No named helpers inside evaluate: tsx's transform would reference a helper the page does not have.)
  const marks = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const out: Array<[string, number]> = [['app', nav?.domContentLoadedEventEnd ?? Number.NaN]];
    for (const m of performance.getEntriesByType('mark'))
      if (m.name.startsWith('atlas:')) out.push([m.name.slice(6), m.startTime]);
    return out;
  });
  const frame = marks.find(([name]) => name === 'first-frame')?.[1];
  // The client marks the frame after sigma's first render; polling from here only bounds it from above.
  const firstFrameMs = frame !== undefined && Number.isFinite(frame) ? frame : polledMs;
  const tiesDrawnMs = marks.find(([name]) => name === 'ties-drawn')?.[1] ?? Number.NaN;
  const nodes = await page.evaluate(() => window.__atlas?.order() ?? 0);
  const ties = await page.evaluate(() => window.__atlas?.size() ?? 0);
  const sliceNote = await page.evaluate(() => document.querySelector('[data-testid="slice-note"]')?.textContent?.trim() ?? '');
  const layoutDuringPan = await page.evaluate(() => window.__atlas?.layoutRunning() ?? false);

  // The scripted pan and zoom: drags and wheel turns over the map, alternated, each followed by two frames.
  const box = await page.getByTestId('sigma-container').boundingBox();
  // A string, not a function: tsx would wrap the named callback in a helper the page does not have.
  const panStart = await page.evaluate<number>(`(() => {
    const gaps = [];
    window.__frameGaps = gaps;
    let last = performance.now();
    requestAnimationFrame(function tick(now) {
      gaps.push(now - last);
      last = now;
      if (window.__frameGaps === gaps) requestAnimationFrame(tick);
    });
    return performance.now();
  })()`);
  if (box !== null) {
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    for (let step = 0; step < PAN_STEPS; step++) {
      if (step % 2 === 0) {
        const dx = step % 4 === 0 ? 120 : -120;
        await page.mouse.move(cx, cy);
        await page.mouse.down();
        await page.mouse.move(cx + dx, cy + dx / 2, { steps: 5 });
        await page.mouse.up();
      } else {
        await page.mouse.move(cx, cy);
        await page.mouse.wheel(0, step % 4 === 1 ? -240 : 240);
      }
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    }
  }
  await page.waitForTimeout(300);
  const pan = await page.evaluate(() => {
    const holder = window as unknown as { __frameGaps?: number[] };
    const gaps = holder.__frameGaps ?? [];
    delete holder.__frameGaps;
    return { end: performance.now(), gaps: gaps.slice(1) };
  });
  const tasks = await page.evaluate(() => (window as unknown as { __longTasks?: Array<[number, number]> }).__longTasks ?? []);
  const loadTasks = tasks.filter(([start]) => start < loadEnd).map(([, ms]) => ms);
  const panTasks = tasks.filter(([start, ms]) => start + ms > panStart && start < pan.end).map(([, ms]) => ms);
  if (options.screenshot !== null) {
    await page.waitForTimeout(2000);
    await page.screenshot({ path: join(options.screenshot, `${tag}-after-pan.png`) });
  }
  if (options.trace !== null) await browser.stopTracing();
  await context.close();
  return {
    firstFrameMs,
    tiesDrawnMs,
    loadTasks,
    panTasks,
    panFrameGaps: pan.gaps,
    layoutDuringPan,
    nodes,
    ties,
    wireBytes,
    marks,
    sliceNote: [sliceNote, encoding ? `${encoding}` : ''].filter(Boolean).join('; '),
  };
}

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** One row of the table: a network (size, or the server as is) with one build; measured `RUNS` times, alternated with the other builds. */
interface Case {
  label: string;
  build: string;
  url: string;
  tag: string;
  answer: Answer | null;
  setAnswer: (a: Answer | null) => void;
  runs: Measurement[];
  loads: number[];
}

async function measureRun(browser: Browser, c: Case, first: boolean, session: { name: string; value: string }): Promise<void> {
  c.setAnswer(c.answer);
  c.loads.push(loadavg()[0]!);
  const m = await measureOnce(browser, c.url, c.tag, {
    trace: first && args.trace ? args.trace : null,
    screenshot: first && args.screenshot ? args.screenshot : null,
    session,
  });
  c.runs.push(m);
  // Progress as it goes (a large run takes minutes per case).
  console.log(
    `  ${c.label} (${c.build}): first frame ${(m.firstFrameMs / 1000).toFixed(2)} s, ties drawn ${(m.tiesDrawnMs / 1000).toFixed(2)} s, long tasks ${m.loadTasks.filter((ms) => ms > LONG_TASK_MS).length} loading / ${m.panTasks.filter((ms) => ms > LONG_TASK_MS).length} pan, load ${loadavg()[0]!.toFixed(1)}`,
  );
}

function summarise(c: Case): Row {
  const { runs, loads, answer, label } = c;
  const firstFrames = runs.map((r) => r.firstFrameMs);
  const mid = median(firstFrames);
  const typical = runs.reduce((best, r) => (Math.abs(r.firstFrameMs - mid) < Math.abs(best.firstFrameMs - mid) ? r : best));
  const wireBytes = typical.wireBytes;
  const truncated = answer?.served?.attributes.truncated ?? false;
  const loadTasks = runs.flatMap((r) => r.loadTasks);
  const panTasks = runs.flatMap((r) => r.panTasks);
  const gaps = runs.flatMap((r) => r.panFrameGaps);
  return {
    label,
    build: c.build,
    nodes: typical.nodes,
    ties: typical.ties,
    firstFrameMs: mid,
    runsMs: firstFrames,
    tiesDrawnMs: median(runs.map((r) => r.tiesDrawnMs)),
    loadLong: loadTasks.filter((ms) => ms > LONG_TASK_MS).length,
    loadLongest: Math.max(0, ...loadTasks),
    panLong: panTasks.filter((ms) => ms > LONG_TASK_MS).length,
    panLongest: Math.max(0, ...panTasks),
    frameP50: gaps.length > 0 ? median(gaps) : Number.NaN,
    frameMax: Math.max(0, ...gaps),
    wireBytes,
    bytesPerTie: typical.ties > 0 ? wireBytes / typical.ties : Number.NaN,
    load: median(loads),
    note: [
      typical.marks
        .filter(([name]) => name !== 'first-frame')
        .map(([name, ms]) => `${name} ${(ms / 1000).toFixed(2)}`)
        .join(', '),
      RUNS > 1 ? `runs ${firstFrames.map((ms) => (ms / 1000).toFixed(2)).join('/')} s` : '',
      truncated ? 'truncated by limit' : '',
      runs.some((r) => r.layoutDuringPan) ? 'layout running during pan/zoom' : '',
      typical.sliceNote,
    ]
      .filter(Boolean)
      .join('; '),
  };
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

async function main(): Promise<void> {
  console.log(
    `client bench against ${BASE} (Chromium ${CHROMIUM}), builds: ${BUILDS.map((b) => b ?? "the server's").join(', ')}; ${RUNS} run(s) per size and build, alternated, median shown`,
  );
  console.log(
    `load average at the start: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  const session = await signIn();
  const cookie = `${session.name}=${session.value}`;
  const base = await serverNetwork(cookie);
  console.log(
    `server network: ${base.nodes.length} nodes, ${base.edges.length} ties, analysis run ${base.attributes.run ?? 'none'} (tiled for the sizes below)\n`,
  );
  for (const dir of [args.trace, args.screenshot]) if (dir) mkdirSync(dir, { recursive: true });
  const answers: Array<Answer | null> = BUILDS.map(() => null);
  const proxies = await Promise.all(BUILDS.map((build, b) => startProxy(() => answers[b] ?? null, build)));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const networks = SCALES.map((scale) => ({
    scale,
    network: tileNetwork(base, scale.nodes, Number.MAX_SAFE_INTEGER, scale.ties),
  }));
  const short = (n: number): string => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);
  const cases: Case[] = [];
  BUILDS.forEach((build, b) => {
    const name = build ?? "server's build";
    const setAnswer = (a: Answer | null): void => {
      answers[b] = a;
    };
    const url = build === null && !args['no-as-is'] ? BASE : proxies[b]!.url;
    if (!args['no-as-is'])
      cases.push({ label: 'server (as is)', build: name, url, tag: `server-${b}`, answer: null, setAnswer, runs: [], loads: [] });
    for (const { scale, network } of networks) {
      for (const positions of POSITIONS) {
        // Both shapes prepared before any navigation: each build gets the one it asks for.
        const answer: Answer = { network, positions, bodies: new Map(), served: null };
        for (const shape of ['columns', 'objects'] as const) prepared(answer, CLIENT_LIMIT, shape);
        const label = `${short(scale.nodes)}/${short(network.edges.length)}${positions ? ' +xy' : ''}`;
        const tag = `${scale.nodes}-${network.edges.length}-${positions ? 'xy' : 'layout'}-${b}`;
        cases.push({ label, build: name, url: proxies[b]!.url, tag, answer, setAnswer, runs: [], loads: [] });
      }
    }
  });
  const rows: Row[] = [];
  const header = `${pad('network', 16)}${pad('build', 18)}${pad('nodes', 8, true)}${pad('ties', 9, true)}${pad('1st frame', 11, true)}${pad('ties drawn', 11, true)}${pad('load >200', 10, true)}${pad('longest', 9, true)}${pad('pan >200', 9, true)}${pad('longest', 9, true)}${pad('frame p50/max', 15, true)}${pad('B/tie', 7, true)}${pad('load', 6, true)}  marks (s since navigation) and notes`;
  const seconds = (ms: number): string => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : '–');
  const print = (r: Row): void =>
    console.log(
      `${pad(r.label, 16)}${pad(r.build.slice(-17), 18)}${pad(r.nodes.toLocaleString('en'), 8, true)}${pad(r.ties.toLocaleString('en'), 9, true)}${pad(seconds(r.firstFrameMs), 11, true)}${pad(seconds(r.tiesDrawnMs), 11, true)}${pad(String(r.loadLong), 10, true)}${pad(`${Math.round(r.loadLongest)} ms`, 9, true)}${pad(String(r.panLong), 9, true)}${pad(`${Math.round(r.panLongest)} ms`, 9, true)}${pad(`${Math.round(r.frameP50)}/${Math.round(r.frameMax)} ms`, 15, true)}${pad(r.bytesPerTie.toFixed(1), 7, true)}${pad(r.load.toFixed(1), 6, true)}  ${r.note}`,
    );
  try {
    // Run by run, each case in turn: builds measured back to back under the same load.
    for (let i = 0; i < RUNS; i++) {
      for (const c of cases) await measureRun(browser, c, i === 0, session);
    }
    console.log(header);
    console.log('-'.repeat(header.length + 10));
    for (const c of cases) {
      const row = summarise(c);
      rows.push(row);
      print(row);
    }
  } finally {
    await browser.close();
    for (const proxy of proxies) proxy.server.close();
  }
  console.log('');
  if (BUILDS.length > 1) {
    // Ratios within this run: every later build against the first, case by case.
    const first = rows.filter((r) => r.build === rows[0]?.build);
    for (const r of rows.filter((row) => row.build !== rows[0]?.build)) {
      const before = first.find((f) => f.label === r.label);
      if (before === undefined) continue;
      console.log(
        `${r.label}: ${r.build} / ${before.build}: first frame ×${(r.firstFrameMs / before.firstFrameMs).toFixed(2)}, bytes per tie ×${(r.bytesPerTie / before.bytesPerTie).toFixed(2)}`,
      );
    }
  }
  for (const tenK of rows.filter((r) => r.label.startsWith('10k/'))) {
    const ok = tenK.firstFrameMs <= FLOOR_FIRST_FRAME_MS;
    console.log(
      `floor (${tenK.label}, ${tenK.build}): 10,000 nodes drawn within ${FLOOR_FIRST_FRAME_MS / 1000} s — ${ok ? 'met' : 'MISSED'} (${(tenK.firstFrameMs / 1000).toFixed(2)} s, load ${tenK.load.toFixed(1)})`,
    );
    const bytesOk = tenK.bytesPerTie <= FLOOR_BYTES_PER_TIE;
    console.log(
      `floor (${tenK.label}, ${tenK.build}): ≤ ${FLOOR_BYTES_PER_TIE} bytes per tie on the wire at 10,000 nodes — ${bytesOk ? 'met' : 'MISSED'} (${tenK.bytesPerTie.toFixed(1)})`,
    );
  }
  for (const r of rows.filter((row) => row.label !== 'server (as is)')) {
    const ok = r.loadLong === 0 && r.panLong === 0;
    console.log(
      `floor (${r.label}, ${r.build}): no task over ${LONG_TASK_MS} ms while loading and during pan and zoom — ${ok ? 'met' : 'MISSED'} (${r.loadLong} while loading, longest ${Math.round(r.loadLongest)} ms; ${r.panLong} during pan/zoom, longest ${Math.round(r.panLongest)} ms; ${RUNS} run(s), load ${r.load.toFixed(1)})`,
    );
  }
  console.log(
    `load average at the end: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
}

// The page's probe (client/src/lib/test-hook.ts), declared here so the bench needs nothing from the client.
declare global {
  interface Window {
    __atlas?: { visibleNodes(): number; order(): number; size(): number; layoutRunning(): boolean; tiesLoading?(): boolean };
  }
}

await main();
