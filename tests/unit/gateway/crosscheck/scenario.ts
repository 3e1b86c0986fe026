import { compareAttribute, type AttributeComparison, type AttributeVerdict, type IdentityAttributeName } from '../../../../gateway/crosscheck';

/** One row of a scenario table: the registry's value, the agency's copy, the expected verdict and rule id. */
export type Scenario = [registry: string, agency: string, verdict: AttributeVerdict, rule: string];

/** Runs a scenario table for one attribute (it.each with a readable title per row). */
export function scenarios(attribute: IdentityAttributeName, table: readonly Scenario[]): void {
  it.each(table)(`${attribute}: %j vs %j -> %s (%s)`, (registry, agency, verdict, rule) => {
    const result: AttributeComparison = compareAttribute(attribute, registry, agency);
    expect({ verdict: result.verdict, rule: result.rule }).toEqual({ verdict, rule });
    expect(result.reason.length).toBeGreaterThan(10);
  });
}
