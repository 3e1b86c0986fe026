import type { IncomingMessage } from 'node:http';

/** One request header by name (case-insensitive); the first value when it was sent more than once. */
export function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
