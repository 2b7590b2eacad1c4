// Small-group suppression (k-anonymity threshold): a report breakdown over fewer than k
// respondents is withheld, and says why, so that one person's answers cannot be read off
// a team's figures. Pure; k comes from the privacy settings (minGroupSize).

export type Shown<T> = { suppressed: false; respondents: number; value: T };
export type Withheld = { suppressed: true; respondents: number; minGroupSize: number; reason: "small-group" };
export type Suppressible<T> = Shown<T> | Withheld;

/** The breakdown, or a marker saying it is hidden because fewer than `minGroupSize` people responded. */
export function suppressSmallGroup<T>(respondents: number, minGroupSize: number, value: T): Suppressible<T> {
  if (!Number.isInteger(minGroupSize) || minGroupSize < 2) throw new RangeError(`minGroupSize must be an integer of at least 2, got ${minGroupSize}`);
  if (respondents < minGroupSize) return { suppressed: true, respondents, minGroupSize, reason: "small-group" };
  return { suppressed: false, respondents, value };
}

/** True when a breakdown over this many respondents must be hidden. */
export function isSmallGroup(respondents: number, minGroupSize: number): boolean {
  return respondents < minGroupSize;
}
