// Date-window benchmark (issue 10 §5): how long the map takes to redraw when the date window moves, on a seeded
// network of 10,000 stakeholders / 100,000 ties, in headless Chromium against the real app. Self-contained: it
// generates the ecosystem, starts an embedded Neo4j of its own (a temp folder), imports, serves the built client and
// API on 127.0.0.1, signs in through the page, waits for the layout to settle, then moves the window's end across the
// ties' dates as Play does, step by step. Each step is timed in the page from the slider's input event to the second
// animation frame after it (sigma re-applies the reducers and draws in the first), so a figure includes the frame it
// waited for. Floor (issue 10): ≤ 200 ms per redraw on a 10k-node map. Nothing here runs in `npm test`.
//
//   npx tsx bench/client-date-window.ts [--stakeholders 10000] [--ties 100000] [--steps 30] [--port 4571] [--keep]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { writeEcosystem } from '../seeds/generate.js';
import { createApp } from '../server/src/app.js';
import { hashPassword } from '../server/src/auth/passwords.js';
import { ensureClientBuilt } from '../server/src/client-build.js';
import { loadConfig } from '../server/src/config.js';
import { connect, type Database } from '../server/src/db/database.js';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../server/src/db/embedded-neo4j.js';
import { migrate } from '../server/src/db/migrations.js';
import { createHttpServer } from '../server/src/http-server.js';
import { importParsed } from '../server/src/import/import-bundle.js';
import { readImportInput } from '../server/src/import/read-input.js';
import { createUser } from '../server/src/store/access.js';

/** The part of the page's probe (client/src/lib/test-hook.ts) this bench reads; bench/client-bench.ts declares a narrower one. */
type ProbeWindow = Omit<Window, '__atlas'> & {
  __atlas?: { order(): number; size(): number; visibleNodes(): number; layoutRunning(): boolean };
};

const { values: args } = parseArgs({
  options: {
    stakeholders: { type: 'string', default: '10000' },
    ties: { type: 'string', default: '100000' },
    steps: { type: 'string', default: '30' },
    port: { type: 'string', default: '4571' },
    keep: { type: 'boolean', default: false },
  },
});
const STAKEHOLDERS = Number(args.stakeholders);
const TIES = Number(args.ties);
const STEPS = Math.max(2, Number(args.steps));
const PORT = Number(args.port);
const FLOOR_MS = 200;

const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function main(): Promise<void> {
  const started = new Date().toISOString();
  const loadStart = load();
  const config = loadConfig();
  const bundleDir = mkdtempSync(join(tmpdir(), 'atlas-window-bundle-'));
  const homeDir = mkdtempSync(join(tmpdir(), 'atlas-window-neo4j-'));
  let neo4j: EmbeddedNeo4j | null = null;
  let db: Database | null = null;
  let server: Server | null = null;
  let browser: Browser | null = null;
  try {
    console.log(`Generating ${STAKEHOLDERS} stakeholders / ${TIES} ties…`);
    await writeEcosystem(bundleDir, { stakeholders: STAKEHOLDERS, ties: TIES, seed: 42 });
    neo4j = await startEmbeddedNeo4j({
      version: config.embedded.version,
      cacheDir: config.embedded.cacheDir,
      homeDir,
      boltPort: 0,
      heap: '1g',
      pageCache: '512m',
      ephemeral: true,
    });
    // Generous transaction timeouts: on a loaded machine the first network read of 100,000 ties can pass the default 30 s.
    db = connect(neo4j.uri, neo4j.auth.username, neo4j.auth.password, config.database, { readMs: 600_000, writeMs: 600_000 });
    await migrate(db);
    const report = await importParsed(db, await readImportInput(bundleDir));
    if (!report.ok) throw new Error(`import failed: ${report.errors[0]?.message}`);
    console.log(`Imported ${report.counts.ties} ties.`);
    const user = { name: 'bench-window', password: randomBytes(18).toString('base64url') };
    await createUser(db, user.name, 'viewer', await hashPassword(user.password));

    const clientDir = ensureClientBuilt((line) => console.log(`  ${line}`));
    server = createHttpServer(createApp({ db, config: { ...config, port: PORT, logLevel: 'error' } }), clientDir);
    await new Promise<void>((resolve) => server!.listen(PORT, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${PORT}/`;

    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(url);
    await page.getByLabel('Name', { exact: true }).fill(user.name);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForFunction(() => (window as ProbeWindow).__atlas !== undefined, null, { timeout: 600_000 });
    await page.waitForFunction(() => (window as ProbeWindow).__atlas?.layoutRunning() === false, null, { timeout: 600_000 });
    const order = await page.evaluate(() => (window as ProbeWindow).__atlas!.order());
    const size = await page.evaluate(() => (window as ProbeWindow).__atlas!.size());
    console.log(`Map: ${order} nodes, ${size} ties; moving the window's end in ${STEPS} steps…`);

    const slider = page.getByTestId('window-until-range');
    const [min, max] = await slider.evaluate((el: HTMLInputElement) => [Number(el.min), Number(el.max)]);
    /** One step: set the window's end, time until the second frame after it. */
    const step = (value: number): Promise<{ ms: number; visible: number }> =>
      slider.evaluate(
        (el: HTMLInputElement, v: number) =>
          new Promise<{ ms: number; visible: number }>((resolve) => {
            const t0 = performance.now();
            el.value = String(v);
            el.dispatchEvent(new Event('input', { bubbles: true }));
            requestAnimationFrame(() =>
              requestAnimationFrame(() =>
                resolve({ ms: performance.now() - t0, visible: (window as ProbeWindow).__atlas!.visibleNodes() }),
              ),
            );
          }),
        value,
      );
    /** The frame alone: two animation frames with nothing changed (what every figure includes). */
    const idle = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const t0 = performance.now();
          requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
        }),
    );
    await step(min); // warm-up: the first window builds what later ones reuse
    const times: number[] = [];
    const rows: string[] = [];
    for (let i = 1; i <= STEPS; i++) {
      const value = Math.round(min + ((max - min) * i) / STEPS);
      const { ms, visible } = await step(value);
      times.push(ms);
      rows.push(
        `  step ${String(i).padStart(2)}  ${new Date(value * 86_400_000).toISOString().slice(0, 10)}  ${ms.toFixed(1).padStart(7)} ms  ${visible} nodes drawn`,
      );
    }
    console.log(rows.join('\n'));
    const sorted = [...times].sort((a, b) => a - b);
    const p50 = quantile(sorted, 0.5);
    const p95 = quantile(sorted, 0.95);
    const worst = sorted.at(-1)!;
    console.log(
      [
        '',
        `Date window redraw, ${order} nodes / ${size} ties (${started}; load ${loadStart} at start, ${load()} at end)`,
        `| steps | p50 | p95 | max | two idle frames | floor |`,
        `| ----- | --- | --- | --- | --------------- | ----- |`,
        `| ${STEPS} | ${p50.toFixed(0)} ms | ${p95.toFixed(0)} ms | ${worst.toFixed(0)} ms | ${idle.toFixed(0)} ms | ≤ ${FLOOR_MS} ms: ${p95 <= FLOOR_MS ? 'met' : 'missed'} (p95) |`,
      ].join('\n'),
    );
  } finally {
    await browser?.close().catch(() => undefined);
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
    }
    await db?.driver.close().catch(() => undefined);
    await neo4j?.stop();
    if (!args.keep) for (const dir of [bundleDir, homeDir]) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
