// Client benchmark: headless Chromium against a running server; for 1k / 10k / 50k-node networks, the time from
// navigation to the first drawn frame and the compressed bytes per tie of the network answer.
//
//   npx tsx bench/client-bench.ts                 # server at http://127.0.0.1:4000
//   ATLAS_BENCH_URL=http://127.0.0.1:4100 ATLAS_BENCH_SIZES=1000,10000 npx tsx bench/client-bench.ts
//
// The running server serves the real app and answers every query; only the `Network` query is answered by the
// bench with a network of the requested size, built by tiling the server's own network (same keys, labels, roles,
// communities, weights and dates shape, so the bytes per tie are those of the real wire format). Its compressed
// size is measured with gzip (what the server's content encoding sends); the server's own network is measured
// from the browser's transfer size. Nothing is written to the server's database.
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Request } from 'playwright-core';

const BASE = (process.env.ATLAS_BENCH_URL ?? 'http://127.0.0.1:4000').replace(/\/$/, '');
const SIZES = (process.env.ATLAS_BENCH_SIZES ?? '1000,10000,50000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Floors from the issue: 10,000 nodes drawn within 3 s of navigation; at most 40 bytes per tie on the wire. */
const FLOOR_FIRST_FRAME_MS = 3000;
const FLOOR_BYTES_PER_TIE = 40;
const TIMEOUT_MS = 180_000;

interface WireNode {
  key: string;
  attributes: { label: string; kind: string; roles: string[]; communities: string[]; degree: number };
}
interface WireEdge {
  source: string;
  target: string;
  attributes: { type: string; weight: number; since: string | null };
}
interface WireNetwork {
  attributes: { truncated: boolean; totalNodes: number; totalEdges: number };
  nodes: WireNode[];
  edges: WireEdge[];
}

const NETWORK_QUERY = `query Network($limit: Int) { network(limit: $limit) {
  attributes { truncated totalNodes totalEdges }
  nodes { key attributes { label kind roles communities degree } }
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
  if (totalEdges <= limit) return { attributes: { truncated: false, totalNodes: nodes.length, totalEdges }, nodes, edges };
  // Like the server: over the limit, the strongest ties and only their endpoints.
  edges.sort((a, b) => b.attributes.weight - a.attributes.weight);
  const kept = edges.slice(0, limit);
  const ends = new Set(kept.flatMap((e) => [e.source, e.target]));
  return {
    attributes: { truncated: true, totalNodes: nodes.length, totalEdges },
    nodes: nodes.filter((n) => ends.has(n.key)),
    edges: kept,
  };
}

interface Row {
  label: string;
  nodes: number;
  ties: number;
  firstFrameMs: number;
  wireBytes: number;
  bytesPerTie: number;
  note: string;
}

async function measure(browser: Browser, label: string, network: WireNetwork | null): Promise<Row> {
  // A fresh context: no saved layout, no cache.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  let wireBytes = 0;
  let served: WireNetwork | null = null;
  if (network !== null) {
    await page.route('**/graphql', async (route) => {
      const post = route.request().postData() ?? '';
      if (!post.includes('query Network')) return route.continue();
      const variables = (JSON.parse(post) as { variables?: { limit?: number } }).variables ?? {};
      const sliced = tileNetwork(network, network.nodes.length, variables.limit ?? 100_000);
      served = sliced;
      const body = JSON.stringify({ data: { network: sliced } });
      wireBytes = gzipSync(body).length;
      return route.fulfill({ status: 200, contentType: 'application/graphql-response+json', body });
    });
  } else {
    page.on('requestfinished', (request: Request) => {
      if (!(request.postData() ?? '').includes('query Network')) return;
      void request.sizes().then((s) => {
        wireBytes = s.responseBodySize;
      });
    });
  }
  await page.goto(BASE, { waitUntil: 'commit' });
  await page.waitForFunction(() => (window.__atlas?.visibleNodes() ?? 0) > 0, null, { timeout: TIMEOUT_MS, polling: 16 });
  // The frame after the first one sigma drew: time since navigation started (performance.now's origin).
  const polledMs = await page.evaluate(
    () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now()))),
  );
  // Where the time went: the client marks data arrival, graph build and renderer creation.
  // (No named helpers inside evaluate: tsx's transform would reference a helper the page does not have.)
  const [data, graph, sigma, frame] = await page.evaluate(() =>
    ['atlas:data', 'atlas:graph', 'atlas:sigma', 'atlas:first-frame'].map(
      (name) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN,
    ),
  );
  const dom = await page.evaluate(
    () =>
      (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.domContentLoadedEventEnd ??
      Number.NaN,
  );
  const marks = { dom, data: data ?? Number.NaN, graph: graph ?? Number.NaN, sigma: sigma ?? Number.NaN };
  // The client marks the frame after sigma's first render; polling from here only bounds it from above.
  const firstFrameMs = frame !== undefined && Number.isFinite(frame) ? frame : polledMs;
  const nodes = await page.evaluate(() => window.__atlas?.order() ?? 0);
  const ties = await page.evaluate(() => window.__atlas?.size() ?? 0);
  const sliceNote = await page.evaluate(() => document.querySelector('[data-testid="slice-note"]')?.textContent?.trim() ?? '');
  await page.waitForTimeout(300);
  await context.close();
  const truncated = (served as WireNetwork | null)?.attributes.truncated ?? false;
  return {
    label,
    nodes,
    ties,
    firstFrameMs,
    wireBytes,
    bytesPerTie: ties > 0 ? wireBytes / ties : Number.NaN,
    note: [
      `app ${(marks.dom / 1000).toFixed(2)} s, data ${(marks.data / 1000).toFixed(2)} s, graph ${(marks.graph / 1000).toFixed(2)} s, sigma ${(marks.sigma / 1000).toFixed(2)} s`,
      truncated ? 'truncated by limit' : '',
      sliceNote,
    ]
      .filter(Boolean)
      .join('; '),
  };
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

async function main(): Promise<void> {
  console.log(`client bench against ${BASE} (Chromium ${CHROMIUM})`);
  const base = await serverNetwork();
  console.log(`server network: ${base.nodes.length} nodes, ${base.edges.length} ties (tiled for the sizes below)\n`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  const rows: Row[] = [];
  const header = `${pad('network', 22)}${pad('nodes', 9, true)}${pad('ties', 10, true)}${pad('first frame', 14, true)}${pad('wire bytes', 13, true)}${pad('B/tie', 8, true)}  note`;
  console.log(header);
  console.log('-'.repeat(header.length + 10));
  const print = (r: Row): void =>
    console.log(
      `${pad(r.label, 22)}${pad(r.nodes.toLocaleString('en'), 9, true)}${pad(r.ties.toLocaleString('en'), 10, true)}${pad(`${(r.firstFrameMs / 1000).toFixed(2)} s`, 14, true)}${pad(r.wireBytes.toLocaleString('en'), 13, true)}${pad(r.bytesPerTie.toFixed(1), 8, true)}  ${r.note}`,
    );
  try {
    const own = await measure(browser, 'server (as is)', null);
    rows.push(own);
    print(own);
    for (const size of SIZES) {
      const network = tileNetwork(base, size, Number.MAX_SAFE_INTEGER);
      const row = await measure(browser, `${(size / 1000).toFixed(0)}k nodes (tiled)`, network);
      rows.push(row);
      print(row);
    }
  } finally {
    await browser.close();
  }
  console.log('');
  const tenK = rows.find((r) => r.label.startsWith('10k'));
  if (tenK !== undefined) {
    const ok = tenK.firstFrameMs <= FLOOR_FIRST_FRAME_MS;
    console.log(
      `floor: 10,000 nodes drawn within ${FLOOR_FIRST_FRAME_MS / 1000} s — ${ok ? 'met' : 'MISSED'} (${(tenK.firstFrameMs / 1000).toFixed(2)} s)`,
    );
  }
  const worst = Math.max(...rows.map((r) => r.bytesPerTie).filter(Number.isFinite));
  console.log(
    `floor: ≤ ${FLOOR_BYTES_PER_TIE} bytes per tie on the wire — ${worst <= FLOOR_BYTES_PER_TIE ? 'met' : 'MISSED'} (worst ${worst.toFixed(1)})`,
  );
}

// The page's probe (client/src/lib/test-hook.ts), declared here so the bench needs nothing from the client.
declare global {
  interface Window {
    __atlas?: { visibleNodes(): number; order(): number; size(): number };
  }
}

await main();
