import { LegacyError } from './errors';
import { legacyRequestIdHeaders } from './gateway-context';

export interface LegacyFetchOptions {
  /** The agency whose system is called (for the error's `agency`). */
  agency: string;
  /** Time allowed for the whole call, including 429 waits. */
  timeoutMs: number;
  method?: 'GET' | 'POST';
  /** Headers, or a function giving fresh ones for each attempt (signed protocols re-sign after a 429 wait). */
  headers?: Record<string, string> | (() => Record<string, string>);
  body?: string;
  /**
   * Honour HTTP 429 by waiting the stated Retry-After (or backoffMs) and trying again,
   * up to `maxRetries`, never past the call's deadline.
   */
  retryOn429?: { maxRetries: number; backoffMs: number };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function retryAfterMs(response: Response, fallbackMs: number): number {
  const header = response.headers.get('retry-after');
  if (header === null) return fallbackMs;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : fallbackMs;
}

/** By name, not instanceof: fetch's DOMException may come from another realm (jest's vm). */
export function isTimeoutError(error: unknown): boolean {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  return name === 'TimeoutError' || name === 'AbortError';
}

/**
 * One call to an agency's HTTP legacy system with the global fetch (keep-alive, and
 * what nock intercepts in tests). Maps every failure to a LegacyError:
 * refused/reset -> AGENCY_UNAVAILABLE, over time -> AGENCY_TIMEOUT, 5xx -> AGENCY_UNAVAILABLE,
 * other non-2xx -> AGENCY_BAD_RESPONSE. Returns the body text of a 2xx answer.
 * Inside a request, the call carries its request id as `X-Request-Id` (the one the gateway signed,
 * see gateway-context.ts), so the agency's logs can be matched to the gateway's ledger entry.
 */
export async function legacyFetchText(url: string, options: LegacyFetchOptions): Promise<string> {
  const deadline = Date.now() + options.timeoutMs;
  let retriesLeft = options.retryOn429?.maxRetries ?? 0;
  for (;;) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new LegacyError('AGENCY_TIMEOUT', options.agency, `no answer within ${options.timeoutMs} ms`);
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method: options.method ?? 'POST',
        headers: { ...legacyRequestIdHeaders(), ...(typeof options.headers === 'function' ? options.headers() : options.headers) },
        body: options.body,
        signal: AbortSignal.timeout(remaining),
      });
      text = await response.text();
    } catch (error) {
      if (isTimeoutError(error)) {
        throw new LegacyError('AGENCY_TIMEOUT', options.agency, `no answer within ${options.timeoutMs} ms`, { cause: error });
      }
      throw new LegacyError('AGENCY_UNAVAILABLE', options.agency, `cannot reach ${url}: ${describe(error)}`, { cause: error });
    }
    if (response.status === 429 && retriesLeft > 0) {
      const wait = retryAfterMs(response, options.retryOn429?.backoffMs ?? 200);
      if (Date.now() + wait >= deadline) {
        throw new LegacyError('AGENCY_UNAVAILABLE', options.agency, `rate limited (429) and the retry delay ${wait} ms passes the deadline`);
      }
      retriesLeft -= 1;
      await sleep(wait);
      continue;
    }
    if (response.status === 429) {
      throw new LegacyError('AGENCY_UNAVAILABLE', options.agency, 'rate limited (429), no retries left');
    }
    if (response.status >= 500) {
      throw new LegacyError('AGENCY_UNAVAILABLE', options.agency, `HTTP ${response.status} from ${url}`, { httpStatus: response.status });
    }
    if (response.status < 200 || response.status >= 300) {
      throw new LegacyError('AGENCY_BAD_RESPONSE', options.agency, `unexpected HTTP ${response.status} from ${url}`, { httpStatus: response.status });
    }
    return text;
  }
}

/** Parses a legacy JSON body; anything unparsable is AGENCY_BAD_RESPONSE. */
export function parseLegacyJson(agency: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new LegacyError('AGENCY_BAD_RESPONSE', agency, `body is not JSON (${text.length} bytes)`, { cause: error });
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string } }).cause;
    return cause?.code ?? error.message;
  }
  return String(error);
}
