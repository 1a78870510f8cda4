// Import jobs (decision 106): startImport returns at once, importJob shows the progress advancing to the report,
// cancelImport leaves the database as before the import (in the one transaction of an import up to 50,000 rows,
// and batch by batch above, where what the committed batches created is deleted again), who may start, see and cancel.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openTestDatabase, snapshot, type TestDatabase } from '../helpers/database.js';
import { createTestClient } from '../helpers/app.js';
import { ATOMIC_LIMIT } from '../../server/src/import/import-bundle.js';

let t: TestDatabase;
let admin: ReturnType<typeof createTestClient>;
let editor: ReturnType<typeof createTestClient>;
let otherEditor: ReturnType<typeof createTestClient>;
let viewer: ReturnType<typeof createTestClient>;

beforeAll(async () => {
  t = await openTestDatabase();
  admin = createTestClient(t);
  // One app: the jobs live in its process.
  editor = createTestClient(t, { role: 'editor', app: admin.app });
  otherEditor = createTestClient(t, { role: 'editor', app: admin.app });
  viewer = createTestClient(t, { role: 'viewer', app: admin.app });
});
afterAll(async () => t.close());

const JOB_FIELDS = `id status phase rowsDone rowsTotal rowsPerSecond percent cancellable cancelRequested error startedBy
  report { ok dryRun errors { file message } counts { stakeholders records ties } created updated }`;
const START = `mutation($input: ImportInput!) { startImport(input: $input) { ${JOB_FIELDS} } }`;
const JOB = `query($id: ID!) { importJob(id: $id) { ${JOB_FIELDS} } }`;
const CANCEL = `mutation($id: ID!) { cancelImport(id: $id) { ${JOB_FIELDS} } }`;

interface Job {
  id: string;
  status: 'RUNNING' | 'DONE' | 'FAILED' | 'CANCELLED';
  phase: string;
  rowsDone: number;
  rowsTotal: number;
  rowsPerSecond: number;
  percent: number;
  cancellable: boolean;
  cancelRequested: boolean;
  error: string | null;
  startedBy: string | null;
  report: {
    ok: boolean;
    dryRun: boolean;
    errors: Array<{ file: string; message: string }>;
    counts: { stakeholders: number; records: number; ties: number };
    created: number;
    updated: number;
  } | null;
}

/** A JSON bundle of `people` new people (no e-mail: nothing merges) and `ties` ties between them, deterministic. */
function bundle(people: number, ties: number, prefix: string): string {
  const stakeholders = Array.from({ length: people }, (_, i) => ({
    source: 'gen',
    externalId: `${prefix}${i}`,
    kind: 'person',
    name: `Person ${prefix}${i}`,
  }));
  const seen = new Set<string>();
  const tieRows: Array<{ from: string; to: string; type: string; weight: number }> = [];
  for (let k = 0; tieRows.length < ties; k++) {
    const a = k % people;
    const b = (a + 1 + ((k * 7919) % (people - 1))) % people;
    const key = `${a}|${b}`;
    if (a === b || seen.has(key)) continue;
    seen.add(key);
    tieRows.push({ from: `gen:${prefix}${a}`, to: `gen:${prefix}${b}`, type: 'works with', weight: 0.5 });
  }
  return JSON.stringify({ stakeholders, roles: [], ties: tieRows });
}

const rowsOf = (people: number, ties: number): number => 2 * people + ties; // a stakeholder and its record, then ties

async function start(client: typeof editor, content: string, dryRun = false): Promise<Job> {
  return (await client.data<{ startImport: Job }>(START, { input: { format: 'JSON', content, dryRun } })).startImport;
}

async function poll(client: typeof editor, id: string): Promise<Job> {
  const job = (await client.data<{ importJob: Job | null }>(JOB, { id })).importJob;
  if (job === null) throw new Error(`job ${id} unknown`);
  return job;
}

/** Polls until `until` holds for the job (or it ended); returns every state seen. */
async function follow(client: typeof editor, id: string, until: (job: Job) => boolean = () => false): Promise<Job[]> {
  const seen: Job[] = [];
  for (;;) {
    const job = await poll(client, id);
    seen.push(job);
    if (job.status !== 'RUNNING' || until(job)) return seen;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function waitUntilEnded(client: typeof editor, id: string): Promise<Job> {
  const seen = await follow(client, id);
  return seen.at(-1)!;
}

const VALID_JSON = readFileSync(fileURLToPath(new URL('../fixtures/import/valid.json', import.meta.url)), 'utf8');
const COUNT_ALL =
  'MATCH (n) WHERE NOT (n:User OR n:ApiToken OR n:Session OR n:SignInLink OR n:AuditEvent OR n:DataVersion) RETURN count(n) AS n';

describe('import jobs', () => {
  beforeEach(async () => {
    await t.clear();
    // Something stored before: the cancelled imports must leave it as it was.
    await editor.data(`mutation($input: ImportInput!) { importData(input: $input) { ok } }`, {
      input: { format: 'JSON', content: VALID_JSON },
    });
  });

  it('returns at once, then its progress advances to the report', { timeout: 300_000 }, async () => {
    const people = 4_000;
    const ties = 30_000;
    expect(rowsOf(people, ties)).toBeLessThanOrEqual(ATOMIC_LIMIT);
    const started = await start(editor, bundle(people, ties, 'A'));
    expect(started).toMatchObject({ status: 'RUNNING', rowsDone: 0, percent: 0, cancellable: true, report: null });
    expect(started.startedBy).toBe((await editor.user)!.name);

    const seen = await follow(editor, started.id);
    const end = seen.at(-1)!;
    expect(end.status).toBe('DONE');
    expect(end).toMatchObject({ percent: 100, cancellable: false, phase: 'done' });
    expect(end.report).toMatchObject({ ok: true, dryRun: false, counts: { stakeholders: people, ties }, created: people });
    expect(await t.count("MATCH (s:Stakeholder) WHERE s.name STARTS WITH 'Person A' RETURN count(s) AS n")).toBe(people);

    // Seen while writing: rows counted against the planned total, never going back.
    const writing = seen.filter((job) => job.status === 'RUNNING' && job.rowsTotal > 0);
    expect(writing.length).toBeGreaterThan(0);
    for (const job of writing) expect(job.rowsTotal).toBe(rowsOf(people, ties));
    const done = seen.map((job) => job.rowsDone);
    for (let i = 1; i < done.length; i++) expect(done[i]).toBeGreaterThanOrEqual(done[i - 1]!);
    expect(seen.some((job) => job.status === 'RUNNING' && job.rowsDone > 0 && job.rowsDone < job.rowsTotal)).toBe(true);
    const midway = seen.find((job) => job.rowsDone > 0 && job.status === 'RUNNING');
    expect(midway?.percent).toBe(Math.floor((midway!.rowsDone / midway!.rowsTotal) * 100));
    expect(midway?.rowsPerSecond).toBeGreaterThan(0);
  });

  it('cancelled mid-write in its one transaction (up to 50,000 rows): nothing is left', { timeout: 300_000 }, async () => {
    const people = 4_000;
    const ties = 30_000;
    const before = await snapshot(t.db);
    const started = await start(editor, bundle(people, ties, 'B'));
    const seen = await follow(editor, started.id, (job) => job.rowsDone > 0);
    expect(seen.at(-1)).toMatchObject({ status: 'RUNNING', cancellable: true });
    const cancelling = (await editor.data<{ cancelImport: Job }>(CANCEL, { id: started.id })).cancelImport;
    expect(cancelling).toMatchObject({ status: 'RUNNING', cancelRequested: true });
    const end = await waitUntilEnded(editor, started.id);
    expect(end).toMatchObject({ status: 'CANCELLED', report: null, cancellable: false });
    expect(await snapshot(t.db)).toBe(before);
  });

  it(
    'cancelled mid-write batch by batch (above 50,000 rows): what the committed batches created is deleted again',
    { timeout: 600_000 },
    async () => {
      const people = 15_000;
      const ties = 60_000;
      expect(rowsOf(people, ties)).toBeGreaterThan(ATOMIC_LIMIT);
      const before = await snapshot(t.db);
      const nodesBefore = await t.count(COUNT_ALL);
      const started = await start(editor, bundle(people, ties, 'C'));
      // Past the first committed batch: some of the bundle is in the database.
      await follow(editor, started.id, (job) => job.rowsDone > 0);
      expect(await t.count("MATCH (s:Stakeholder) WHERE s.name STARTS WITH 'Person C' RETURN count(s) AS n")).toBeGreaterThan(0);
      // The admin may cancel an editor's import.
      const cancelling = (await admin.data<{ cancelImport: Job }>(CANCEL, { id: started.id })).cancelImport;
      expect(cancelling.cancelRequested).toBe(true);
      const end = await waitUntilEnded(editor, started.id);
      expect(end.status).toBe('CANCELLED');
      expect(await t.count(COUNT_ALL)).toBe(nodesBefore);
      expect(await snapshot(t.db)).toBe(before);
    },
  );

  it(
    'batch by batch, once it changes a stakeholder that existed before it can no longer be cancelled',
    { timeout: 600_000 },
    async () => {
      const json = JSON.parse(bundle(15_000, 60_000, 'E')) as { stakeholders: unknown[] };
      // A record already stored (valid.json's crm:C001): the import merges into its stakeholder after the new ones.
      json.stakeholders.push({ source: 'crm', externalId: 'C001', kind: 'person', name: 'Alice Martin' });
      const started = await start(editor, JSON.stringify(json));
      const seen = await follow(editor, started.id, (job) => !job.cancellable);
      const last = seen.at(-1)!;
      // Seen while the new ties (60,000, written after the merge) are still to come.
      expect(last).toMatchObject({ status: 'RUNNING', cancellable: false });
      const refused = await editor.gql(CANCEL, { id: started.id });
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
      expect(refused.body.errors?.[0]?.message).toMatch(/no longer be cancelled/);
      const end = await waitUntilEnded(editor, started.id);
      expect(end).toMatchObject({ status: 'DONE', report: { ok: true, updated: 1 } });
    },
  );

  it(
    'one job at a time; only its starter or an admin cancels it; viewers are refused; unknown ids',
    { timeout: 300_000 },
    async () => {
      const started = await start(editor, bundle(4_000, 30_000, 'D'));
      const second = await editor.gql(START, { input: { format: 'JSON', content: VALID_JSON } });
      expect(second.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAVAILABLE', job: started.id });

      const stranger = await otherEditor.gql(CANCEL, { id: started.id });
      expect(stranger.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

      const viewing = await viewer.gql(JOB, { id: started.id });
      expect(viewing.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const viewerStart = await viewer.gql(START, { input: { format: 'JSON', content: VALID_JSON } });
      expect(viewerStart.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

      expect((await editor.data<{ importJob: Job | null }>(JOB, { id: 'import-unknown' })).importJob).toBeNull();
      const unknown = await editor.gql(CANCEL, { id: 'import-unknown' });
      expect(unknown.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

      const end = await waitUntilEnded(editor, started.id);
      expect(end.status).toBe('DONE');
      // Ended: no longer cancellable.
      const late = await editor.gql(CANCEL, { id: started.id });
      expect(late.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    },
  );

  it('a rejected file ends DONE with the row-by-row report, and nothing written', async () => {
    const before = await snapshot(t.db);
    const broken = JSON.stringify({
      stakeholders: [{ source: 'gen', externalId: 'X1', kind: 'person', name: 'X' }],
      roles: [],
      ties: [{ from: 'gen:X1', to: 'gen:missing', type: 'works with', weight: 0.5 }],
    });
    const started = await start(editor, broken);
    const end = await waitUntilEnded(editor, started.id);
    expect(end.status).toBe('DONE');
    expect(end.report?.ok).toBe(false);
    expect(end.report?.errors.length).toBeGreaterThan(0);
    expect(end.report?.errors[0]?.file).toMatch(/ties/);
    expect(await snapshot(t.db)).toBe(before);
  });
});
