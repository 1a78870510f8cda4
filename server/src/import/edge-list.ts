// A fast reader of SNAP-style edge lists: streams the bytes in chunks and parses them in place into typed arrays (no per-line strings, splits or regexes).
//
// Numeric node ids (the common case) are read as numbers and never become strings until the end;
// other ids are decoded once each. Repeated ties are merged by a counting sort over the typed
// arrays, so the result is the list of distinct ties in the order they were first listed.
import { closeSync, openSync, readSync } from 'node:fs';

/** How repeated ties between the same (ordered, or for undirected lists unordered) pair are merged. */
export type DuplicatePolicy = 'first' | 'sum';

export interface EdgeListOptions {
  /** Directed ties (default false: `a b` and `b a` are the same tie). */
  directed?: boolean;
  /** Repeated pairs: keep the first line (default; SNAP lists undirected ties both ways) or sum the weights (a missing weight counts 1). */
  duplicates?: DuplicatePolicy;
}

export interface EdgeList {
  directed: boolean;
  /** Node names in order of first appearance; ties refer to them by index. */
  nodes: string[];
  source: Uint32Array;
  target: Uint32Array;
  /** Weight per distinct tie; null when no line had a weight; NaN for a tie whose (first) line had none. */
  weight: Float64Array | null;
}

/** Bytes read per chunk; also the longest line accepted. */
const CHUNK_BYTES = 1 << 20;
/** Most distinct nodes or listed ties (indices are 32-bit). */
const MAX_ITEMS = 2 ** 32 - 1;
/** Numeric ids up to this many digits are read as numbers (exact in a double). */
const MAX_NUMERIC_DIGITS = 15;
/** Numeric ids below this are looked up in a dense array (at most 32 MiB), the rest in a map. */
const MAX_DENSE_ID = 1 << 23;

const SPACE = 32;
const TAB = 9;
const CR = 13;
const LF = 10;
const HASH = 35;
const PERCENT = 37;
const ZERO = 48;
const NINE = 57;

const isBlank = (b: number): boolean => b === SPACE || b === TAB || b === CR;

/** Grows a typed array to at least `needed` elements (doubling). */
function grow<T extends Uint32Array | Float64Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  const bigger = new (array.constructor as new (n: number) => T)(Math.max(needed, array.length * 2));
  bigger.set(array);
  return bigger;
}

/** Parses edge-list lines fed as chunks of whole lines; `finish()` merges repeated ties. */
class EdgeListParser {
  /** Node index + 1 of small numeric ids (dense, grown on demand; 0 = not seen); larger ones go to `numericIds`. */
  private denseIds = new Uint32Array(1024);
  private readonly numericIds = new Map<number, number>();
  private readonly textIds = new Map<string, number>();
  private readonly names: Array<string | number> = [];
  private source = new Uint32Array(1024);
  private target = new Uint32Array(1024);
  /** Created at the first weighted line (NaN before it: no weight given). */
  private weight: Float64Array | null = null;
  private count = 0;
  private line = 0;
  /** Where the name last read by nodeAt() ends. */
  private next = 0;

  /** Parses the complete lines of bytes[start, end) (the last may lack its newline only if it ends the input). */
  feed(bytes: Buffer, start: number, end: number): void {
    let i = start;
    while (i < end) i = this.parseLine(bytes, i, end);
  }

  /** Parses the line starting at bytes[start]; returns where the next line starts. */
  private parseLine(bytes: Buffer, start: number, end: number): number {
    this.line++;
    let i = start;
    while (i < end && isBlank(bytes[i]!)) i++;
    if (i === end) return end;
    if (bytes[i] === LF) return i + 1;
    if (bytes[i] === HASH || bytes[i] === PERCENT) {
      const lineEnd = bytes.indexOf(LF, i);
      return lineEnd < 0 || lineEnd >= end ? end : lineEnd + 1;
    }
    const s = this.nodeAt(bytes, i, end);
    i = this.next;
    while (i < end && isBlank(bytes[i]!)) i++;
    if (i === end || bytes[i] === LF) throw new Error(`edge list line ${this.line}: expected 'source target [weight]'`);
    const t = this.nodeAt(bytes, i, end);
    i = this.next;
    while (i < end && isBlank(bytes[i]!)) i++;
    let w = NaN;
    if (i < end && bytes[i] !== LF) {
      let j = i;
      while (j < end && bytes[j] !== LF && !isBlank(bytes[j]!)) j++;
      const text = bytes.toString('latin1', i, j);
      w = Number(text);
      if (!Number.isFinite(w)) throw new Error(`edge list line ${this.line}: weight '${text}' is not a number`);
      if (!this.weight) this.weight = new Float64Array(this.source.length).fill(NaN);
      i = j;
    }
    if (this.count === MAX_ITEMS) throw new Error(`edge list: more than ${MAX_ITEMS} ties`);
    const k = this.count++;
    if (k === this.source.length) {
      this.source = grow(this.source, k + 1);
      this.target = grow(this.target, k + 1);
    }
    this.source[k] = s;
    this.target[k] = t;
    if (this.weight) {
      if (k >= this.weight.length) {
        const grown = grow(this.weight, this.source.length);
        grown.fill(NaN, this.weight.length);
        this.weight = grown;
      }
      this.weight[k] = w;
    }
    // Columns after the weight are ignored.
    while (i < end && bytes[i] !== LF) i++;
    return i + 1;
  }

  /** The node whose name starts at bytes[start] (interned); sets `next` to where the name ends. */
  private nodeAt(bytes: Buffer, start: number, end: number): number {
    let j = start;
    let value = 0;
    let numeric = true;
    while (j < end) {
      const b = bytes[j]!;
      if (isBlank(b) || b === LF) break;
      if (b >= ZERO && b <= NINE) value = value * 10 + (b - ZERO);
      else numeric = false;
      j++;
    }
    this.next = j;
    const digits = j - start;
    // Canonical numbers only ("7", not "07"), so that a name maps to one node whichever way it is read.
    if (numeric && digits <= MAX_NUMERIC_DIGITS && (digits === 1 || bytes[start] !== ZERO)) {
      if (value < MAX_DENSE_ID) {
        if (value >= this.denseIds.length) this.denseIds = grow(this.denseIds, value + 1);
        const known = this.denseIds[value]!;
        if (known !== 0) return known - 1;
        const id = this.newNode(value);
        this.denseIds[value] = id + 1;
        return id;
      }
      let id = this.numericIds.get(value);
      if (id === undefined) {
        id = this.newNode(value);
        this.numericIds.set(value, id);
      }
      return id;
    }
    const name = bytes.toString('utf8', start, j);
    let id = this.textIds.get(name);
    if (id === undefined) {
      id = this.newNode(name);
      this.textIds.set(name, id);
    }
    return id;
  }

  private newNode(name: string | number): number {
    if (this.names.length === MAX_ITEMS) throw new Error(`edge list: more than ${MAX_ITEMS} nodes`);
    this.names.push(name);
    return this.names.length - 1;
  }

  /** Distinct ties in order of first listing, repeated pairs merged by `policy`. */
  finish(directed: boolean, policy: DuplicatePolicy): EdgeList {
    const n = this.names.length;
    const m = this.count;
    // The pair a tie stands for: (source, target), or for undirected lists (smaller, larger).
    const keyA = new Uint32Array(m);
    const keyB = new Uint32Array(m);
    for (let i = 0; i < m; i++) {
      const s = this.source[i]!;
      const t = this.target[i]!;
      const swap = !directed && t < s;
      keyA[i] = swap ? t : s;
      keyB[i] = swap ? s : t;
    }
    // Ties grouped by their first key (counting sort, stable), then repeats found per group.
    const start = new Uint32Array(n + 1);
    for (let i = 0; i < m; i++) start[keyA[i]! + 1]!++;
    for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
    const order = new Uint32Array(m);
    const cursor = start.slice(0, n);
    for (let i = 0; i < m; i++) order[cursor[keyA[i]!]!++] = i;
    const keep = new Uint8Array(m);
    const firstTie = new Int32Array(n);
    const seenIn = new Int32Array(n).fill(-1);
    for (let a = 0; a < n; a++) {
      for (let p = start[a]!; p < start[a + 1]!; p++) {
        const i = order[p]!;
        const b = keyB[i]!;
        if (seenIn[b] !== a) {
          seenIn[b] = a;
          firstTie[b] = i;
          keep[i] = 1;
        } else if (policy === 'sum') {
          this.weight ??= new Float64Array(this.source.length).fill(NaN);
          const f = firstTie[b]!;
          const wf = this.weight[f]!;
          const wi = this.weight[i]!;
          this.weight[f] = (Number.isNaN(wf) ? 1 : wf) + (Number.isNaN(wi) ? 1 : wi);
        }
      }
    }
    let distinct = 0;
    for (let i = 0; i < m; i++) distinct += keep[i]!;
    const source = new Uint32Array(distinct);
    const target = new Uint32Array(distinct);
    const weights = this.weight;
    const weight = weights ? new Float64Array(distinct) : null;
    let k = 0;
    for (let i = 0; i < m; i++) {
      if (keep[i] === 0) continue;
      source[k] = this.source[i]!;
      target[k] = this.target[i]!;
      if (weight && weights) weight[k] = weights[i]!;
      k++;
    }
    const nodes = this.names.map((name) => (typeof name === 'number' ? String(name) : name));
    return { directed, nodes, source, target, weight };
  }
}

/** Parses an edge list held in memory (`source target [weight]` per line; `#`/`%` comment lines). */
export function parseEdgeListBytes(bytes: Uint8Array, options: EdgeListOptions = {}): EdgeList {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parser = new EdgeListParser();
  parser.feed(buffer, 0, buffer.length);
  return parser.finish(options.directed ?? false, options.duplicates ?? 'first');
}

/** Reads an edge-list file in chunks of 1 MiB (lines longer than that are refused). */
export function readEdgeListFile(path: string, options: EdgeListOptions = {}): EdgeList {
  const parser = new EdgeListParser();
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  const fd = openSync(path, 'r');
  try {
    let filled = 0;
    for (;;) {
      const read = readSync(fd, buffer, filled, CHUNK_BYTES - filled, null);
      filled += read;
      if (read === 0) {
        parser.feed(buffer, 0, filled);
        break;
      }
      const lastNewline = buffer.lastIndexOf(LF, filled - 1);
      if (lastNewline < 0) {
        if (filled === CHUNK_BYTES) throw new Error(`edge list: a line longer than ${CHUNK_BYTES} bytes`);
        continue;
      }
      parser.feed(buffer, 0, lastNewline);
      buffer.copy(buffer, 0, lastNewline + 1, filled);
      filled -= lastNewline + 1;
    }
  } finally {
    closeSync(fd);
  }
  return parser.finish(options.directed ?? false, options.duplicates ?? 'first');
}
