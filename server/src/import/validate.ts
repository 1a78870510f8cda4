// Field and bundle validation shared by every import parser: one set of rules, one set of messages.
import {
  KINDS,
  ROLES,
  TIE_TYPES,
  isKind,
  isRole,
  isTieType,
  type KindName,
  type RoleName,
  type TieTypeName,
} from '../domain/vocabulary.js';
import { isInteractionChannel, SENTIMENT_MAX, SENTIMENT_MIN, type InteractionChannel } from '../domain/relationship-strength.js';
import type {
  CommunityRow,
  ImportBundle,
  ImportProblem,
  InteractionOrigin,
  InteractionRow,
  MembershipRow,
  ParseResult,
  RoleRow,
  SourceRecordRow,
  TieRow,
} from './types.js';
import { recordKey } from './types.js';
import {
  hasControlCharacters,
  instantMillis,
  isIsoDate,
  isPlausibleDomain,
  isPlausibleEmail,
  isValidWeight,
  MAX_NAME_LENGTH,
  MAX_TEXT_LENGTH,
  MAX_WEIGHT,
  stripDomainDecorations,
  toNumber,
} from '../domain/validators.js';

/** At most this many errors (and, separately, warnings) are kept; the rest are counted. */
export const MAX_PROBLEMS = 1000;

// ───────────────────────────── field normalisers ─────────────────────────────

// Upper-case and turn spaces/hyphens into underscores, so "works with" and "Works-With" agree.
const canon = (raw: string): string =>
  raw
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');

const KIND_ALIASES: ReadonlyMap<string, KindName> = new Map([['ORGANIZATION', 'ORGANISATION']]);

// Vocabulary values repeat on every row: remember each spelling seen (bounded, for hostile input).
function cached<T>(fn: (raw: string) => T | undefined): (raw: string) => T | undefined {
  const seen = new Map<string, T | undefined>();
  return (raw) => {
    if (seen.has(raw)) return seen.get(raw);
    const v = fn(raw);
    if (seen.size < 1000) seen.set(raw, v);
    return v;
  };
}

export const normaliseKind = cached<KindName>((raw) => {
  const c = canon(raw);
  return isKind(c) ? c : KIND_ALIASES.get(c);
});

export const normaliseRole = cached<RoleName>((raw) => {
  const c = canon(raw);
  return isRole(c) ? c : undefined;
});

export const normaliseTieType = cached<TieTypeName>((raw) => {
  const c = canon(raw);
  return isTieType(c) ? c : undefined;
});

export const normaliseChannel = cached<InteractionChannel>((raw) => {
  const c = canon(raw).replace(/_/g, ''); // "e-mail" = EMAIL
  return isInteractionChannel(c) ? c : undefined;
});

// ───────────────────────────── problems ─────────────────────────────

/** Collects errors and warnings, keeping the first MAX_PROBLEMS of each and counting the rest. */
export class Problems {
  readonly errors: ImportProblem[] = [];
  readonly warnings: ImportProblem[] = [];
  private extraErrors = 0;
  private extraWarnings = 0;

  error(file: string, row: number | undefined, column: string | undefined, message: string): void {
    if (this.errors.length < MAX_PROBLEMS) this.errors.push(problem(file, row, column, message));
    else this.extraErrors++;
  }

  warn(file: string, row: number | undefined, column: string | undefined, message: string): void {
    if (this.warnings.length < MAX_PROBLEMS) this.warnings.push(problem(file, row, column, message));
    else this.extraWarnings++;
  }

  get errorCount(): number {
    return this.errors.length + this.extraErrors;
  }

  /** The lists to report, each ending with "… and N more" when it was capped. */
  result(fileOrder: readonly string[] = []): { errors: ImportProblem[]; warnings: ImportProblem[] } {
    // Report in reading order: by file (whole-input problems first), then by row; the sort is stable.
    const rank = new Map<string, number>();
    fileOrder.forEach((f, i) => {
      if (!rank.has(f)) rank.set(f, i);
    });
    const byPlace = (a: ImportProblem, b: ImportProblem): number =>
      (rank.get(a.file) ?? -1) - (rank.get(b.file) ?? -1) || (a.row ?? 0) - (b.row ?? 0);
    const errors = this.errors.slice().sort(byPlace);
    const warnings = this.warnings.slice().sort(byPlace);
    if (this.extraErrors > 0) errors.push({ file: '*', message: `… and ${this.extraErrors} more errors` });
    if (this.extraWarnings > 0) warnings.push({ file: '*', message: `… and ${this.extraWarnings} more warnings` });
    return { errors, warnings };
  }
}

function problem(file: string, row: number | undefined, column: string | undefined, message: string): ImportProblem {
  const p: ImportProblem = { file, message };
  if (row !== undefined) p.row = row;
  if (column !== undefined) p.column = column;
  return p;
}

// ───────────────────────────── row building ─────────────────────────────

export type Section = 'records' | 'roles' | 'ties' | 'communities' | 'memberships' | 'interactions' | 'participants';

/** Field names as they appear in ImportBundle rows (JSON uses them as-is). */
export const FIELDS = {
  records: ['source', 'externalId', 'kind', 'name', 'email', 'organisation', 'domain', 'title', 'country'],
  roles: ['stakeholder', 'role', 'since', 'until', 'source', 'value', 'tier'],
  ties: ['from', 'to', 'type', 'weight', 'since'],
  communities: ['id', 'name', 'category', 'description'],
  memberships: ['stakeholder', 'community', 'strength', 'since'],
  interactions: ['id', 'at', 'channel', 'owner', 'initiator', 'sentiment', 'summary'],
  participants: ['interaction', 'stakeholder'],
} as const satisfies Record<Section, readonly string[]>;

export const REQUIRED_FIELDS: Record<Section, readonly string[]> = {
  records: ['source', 'externalId', 'kind', 'name'],
  roles: ['stakeholder', 'role'],
  ties: ['from', 'to', 'type'],
  communities: ['id', 'name'],
  memberships: ['stakeholder', 'community'],
  interactions: ['id', 'at', 'channel'],
  participants: ['interaction', 'stakeholder'],
};

/** Most people one imported interaction may name (a broadcast above 50 relates only its owner and initiator). */
export const MAX_INTERACTION_PEOPLE = 10_000;
/** An interaction may be dated up to a day ahead (time zones, a meeting booked for tonight), no further. */
export const FUTURE_TOLERANCE_MS = 86_400_000;

/** Reads one field of the current row; parsers supply one per file and move it along the rows. */
export type FieldGetter = (field: string) => unknown;

export interface BundleBuilderOptions {
  /** The file name to report for each section, e.g. `ties.csv` or `data.json#ties`. */
  files: Record<Section, string>;
  /** Column name to report for a field, when it differs from the field name (CSV: external_id). */
  columnOf?: (section: Section, field: string) => string;
  /** The clock for "not in the future" (tests pin it). */
  now?: number;
}

/**
 * Builds an ImportBundle row by row, validating each field, then runs the bundle-level checks.
 * Rows with errors are left out of the bundle; callers must not write when errors is non-empty.
 */
export class BundleBuilder {
  readonly problems = new Problems();
  private readonly bundle: ImportBundle = {
    records: [],
    roles: [],
    ties: [],
    communities: [],
    memberships: [],
    interactions: [],
  };
  // Parallel to the bundle arrays: the data row each kept item came from, for bundle-level messages.
  private readonly rows: Record<Section, number[]> = {
    records: [],
    roles: [],
    ties: [],
    communities: [],
    memberships: [],
    interactions: [],
    participants: [],
  };
  private readonly interactionIndex = new Map<string, number>();
  private readonly origin: InteractionOrigin;
  private readonly now: number;
  // Record key → index in bundle.records, filled as records arrive (they come before ties in
  // every format), so tie endpoints are looked up while their strings are fresh, and each tie
  // keeps the record's own key string instead of a copy per row.
  private readonly recordIndex = new Map<string, number>();
  private readonly recordKeys: string[] = [];
  private readonly tieFrom: number[] = [];
  private readonly tieTo: number[] = [];
  private readonly files: Record<Section, string>;
  private readonly columnOf: (section: Section, field: string) => string;
  private section: Section = 'records';
  private row = 0;
  private ok = true;

  constructor(opts: BundleBuilderOptions) {
    this.files = opts.files;
    this.columnOf = opts.columnOf ?? ((_s, f) => f);
    this.origin = { file: opts.files.interactions, participantsFile: opts.files.participants };
    this.now = opts.now ?? Date.now();
  }

  // ── per-field readers: report against the current section/row and clear `ok` on error ──

  private err(field: string | undefined, message: string): void {
    this.ok = false;
    this.problems.error(
      this.files[this.section],
      this.row,
      field === undefined ? undefined : this.columnOf(this.section, field),
      message,
    );
  }

  private warnHere(field: string, message: string): void {
    this.problems.warn(this.files[this.section], this.row, this.columnOf(this.section, field), message);
  }

  private text(get: FieldGetter, field: string, required = false): string | undefined {
    const raw = get(field);
    let s: string | undefined;
    if (typeof raw === 'string') s = raw.trim();
    else if (typeof raw === 'number' && Number.isFinite(raw)) s = String(raw);
    else if (raw !== undefined && raw !== null) {
      this.err(field, `expected text, found ${describe(raw)}`);
      return undefined;
    }
    if (s === undefined || s === '') {
      if (required) this.err(field, 'required value is missing');
      return undefined;
    }
    const multiLine = field === 'description' || field === 'summary';
    const max = multiLine ? MAX_TEXT_LENGTH : MAX_NAME_LENGTH;
    if (s.length > max) {
      this.err(field, `too long: ${s.length} characters (at most ${max})`);
      return undefined;
    }
    if (hasControlCharacters(s, multiLine)) {
      this.err(field, 'contains a control character (NUL, escape, line break …)');
      return undefined;
    }
    return s;
  }

  private date(get: FieldGetter, field: string): string | undefined {
    const s = this.text(get, field);
    if (s === undefined) return undefined;
    if (!isIsoDate(s)) {
      this.err(field, `invalid date '${s}' (expected a real calendar date as YYYY-MM-DD)`);
      return undefined;
    }
    return s;
  }

  private number(get: FieldGetter, field: string): number | undefined {
    const raw = get(field);
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return undefined;
    const n = toNumber(raw);
    if (n === undefined) this.err(field, `invalid number '${String(raw)}'`);
    return n;
  }

  private begin(section: Section, row: number): void {
    this.section = section;
    this.row = row;
    this.ok = true;
  }

  /** Reports a problem about the whole row (e.g. a wrong field count) without reading it. */
  rowError(section: Section, row: number, message: string): void {
    this.problems.error(this.files[section], row, undefined, message);
  }

  // ── rows ──

  record(get: FieldGetter, row: number): void {
    this.begin('records', row);
    const source = this.text(get, 'source', true);
    const externalId = this.text(get, 'externalId', true);
    const kindRaw = this.text(get, 'kind', true);
    const name = this.text(get, 'name', true);
    const email = this.text(get, 'email');
    const organisation = this.text(get, 'organisation');
    const domain = this.text(get, 'domain');
    const title = this.text(get, 'title');
    const country = this.text(get, 'country');
    // A ':' in the source would make the record key `source:externalId` ambiguous.
    if (source !== undefined && source.includes(':')) this.err('source', `source '${source}' must not contain ':'`);
    let kind: KindName | undefined;
    if (kindRaw !== undefined) {
      kind = normaliseKind(kindRaw);
      if (!kind) this.err('kind', `unknown kind '${kindRaw}' (expected one of ${KINDS.join(', ')})`);
    }
    if (email !== undefined && !isPlausibleEmail(email))
      this.warnHere('email', `email '${email}' does not look like an address; it will not be used for matching`);
    if (domain !== undefined && !isPlausibleDomain(stripDomainDecorations(domain)))
      this.warnHere('domain', `domain '${domain}' does not look like a web domain; it will not be used for matching`);
    if (!this.ok || !source || !externalId || !kind || !name) return;
    // One record per key: the first wins, later ones are reported with the first's row.
    const key = recordKey(source, externalId);
    const first = this.recordIndex.get(key);
    if (first !== undefined) {
      this.err('externalId', `duplicate record key '${key}' (first on row ${this.rows.records[first] ?? 0})`);
      return;
    }
    this.recordIndex.set(key, this.bundle.records.length);
    this.recordKeys.push(key);
    const rec: SourceRecordRow = { source, externalId, kind, name };
    if (email !== undefined) rec.email = email;
    if (organisation !== undefined) rec.organisation = organisation;
    if (domain !== undefined) rec.domain = domain;
    if (title !== undefined) rec.title = title;
    if (country !== undefined) rec.country = country;
    this.bundle.records.push(rec);
    this.rows.records.push(row);
  }

  role(get: FieldGetter, row: number): void {
    this.begin('roles', row);
    const stakeholder = this.text(get, 'stakeholder', true);
    const roleRaw = this.text(get, 'role', true);
    const since = this.date(get, 'since');
    const until = this.date(get, 'until');
    const source = this.text(get, 'source');
    const value = this.number(get, 'value');
    const tier = this.text(get, 'tier');
    let role: RoleName | undefined;
    if (roleRaw !== undefined) {
      role = normaliseRole(roleRaw);
      if (!role) this.err('role', `unknown role '${roleRaw}' (expected one of ${ROLES.join(', ')})`);
    }
    // Same-format ISO dates compare correctly as strings.
    if (since !== undefined && until !== undefined && until < since) this.err('until', `until ${until} is before since ${since}`);
    if (!this.ok || !stakeholder || !role) return;
    const r: RoleRow = { stakeholder, role };
    if (since !== undefined) r.since = since;
    if (until !== undefined) r.until = until;
    if (source !== undefined) r.source = source;
    if (value !== undefined) r.value = value;
    if (tier !== undefined) r.tier = tier;
    this.bundle.roles.push(r);
    this.rows.roles.push(row);
  }

  tie(get: FieldGetter, row: number): void {
    this.begin('ties', row);
    const from = this.text(get, 'from', true);
    const to = this.text(get, 'to', true);
    const typeRaw = this.text(get, 'type', true);
    const weightRaw = get('weight');
    const since = this.date(get, 'since');
    let type: TieTypeName | undefined;
    if (typeRaw !== undefined) {
      type = normaliseTieType(typeRaw);
      if (!type) this.err('type', `unknown tie type '${typeRaw}' (expected one of ${TIE_TYPES.join(', ')})`);
    }
    let weight = 1;
    if (weightRaw !== undefined && weightRaw !== null && !(typeof weightRaw === 'string' && weightRaw.trim() === '')) {
      const n = toNumber(weightRaw);
      if (n === undefined || !isValidWeight(n)) {
        this.err('weight', `invalid weight '${String(weightRaw).slice(0, 40)}' (expected a number from 0 to ${MAX_WEIGHT})`);
      } else weight = n;
    }
    if (!this.ok || !from || !to || !type) return;
    const fromIndex = this.recordIndex.get(from) ?? -1;
    const toIndex = this.recordIndex.get(to) ?? -1;
    const f = fromIndex >= 0 ? this.recordKeys[fromIndex]! : from;
    const t_ = toIndex >= 0 ? this.recordKeys[toIndex]! : to;
    const t: TieRow = since === undefined ? { from: f, to: t_, type, weight } : { from: f, to: t_, type, weight, since };
    this.tieFrom.push(fromIndex);
    this.tieTo.push(toIndex);
    this.bundle.ties.push(t);
    this.rows.ties.push(row);
  }

  community(get: FieldGetter, row: number): void {
    this.begin('communities', row);
    const id = this.text(get, 'id', true);
    const name = this.text(get, 'name', true);
    const category = this.text(get, 'category');
    const description = this.text(get, 'description');
    if (!this.ok || !id || !name) return;
    const c: CommunityRow = { id, name };
    if (category !== undefined) c.category = category;
    if (description !== undefined) c.description = description;
    this.bundle.communities.push(c);
    this.rows.communities.push(row);
  }

  membership(get: FieldGetter, row: number): void {
    this.begin('memberships', row);
    const stakeholder = this.text(get, 'stakeholder', true);
    const community = this.text(get, 'community', true);
    const strengthRaw = get('strength');
    const since = this.date(get, 'since');
    let strength = 1;
    if (strengthRaw !== undefined && strengthRaw !== null && !(typeof strengthRaw === 'string' && strengthRaw.trim() === '')) {
      const n = toNumber(strengthRaw);
      if (n === undefined || n < 0 || n > 1)
        this.err('strength', `invalid strength '${String(strengthRaw)}' (expected a number in [0, 1])`);
      else strength = n;
    }
    if (!this.ok || !stakeholder || !community) return;
    const m: MembershipRow = { stakeholder, community, strength };
    if (since !== undefined) m.since = since;
    this.bundle.memberships.push(m);
    this.rows.memberships.push(row);
  }

  interaction(get: FieldGetter, row: number): void {
    this.begin('interactions', row);
    const id = this.text(get, 'id', true);
    const atRaw = this.text(get, 'at', true);
    const channelRaw = this.text(get, 'channel', true);
    const owner = this.reference(get, 'owner');
    const initiator = this.reference(get, 'initiator');
    const sentimentRaw = this.number(get, 'sentiment');
    const summary = this.text(get, 'summary');
    let at: number | undefined;
    if (atRaw !== undefined) {
      at = instantMillis(atRaw);
      if (at === undefined) {
        this.err(
          'at',
          `invalid date '${atRaw.slice(0, 40)}' (expected YYYY-MM-DD or an ISO 8601 instant with a time zone, from 1900)`,
        );
      } else if (at > this.now + FUTURE_TOLERANCE_MS) {
        this.err('at', `${atRaw} is more than a day in the future`);
      }
    }
    let channel: InteractionChannel | undefined;
    if (channelRaw !== undefined) {
      channel = normaliseChannel(channelRaw);
      if (!channel)
        this.err('channel', `unknown channel '${channelRaw}' (expected one of MEETING, CALL, EMAIL, EVENT, DEAL, NOTE)`);
    }
    if (
      sentimentRaw !== undefined &&
      (!Number.isInteger(sentimentRaw) || sentimentRaw < SENTIMENT_MIN || sentimentRaw > SENTIMENT_MAX)
    ) {
      this.err(
        'sentiment',
        `invalid sentiment '${sentimentRaw}' (expected an integer from ${SENTIMENT_MIN} to ${SENTIMENT_MAX})`,
      );
    }
    if (!this.ok || id === undefined || at === undefined || channel === undefined) return;
    const first = this.interactionIndex.get(id);
    if (first !== undefined) {
      this.err('id', `duplicate interaction id '${id}' (first on row ${this.bundle.interactions[first]?.row ?? 0})`);
      return;
    }
    this.interactionIndex.set(id, this.bundle.interactions.length);
    const interaction: InteractionRow = { id, at, channel, participants: [], origin: this.origin, row, participantRows: [] };
    if (owner !== undefined) interaction.owner = owner;
    if (initiator !== undefined) interaction.initiator = initiator;
    if (sentimentRaw !== undefined) interaction.sentiment = sentimentRaw;
    if (summary !== undefined) interaction.summary = summary;
    this.bundle.interactions.push(interaction);
  }

  participant(get: FieldGetter, row: number): void {
    this.begin('participants', row);
    const id = this.text(get, 'interaction', true);
    const stakeholder = this.reference(get, 'stakeholder', true);
    if (!this.ok || id === undefined || stakeholder === undefined) return;
    const index = this.interactionIndex.get(id);
    const interaction = index === undefined ? undefined : this.bundle.interactions[index];
    if (!interaction) {
      this.err('interaction', `unknown interaction '${id}'`);
      return;
    }
    const listed = interaction.participants.indexOf(stakeholder);
    if (listed >= 0) {
      this.err(
        'stakeholder',
        `'${stakeholder}' is listed twice for interaction '${id}' (first on row ${interaction.participantRows[listed] ?? 0})`,
      );
      return;
    }
    if (interaction.participants.length >= MAX_INTERACTION_PEOPLE) {
      this.err('stakeholder', `interaction '${id}' has more than ${MAX_INTERACTION_PEOPLE} participants`);
      return;
    }
    interaction.participants.push(stakeholder);
    interaction.participantRows.push(row);
  }

  /** A reference to a person: a record key or stakeholder id, or an e-mail address (which must look like one). */
  private reference(get: FieldGetter, field: string, required = false): string | undefined {
    const ref = this.text(get, field, required);
    if (ref !== undefined && ref.includes('@') && !ref.includes(':') && !isPlausibleEmail(ref)) {
      this.err(field, `'${ref}' is neither a record key nor an e-mail address`);
      return undefined;
    }
    return ref;
  }

  // ── bundle-level checks ──

  /** Runs the cross-row checks and returns the bundle with every problem found. */
  finish(): ParseResult {
    const b = this.bundle;
    const p = this.problems;
    const col = this.columnOf;

    const records = b.records; // already one per key (see record())
    const recordIndex = this.recordIndex;

    const communityRow = new Map<string, number>();
    const communities: CommunityRow[] = [];
    b.communities.forEach((c, i) => {
      const row = this.rows.communities[i] ?? 0;
      const first = communityRow.get(c.id);
      if (first !== undefined) {
        p.error(this.files.communities, row, 'id', `duplicate community id '${c.id}' (first on row ${first})`);
        return;
      }
      communityRow.set(c.id, row);
      communities.push(c);
    });

    const unknown = (key: string) => `unknown stakeholder '${key}'`;

    const roleRow = new Map<string, number>();
    const roles: RoleRow[] = [];
    b.roles.forEach((r, i) => {
      const row = this.rows.roles[i] ?? 0;
      const file = this.files.roles;
      const index = recordIndex.get(r.stakeholder);
      const source = index === undefined ? undefined : records[index]?.source;
      if (source === undefined) {
        p.error(file, row, col('roles', 'stakeholder'), unknown(r.stakeholder));
        return;
      }
      const k = `${r.stakeholder}\u0000${r.role}`;
      const first = roleRow.get(k);
      if (first !== undefined) {
        p.error(file, row, col('roles', 'role'), `duplicate role ${r.role} for '${r.stakeholder}' (first on row ${first})`);
        return;
      }
      roleRow.set(k, row);
      // The role fact's source system defaults to the record's own source.
      if (r.source === undefined) r.source = source;
      roles.push(r);
    });

    // Ties are the big list (up to millions). Endpoints were resolved to record indices as rows
    // arrived; duplicates are found per source record (ties bucketed by `from` with a counting
    // sort), so each check touches a small map with small-integer keys: linear, cache-friendly.
    const m = b.ties.length;
    const tieRows = this.rows.ties;
    const tieFile = this.files.ties;
    const nTypes = TIE_TYPES.length;
    const typeIndex = new Map<string, number>(TIE_TYPES.map((t, i) => [t, i]));
    const from = Int32Array.from(this.tieFrom);
    const to = Int32Array.from(this.tieTo);
    const keep = new Uint8Array(m);
    const bucketStart = new Int32Array(records.length + 1);
    for (let i = 0; i < m; i++) {
      const t = b.ties[i]!;
      const row = tieRows[i] ?? 0;
      // A record that arrived after its ties (no parser does this) is still found here.
      if (from[i]! < 0) from[i] = recordIndex.get(t.from) ?? -1;
      if (to[i]! < 0) to[i] = recordIndex.get(t.to) ?? -1;
      if (from[i]! < 0) p.error(tieFile, row, col('ties', 'from'), unknown(t.from));
      if (to[i]! < 0) p.error(tieFile, row, col('ties', 'to'), unknown(t.to));
      if (from[i]! < 0 || to[i]! < 0) continue;
      if (from[i] === to[i]) {
        p.warn(tieFile, row, col('ties', 'to'), `self-tie on '${t.from}' dropped`);
        continue;
      }
      keep[i] = 1;
      bucketStart[from[i]! + 1]!++;
    }
    for (let r = 0; r < records.length; r++) bucketStart[r + 1]! += bucketStart[r]!;
    const fill = bucketStart.slice(0, records.length);
    const byFrom = new Int32Array(bucketStart[records.length]!);
    for (let i = 0; i < m; i++) if (keep[i]) byFrom[fill[from[i]!]!++] = i; // stable: rows stay in order
    const seen = new Map<number, number>();
    for (let r = 0; r < records.length; r++) {
      const lo = bucketStart[r]!;
      const hi = bucketStart[r + 1]!;
      if (hi - lo < 2) continue;
      seen.clear();
      for (let j = lo; j < hi; j++) {
        const i = byFrom[j]!;
        const t = b.ties[i]!;
        const k = to[i]! * nTypes + (typeIndex.get(t.type) ?? 0);
        const first = seen.get(k);
        if (first === undefined) {
          seen.set(k, i);
          continue;
        }
        keep[i] = 0;
        p.error(
          tieFile,
          tieRows[i] ?? 0,
          col('ties', 'type'),
          `duplicate tie ${t.type} from '${t.from}' to '${t.to}' (first on row ${tieRows[first] ?? 0})`,
        );
      }
    }
    const ties: TieRow[] = [];
    for (let i = 0; i < m; i++) if (keep[i]) ties.push(b.ties[i]!);

    const membershipRow = new Map<string, number>();
    const memberships: MembershipRow[] = [];
    b.memberships.forEach((m, i) => {
      const row = this.rows.memberships[i] ?? 0;
      const file = this.files.memberships;
      let bad = false;
      if (!recordIndex.has(m.stakeholder)) {
        p.error(file, row, col('memberships', 'stakeholder'), unknown(m.stakeholder));
        bad = true;
      }
      if (!communityRow.has(m.community)) {
        p.error(file, row, col('memberships', 'community'), `unknown community '${m.community}'`);
        bad = true;
      }
      if (bad) return;
      const k = `${m.stakeholder}\u0000${m.community}`;
      const first = membershipRow.get(k);
      if (first !== undefined) {
        p.error(
          file,
          row,
          col('memberships', 'community'),
          `duplicate membership of '${m.stakeholder}' in '${m.community}' (first on row ${first})`,
        );
        return;
      }
      membershipRow.set(k, row);
      memberships.push(m);
    });

    // An interaction relates people: it needs two of them, counting its owner and initiator.
    for (const interaction of b.interactions) {
      const people = new Set(interaction.participants);
      if (interaction.owner !== undefined) people.add(interaction.owner);
      if (interaction.initiator !== undefined) people.add(interaction.initiator);
      if (people.size < 2) {
        p.error(
          this.files.interactions,
          interaction.row,
          col('interactions', 'id'),
          `interaction '${interaction.id}' names ${people.size === 0 ? 'nobody' : 'one person'}: it needs two (participants, owner, initiator)`,
        );
      }
    }

    const order: Section[] = ['records', 'roles', 'ties', 'communities', 'memberships', 'interactions', 'participants'];
    return {
      bundle: { records, roles, ties, communities, memberships, interactions: b.interactions },
      ...p.result(order.map((s) => this.files[s])),
    };
  }
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}
