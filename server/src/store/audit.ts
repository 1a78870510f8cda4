// The audit trail: one AuditEvent node per sign-in, mutation, import, run, export and erasure, and
// the admin's filtered, paginated view of it. Events carry ids and counts, never personal values.
import { randomUUID } from 'node:crypto';
import { execute, int, type Database } from '../db/database.js';
import type { Page, PageRequest } from '../domain/models.js';
import { toPage } from './pages.js';

export interface AuditEventInput {
  actor: string;
  action: string;
  targets: string[];
  counts?: Record<string, unknown> | null;
  outcome: string;
}

export interface AuditEvent {
  id: string;
  at: string;
  actor: string;
  action: string;
  targets: string[];
  counts: Record<string, unknown> | null;
  outcome: string;
}

export interface AuditFilter {
  action?: string | null;
  actor?: string | null;
  since?: string | null;
  until?: string | null;
}

export async function writeAuditEvent(db: Database, event: AuditEventInput): Promise<void> {
  await execute(
    db,
    `CREATE (:AuditEvent {id: $id, at: datetime(), actor: $actor, action: $action, targets: $targets,
       counts: $counts, outcome: $outcome})`,
    {
      id: randomUUID(),
      actor: event.actor,
      action: event.action,
      targets: event.targets.slice(0, 100),
      // Neo4j properties cannot hold maps: counts are kept as JSON text.
      counts: event.counts ? JSON.stringify(event.counts) : null,
      outcome: event.outcome,
    },
    { mode: 'WRITE' },
  );
}

const WHERE = `WHERE ($action IS NULL OR e.action = $action) AND ($actor IS NULL OR e.actor = $actor)
  AND ($since IS NULL OR e.at >= datetime($since)) AND ($until IS NULL OR e.at <= datetime($until))`;

/** Newest first. */
export async function listAuditEvents(db: Database, filter: AuditFilter, request: PageRequest): Promise<Page<AuditEvent>> {
  const params = {
    action: filter.action ?? null,
    actor: filter.actor ?? null,
    since: filter.since ?? null,
    until: filter.until ?? null,
  };
  const rows = await execute<{ e: Omit<AuditEvent, 'counts'> & { counts: string | null } }>(
    db,
    `MATCH (e:AuditEvent) ${WHERE}
     RETURN e { .id, at: toString(e.at), .actor, .action, .targets, .counts, .outcome } AS e
     ORDER BY e.at DESC, e.id DESC SKIP $offset LIMIT $limit`,
    { ...params, offset: int(request.offset), limit: int(request.limit + 1) },
  );
  const events = rows.map(({ e }) => ({
    ...e,
    targets: e.targets ?? [],
    counts: e.counts ? (JSON.parse(e.counts) as Record<string, unknown>) : null,
  }));
  return toPage(events, request, async () => {
    const count = await execute<{ n: number }>(db, `MATCH (e:AuditEvent) ${WHERE} RETURN count(e) AS n`, params);
    return count[0]?.n ?? 0;
  });
}

export type AuditEventPage = Page<AuditEvent>;
