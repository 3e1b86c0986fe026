import type { Logger } from 'pino';
import { LegacyError } from '../kit/errors';
import { legacyFetchText } from '../kit/legacy-http';
import { createLogger } from '../kit/logger';
import { DEMO_API_KEY } from './polri.config';
import { toDrivingLicensesByNik, toPoliceClearance, type MappingWarn } from './polri.mapper';
import { fetchAllPages, MAX_PAGES } from './polri-pagination';
import type { DrivingLicenseRecord, PoliceClearanceRecord } from './polri.records';
import { AGENCY } from './polri.system';
import { API_KEY_HEADER, MAX_PAGE_SIZE, MAX_SEARCH_NIKS } from './polri.wire';

/** What the loaders need from POLRI-SIM (the seam tests stub). */
export interface PolriSource {
  /** Licences of every NIK that holds one; NIKs without a licence are absent from the map. */
  searchDrivingLicenses(niks: readonly string[]): Promise<ReadonlyMap<string, DrivingLicenseRecord[]>>;
  /** The current police clearance, or a `found: false` record. */
  findPoliceClearance(nik: string): Promise<PoliceClearanceRecord>;
}

export interface PolriClientOptions {
  /** The service root, e.g. `http://127.0.0.1:4105/api/v1` (the simulator's `url`). */
  baseUrl: string;
  /** Time allowed for one look-up, every page and every 429 wait included. */
  timeoutMs: number;
  /** `X-Api-Key`. @default DEMO_API_KEY */
  apiKey?: string;
  /** Rows asked per page (POLRI-SIM accepts 1-100). @default 100 */
  pageSize?: number;
  /** @default MAX_PAGES */
  maxPages?: number;
  /** HTTP 429 handling. @default 3 retries, 250 ms when Retry-After is absent */
  retryOn429?: { maxRetries: number; backoffMs: number };
  logger?: Logger;
}

/**
 * The adapter for POLRI-SIM (REST/JSON, API key, paginated answers, a rate limit). It knows
 * the wire only: paths, the key header, the page envelope and its guards
 * (polri-pagination.ts); rows are mapped to clean records by polri.mapper.ts.
 *
 * - SIM: `POST {base}/sim/search?page=&size=` with `{"nik":[...]}` (at most 50 NIKs), one
 *   batch for all NIKs, every page followed.
 * - SKCK: `GET {base}/skck?nik=&page=&size=`, one NIK per call (no batch call for criminal-record data).
 *
 * Errors: refused/reset and 5xx -> AGENCY_UNAVAILABLE; over time -> AGENCY_TIMEOUT; 429 is
 * waited out within the deadline, else AGENCY_UNAVAILABLE; 401/403 (our key refused) ->
 * AGENCY_UNAVAILABLE logged as a configuration fault; any other non-2xx, an unreadable
 * body or a broken page sequence -> AGENCY_BAD_RESPONSE.
 */
export class PolriClient implements PolriSource {
  private readonly baseUrl: string;
  private readonly apiKey: string;
  private readonly pageSize: number;
  private readonly logger: Logger;
  private readonly warn: MappingWarn;

  constructor(private readonly options: PolriClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.apiKey = options.apiKey ?? DEMO_API_KEY;
    this.pageSize = options.pageSize ?? MAX_PAGE_SIZE;
    if (!Number.isInteger(this.pageSize) || this.pageSize < 1 || this.pageSize > MAX_PAGE_SIZE) {
      throw new RangeError(`POLRI-SIM page size must be a whole number 1-${MAX_PAGE_SIZE}, got ${this.pageSize}`);
    }
    this.logger = options.logger ?? createLogger('polri:client');
    this.warn = (details, message) => this.logger.warn(details, message);
  }

  async searchDrivingLicenses(niks: readonly string[]): Promise<ReadonlyMap<string, DrivingLicenseRecord[]>> {
    if (niks.length === 0) return new Map();
    if (niks.length > MAX_SEARCH_NIKS) {
      // The loader never sends more (maxBatchSize); split anyway rather than earn a 400.
      const parts = await Promise.all(chunks(niks, MAX_SEARCH_NIKS).map((part) => this.searchDrivingLicenses(part)));
      return new Map(parts.flatMap((part) => [...part]));
    }
    const body = JSON.stringify({ nik: niks });
    const rows = await fetchAllPages(
      (page, remainingMs) => this.call(`${this.baseUrl}/sim/search?page=${page}&size=${this.pageSize}`, 'POST', remainingMs, body),
      { what: 'sim/search', timeoutMs: this.options.timeoutMs, maxPages: this.options.maxPages ?? MAX_PAGES },
    );
    return toDrivingLicensesByNik(rows, niks, this.warn);
  }

  async findPoliceClearance(nik: string): Promise<PoliceClearanceRecord> {
    const query = `nik=${encodeURIComponent(nik)}&size=${this.pageSize}`;
    const rows = await fetchAllPages(
      (page, remainingMs) => this.call(`${this.baseUrl}/skck?${query}&page=${page}`, 'GET', remainingMs),
      { what: 'skck', timeoutMs: this.options.timeoutMs, maxPages: this.options.maxPages ?? MAX_PAGES },
    );
    return toPoliceClearance(rows, nik, this.warn);
  }

  private async call(url: string, method: 'GET' | 'POST', timeoutMs: number, body?: string): Promise<string> {
    const headers: Record<string, string> = { [API_KEY_HEADER]: this.apiKey, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    try {
      return await legacyFetchText(url, {
        agency: AGENCY,
        method,
        timeoutMs,
        headers,
        body,
        retryOn429: this.options.retryOn429 ?? { maxRetries: 3, backoffMs: 250 },
      });
    } catch (error) {
      if (error instanceof LegacyError && (error.httpStatus === 401 || error.httpStatus === 403)) {
        // Not the citizen's fault and not transient: our key is wrong, expired or revoked.
        this.logger.error(
          { httpStatus: error.httpStatus },
          'POLRI-SIM refused our API key (configuration fault): check SATU_POLRI_API_KEY',
        );
        throw new LegacyError('AGENCY_UNAVAILABLE', AGENCY, `POLRI-SIM refused the API key (HTTP ${error.httpStatus})`, {
          cause: error,
          httpStatus: error.httpStatus,
        });
      }
      throw error;
    }
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}
