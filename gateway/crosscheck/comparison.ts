/**
 * The result of comparing one identity attribute: the registry's value against one agency's copy.
 * DESIGN.md section 3: MATCH (equal once formatting is normalized), VARIANT (a benign rule explains
 * the difference; reported, never blocking), MISMATCH (a material difference), INCOMPLETE (one side
 * holds nothing we can compare: no value, not text, an unknown notation).
 */
export type AttributeVerdict = 'MATCH' | 'VARIANT' | 'MISMATCH' | 'INCOMPLETE';

export interface AttributeComparison {
  verdict: AttributeVerdict;
  /** A human-readable sentence naming the rule, e.g. `"MUH." is an abbreviation of "MUHAMMAD"`. */
  reason: string;
  /**
   * Machine-readable rule id (README.md, "Rule ids"), e.g. `title`, `muhammad-abbreviation`,
   * `day-month-swap`. When several rules explain one difference they are joined with `+` in a
   * fixed order (`title+muhammad-abbreviation`).
   */
  rule: string;
}

/** Which side of the comparison a value came from (for reasons: "the agency holds no value"). */
export type Side = 'registry' | 'agency';

export const SIDE_NAME: Readonly<Record<Side, string>> = { registry: 'the registry', agency: 'the agency' };
export const SIDE_POSSESSIVE: Readonly<Record<Side, string>> = { registry: "the registry's", agency: "the agency's" };

export function match(rule: string, reason: string): AttributeComparison {
  return { verdict: 'MATCH', rule, reason };
}

export function variant(rule: string, reason: string): AttributeComparison {
  return { verdict: 'VARIANT', rule, reason };
}

export function mismatch(rule: string, reason: string): AttributeComparison {
  return { verdict: 'MISMATCH', rule, reason };
}

export function incomplete(rule: string, reason: string): AttributeComparison {
  return { verdict: 'INCOMPLETE', rule, reason };
}

const VERDICT_RANK: Readonly<Record<AttributeVerdict, number>> = { MATCH: 0, VARIANT: 1, INCOMPLETE: 2, MISMATCH: 3 };

/** The worse of two verdicts (MISMATCH > INCOMPLETE > VARIANT > MATCH, as the citizen's status ranks them). */
export function worseVerdict(a: AttributeVerdict, b: AttributeVerdict): AttributeVerdict {
  return VERDICT_RANK[a] >= VERDICT_RANK[b] ? a : b;
}

/** Quotes a value for a reason the way an operator reads it: `"MUH."`. */
export function q(value: string): string {
  return `"${value}"`;
}
