/** A NIK as it travels in variables, literals and answers: exactly sixteen ASCII digits. */
const NIK_SHAPE = /^[0-9]{16}$/;

/**
 * Every NIK-shaped string anywhere in a JSON value (variables, an answer). The NIK scalar is
 * the only sixteen-digit string in the graph, so shape is enough, and it also catches NIKs in
 * fields that are not typed NIK (a spouse's NIK copied by an agency). Bounded by `limit` so a
 * pathological answer cannot make the ledger entry unbounded.
 */
export function niksIn(value: unknown, into: Set<string> = new Set(), limit = 10_000): Set<string> {
  const stack: unknown[] = [value];
  while (stack.length > 0 && into.size < limit) {
    const current = stack.pop();
    if (typeof current === 'string') {
      if (current.length === 16 && NIK_SHAPE.test(current)) into.add(current);
    } else if (Array.isArray(current)) {
      for (const item of current) stack.push(item);
    } else if (current !== null && typeof current === 'object') {
      for (const item of Object.values(current)) stack.push(item);
    }
  }
  return into;
}
