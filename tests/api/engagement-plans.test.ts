// Saved engagement plans through the GraphQL app: saving one (editor only, validated, nothing written when refused),
// logging an interaction with a seed inside the window completes its action (outside it does not), progress, the
// measured effect once the window has closed (checked against the pure measure), erasure of a seed, and editing an
// action (owner, due day, status with DROPPED counted apart, note; validated, editors only, audited).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { readImportInput } from '../../server/src/import/read-input.js';
import { importParsed } from '../../server/src/import/import-bundle.js';
import { execute } from '../../server/src/db/database.js';
import { planEffect } from '../../server/src/analytics/engagement-effect.js';
import { planEvidence } from '../../server/src/store/engagement-plans.js';
import { openTestDatabase, snapshot, type TestDatabase } from '../helpers/database.js';
import { createTestClient } from '../helpers/app.js';

let t: TestDatabase;
let editor: ReturnType<typeof createTestClient>;
let analyst: ReturnType<typeof createTestClient>;
let ids: string[] = [];

const DAY = 86_400_000;
const isoDay = (days: number): string => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
const instant = (days: number): string => new Date(Date.now() + days * DAY).toISOString();

beforeAll(async () => {
  t = await openTestDatabase();
  await t.clear();
  const report = await importParsed(
    t.db,
    await readImportInput(fileURLToPath(new URL('../fixtures/import/valid-bundle', import.meta.url))),
  );
  expect(report.ok).toBe(true);
  editor = createTestClient(t, { role: 'editor' });
  analyst = createTestClient(t, { role: 'analyst', app: editor.app });
  const list = await editor.data<{ stakeholders: { edges: Array<{ node: { id: string } }> } }>(
    'query { stakeholders(first: 20) { edges { node { id } } } }',
  );
  ids = list.stakeholders.edges.map((e) => e.node.id);
  expect(ids.length).toBeGreaterThanOrEqual(6);
});
afterAll(async () => t.close());

const SAVE = `mutation($input: SaveEngagementPlanInput!) { saveEngagementPlan(input: $input) {
  id name startsOn endsOn closed createdBy segment { members roles roleMatch }
  progress { actions done open overdue share }
  actions { id rank due status completedAt completedBy { id } stakeholder { id } owner { id } }
  effect { periodDays strength sentiment reach engaged { members strengthBefore strengthAfter sentimentBefore sentimentAfter reachBefore reachAfter }
           notEngaged { members strengthBefore strengthAfter sentimentBefore sentimentAfter reachBefore reachAfter } }
} }`;
const LOG = `mutation($input: LogInteractionInput!) { logInteraction(input: $input) { interaction { id } } }`;
const PLAN = `query($id: ID!) { savedEngagementPlan(id: $id) { id progress { done open share } closed
  actions { stakeholder { id } status completedAt completedBy { id } }
  effect { strength reach sentiment engaged { members reachAfter } notEngaged { members } } } }`;

interface Saved {
  saveEngagementPlan: {
    id: string;
    closed: boolean;
    createdBy: string | null;
    segment: { members: number; roles: string[]; roleMatch: string };
    progress: { actions: number; done: number; open: number; overdue: number; share: number };
    actions: Array<{
      id: string;
      rank: number;
      due: string;
      status: string;
      stakeholder: { id: string };
      owner: { id: string } | null;
    }>;
    effect: unknown;
  };
}

describe('saveEngagementPlan', () => {
  it('saves one action per seed, owned and due, with the whole segment; the plan is open and has no effect yet', async () => {
    const [a, b, owner] = ids;
    const { saveEngagementPlan: plan } = await editor.data<Saved>(SAVE, {
      input: {
        name: 'Spring outreach',
        startsOn: isoDay(-5),
        endsOn: isoDay(20),
        owner,
        expectedReach: 4.2,
        actions: [{ stakeholder: a }, { stakeholder: b, due: isoDay(3) }],
      },
    });
    expect(plan.closed).toBe(false);
    expect(plan.effect).toBeNull();
    expect(plan.createdBy).toMatch(/editor/);
    expect(plan.segment).toMatchObject({ roles: [], roleMatch: 'ANY' });
    const [count] = await execute<{ n: number }>(t.db, 'MATCH (s:Stakeholder) RETURN count(s) AS n');
    expect(plan.segment.members).toBe(count!.n);
    expect(plan.actions.map((x) => [x.rank, x.stakeholder.id, x.owner?.id, x.due, x.status])).toEqual([
      [1, a, owner, isoDay(20), 'OPEN'],
      [2, b, owner, isoDay(3), 'OPEN'],
    ]);
    expect(plan.progress).toEqual({ actions: 2, done: 0, open: 2, overdue: 0, share: 0 });

    // An interaction with the first seed inside the window completes its action; one before the window does not.
    await editor.data(LOG, { input: { at: instant(-30), channel: 'CALL', participants: [b], owner } });
    const logged = await editor.data<{ logInteraction: { interaction: { id: string } } }>(LOG, {
      input: { at: instant(-1), channel: 'MEETING', participants: [a], owner, sentiment: 1 },
    });
    const { savedEngagementPlan: after } = await analyst.data<{
      savedEngagementPlan: {
        progress: { done: number; open: number; share: number };
        actions: Array<{ stakeholder: { id: string }; status: string; completedBy: { id: string } | null }>;
      };
    }>(PLAN, { id: plan.id });
    expect(after.progress).toEqual({ done: 1, open: 1, share: 0.5 });
    expect(after.actions.find((x) => x.stakeholder.id === a)).toMatchObject({
      status: 'DONE',
      completedBy: { id: logged.logInteraction.interaction.id },
    });
    expect(after.actions.find((x) => x.stakeholder.id === b)?.status).toBe('OPEN');
  });

  it('completes at once the actions whose seed was met in the window before saving, and measures a closed window', async () => {
    const [, , owner, c, d] = ids;
    await editor.data(LOG, { input: { at: instant(-50), channel: 'MEETING', participants: [d], owner, sentiment: 0 } });
    await editor.data(LOG, { input: { at: instant(-20), channel: 'MEETING', participants: [c], owner, sentiment: 2 } });
    const { saveEngagementPlan: plan } = await editor.data<Saved>(SAVE, {
      input: { name: 'Last month', startsOn: isoDay(-31), endsOn: isoDay(-2), owner, actions: [{ stakeholder: c }] },
    });
    expect(plan.closed).toBe(true);
    expect(plan.actions[0]?.status).toBe('DONE');
    const { savedEngagementPlan: read } = await analyst.data<{
      savedEngagementPlan: {
        effect: {
          strength: number;
          reach: number;
          sentiment: number | null;
          engaged: { members: number; reachAfter: number };
          notEngaged: { members: number };
        };
      };
    }>(PLAN, { id: plan.id });
    // The measure, computed by the pure function from the stored evidence, agrees with the answer.
    const start = Date.parse(`${isoDay(-31)}T00:00:00Z`);
    const end = Date.parse(`${isoDay(-2)}T00:00:00Z`) + DAY;
    const evidence = await planEvidence(t.db, plan.id, end);
    const expected = planEffect(
      [c!],
      evidence.segment.filter((id) => id !== c),
      evidence.interactions,
      start,
      end,
    );
    expect(read.effect.engaged).toMatchObject({ members: 1, reachAfter: 1 });
    expect(read.effect.notEngaged.members).toBe(evidence.segment.length - 1);
    expect(read.effect.strength).toBeCloseTo(expected.strength, 10);
    expect(read.effect.reach).toBeCloseTo(expected.reach, 10);
    expect(read.effect.strength).toBeGreaterThan(0);
  });

  it('refuses bad input with nothing written, unknown seeds as NOT_FOUND, and callers below editor', async () => {
    const before = await snapshot(t.db);
    const base = { name: 'x', startsOn: isoDay(0), endsOn: isoDay(10), actions: [{ stakeholder: ids[0] }] };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, name: '  ' }, 'input.name'],
      [{ ...base, endsOn: isoDay(-1) }, 'input.endsOn'],
      [{ ...base, endsOn: isoDay(400) }, 'input.endsOn'],
      [{ ...base, actions: [] }, 'input.actions'],
      [{ ...base, actions: [{ stakeholder: ids[0] }, { stakeholder: ids[0] }] }, 'input.actions[1].stakeholder'],
      [{ ...base, actions: [{ stakeholder: ids[0], due: isoDay(11) }] }, 'input.actions[0].due'],
      [{ ...base, segment: { community: 'no-such-community' } }, 'input.segment.community'],
    ];
    for (const [input, field] of cases) {
      const response = await editor.gql(SAVE, { input });
      expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const unknown = await editor.gql(SAVE, { input: { ...base, actions: [{ stakeholder: 'nobody-here' }] } });
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const forbidden = await analyst.gql(SAVE, { input: base });
    expect(forbidden.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('erasing a seed deletes its action and leaves the rest of the plan', async () => {
    const [, , owner, , , e] = ids;
    const { saveEngagementPlan: plan } = await editor.data<Saved>(SAVE, {
      input: {
        name: 'Erasure',
        startsOn: isoDay(0),
        endsOn: isoDay(10),
        owner,
        actions: [{ stakeholder: e }, { stakeholder: ids[0] }],
      },
    });
    const admin = createTestClient(t, { app: editor.app });
    await admin.data('mutation($id: ID!) { eraseStakeholder(id: $id) }', { id: e });
    const { savedEngagementPlan: after } = await analyst.data<{
      savedEngagementPlan: { actions: Array<{ stakeholder: { id: string } }> };
    }>(PLAN, { id: plan.id });
    expect(after.actions.map((x) => x.stakeholder.id)).toEqual([ids[0]]);
    const [left] = await execute<{ n: number }>(
      t.db,
      'MATCH (a:EngagementAction)-[:FOR]->(:Stakeholder {id: $id}) RETURN count(a) AS n',
      { id: e },
    );
    expect(left?.n).toBe(0);
  });
});

describe('updateEngagementAction', () => {
  const UPDATE = `mutation($id: ID!, $input: UpdateEngagementActionInput!) { updateEngagementAction(id: $id, input: $input) {
    id progress { actions done dropped open overdue share }
    actions { id rank due status completedAt completedBy { id } note stakeholder { id } owner { id } } } }`;
  interface Updated {
    updateEngagementAction: {
      id: string;
      progress: { actions: number; done: number; dropped: number; open: number; overdue: number; share: number };
      actions: Array<{
        id: string;
        rank: number;
        due: string;
        status: string;
        completedAt: string | null;
        completedBy: { id: string } | null;
        note: string | null;
        stakeholder: { id: string };
        owner: { id: string } | null;
      }>;
    };
  }
  let planId = '';
  let actionIds: string[] = [];
  let viewer: ReturnType<typeof createTestClient>;

  beforeAll(async () => {
    // Seeds nobody met inside the window yet (the first test met ids[0] there).
    const [, b, owner, c, d] = ids;
    const { saveEngagementPlan: plan } = await editor.data<Saved>(SAVE, {
      input: {
        name: 'Editable',
        startsOn: isoDay(-5),
        endsOn: isoDay(20),
        owner,
        actions: [{ stakeholder: b }, { stakeholder: c }, { stakeholder: d }],
      },
    });
    planId = plan.id;
    actionIds = plan.actions.map((x) => x.id);
    expect(plan.actions.every((x) => x.status === 'OPEN')).toBe(true);
    viewer = createTestClient(t, { role: 'viewer', app: editor.app });
    expect(await viewer.user).not.toBeNull();
  });

  it('changes owner, due day and note, and counts dropped actions apart from done and open', async () => {
    const [first, second] = actionIds;
    const newOwner = ids[0]!;
    const edited = await editor.data<Updated>(UPDATE, {
      id: first,
      input: { owner: newOwner, due: isoDay(40), note: '  Call after the trade fair  ' },
    });
    expect(edited.updateEngagementAction.id).toBe(planId);
    expect(edited.updateEngagementAction.actions[0]).toMatchObject({
      id: first,
      owner: { id: newOwner },
      due: isoDay(40),
      note: 'Call after the trade fair',
      status: 'OPEN',
    });
    // The others are as they were.
    expect(edited.updateEngagementAction.actions[1]).toMatchObject({ owner: { id: ids[2] }, due: isoDay(20), note: null });

    const dropped = await editor.data<Updated>(UPDATE, { id: second, input: { status: 'DROPPED' } });
    expect(dropped.updateEngagementAction.progress).toEqual({ actions: 3, done: 0, dropped: 1, open: 2, overdue: 0, share: 0 });

    const done = await editor.data<Updated>(UPDATE, { id: first, input: { status: 'DONE' } });
    const doneAction = done.updateEngagementAction.actions[0]!;
    expect(doneAction.status).toBe('DONE');
    expect(doneAction.completedBy).toBeNull();
    expect(Math.abs(Date.parse(doneAction.completedAt!) - Date.now())).toBeLessThan(10 * 60_000);
    expect(done.updateEngagementAction.progress).toEqual({ actions: 3, done: 1, dropped: 1, open: 1, overdue: 0, share: 0.5 });

    // An interaction with the dropped seed inside the window leaves it dropped; the open one is completed.
    await editor.data(LOG, { input: { at: instant(-1), channel: 'CALL', participants: [ids[3], ids[4]], owner: ids[2] } });
    const { savedEngagementPlan: read } = await analyst.data<{
      savedEngagementPlan: { progress: { done: number; open: number; share: number }; actions: Array<{ status: string }> };
    }>(PLAN, { id: planId });
    expect(read.actions.map((x) => x.status)).toEqual(['DONE', 'DROPPED', 'DONE']);
    expect(read.progress).toEqual({ done: 2, open: 0, share: 1 });

    // Reopened, an action loses its completion; the owner and the note can be cleared.
    const reopened = await editor.data<Updated>(UPDATE, { id: first, input: { status: 'OPEN', owner: null, note: '' } });
    expect(reopened.updateEngagementAction.actions[0]).toMatchObject({
      status: 'OPEN',
      completedAt: null,
      completedBy: null,
      owner: null,
      note: null,
    });
    expect(reopened.updateEngagementAction.progress).toMatchObject({ done: 1, dropped: 1, open: 1 });
  });

  it('refuses bad input naming the field, unknown actions as NOT_FOUND, and callers below editor; nothing is written', async () => {
    const before = await snapshot(t.db);
    const [first] = actionIds;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ due: isoDay(-6) }, 'input.due'],
      [{ due: isoDay(20 + 367) }, 'input.due'],
      [{ due: null }, 'input.due'],
      [{ status: null }, 'input.status'],
      [{ note: 'x'.repeat(501) }, 'input.note'],
      [{ note: 'bell \u0007 inside' }, 'input.note'],
      [{ owner: 'nobody-here' }, 'input.owner'],
      [{ owner: 'x'.repeat(300) }, 'input.owner'],
      [{}, 'input'],
      // A valid change alongside a refused one is not written either.
      [{ note: 'fine', due: isoDay(-30) }, 'input.due'],
    ];
    for (const [input, field] of cases) {
      const response = await editor.gql(UPDATE, { id: first, input });
      const error = response.body.errors?.[0]?.extensions;
      expect(error?.code, JSON.stringify(input).slice(0, 80)).toBe('BAD_USER_INPUT');
      // Control characters are refused before the resolver, naming the path from the mutation.
      expect([field, `updateEngagementAction.${field}`]).toContain(error?.field);
    }
    const unknown = await editor.gql(UPDATE, { id: 'no-such-action', input: { status: 'DONE' } });
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    for (const caller of [analyst, viewer]) {
      const refused = await caller.gql(UPDATE, { id: first, input: { status: 'DROPPED' } });
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('leaves an audit event with the action, the fields changed and the status, never the note', async () => {
    const [, , third] = actionIds;
    await editor.data(UPDATE, { id: third, input: { status: 'DROPPED', note: 'Left the company' } });
    await viewer.gql(UPDATE, { id: third, input: { status: 'OPEN' } });
    const admin = createTestClient(t, { app: editor.app });
    const EVENTS = `query($actor: String) { auditEvents(action: "updateEngagementAction", actor: $actor, first: 5) {
      edges { node { actor action targets counts outcome } } } }`;
    type Events = {
      auditEvents: { edges: Array<{ node: { targets: string[]; counts: Record<string, unknown> | null; outcome: string } }> };
    };
    const byEditor = await admin.data<Events>(EVENTS, { actor: (await editor.user)!.name });
    expect(byEditor.auditEvents.edges[0]?.node).toMatchObject({
      targets: [third],
      outcome: 'ok',
      counts: { changed: 'status,note', status: 'DROPPED' },
    });
    expect(JSON.stringify(byEditor.auditEvents.edges)).not.toContain('Left the company');
    const byViewer = await admin.data<Events>(EVENTS, { actor: (await viewer.user)!.name });
    expect(byViewer.auditEvents.edges[0]?.node).toMatchObject({ targets: [third], outcome: 'FORBIDDEN' });
  });
});
