// Pure keyboard navigation for the search results list.

/** Moves the active index by `step`, wrapping around; -1 means none active. */
export function moveActive(active: number, count: number, step: 1 | -1): number {
  if (count <= 0) return -1;
  if (active < 0) return step === 1 ? 0 : count - 1;
  return (active + step + count) % count;
}
