// Answers of the read-heavy queries (network slices, ego networks, stakeholder pages, a run's rankings
// and detected communities), kept per app and keyed by the data version that every write bumps in
// Neo4j, so that an answer is reused only while nothing it was read from has changed, whichever app
// wrote (docs/decisions/071-data-version-answer-cache.md).
import { LRUCache } from 'lru-cache';
import type { Database } from '../../db/database.js';
import { detached } from '../../db/cancellation.js';
import { roleAtLeast, type Principal } from '../../domain/access.js';
import { readDataVersion } from '../../store/data-version.js';

/** What a caller may see of personal fields (and search on): answers are never shared across levels. */
export type MaskingLevel = 'personal' | 'masked';

export function maskingLevel(viewer: Principal | null): MaskingLevel {
  return viewer?.role && roleAtLeast(viewer.role, 'analyst') ? 'personal' : 'masked';
}

export interface CachedQuery<T> {
  /** The query's name and everything its answer depends on besides the data (arguments, selection). */
  kind: string;
  key: unknown;
  level: MaskingLevel;
  /** Approximate bytes the answer holds in memory (the bound is on their sum). */
  size: (value: T) => number;
  load: () => Promise<T>;
}

export class AnswerCache {
  private readonly entries: LRUCache<string, object> | null;
  private inFlight: Promise<string | null> | null = null;
  private queued: Promise<string | null> | null = null;
  private lastVersion: string | null = null;

  constructor(
    private readonly db: Database,
    maxBytes: number,
  ) {
    this.entries = maxBytes > 0 ? new LRUCache<string, object>({ maxSize: maxBytes }) : null;
  }

  get enabled(): boolean {
    return this.entries !== null;
  }

  /** The answer for this version of the data: cached, or loaded (and cached when the version is known). */
  async get<T extends object>(query: CachedQuery<T>): Promise<T> {
    if (!this.entries) return query.load();
    const version = await this.version().catch(() => null);
    if (version === null) return query.load();
    if (version !== this.lastVersion) {
      // Everything cached belongs to an older version: drop it now rather than wait for eviction.
      this.entries.clear();
      this.lastVersion = version;
    }
    const key = `${version}\u0000${query.level}\u0000${query.kind}\u0000${JSON.stringify(query.key)}`;
    const hit = this.entries.get(key);
    if (hit) return hit as T;
    const value = await query.load();
    const size = Math.max(1, Math.ceil(query.size(value)));
    if (size <= this.entries.maxSize) this.entries.set(key, value, { size });
    return value;
  }

  /**
   * The data version as read by a query that started after the call: a request never reuses a read
   * begun before it arrived (it could predate a write the caller has seen), yet concurrent requests
   * share reads, at most one running and one waiting.
   */
  private version(): Promise<string | null> {
    if (this.queued) return this.queued;
    if (!this.inFlight) return this.startRead();
    const running = this.inFlight;
    this.queued = running
      .catch(() => null)
      .then(() => {
        this.queued = null;
        return this.startRead();
      });
    return this.queued;
  }

  private startRead(): Promise<string | null> {
    // Shared by several requests: it must not be cancelled with the one that happened to start it.
    const read = detached(() => readDataVersion(this.db));
    this.inFlight = read;
    const done = (): void => {
      if (this.inFlight === read) this.inFlight = null;
    };
    read.then(done, done);
    return read;
  }
}

/** Rough in-memory bytes of a network answer: per node and per tie, objects and short strings included. */
export function networkAnswerBytes(graph: { nodes: readonly unknown[]; edges: readonly unknown[] }): number {
  return 256 + graph.nodes.length * 400 + graph.edges.length * 200;
}

/** Rough in-memory bytes of a list of stakeholders or result rows. */
export function listAnswerBytes(items: readonly unknown[]): number {
  return 256 + items.length * 800;
}
