// Parses the JSON form of the import bundle: the CSV bundle's files as arrays of objects (interaction_participants.csv
// as `interactionParticipants`).
import type { ParseResult } from './types.js';
import { decodeUtf8 } from './csv-bundle.js';
import { BundleBuilder, FIELDS, type FieldGetter, type Section } from './validate.js';

/** Top-level JSON key of each section (records are called stakeholders, as in the CSV file name). */
export const JSON_KEYS: Record<Section, string> = {
  records: 'stakeholders',
  roles: 'roles',
  ties: 'ties',
  communities: 'communities',
  memberships: 'memberships',
  interactions: 'interactions',
  participants: 'interactionParticipants',
};

const SECTIONS = Object.keys(JSON_KEYS) as Section[];

/**
 * Problems name `<fileName>#<array>` as the file (e.g. `data.json#ties`), the 1-based index in
 * that array as the row, and the field name as the column.
 */
export function parseJsonBundle(content: string | Uint8Array, fileName = 'bundle.json'): ParseResult {
  const files = Object.fromEntries(SECTIONS.map((s) => [s, `${fileName}#${JSON_KEYS[s]}`])) as Record<Section, string>;
  const builder = new BundleBuilder({ files });
  const p = builder.problems;

  let text: string;
  if (typeof content === 'string') text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  else {
    const decoded = decodeUtf8(content);
    if (typeof decoded !== 'string') {
      p.error(fileName, undefined, undefined, decoded.error);
      return builder.finish();
    }
    text = decoded;
  }

  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    p.error(fileName, undefined, undefined, `malformed JSON: ${(e as Error).message}`);
    return builder.finish();
  }
  if (!isObject(doc)) {
    p.error(fileName, undefined, undefined, 'expected a JSON object with a "stakeholders" array');
    return builder.finish();
  }

  const knownKeys = new Set(Object.values(JSON_KEYS));
  for (const key of Object.keys(doc)) {
    if (!knownKeys.has(key)) p.warn(fileName, undefined, key, `unknown key '${key}' ignored`);
  }

  for (const section of SECTIONS) {
    const key = JSON_KEYS[section];
    const list = doc[key];
    const file = files[section];
    if (list === undefined || list === null) {
      // A bundle of interactions alone adds them to stakeholders already stored.
      if (section === 'records' && doc.interactions === undefined)
        p.error(fileName, undefined, key, 'missing "stakeholders" array');
      continue;
    }
    if (!Array.isArray(list)) {
      p.error(fileName, undefined, key, `"${key}" must be an array`);
      continue;
    }
    if (section === 'records' && list.length === 0) {
      p.error(file, undefined, undefined, 'no stakeholders (at least one is required)');
      continue;
    }
    readSection(builder, section, file, list);
  }
  return builder.finish();
}

function readSection(builder: BundleBuilder, section: Section, file: string, list: unknown[]): void {
  const p = builder.problems;
  const known = new Set<string>(FIELDS[section]);
  const warned = new Set<string>();
  let current: Record<string, unknown> = {};
  const get: FieldGetter = (field) => current[field];
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const row = i + 1;
    if (!isObject(item)) {
      builder.rowError(section, row, 'expected an object');
      continue;
    }
    // Unknown fields are reported once per array, on the first row that has them.
    for (const k in item) {
      if (!known.has(k) && !warned.has(k)) {
        warned.add(k);
        p.warn(file, row, k, `unknown field '${k}' ignored`);
      }
    }
    current = item;
    switch (section) {
      case 'records':
        builder.record(get, row);
        break;
      case 'roles':
        builder.role(get, row);
        break;
      case 'ties':
        builder.tie(get, row);
        break;
      case 'communities':
        builder.community(get, row);
        break;
      case 'memberships':
        builder.membership(get, row);
        break;
      case 'interactions':
        builder.interaction(get, row);
        break;
      case 'participants':
        builder.participant(get, row);
        break;
    }
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
