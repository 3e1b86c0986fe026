/**
 * Request headers as either Node's `IncomingHttpHeaders` (lower-case keys, duplicated custom
 * headers as arrays or comma-joined) or a Map-like (`Headers`, Apollo's `HeaderMap`).
 */
export type RequestHeaders =
  | { get(name: string): string | null | undefined }
  | Readonly<Record<string, string | readonly string[] | undefined>>;

/** Every value sent for `name` (case-insensitive); empty when absent. */
export function headerValues(headers: RequestHeaders, name: string): string[] {
  const lower = name.toLowerCase();
  if (typeof (headers as { get?: unknown }).get === 'function') {
    const value = (headers as { get(name: string): string | null | undefined }).get(lower);
    return value === null || value === undefined ? [] : [value];
  }
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  const values: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (key.toLowerCase() !== lower || value === undefined) continue;
    if (typeof value === 'string') values.push(value);
    else values.push(...value);
  }
  return values;
}
