// Client benchmark: headless Chromium against a running server; for 1k / 10k / 50k-node networks, the time from
// navigation to the first drawn frame and the compressed bytes per tie of the network answer.
//
//   npx tsx bench/client-bench.ts                 # server at http://127.0.0.1:4000
//   npx tsx bench/client-bench.ts --url http://127.0.0.1:4100 --sizes 1000,10000 --runs 3 --trace /tmp/traces --screenshot /tmp/shots
//   (ATLAS_BENCH_URL and ATLAS_BENCH_SIZES still work; --help lists the options)
//
// The running server serves the real app and answers every query; the bench puts a small HTTP proxy in front of it
// that answers the `Network` query itself with a network of the requested size, built by tiling the server's own
// network (same keys, labels, roles, communities, weights, dates and — when the server has an analysis run — scores
// and detected memberships, so the bytes per tie are those of the real wire format). That answer is prepared before
// navigation and sent gzip-encoded (as the server's content encoding sends it), so neither the tiling nor the
// server's query time is counted: the figure is the client's (download, parse, build, draw). The "server (as is)"
// row goes straight to the server and includes its query time. Nothing is written to the server's database.
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Request } from 'playwright-core';
import sirv from 'sirv';

const HELP = `usage: npx tsx bench/client-bench.ts [options]
  --url URL          the running server (default ATLAS_BENCH_URL or http://127.0.0.1:4000)
  --sizes N,N,…      network sizes in nodes (default ATLAS_BENCH_SIZES or 1000,10000,50000)
  --runs N           measurements per size; the table shows the median (default 1)
  --trace DIR        write a Chromium performance trace per size (open in chrome://tracing or Perfetto)
  --screenshot DIR   save a screenshot of each size's first frame and of the map 3 s later
  --client DIR       serve the app from this build (e.g. another commit's client/dist) instead of the server's,
                     to compare two builds against one server`;
const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    sizes: { type: 'string' },
    runs: { type: 'string', default: '1' },
    trace: { type: 'string' },
    screenshot: { type: 'string' },
    client: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log(HELP);
  process.exit(0);
}
const BASE = (args.url ?? process.env.ATLAS_BENCH_URL ?? 'http://127.0.0.1:4000').replace(/\/$/, '');
const SIZES = (args.sizes ?? process.env.ATLAS_BENCH_SIZES ?? '1000,10000,50000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const RUNS = Math.max(1, Number(args.runs) || 1);
/** The client's NETWORK_LIMIT (client/src/lib/state/data-state.svelte.ts): the limit it asks the server for. */
const CLIENT_LIMIT = 100_000;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Floors from the issue: 10,000 nodes drawn within 3 s of navigation; at most 40 bytes per tie on the wire. */
const FLOOR_FIRST_FRAME_MS = 3000;
const FLOOR_BYTES_PER_TIE = 40;
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

// The client's selection (fragment NetworkGraph in client/src/lib/graphql/operations/network.graphql).
const NETWORK_QUERY = `query Network($limit: Int) { network(limit: $limit) {
  attributes { truncated totalNodes totalEdges run }
  nodes { key attributes { label kind roles communities degree
    scores { pagerank betweenness hub authority coreNumber effectiveSize } detected { community strength } } }
  edges { source target attributes { type weight since } } } }`;

async function serverNetwork(): Promise<WireNetwork> {
  const response = await fetch(`${BASE}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: NETWORK_QUERY, variables: { limit: 200_000 } }),
  });
  if (!response.ok) throw new Error(`${BASE}/graphql answered ${response.status}`);
  const body = (await response.json()) as { data?: { network: WireNetwork }; errors?: Array<{ message: string }> };
  if (body.data === undefined) throw new Error(body.errors?.map((e) => e.message).join('; ') ?? 'no data');
  return body.data.network;
}

/**
 * A network of `order` nodes made of copies of `base` (keys suffixed per copy), with each copy's ties, plus one
 * tie per copy joining it to the previous one; then cut to the `limit` strongest ties, as the server does.
 */
export function tileNetwork(base: WireNetwork, order: number, limit: number): WireNetwork {
  const nodes: WireNode[] = [];
  const edges: WireEdge[] = [];
  const copies = Math.ceil(order / Math.max(1, base.nodes.length));
  for (let c = 0; c < copies; c++) {
    const suffix = c === 0 ? '' : `~${c}`;
    const room = order - nodes.length;
    const taken = base.nodes.slice(0, room);
    const keys = new Set(taken.map((n) => n.key));
    for (const n of taken) nodes.push({ key: n.key + suffix, attributes: n.attributes });
    for (const e of base.edges) {
      if (keys.has(e.source) && keys.has(e.target)) edges.push({ ...e, source: e.source + suffix, target: e.target + suffix });
    }
    const first = taken[0];
    if (c > 0 && first !== undefined) {
      edges.push({
        source: first.key + suffix,
        target: first.key + (c === 1 ? '' : `~${c - 1}`),
        attributes: { type: 'INTERACTS', weight: 0.1, since: null },
      });
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

interface Row {
  label: string;
  nodes: number;
  ties: number;
  firstFrameMs: number;
  /** Every run's first frame (ms), in order. */
  runsMs: number[];
  wireBytes: number;
  bytesPerTie: number;
  load: number;
  note: string;
}

/** The network the proxy answers with, and its gzip-encoded answers by requested limit (prepared before navigation). */
interface Answer {
  network: WireNetwork;
  bodies: Map<number, { body: Buffer; served: WireNetwork }>;
  /** What the last request was answered with. */
  served: WireNetwork | null;
}

function encodeAnswer(network: WireNetwork, limit: number): { body: Buffer; served: WireNetwork } {
  const served = tileNetwork(network, network.nodes.length, limit);
  return { body: gzipSync(JSON.stringify({ data: { network: served } })), served };
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
function startProxy(current: () => Answer | null): Promise<{ server: Server; url: string }> {
  const target = new URL(BASE);
  const assets = args.client ? sirv(args.client, { single: true, dev: true }) : null;
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
          let prepared = answer.bodies.get(limit);
          if (prepared === undefined) {
            // Another limit than the client's usual one: prepared now (counted in the figure; says so in the note).
            prepared = encodeAnswer(answer.network, limit);
            answer.bodies.set(limit, prepared);
          }
          answer.served = prepared.served;
          const encoded = prepared.body;
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
  options: { trace: string | null; screenshot: string | null },
): Promise<Measurement> {
  // A fresh context: no saved layout, no cache.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  let wireBytes = 0;
  page.on('requestfinished', (request: Request) => {
    if (!(request.postData() ?? '').includes('query Network(')) return;
    void request.sizes().then((s) => {
      wireBytes = s.responseBodySize;
    });
  });
  if (options.trace !== null) await browser.startTracing(page, { path: join(options.trace, `${tag}.json`), screenshots: false });
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => (window.__atlas?.visibleNodes() ?? 0) > 0, null, { timeout: TIMEOUT_MS, polling: 16 });
  // The frame after the first one sigma drew: time since navigation started (performance.now's origin).
  const polledMs = await page.evaluate(
    () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now()))),
  );
  if (options.screenshot !== null) await page.screenshot({ path: join(options.screenshot, `${tag}-first-frame.png`) });
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
  const nodes = await page.evaluate(() => window.__atlas?.order() ?? 0);
  const ties = await page.evaluate(() => window.__atlas?.size() ?? 0);
  const sliceNote = await page.evaluate(() => document.querySelector('[data-testid="slice-note"]')?.textContent?.trim() ?? '');
  if (options.screenshot !== null) {
    await page.waitForTimeout(3000);
    await page.screenshot({ path: join(options.screenshot, `${tag}-after-3s.png`) });
  } else {
    await page.waitForTimeout(300);
  }
  if (options.trace !== null) await browser.stopTracing();
  await context.close();
  return { firstFrameMs, nodes, ties, wireBytes, marks, sliceNote };
}

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function measure(
  browser: Browser,
  label: string,
  url: string,
  tag: string,
  answer: Answer | null,
  setAnswer: (a: Answer | null) => void,
): Promise<Row> {
  const runs: Measurement[] = [];
  const loads: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    setAnswer(answer);
    loads.push(loadavg()[0]!);
    runs.push(
      await measureOnce(browser, url, tag, {
        trace: i === 0 && args.trace ? args.trace : null,
        screenshot: i === 0 && args.screenshot ? args.screenshot : null,
      }),
    );
  }
  const firstFrames = runs.map((r) => r.firstFrameMs);
  const mid = median(firstFrames);
  const typical = runs.reduce((best, r) => (Math.abs(r.firstFrameMs - mid) < Math.abs(best.firstFrameMs - mid) ? r : best));
  const wireBytes = answer === null ? typical.wireBytes : (answer.bodies.get(CLIENT_LIMIT)?.body.length ?? typical.wireBytes);
  const truncated = answer?.served?.attributes.truncated ?? false;
  return {
    label,
    nodes: typical.nodes,
    ties: typical.ties,
    firstFrameMs: mid,
    runsMs: firstFrames,
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
    `client bench against ${BASE}${args.client ? ` with the app from ${args.client}` : ''} (Chromium ${CHROMIUM}), ${RUNS} run(s) per size, median shown`,
  );
  const base = await serverNetwork();
  console.log(
    `server network: ${base.nodes.length} nodes, ${base.edges.length} ties, analysis run ${base.attributes.run ?? 'none'} (tiled for the sizes below)\n`,
  );
  for (const dir of [args.trace, args.screenshot]) if (dir) mkdirSync(dir, { recursive: true });
  let answer: Answer | null = null;
  const proxy = await startProxy(() => answer);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  const rows: Row[] = [];
  const header = `${pad('network', 20)}${pad('nodes', 9, true)}${pad('ties', 10, true)}${pad('first frame', 13, true)}${pad('wire bytes', 12, true)}${pad('B/tie', 7, true)}${pad('load', 6, true)}  marks (s since navigation) and notes`;
  console.log(header);
  console.log('-'.repeat(header.length + 10));
  const print = (r: Row): void =>
    console.log(
      `${pad(r.label, 20)}${pad(r.nodes.toLocaleString('en'), 9, true)}${pad(r.ties.toLocaleString('en'), 10, true)}${pad(`${(r.firstFrameMs / 1000).toFixed(2)} s`, 13, true)}${pad(r.wireBytes.toLocaleString('en'), 12, true)}${pad(r.bytesPerTie.toFixed(1), 7, true)}${pad(r.load.toFixed(1), 6, true)}  ${r.note}`,
    );
  try {
    // Straight to the server (through the proxy, without a prepared answer, when another build is served).
    const own = await measure(browser, 'server (as is)', args.client ? proxy.url : BASE, 'server', null, (a) => (answer = a));
    rows.push(own);
    print(own);
    for (const size of SIZES) {
      const network = tileNetwork(base, size, Number.MAX_SAFE_INTEGER);
      const prepared: Answer = {
        network,
        bodies: new Map([[CLIENT_LIMIT, encodeAnswer(network, CLIENT_LIMIT)]]),
        served: null,
      };
      const label = `${(size / 1000).toFixed(0)}k nodes (tiled)`;
      const row = await measure(browser, label, proxy.url, `${size}`, prepared, (a) => (answer = a));
      rows.push(row);
      print(row);
    }
  } finally {
    await browser.close();
    proxy.server.close();
  }
  console.log('');
  const tenK = rows.find((r) => r.label.startsWith('10k'));
  if (tenK !== undefined) {
    const ok = tenK.firstFrameMs <= FLOOR_FIRST_FRAME_MS;
    console.log(
      `floor: 10,000 nodes drawn within ${FLOOR_FIRST_FRAME_MS / 1000} s — ${ok ? 'met' : 'MISSED'} (${(tenK.firstFrameMs / 1000).toFixed(2)} s, load ${tenK.load.toFixed(1)})`,
    );
  }
  const worst = Math.max(...rows.map((r) => r.bytesPerTie).filter(Number.isFinite));
  console.log(
    `floor: ≤ ${FLOOR_BYTES_PER_TIE} bytes per tie on the wire — ${worst <= FLOOR_BYTES_PER_TIE ? 'met' : 'MISSED'} (worst ${worst.toFixed(1)})`,
  );
  console.log(
    `load average at the end: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
}

// The page's probe (client/src/lib/test-hook.ts), declared here so the bench needs nothing from the client.
declare global {
  interface Window {
    __atlas?: { visibleNodes(): number; order(): number; size(): number };
  }
}

await main();
