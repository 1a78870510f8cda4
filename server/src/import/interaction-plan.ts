// The people of imported interactions, resolved to stakeholders by the identity-resolution rules (pure): a record
// key of the bundle → the stakeholder its record became; an e-mail address → the stakeholder holding a record with
// that normalised address (the bundle's first, then the stored ones); any other reference → a stored record key or
// stakeholder id. Unknown keys are errors (like a tie to an unknown stakeholder); unknown addresses are reported
// and left out, unless no address matches at all (then the import is refused: it would write nothing true).
import type { InteractionWriteRow } from '../store/imports.js';
import { normaliseEmail } from './identity.js';
import type { ImportProblem, InteractionRow } from './types.js';
import { MAX_PROBLEMS } from './validate.js';

/** A reference holding '@' and no ':' is an e-mail address (record keys are `source:external_id`). */
export const isEmailReference = (ref: string): boolean => ref.includes('@') && !ref.includes(':');

/** What the store knows about the references the bundle cannot resolve itself. */
export interface StoredPeople {
  /** Record key → stakeholder id. */
  byKey: ReadonlyMap<string, string>;
  /** Normalised e-mail → stakeholder id. */
  byEmail: ReadonlyMap<string, string>;
  /** Stakeholder ids that exist. */
  ids: ReadonlySet<string>;
}

export interface InteractionPlan {
  rows: InteractionWriteRow[];
  /** Participant links written (WITH relationships), owners included. */
  links: number;
  errors: ImportProblem[];
  warnings: ImportProblem[];
}

/** Every distinct reference the interactions make: keys and ids, and normalised e-mail addresses. */
export function interactionPeople(interactions: readonly InteractionRow[]): { keys: string[]; emails: string[] } {
  const keys = new Set<string>();
  const emails = new Set<string>();
  const note = (ref: string | undefined): void => {
    if (ref === undefined) return;
    if (!isEmailReference(ref)) keys.add(ref);
    else {
      const email = normaliseEmail(ref);
      if (email !== undefined) emails.add(email);
    }
  };
  for (const interaction of interactions) {
    for (const ref of interaction.participants) note(ref);
    note(interaction.owner);
    note(interaction.initiator);
  }
  return { keys: [...keys], emails: [...emails] };
}

/** The references to look up in the store: keys and ids the bundle does not hold, e-mails no bundle record has. */
export function storedReferences(
  interactions: readonly InteractionRow[],
  stakeholderOf: ReadonlyMap<string, string>,
  bundleEmails: ReadonlyMap<string, string>,
): { keys: string[]; emails: string[] } {
  const keys = new Set<string>();
  const emails = new Set<string>();
  const note = (ref: string | undefined): void => {
    if (ref === undefined) return;
    if (isEmailReference(ref)) {
      const email = normaliseEmail(ref);
      if (email !== undefined && !bundleEmails.has(email)) emails.add(email);
    } else if (!stakeholderOf.has(ref)) keys.add(ref);
  };
  for (const interaction of interactions) {
    for (const ref of interaction.participants) note(ref);
    note(interaction.owner);
    note(interaction.initiator);
  }
  return { keys: [...keys], emails: [...emails] };
}

export function planInteractions(
  interactions: readonly InteractionRow[],
  stakeholderOf: ReadonlyMap<string, string>,
  bundleEmails: ReadonlyMap<string, string>,
  stored: StoredPeople,
): InteractionPlan {
  const errors: ImportProblem[] = [];
  const unmatched = new Map<string, number>();
  let addresses = 0;
  let matchedAddresses = 0;
  let tooFew = 0;
  const rows: InteractionWriteRow[] = [];
  let links = 0;

  // The stakeholder a reference names, or undefined (an unknown address is counted, an unknown key is an error).
  const resolve = (ref: string, where: () => Omit<ImportProblem, 'message'>): string | undefined => {
    if (isEmailReference(ref)) {
      addresses++;
      const email = normaliseEmail(ref);
      const id = email === undefined ? undefined : (bundleEmails.get(email) ?? stored.byEmail.get(email));
      if (id !== undefined) matchedAddresses++;
      else unmatched.set(email ?? ref, (unmatched.get(email ?? ref) ?? 0) + 1);
      return id;
    }
    const id = stakeholderOf.get(ref) ?? stored.byKey.get(ref) ?? (stored.ids.has(ref) ? ref : undefined);
    if (id === undefined && errors.length < MAX_PROBLEMS) {
      errors.push({
        ...where(),
        message: `unknown stakeholder '${ref}' (no record key or stakeholder id in the bundle or the database)`,
      });
    }
    return id;
  };

  for (const interaction of interactions) {
    const { origin, row } = interaction;
    const people = new Set<string>();
    interaction.participants.forEach((ref, j) => {
      const id = resolve(ref, () => ({
        file: origin.participantsFile,
        row: interaction.participantRows[j] ?? row,
        column: 'stakeholder',
      }));
      if (id !== undefined) people.add(id);
    });
    const role = (ref: string | undefined, column: 'owner' | 'initiator'): string | null => {
      if (ref === undefined) return null;
      const id = resolve(ref, () => ({ file: origin.file, row, column })) ?? null;
      if (id !== null) people.add(id);
      return id;
    };
    const owner = role(interaction.owner, 'owner');
    const initiator = role(interaction.initiator, 'initiator');
    if (people.size < 2) {
      tooFew++;
      continue;
    }
    links += people.size;
    rows.push({
      id: interaction.id,
      at: interaction.at,
      channel: interaction.channel,
      sentiment: interaction.sentiment ?? null,
      summary: interaction.summary ?? null,
      people: [...people],
      owner,
      initiator,
    });
  }

  const warnings: ImportProblem[] = [];
  const file = interactions[0]?.origin.participantsFile ?? 'interactions';
  if (addresses > 0 && matchedAddresses === 0) {
    errors.push({
      file,
      message: `none of the ${unmatched.size} e-mail addresses matches a stakeholder (import the stakeholders first, with their e-mail addresses)`,
    });
  }
  let listed = 0;
  for (const [address, count] of unmatched) {
    if (listed++ >= MAX_PROBLEMS) {
      warnings.push({ file, message: `… and ${unmatched.size - MAX_PROBLEMS} more addresses that match no stakeholder` });
      break;
    }
    warnings.push({
      file,
      column: 'stakeholder',
      message: `no stakeholder has the address '${address}' (${count} interaction${count === 1 ? '' : 's'}); left out`,
    });
  }
  if (tooFew > 0) {
    warnings.push({
      file: interactions[0]?.origin.file ?? 'interactions',
      message: `${tooFew} interaction${tooFew === 1 ? '' : 's'} with fewer than two known people skipped (they relate nobody)`,
    });
  }
  return { rows, links, errors, warnings };
}
