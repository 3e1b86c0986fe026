import { LegacyError } from '../kit/errors';
import { parseLegacyJson } from '../kit/legacy-http';
import { AGENCY } from './polri.system';

/**
 * Most pages one look-up may walk. A SIM search of 50 NIKs at 100 rows a page needs 3; an
 * answer claiming more than this is a broken service, and following it would hold the
 * request until its deadline (or forever, if the service keeps counting up).
 */
export const MAX_PAGES = 50;

export interface PageWalkOptions {
  /** The call being paged, for messages: "sim/search", "skck". */
  what: string;
  /** Time allowed for the whole walk, every page included (the subgraph's legacyTimeoutMs). */
  timeoutMs: number;
  /** @default MAX_PAGES */
  maxPages?: number;
  /** @default Date.now */
  now?: () => number;
}

interface Envelope {
  data: unknown[];
  page: number;
  size: number;
  totalPages: number;
  totalItems: number;
}

function badResponse(what: string, message: string): LegacyError {
  return new LegacyError('AGENCY_BAD_RESPONSE', AGENCY, `POLRI-SIM ${what}: ${message}`);
}

function isCount(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}

function readEnvelope(text: string, what: string): Envelope {
  const body = parseLegacyJson(AGENCY, text);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badResponse(what, 'answer is not a page envelope');
  const { data, page, size, totalPages, totalItems } = body as Record<string, unknown>;
  if (!Array.isArray(data)) throw badResponse(what, 'page envelope has no "data" array');
  if (!isCount(page, 1) || !isCount(size, 1) || !isCount(totalPages, 0) || !isCount(totalItems, 0)) {
    throw badResponse(what, 'page envelope needs whole numbers page >= 1, size >= 1, totalPages >= 0, totalItems >= 0');
  }
  return { data, page, size, totalPages, totalItems };
}

/**
 * Follows a paginated POLRI-SIM result to its last page and returns every row, in order.
 * `fetchPage(page, remainingMs)` makes one HTTP call for that page within the time left.
 *
 * The whole walk shares one deadline (`timeoutMs`): past it, AGENCY_TIMEOUT. Guards against a
 * service that would page us forever or hand us a result we cannot trust, each an
 * AGENCY_BAD_RESPONSE: an answer for another page than asked (the service ignores `page` and
 * repeats itself), a page repeating rows of an earlier page, totalPages above `maxPages`,
 * totals that change between pages or disagree with each other (totalPages must be
 * ceil(totalItems / size); an empty result may say 0 or 1 page), a page larger than its size,
 * an empty page before the last, and a row count that differs from totalItems at the end.
 */
export async function fetchAllPages(
  fetchPage: (page: number, remainingMs: number) => Promise<string>,
  options: PageWalkOptions,
): Promise<unknown[]> {
  const now = options.now ?? Date.now;
  const maxPages = options.maxPages ?? MAX_PAGES;
  const { what } = options;
  const deadline = now() + options.timeoutMs;
  const rows: unknown[] = [];
  const seen = new Set<string>();
  let first: Envelope | undefined;

  for (let page = 1; ; page++) {
    const remaining = deadline - now();
    if (remaining <= 0) {
      throw new LegacyError('AGENCY_TIMEOUT', AGENCY, `POLRI-SIM ${what}: not every page within ${options.timeoutMs} ms (stopped before page ${page})`);
    }
    const envelope = readEnvelope(await fetchPage(page, remaining), what);

    if (envelope.page !== page) throw badResponse(what, `asked for page ${page} and got page ${envelope.page}: the service repeats or skips pages`);
    if (envelope.totalPages > maxPages) throw badResponse(what, `totalPages ${envelope.totalPages} is more than ${maxPages}; not following it`);
    if (first === undefined) {
      first = envelope;
      const consistent =
        envelope.totalPages === Math.ceil(envelope.totalItems / envelope.size) || (envelope.totalItems === 0 && envelope.totalPages <= 1);
      if (!consistent) {
        throw badResponse(what, `totalPages ${envelope.totalPages} does not fit totalItems ${envelope.totalItems} at size ${envelope.size}`);
      }
    } else if (envelope.totalPages !== first.totalPages || envelope.totalItems !== first.totalItems || envelope.size !== first.size) {
      throw badResponse(what, `the result changed while paging (page ${page} has other totals than page 1)`);
    }
    if (envelope.data.length > envelope.size) throw badResponse(what, `page ${page} holds ${envelope.data.length} rows, more than its size ${envelope.size}`);

    for (const row of envelope.data) {
      const fingerprint = JSON.stringify(row);
      if (seen.has(fingerprint)) throw badResponse(what, `page ${page} repeats a row of an earlier page`);
      seen.add(fingerprint);
      rows.push(row);
    }
    if (page >= envelope.totalPages) break;
    if (envelope.data.length === 0) throw badResponse(what, `page ${page} of ${envelope.totalPages} is empty`);
  }

  if (rows.length !== first.totalItems) throw badResponse(what, `collected ${rows.length} rows but totalItems is ${first.totalItems}`);
  return rows;
}
