// Generates the demo stakeholder ecosystem as a CSV bundle in the import format (CLI and library).
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDirectorySink, type BundleSink } from './csv-writer.js';
import { ROLES, TIE_TYPES, type RoleName, type TieTypeName } from '../server/src/domain/vocabulary.js';
import { buildEcosystem } from './ecosystem/build-ecosystem.js';
import { fromDay } from './ecosystem/company.js';
import { DECLARED } from './ecosystem/declared-communities.js';
import { generateMemberships } from './ecosystem/memberships.js';
import { primaryKey, recordKey, type Ecosystem, type SourceRecord } from './ecosystem/model.js';
import { emailIdentity } from './ecosystem/source-records.js';
import { SOURCES } from './ecosystem/sources.js';
import { generateInteractions, type PersonTie } from './ecosystem/interactions.js';
import { generateTies } from './ecosystem/ties.js';

export interface GenerateOptions {
  /** Stakeholders after identity resolution (people + organisations). */
  stakeholders: number;
  /** Ties to write. */
  ties: number;
  /** Interactions to write (three years, along the person–person ties, with the planted stories). */
  interactions: number;
  seed: number;
}

export const DEFAULT_OPTIONS: GenerateOptions = { stakeholders: 2000, ties: 20000, interactions: 10000, seed: 42 };

export interface EcosystemSummary {
  options: GenerateOptions;
  records: number;
  recordsBySource: Record<string, number>;
  stakeholders: number;
  people: number;
  organisations: number;
  /** Stakeholders counted the importer's way: distinct normalised e-mails (people) and domains (organisations). */
  mergedByEmailOrDomain: number;
  roleRows: Record<RoleName, number>;
  stakeholdersByRole: Record<RoleName, number>;
  multiRole: number;
  multiRecord: number;
  overlaps: Record<string, number>;
  ties: number;
  tiesByType: Record<TieTypeName, number>;
  /** Share of person–person ties (and of their weight) inside one planted community. */
  insideShare: { ties: number; weight: number };
  meanDegree: number;
  maxDegree: number;
  plantedCommunities: number;
  brokers: number;
  declaredCommunities: number;
  memberships: number;
  groundTruth: number;
  interactions: number;
  interactionsByChannel: Record<string, number>;
  participantRows: number;
  /** People per story and part (ground-truth-stories.csv). */
  stories: Record<string, number>;
  elapsedMs: number;
}

const count = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * Builds the ecosystem for `options` and writes its six tables into `sink`, streaming ties and
 * memberships. The same options always produce byte-identical tables.
 */
export async function generateEcosystem(options: Partial<GenerateOptions>, sink: BundleSink): Promise<EcosystemSummary> {
  const started = performance.now();
  const opts: GenerateOptions = { ...DEFAULT_OPTIONS, ...options };
  const eco = buildEcosystem({ stakeholders: opts.stakeholders, seed: opts.seed });
  const { entities, planted } = eco;

  // --- stakeholders.csv and roles.csv: one row per source record, grouped by source, sorted by id.
  const bySource = new Map<string, SourceRecord[]>(SOURCES.map((s) => [s, []]));
  for (const e of entities) for (const r of e.records) bySource.get(r.source)?.push(r);
  const recordsBySource: Record<string, number> = {};
  const identities = new Set<string>();
  const roleRows = count(ROLES);
  const stakeholdersW = sink.table('stakeholders');
  const rolesW = sink.table('roles');
  let records = 0;
  for (const [source, list] of bySource) {
    list.sort((a, b) => (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0));
    recordsBySource[source] = list.length;
    for (const r of list) {
      records++;
      identities.add(r.email ? `email:${emailIdentity(r.email)}` : `domain:${r.domain.toLowerCase()}`);
      await stakeholdersW.row([
        r.source,
        r.externalId,
        r.email ? 'PERSON' : 'ORGANISATION',
        r.name,
        r.email,
        r.organisation,
        r.domain,
        r.title,
        r.country,
      ]);
      const f = r.role;
      roleRows[f.role]++;
      await rolesW.row([
        recordKey(r),
        f.role,
        fromDay(f.since),
        f.until === null ? '' : fromDay(f.until),
        r.source,
        f.value,
        f.tier,
      ]);
    }
  }
  await stakeholdersW.close();
  await rolesW.close();

  // --- ties.csv (streamed)
  const degree = new Int32Array(entities.length);
  const tiesByType = count(TIE_TYPES);
  let ties = 0;
  let pp = 0;
  let ppInside = 0;
  let ppWeight = 0;
  let ppWeightInside = 0;
  const tiesW = sink.table('ties');
  // The ties interactions follow: between people, of the kinds that mean talking to each other.
  const personTies: PersonTie[] = [];
  for (const t of generateTies(eco, { ties: opts.ties })) {
    const pending = tiesW.row([t.from, t.to, t.type, t.weight.toFixed(1), t.since]);
    if (pending) await pending; // only when the stream asks us to wait: no per-row promise
    ties++;
    tiesByType[t.type]++;
    const u = entities[t.fromIndex];
    const v = entities[t.toIndex];
    if (!u || !v) throw new Error(`tie between unknown keys ${t.from} → ${t.to}`);
    degree[u.index] = (degree[u.index] ?? 0) + 1;
    degree[v.index] = (degree[v.index] ?? 0) + 1;
    if (u.kind === 'PERSON' && v.kind === 'PERSON') {
      if (t.type === 'WORKS_WITH' || t.type === 'INTERACTS' || t.type === 'REPORTS_TO')
        personTies.push({ u: u.index, v: v.index, weight: t.weight });
      pp++;
      ppWeight += t.weight;
      if (u.communities[0] === v.communities[0]) {
        ppInside++;
        ppWeightInside += t.weight;
      }
    }
  }
  await tiesW.close();

  // --- communities.csv, memberships.csv, ground-truth.csv
  const communitiesW = sink.table('communities');
  for (const d of DECLARED) await communitiesW.row([d.id, d.name, d.category, d.description]);
  await communitiesW.close();

  let memberships = 0;
  const membershipsW = sink.table('memberships');
  for (const m of generateMemberships(eco)) {
    const pending = membershipsW.row([m.stakeholder, m.community, m.strength.toFixed(2), m.since]);
    if (pending) await pending;
    memberships++;
  }
  await membershipsW.close();

  let groundTruth = 0;
  const truthW = sink.table('ground-truth');
  const people = entities.filter((e) => e.kind === 'PERSON').map((e) => [primaryKey(e), e] as const);
  people.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [key, e] of people) {
    const c = planted[e.communities[0] ?? -1];
    if (!c) continue;
    await truthW.row([key, c.id]);
    groundTruth++;
  }
  await truthW.close();

  // --- interactions.csv, interaction_participants.csv, ground-truth-stories.csv
  const { interactions, stories } = generateInteractions(eco, personTies, opts.interactions);
  const interactionsW = sink.table('interactions');
  const participantsW = sink.table('interaction_participants');
  const interactionsByChannel: Record<string, number> = {};
  let participantRows = 0;
  for (const x of interactions) {
    interactionsByChannel[x.channel] = (interactionsByChannel[x.channel] ?? 0) + 1;
    const when = new Date(x.at).toISOString().slice(0, 19) + 'Z';
    const pending = interactionsW.row([x.id, when, x.channel, x.owner, x.initiator, x.sentiment, '']);
    if (pending) await pending;
    for (const person of x.participants) {
      participantRows++;
      const next = participantsW.row([x.id, person]);
      if (next) await next;
    }
  }
  await interactionsW.close();
  await participantsW.close();
  const storyCounts: Record<string, number> = {};
  const storiesW = sink.table('ground-truth-stories');
  for (const s of stories) {
    const key = `${s.story} ${s.part}`;
    storyCounts[key] = (storyCounts[key] ?? 0) + 1;
    await storiesW.row([s.story, s.stakeholder, s.part, s.community, s.date]);
  }
  await storiesW.close();

  return {
    options: opts,
    records,
    recordsBySource,
    ...describe(eco),
    mergedByEmailOrDomain: identities.size,
    roleRows,
    ties,
    tiesByType,
    insideShare: { ties: pp === 0 ? 0 : ppInside / pp, weight: ppWeight === 0 ? 0 : ppWeightInside / ppWeight },
    meanDegree: entities.length === 0 ? 0 : (2 * ties) / entities.length,
    maxDegree: degree.reduce((a, b) => Math.max(a, b), 0),
    declaredCommunities: DECLARED.length,
    memberships,
    groundTruth,
    interactions: interactions.length,
    interactionsByChannel,
    participantRows,
    stories: storyCounts,
    elapsedMs: Math.round(performance.now() - started),
  };
}

function describe(
  eco: Ecosystem,
): Pick<
  EcosystemSummary,
  | 'stakeholders'
  | 'people'
  | 'organisations'
  | 'stakeholdersByRole'
  | 'multiRole'
  | 'multiRecord'
  | 'overlaps'
  | 'plantedCommunities'
  | 'brokers'
> {
  const stakeholdersByRole = count(ROLES);
  const overlaps: Record<string, number> = {};
  let multiRole = 0;
  let multiRecord = 0;
  let people = 0;
  let brokers = 0;
  for (const e of eco.entities) {
    if (e.kind === 'PERSON') people++;
    if (e.communities.length > 1) brokers++;
    if (e.records.length > 1) multiRecord++;
    const roles = [...new Set(e.records.map((r) => r.role.role))].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b));
    for (const r of roles) stakeholdersByRole[r]++;
    if (roles.length > 1) {
      multiRole++;
      const label = `${e.kind === 'PERSON' ? 'people' : 'organisations'}: ${roles.join(' + ')}`;
      overlaps[label] = (overlaps[label] ?? 0) + 1;
    }
  }
  return {
    stakeholders: eco.entities.length,
    people,
    organisations: eco.entities.length - people,
    stakeholdersByRole,
    multiRole,
    multiRecord,
    overlaps,
    plantedCommunities: eco.planted.length,
    brokers,
  };
}

/** Writes the bundle into `dir` (created if missing). */
export function writeEcosystem(dir: string, options: Partial<GenerateOptions> = {}): Promise<EcosystemSummary> {
  return generateEcosystem(options, createDirectorySink(dir));
}

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

export function formatSummary(s: EcosystemSummary): string {
  const lines = [
    `seed ${s.options.seed}, ${s.elapsedMs} ms`,
    `records          ${s.records}  (${Object.entries(s.recordsBySource)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')})`,
    `stakeholders     ${s.stakeholders}  (${s.people} people, ${s.organisations} organisations; ${s.mergedByEmailOrDomain} distinct normalised e-mails/domains)`,
    `role rows        ${ROLES.map((r) => `${r} ${s.roleRows[r]}`).join(', ')}`,
    `holders by role  ${ROLES.map((r) => `${r} ${s.stakeholdersByRole[r]}`).join(', ')}`,
    `multi-role       ${s.multiRole} stakeholders (${s.multiRecord} with several records)`,
    ...Object.entries(s.overlaps)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `                   ${String(v).padStart(5)}  ${k}`),
    `ties             ${s.ties}  (${TIE_TYPES.map((t) => `${t} ${s.tiesByType[t]}`).join(', ')})`,
    `                 mean degree ${s.meanDegree.toFixed(1)}, max ${s.maxDegree}; person–person ties inside a planted community: ${pct(s.insideShare.ties)} of ties, ${pct(s.insideShare.weight)} of weight`,
    `communities      ${s.declaredCommunities} declared (${s.memberships} memberships), ${s.plantedCommunities} planted (${s.groundTruth} people in the ground truth, ${s.brokers} brokers)`,
    `interactions     ${s.interactions}  (${Object.entries(s.interactionsByChannel)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}); ${s.participantRows} participant rows`,
    `stories          ${Object.entries(s.stories)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  ];
  return lines.join('\n');
}

function positiveInt(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got "${text}"`);
  return n;
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string' },
      stakeholders: { type: 'string' },
      ties: { type: 'string' },
      interactions: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(
      'usage: npx tsx seeds/generate.ts [--out seeds/demo] [--stakeholders 2000] [--ties 20000] [--interactions 10000] [--seed 42]',
    );
    return;
  }
  const out = values.out ? resolve(values.out) : fileURLToPath(new URL('./demo', import.meta.url));
  const options: GenerateOptions = {
    stakeholders: positiveInt('stakeholders', values.stakeholders, DEFAULT_OPTIONS.stakeholders),
    ties: positiveInt('ties', values.ties, DEFAULT_OPTIONS.ties),
    interactions: positiveInt('interactions', values.interactions, DEFAULT_OPTIONS.interactions),
    seed: positiveInt('seed', values.seed, DEFAULT_OPTIONS.seed),
  };
  const summary = await writeEcosystem(out, options);
  console.log(`wrote ${out}`);
  console.log(formatSummary(summary));
}

const invokedDirectly = ((): boolean => {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(resolve(script)) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();

if (invokedDirectly) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
