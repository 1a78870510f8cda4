// Small list helpers of the generator: checked indexing and exact proportional splits.

/** `items[i]`, or an error if it is out of range (the generator's indices are always valid). */
export function at<T>(items: readonly T[], i: number): T {
  const v = items[i];
  if (v === undefined) throw new Error(`index ${i} out of range (${items.length})`);
  return v;
}

/** Splits `total` into integer parts proportional to `weights` (largest remainder), exact sum. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (sum > 0 ? (total * w) / sum : 0));
  const parts = raw.map(Math.floor);
  let rest = total - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) {
    const i = at(order, k)[1];
    parts[i] = at(parts, i) + 1;
  }
  return parts;
}
