// Unit tests for the byte-level edge-list reader: comments, separators, weights, duplicate policies, names, chunk boundaries and errors.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseEdgeListBytes, readEdgeListFile, type EdgeList } from '../../../server/src/import/edge-list.js';

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');
const pairs = (list: EdgeList): string[] =>
  Array.from(list.source, (s, i) => `${list.nodes[s]}-${list.nodes[list.target[i]!]}${list.weight ? `:${list.weight[i]}` : ''}`);
const folder = mkdtempSync(join(tmpdir(), 'edge-list-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('parseEdgeListBytes', () => {
  it('skips comments and blank lines, reads tabs, spaces and CRLF, and keeps nodes in order of first appearance', () => {
    const list = parseEdgeListBytes(bytes('# SNAP header\r\n% another\r\n\r\n  3\t1\r\n1 2  \r\n2\t\t3\n'));
    expect(list.nodes).toEqual(['3', '1', '2']);
    expect(pairs(list)).toEqual(['3-1', '1-2', '2-3']);
    expect(list.weight).toBeNull();
    expect(list.directed).toBe(false);
  });

  it('merges an undirected tie listed both ways (first line kept), and keeps both directions when directed', () => {
    const text = '0 1\n1 0\n1 2\n2 2\n';
    expect(pairs(parseEdgeListBytes(bytes(text)))).toEqual(['0-1', '1-2', '2-2']);
    expect(pairs(parseEdgeListBytes(bytes(text), { directed: true }))).toEqual(['0-1', '1-0', '1-2', '2-2']);
  });

  it('reads weights; sums repeats on request, a missing weight counting 1; NaN marks a tie without weight', () => {
    expect(pairs(parseEdgeListBytes(bytes('a b 2\nb a 3\nb c\n'), { duplicates: 'sum' }))).toEqual(['a-b:5', 'b-c:NaN']);
    expect(pairs(parseEdgeListBytes(bytes('a b\nb a 3\n'), { duplicates: 'sum' }))).toEqual(['a-b:4']);
    expect(pairs(parseEdgeListBytes(bytes('a b 2\nb a 3\n')))).toEqual(['a-b:2']);
    expect(pairs(parseEdgeListBytes(bytes('a b 1.5e1 extra columns\n')))).toEqual(['a-b:15']);
  });

  it('tells names apart exactly: "7" and "07" are two nodes, text and huge numbers are names too', () => {
    const list = parseEdgeListBytes(bytes('7 07\nalice 7\nx9 12345678901234567890\nzoë 8388608\n'));
    expect(list.nodes).toEqual(['7', '07', 'alice', 'x9', '12345678901234567890', 'zoë', '8388608']);
    expect(pairs(list)).toEqual(['7-07', 'alice-7', 'x9-12345678901234567890', 'zoë-8388608']);
  });

  it('reads a last line without a newline, and an empty input', () => {
    expect(pairs(parseEdgeListBytes(bytes('1 2\n2 3')))).toEqual(['1-2', '2-3']);
    expect(parseEdgeListBytes(bytes('')).nodes).toEqual([]);
  });

  it('says which line is wrong', () => {
    expect(() => parseEdgeListBytes(bytes('1 2\n3\n'))).toThrow(/line 2: expected 'source target \[weight\]'/);
    expect(() => parseEdgeListBytes(bytes('# c\na b x\n'))).toThrow(/line 2: weight 'x' is not a number/);
  });
});

describe('readEdgeListFile', () => {
  it('reads a file of several chunks exactly as the same bytes in memory (lines cut at chunk ends)', { timeout: 60_000 }, () => {
    const lines: string[] = ['# a file over 1 MiB'];
    for (let i = 0; i < 200_000; i++) lines.push(`${i % 5000}\t${(i * 7919) % 5003}${i % 3 === 0 ? ` ${i % 11}` : ''}`);
    const text = lines.join('\r\n');
    const path = join(folder, 'big.txt');
    writeFileSync(path, text);
    expect(Buffer.byteLength(text)).toBeGreaterThan(2 * (1 << 20));
    const fromFile = readEdgeListFile(path, { duplicates: 'sum' });
    const inMemory = parseEdgeListBytes(bytes(text), { duplicates: 'sum' });
    // Compared element by element here: deep equality on 10^5-element arrays is slow in the matcher.
    const same = (a: ArrayLike<unknown> | null, b: ArrayLike<unknown> | null): boolean =>
      a !== null && b !== null && a.length === b.length && Array.from(a).every((x, i) => Object.is(x, b[i]));
    expect(same(fromFile.nodes, inMemory.nodes)).toBe(true);
    expect(same(fromFile.source, inMemory.source)).toBe(true);
    expect(same(fromFile.target, inMemory.target)).toBe(true);
    expect(same(fromFile.weight, inMemory.weight)).toBe(true);
    expect(fromFile.source.length).toBeGreaterThan(100_000);
  });

  it('refuses a line longer than a chunk, and reports a missing file as the system does', () => {
    const path = join(folder, 'long.txt');
    writeFileSync(path, `1 2\n${'9'.repeat((1 << 20) + 10)} 3\n`);
    expect(() => readEdgeListFile(path)).toThrow(/a line longer than/);
    expect(() => readEdgeListFile(join(folder, 'missing.txt'))).toThrow(/ENOENT/);
  });
});
