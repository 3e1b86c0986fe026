import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * What the code running for one HTTP request can know about it without passing it along: its
 * request id, for every log line (the logger's mixin) and for the client-facing "internal error
 * (request id X)" message. Set by the HTTP layer (./http/graphql-http-server.ts) around the
 * whole request, so Apollo's pipeline, plugins, the gateway's fetches and formatError all see it.
 */
export interface RequestScope {
  readonly requestId: string;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** Runs `work` with `scope` as the current request scope (for it and everything it awaits). */
export function runInRequestScope<T>(scope: RequestScope, work: () => T): T {
  return storage.run(scope, work);
}

/** The request id of the request being served, or undefined outside a request. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** The header a caller (or the gateway, towards a subgraph) sends its request id in; echoed in the answer. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * A request id we accept from outside: 1 to 64 characters of letters, digits and `._:-`, starting
 * with a letter or digit (UUIDs, ULIDs, trace ids), and no run of 16 digits, so that a NIK (or
 * anything like one) can never become the id printed on every log line and echoed in a header.
 */
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
const LONG_DIGIT_RUN = /[0-9]{16}/;

export function isSaneRequestId(value: string): boolean {
  return SANE_REQUEST_ID.test(value) && !LONG_DIGIT_RUN.test(value);
}

/** The incoming `X-Request-Id` if it is sane, else a fresh random UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && isSaneRequestId(value) ? value : randomUUID();
}
