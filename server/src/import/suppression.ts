// Erased people stay erased: records whose key or normalised e-mail is suppressed are left out of an
// import, with everything that refers to them, and a warning names the row, never the person.
import type { ImportProblem, InteractionRow, ParseResult } from './types.js';
import { recordKey } from './types.js';
import { normaliseEmail } from './identity.js';
import { isEmailReference } from './interaction-plan.js';
import { recordEmailKey } from './write-plan.js';

export interface Suppressed {
  recordKeys: Set<string>;
  emails: Set<string>;
}

/** The bundle without suppressed records, the role facts, ties and memberships that refer to them, and erased people in interactions. */
export function withoutSuppressed(parse: ParseResult, suppressed: Suppressed): { parse: ParseResult; warnings: ImportProblem[] } {
  if (suppressed.recordKeys.size === 0 && suppressed.emails.size === 0) return { parse, warnings: [] };
  const { bundle } = parse;
  const dropped = new Set<string>();
  const warnings: ImportProblem[] = [];
  const records = bundle.records.filter((record, index) => {
    const key = recordKey(record.source, record.externalId);
    const email = recordEmailKey(record);
    if (!suppressed.recordKeys.has(key) && !(email !== undefined && suppressed.emails.has(email))) return true;
    dropped.add(key);
    warnings.push({ file: 'records', row: index + 1, message: 'skipped: this record belongs to an erased person' });
    return false;
  });
  // Interactions may name erased people by a key or an address the bundle's records do not hold.
  const erased = (ref: string): boolean =>
    isEmailReference(ref)
      ? suppressed.emails.has(normaliseEmail(ref) ?? ref)
      : suppressed.recordKeys.has(ref) || dropped.has(ref);
  const interactions = bundle.interactions.map((interaction) => withoutPeople(interaction, erased));
  const interactionsChanged = interactions.some((x, i) => x !== bundle.interactions[i]);
  if (dropped.size === 0) {
    return interactionsChanged
      ? { parse: { ...parse, bundle: { ...bundle, interactions } }, warnings: [] }
      : { parse, warnings: [] };
  }
  const roles = bundle.roles.filter((r) => !dropped.has(r.stakeholder));
  const ties = bundle.ties.filter((t) => !dropped.has(t.from) && !dropped.has(t.to));
  const memberships = bundle.memberships.filter((m) => !dropped.has(m.stakeholder));
  const related =
    bundle.roles.length - roles.length + (bundle.ties.length - ties.length) + (bundle.memberships.length - memberships.length);
  if (related > 0) {
    warnings.push({ file: 'records', message: `skipped ${related} role facts, ties and memberships of erased people` });
  }
  return { parse: { ...parse, bundle: { ...bundle, records, roles, ties, memberships, interactions } }, warnings };
}

/** The interaction without the people `erased` names (the same object when it names none of them). */
function withoutPeople(interaction: InteractionRow, erased: (ref: string) => boolean): InteractionRow {
  const gone = (ref: string | undefined): boolean => ref !== undefined && erased(ref);
  if (!interaction.participants.some(gone) && !gone(interaction.owner) && !gone(interaction.initiator)) return interaction;
  const keep = interaction.participants.map((ref) => !gone(ref));
  const copy: InteractionRow = {
    ...interaction,
    participants: interaction.participants.filter((_, i) => keep[i]),
    participantRows: interaction.participantRows.filter((_, i) => keep[i]),
  };
  if (gone(copy.owner)) delete copy.owner;
  if (gone(copy.initiator)) delete copy.initiator;
  return copy;
}
