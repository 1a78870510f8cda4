// Paths to the import fixtures and a loader for a fixture folder as file name → bytes.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/import/', import.meta.url));

export const fixture = (name: string): string => join(FIXTURES, name);

export function folderFiles(name: string): Map<string, Uint8Array> {
  const dir = fixture(name);
  return new Map(readdirSync(dir).map((f) => [f, new Uint8Array(readFileSync(join(dir, f)))] as const));
}

export const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
