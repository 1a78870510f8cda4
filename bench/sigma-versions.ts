// Sigma 3 against sigma 4 (issue 11 §2): the same seeded graph (nodes with the same positions, sizes and colours; the
// same ties) drawn by each in headless Chromium (software WebGL), alternated run by run; per renderer and size, the
// time to the first frame, the main thread's long tasks while drawing it and during a scripted pan and zoom, and the
// gaps between frames then. Sigma 4 is the devDependency `sigma4` (npm alias), used by this bench only.
//
//   npx tsx bench/sigma-versions.ts                                  # 10k / 100k, 3 runs
//   flock /tmp/atlas-heavy.lock npx tsx bench/sigma-versions.ts --scale 10k/100k,50k/300k,100k/1M --runs 3
//   --hide-edges-on-move   both hide ties while the camera moves (the client does above 4,000 ties)
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import sirv from 'sirv';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '10k/100k' },
    runs: { type: 'string', default: '3' },
    'pan-steps': { type: 'string', default: '20' },
    'hide-edges-on-move': { type: 'boolean', default: false },
  },
});
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUNS = Math.max(1, Number(args.runs) || 1);
const PAN_STEPS = Math.max(0, Number(args['pan-steps']) || 0);
const LONG_TASK_MS = 200;
const TIMEOUT_MS = 300_000;

function count(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.trim());
  if (m === null) throw new Error(`not a count: ${text}`);
  return Math.round(Number(m[1]) * ({ k: 1e3, m: 1e6 }[m[2]!.toLowerCase()] ?? 1));
}
const SCALES = args.scale!.split(',').map((pair) => {
  const [nodes, ties] = pair.split('/');
  return { nodes: count(nodes ?? ''), ties: count(ties ?? '0') };
});
const VERSIONS = ['v3', 'v4'] as const;

/** Both pages bundled (one per major), with an HTML page each, in a temp folder served on 127.0.0.1. */
async function bundle(): Promise<{ dir: string; server: Server; url: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'sigma-versions-'));
  for (const v of VERSIONS) {
    await build({
      entryPoints: [join(import.meta.dirname, 'sigma-versions', `page-${v}.ts`)],
      bundle: true,
      minify: true,
      format: 'esm',
      target: 'es2022',
      outfile: join(dir, `${v}.js`),
      logLevel: 'warning',
    });
    writeFileSync(
      join(dir, `${v}.html`),
      `<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;height:100%}#stage{position:absolute;inset:0}</style></head><body><div id="stage"></div><script type="module" src="./${v}.js"></script></body></html>`,
    );
  }
  const assets = sirv(dir, { dev: true });
  const server = createServer((req, res) =>
    assets(req, res, () => {
      res.writeHead(404);
      res.end();
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { dir, server, url: `http://127.0.0.1:${port}` };
}

interface Run {
  firstFrameMs: number;
  constructorMs: number;
  buildMs: number;
  drawTasks: number[];
  panTasks: number[];
  gaps: number[];
  load: number;
  error: string | null;
}

async function measure(browser: Browser, url: string): Promise<Run> {
  const load = loadavg()[0]!;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    const tasks: Array<[number, number]> = [];
    (window as unknown as { __longTasks: Array<[number, number]> }).__longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  // Kept when a later phase fails (a page that crashes while panning still drew its first frame).
  let report = { firstFrameMs: Number.NaN, constructorMs: Number.NaN, buildMs: Number.NaN };
  try {
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction('window.__benchReport !== undefined || window.__pageFailed', null, {
      timeout: TIMEOUT_MS,
      polling: 100,
    });
    report = await page.evaluate<{ firstFrameMs: number; constructorMs: number; buildMs: number }>('window.__benchReport');
    const drawnAt = await page.evaluate<number>('performance.now()');
    await page.waitForTimeout(500);
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
    const cx = 640;
    const cy = 400;
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
      await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    }
    await page.waitForTimeout(300);
    const gaps = await page.evaluate<number[]>(
      '(() => { const g = window.__frameGaps || []; delete window.__frameGaps; return g.slice(1); })()',
    );
    const panEnd = await page.evaluate<number>('performance.now()');
    const tasks = await page.evaluate<Array<[number, number]>>('window.__longTasks || []');
    return {
      ...report,
      drawTasks: tasks.filter(([start]) => start < drawnAt).map(([, ms]) => ms),
      panTasks: tasks.filter(([start, ms]) => start + ms > panStart && start < panEnd).map(([, ms]) => ms),
      gaps,
      load,
      error: errors.length > 0 ? errors.join('; ').slice(0, 200) : null,
    };
  } catch (error) {
    const message = [String(error).split('\n')[0], ...errors].join('; ').slice(0, 300);
    return {
      ...report,
      drawTasks: [],
      panTasks: [],
      gaps: [],
      load,
      error: message,
    };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]): number => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
};

async function main(): Promise<void> {
  console.log(
    `sigma 3 vs sigma 4, Chromium ${CHROMIUM} (software WebGL), ${RUNS} run(s) per size and version, alternated; hideEdgesOnMove ${args['hide-edges-on-move'] ? 'on' : 'off'}`,
  );
  console.log(
    `date ${new Date().toISOString()}, load average at the start: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  const { dir, server, url } = await bundle();
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
  const header = `${'graph'.padEnd(12)}${'renderer'.padEnd(10)}${'1st frame'.padStart(11)}${'constructor'.padStart(13)}${'draw >200'.padStart(10)}${'longest'.padStart(9)}${'pan >200'.padStart(9)}${'longest'.padStart(9)}${'frame p50/p95/max'.padStart(19)}${'load'.padStart(6)}  notes`;
  const lines: string[] = [];
  try {
    for (const { nodes, ties } of SCALES) {
      const runs: Record<(typeof VERSIONS)[number], Run[]> = { v3: [], v4: [] };
      for (let i = 0; i < RUNS; i++) {
        for (const v of VERSIONS) {
          const page = `${url}/${v}.html?nodes=${nodes}&ties=${ties}&seed=1&hideEdgesOnMove=${args['hide-edges-on-move'] ? 1 : 0}`;
          runs[v].push(await measure(browser, page));
        }
      }
      for (const v of VERSIONS) {
        const rs = runs[v];
        const draw = rs.flatMap((r) => r.drawTasks);
        const pan = rs.flatMap((r) => r.panTasks);
        const gaps = rs.flatMap((r) => r.gaps);
        const errors = [...new Set(rs.map((r) => r.error).filter((e): e is string => e !== null))];
        const label = `${nodes >= 1e6 ? `${nodes / 1e6}M` : `${nodes / 1e3}k`}/${ties >= 1e6 ? `${ties / 1e6}M` : `${ties / 1e3}k`}`;
        const line = `${label.padEnd(12)}${(v === 'v3' ? 'sigma 3' : 'sigma 4').padEnd(10)}${`${(median(rs.map((r) => r.firstFrameMs)) / 1000).toFixed(2)} s`.padStart(11)}${`${(median(rs.map((r) => r.constructorMs)) / 1000).toFixed(2)} s`.padStart(13)}${String(draw.filter((ms) => ms > LONG_TASK_MS).length).padStart(10)}${`${Math.round(Math.max(0, ...draw))} ms`.padStart(9)}${String(pan.filter((ms) => ms > LONG_TASK_MS).length).padStart(9)}${`${Math.round(Math.max(0, ...pan))} ms`.padStart(9)}${`${Math.round(median(gaps))}/${Math.round(percentile(gaps, 0.95))}/${Math.round(Math.max(0, ...gaps))} ms`.padStart(19)}${median(
          rs.map((r) => r.load),
        )
          .toFixed(1)
          .padStart(6)}  ${[`runs ${rs.map((r) => (r.firstFrameMs / 1000).toFixed(2)).join('/')} s`, ...errors].join('; ')}`;
        lines.push(line);
        console.log(line);
      }
    }
  } finally {
    await browser.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\n${header}\n${'-'.repeat(header.length + 6)}\n${lines.join('\n')}`);
  console.log(
    `load average at the end: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
}

await main();
