// The one formula for the strength of a relationship between two stakeholders, from the interactions they
// shared and the tie weights imported between them. Pure: the store feeds it, the README explains it, and
// tests/unit/domain/relationship-strength.test.ts pins its properties. See docs/decisions/063-relationship-strength.md.

export const INTERACTION_CHANNELS = ['MEETING', 'CALL', 'EMAIL', 'EVENT', 'DEAL', 'NOTE'] as const;
export type InteractionChannel = (typeof INTERACTION_CHANNELS)[number];

export function isInteractionChannel(value: string): value is InteractionChannel {
  return (INTERACTION_CHANNELS as readonly string[]).includes(value);
}

/** How much one interaction on a channel says about a relationship (a meeting says more than an e-mail). */
export const CHANNEL_WEIGHT: Readonly<Record<InteractionChannel, number>> = {
  MEETING: 1,
  DEAL: 1,
  CALL: 0.8,
  EVENT: 0.5,
  EMAIL: 0.3,
  NOTE: 0.2,
};

/** An interaction's weight halves every HALF_LIFE_DAYS: a meeting three months ago counts half of one today. */
export const HALF_LIFE_DAYS = 90;
/** Decayed frequency at which the frequency part reaches 1 − 1/e ≈ 0.63 (about two fresh meetings). */
export const FREQUENCY_SCALE = 2;
/** How much the imported tie weight alone can give (interactions are the measured evidence). */
export const TIE_SHARE = 0.5;
/** Sentiment −2 … +2 moves the strength by at most ±20 %. */
export const SENTIMENT_EFFECT = 0.1;
/** A fully one-sided exchange keeps 80 % of its strength. */
export const RECIPROCITY_FLOOR = 0.8;
export const SENTIMENT_MIN = -2;
export const SENTIMENT_MAX = 2;
/** Above this many participants an interaction is a broadcast: it does not relate every pair of them. */
export const MAX_PAIRED_PARTICIPANTS = 50;

const DAY_MS = 86_400_000;

/** One interaction as seen from one pair (a, b). */
export interface PairInteraction {
  /** Epoch milliseconds. */
  at: number;
  channel: InteractionChannel;
  /** −2 … +2, or null when not recorded. */
  sentiment: number | null;
  /** Participants of the interaction (≥ 2): its weight is shared among the pairs it relates. */
  participants: number;
  /** Who started it, when known: 'a', 'b' or null (a meeting has no sender). */
  initiator: 'a' | 'b' | null;
}

export interface StrengthParts {
  /** The blended strength in [0, 1]. */
  strength: number;
  /** Σ channel weight × decay / (participants − 1). */
  decayedFrequency: number;
  /** min/max of the initiations each way, 1 when fewer than two directed interactions. */
  reciprocity: number;
  /** Decay-weighted mean sentiment, null when none was recorded. */
  sentiment: number | null;
  /** The part from interactions alone, in [0, 1]. */
  fromInteractions: number;
  /** The part from imported ties alone, in [0, TIE_SHARE]. */
  fromTies: number;
}

/** Weight of an interaction `ageMs` old: 1 now, ½ after HALF_LIFE_DAYS; future ones count as now. */
export function decay(ageMs: number): number {
  return Math.pow(2, -Math.max(0, ageMs) / (HALF_LIFE_DAYS * DAY_MS));
}

/** An imported tie weight (≥ 0, any scale) as a strength in [0, 1): 1 − e^(−w). */
export function tieStrength(weight: number): number {
  return weight > 0 ? 1 - Math.exp(-weight) : 0;
}

/**
 * strength = 1 − (1 − TIE_SHARE · tie) · (1 − interactions), where
 * interactions = (1 − e^(−F / FREQUENCY_SCALE)) · (RECIPROCITY_FLOOR + (1 − RECIPROCITY_FLOOR) · r) · (1 + SENTIMENT_EFFECT · s̄),
 * F the decayed frequency, r the reciprocity and s̄ the decay-weighted mean sentiment; clamped to [0, 1].
 * Only interactions up to `now` count, so the same call gives the strength as it was at an earlier date.
 */
export function relationshipStrength(interactions: readonly PairInteraction[], tieWeight: number, now: number): StrengthParts {
  let frequency = 0;
  let sentimentSum = 0;
  let sentimentWeight = 0;
  let fromA = 0;
  let fromB = 0;
  for (const interaction of interactions) {
    if (interaction.at > now) continue;
    const weight =
      (CHANNEL_WEIGHT[interaction.channel] * decay(now - interaction.at)) / Math.max(1, interaction.participants - 1);
    frequency += weight;
    if (interaction.sentiment !== null) {
      sentimentSum += weight * interaction.sentiment;
      sentimentWeight += weight;
    }
    if (interaction.initiator === 'a') fromA++;
    else if (interaction.initiator === 'b') fromB++;
  }
  const reciprocity = fromA + fromB < 2 ? 1 : Math.min(fromA, fromB) / Math.max(fromA, fromB);
  const sentiment = sentimentWeight > 0 ? sentimentSum / sentimentWeight : null;
  const fromInteractions = clamp01(
    (1 - Math.exp(-frequency / FREQUENCY_SCALE)) *
      (RECIPROCITY_FLOOR + (1 - RECIPROCITY_FLOOR) * reciprocity) *
      (1 + SENTIMENT_EFFECT * (sentiment ?? 0)),
  );
  const fromTies = TIE_SHARE * tieStrength(tieWeight);
  return {
    strength: clamp01(1 - (1 - fromTies) * (1 - fromInteractions)),
    decayedFrequency: frequency,
    reciprocity,
    sentiment,
    fromInteractions,
    fromTies,
  };
}

function clamp01(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : value;
}

/** A fall of at least this much strength over the cooling window (90 days) marks a relationship as cooling. */
export const COOLING_DROP = 0.05;

/** What weighs a tie in an analysis run (docs/decisions/095-strength-as-run-weight.md). */
export const RUN_WEIGHTS = ['TIES', 'RELATIONSHIPS', 'BLENDED'] as const;
export type RunWeight = (typeof RUN_WEIGHTS)[number];

export function isRunWeight(value: string): value is RunWeight {
  return (RUN_WEIGHTS as readonly string[]).includes(value);
}

/**
 * A tie's weight in an analysis run. TIES: its imported weight. RELATIONSHIPS: the strength of its pair's measured
 * relationship, or, for a pair with no interaction, what the formula gives from the tie's weight alone
 * (TIE_SHARE · (1 − e^(−w))). BLENDED: its imported weight × (1 + the measured strength), so a declared tie keeps its
 * weight and a live relationship up to doubles it.
 */
export function runTieWeight(choice: RunWeight, tieWeight: number, measured: number | null): number {
  if (choice === 'TIES') return tieWeight;
  if (choice === 'RELATIONSHIPS') return measured ?? TIE_SHARE * tieStrength(tieWeight);
  return tieWeight * (1 + (measured ?? 0));
}
