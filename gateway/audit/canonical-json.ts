/**
 * The canonical text of a ledger value: what entry hashes and checkpoint signatures are computed
 * over. Object keys sorted by UTF-16 code unit, no whitespace, strings escaped as JSON.stringify
 * escapes them. For the values it accepts (strings, safe integers, booleans, null, arrays and
 * plain objects of these) this is exactly the JSON Canonicalization Scheme (RFC 8785): JCS differs
 * from sorted JSON.stringify only in how it prints non-integer numbers, which are refused here.
 *
 * Why not the `canonicalize` package: 5.x needs Node 22 and 3-4 are ESM-only; more to the point,
 * the hashed format must never change under an upgrade, so the few lines that define it live
 * here, with tests pinning their output.
 */
export type CanonicalValue = string | number | boolean | null | readonly CanonicalValue[] | { readonly [key: string]: CanonicalValue };

export class CanonicalJsonError extends Error {}

export function canonicalJson(value: CanonicalValue): string {
  return write(value, '$');
}

function write(value: CanonicalValue, at: string): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    // Floats print differently across serializers (1e21, -0, 0.1+0.2); a hash must not depend on that.
    if (!Number.isSafeInteger(value)) throw new CanonicalJsonError(`${at}: only safe integers can be hashed canonically, got ${value}`);
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map((item, index) => write(item, `${at}[${index}]`)).join(',')}]`;
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const record = value as { readonly [key: string]: CanonicalValue };
    const keys = Object.keys(record).sort();
    return `{${keys
      .map((key) => {
        const item = record[key];
        if (item === undefined) throw new CanonicalJsonError(`${at}.${key} is undefined: give null or leave the key out`);
        return `${JSON.stringify(key)}:${write(item, `${at}.${key}`)}`;
      })
      .join(',')}}`;
  }
  throw new CanonicalJsonError(`${at}: a ${typeof value} cannot be hashed canonically`);
}
