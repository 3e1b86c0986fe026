import type { Logger } from 'pino';
import { LegacyError } from '../kit/errors';
import { legacyFetchText, parseLegacyJson } from '../kit/legacy-http';
import { createLogger } from '../kit/logger';
import { maskNik } from '../kit/nik';
import { AGENCY, DEMO_CREDENTIALS } from './bpjs-ketenagakerjaan.config';
import { toEmploymentInsurance, type MappingWarn } from './employment-insurance.mapper';
import { notRegistered, type EmploymentInsuranceRecord } from './employment-insurance.records';
import {
  SIPP_TK_BATCH_LIMIT,
  SIPP_TK_OPERATIONS,
  SIPP_TK_PATHS,
  SIPP_TK_STATUS,
  basicAuthorization,
  type SippTkCredentials,
} from './sipp-tk.wire';

export interface BpjsKetenagakerjaanClientOptions {
  /** SIPP-TK's base URL, e.g. `http://127.0.0.1:4106/sipp-tk` (the simulator's `url`). */
  baseUrl: string;
  /** Time allowed for one legacy call. */
  timeoutMs: number;
  /** @default DEMO_CREDENTIALS */
  credentials?: SippTkCredentials;
  logger?: Logger;
}

/** What the loaders need from the adapter (tests pass fakes that count calls). */
export interface EmploymentInsuranceSource {
  /** One batch call: an answer (member or NOT_REGISTERED) or an error for every NIK asked. */
  findMembers(niks: readonly string[]): Promise<Map<string, EmploymentInsuranceRecord | LegacyError>>;
}

type Operation = (typeof SIPP_TK_OPERATIONS)[keyof typeof SIPP_TK_OPERATIONS];

interface Envelope {
  status: string;
  message: string;
  data: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * SIPP-TK quirk: codes are two-digit strings ("00"), but some of its gateways send them as
 * numbers (0, 1, 99); a number means the same code padded to two digits.
 */
function codeOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return String(value).padStart(2, '0');
  return undefined;
}

/**
 * The adapter for BPJS Ketenagakerjaan's SIPP-TK membership service: REST/JSON with HTTP
 * Basic auth, HTTP 200 envelopes `{status, message, data}` whose status code says what
 * happened, and a batch call answering one entry per NIK. Knows the wire only; every
 * failure is a LegacyError.
 *
 * Code mapping: 00 answer; 01 not a member (NOT_REGISTERED); 03 and HTTP 401/403 our
 * credentials refused (AGENCY_UNAVAILABLE, logged as a configuration fault); 05 maintenance
 * and 99 system error (AGENCY_UNAVAILABLE); 02 and any other code AGENCY_BAD_RESPONSE.
 */
export class BpjsKetenagakerjaanClient implements EmploymentInsuranceSource {
  private readonly baseUrl: string;
  private readonly credentials: SippTkCredentials;
  private readonly logger: Logger;
  private readonly warn: MappingWarn;

  constructor(private readonly options: BpjsKetenagakerjaanClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.credentials = options.credentials ?? DEMO_CREDENTIALS;
    this.logger = options.logger ?? createLogger(`${AGENCY}:client`);
    this.warn = (details, message) => this.logger.warn(details, message);
  }

  /**
   * `POST /api/kepesertaan/batch` with `{"nik": [...]}` (at most 100). Every NIK asked gets
   * an entry in the map: its record, NOT_REGISTERED, or a LegacyError for that NIK alone.
   */
  async findMembers(niks: readonly string[]): Promise<Map<string, EmploymentInsuranceRecord | LegacyError>> {
    const result = new Map<string, EmploymentInsuranceRecord | LegacyError>();
    if (niks.length === 0) return result;
    if (niks.length > SIPP_TK_BATCH_LIMIT) {
      // Programming error: the loader splits batches at the limit.
      throw new Error(`${SIPP_TK_OPERATIONS.batch} takes at most ${SIPP_TK_BATCH_LIMIT} NIKs, got ${niks.length}`);
    }
    const requested = new Set(niks);
    const envelope = await this.call(SIPP_TK_OPERATIONS.batch, `${this.baseUrl}${SIPP_TK_PATHS.batch}`, {
      method: 'POST',
      body: JSON.stringify({ nik: [...requested] }),
    });
    if (envelope.status === SIPP_TK_STATUS.NOT_FOUND) {
      // SIPP-TK quirk: when none of the NIKs is a member, the batch answers the envelope
      // code 01 with data null instead of one "01" entry per NIK.
      for (const nik of requested) result.set(nik, notRegistered());
      return result;
    }
    if (!Array.isArray(envelope.data)) throw this.badResponse(`${SIPP_TK_OPERATIONS.batch} answered status 00 without a data list`);
    if (envelope.data.length !== requested.size) {
      this.logger.warn({ asked: requested.size, answered: envelope.data.length }, 'SIPP-TK batch answered another number of entries than NIKs asked');
    }

    for (const entry of envelope.data) {
      if (!isObject(entry) || typeof entry.NIK !== 'string') {
        // Without a NIK string the entry cannot be matched to a key; the keys it was meant
        // for end up without an entry below and fail alone.
        this.logger.warn('SIPP-TK batch entry without a NIK string; ignored');
        continue;
      }
      const nik = entry.NIK;
      if (!requested.has(nik)) {
        this.logger.warn({ nik: maskNik(nik) }, 'SIPP-TK batch answered a NIK that was not asked for; ignored');
        continue;
      }
      if (result.has(nik)) {
        this.logger.warn({ nik: maskNik(nik) }, 'SIPP-TK batch answered the same NIK twice; the first entry is kept');
        continue;
      }
      result.set(nik, this.entryResult(nik, entry));
    }
    // SIPP-TK promises one entry per NIK in request order; we match by NIK (an entry out
    // of order is still read correctly) and fail only the NIKs left without an entry.
    for (const nik of requested) {
      if (!result.has(nik)) result.set(nik, this.badResponse(`${SIPP_TK_OPERATIONS.batch} answered no entry for ${maskNik(nik)}`));
    }
    return result;
  }

  /** `GET /api/kepesertaan/{nik}`: one NIK; NOT_REGISTERED when SIPP-TK answers 01. */
  async findMember(nik: string): Promise<EmploymentInsuranceRecord> {
    const envelope = await this.call(SIPP_TK_OPERATIONS.single, `${this.baseUrl}${SIPP_TK_PATHS.single(nik)}`, { method: 'GET' });
    if (envelope.status === SIPP_TK_STATUS.NOT_FOUND) return notRegistered();
    if (!isObject(envelope.data)) throw this.badResponse(`${SIPP_TK_OPERATIONS.single} answered status 00 without a member object`);
    return toEmploymentInsurance(envelope.data, nik, this.warn);
  }

  /** One batch entry -> its record, NOT_REGISTERED, or the error for this NIK alone. */
  private entryResult(nik: string, entry: Record<string, unknown>): EmploymentInsuranceRecord | LegacyError {
    const code = codeOf(entry.KODE_RESPON);
    switch (code) {
      case SIPP_TK_STATUS.OK:
        try {
          return toEmploymentInsurance(entry, nik, this.warn);
        } catch (error) {
          if (error instanceof LegacyError) return error;
          throw error;
        }
      case SIPP_TK_STATUS.NOT_FOUND:
        return notRegistered();
      case SIPP_TK_STATUS.SYSTEM_ERROR:
      case SIPP_TK_STATUS.MAINTENANCE:
        // SIPP-TK quirk: one NIK's look-up can fail inside an otherwise good batch (its
        // member sits on a core partition that timed out); only that NIK is unavailable.
        return new LegacyError('AGENCY_UNAVAILABLE', AGENCY, `SIPP-TK batch entry for ${maskNik(nik)} answered ${code}`);
      default:
        return this.badResponse(`${SIPP_TK_OPERATIONS.batch} entry for ${maskNik(nik)} has KODE_RESPON ${code ?? '(none)'}`);
    }
  }

  /**
   * One HTTP call; returns the envelope when its status is 00 or 01, throws a LegacyError
   * for every other status. The HTTP status proves little: SIPP-TK answers 200 for its
   * own errors (quirk), and only its web tier answers 401 (no Authorization header) or 5xx.
   */
  private async call(operation: Operation, url: string, request: { method: 'GET' | 'POST'; body?: string }): Promise<Envelope> {
    let text: string;
    try {
      text = await legacyFetchText(url, {
        agency: AGENCY,
        timeoutMs: this.options.timeoutMs,
        method: request.method,
        headers: {
          authorization: basicAuthorization(this.credentials),
          accept: 'application/json',
          ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: request.body,
      });
    } catch (error) {
      if (error instanceof LegacyError && (error.httpStatus === 401 || error.httpStatus === 403)) {
        throw this.credentialsRefused(operation, `HTTP ${error.httpStatus}`);
      }
      throw error;
    }
    const body = parseLegacyJson(AGENCY, text);
    if (!isObject(body)) throw this.badResponse(`${operation} answered JSON that is not the {status, message, data} envelope`);
    const status = codeOf(body.status);
    if (status === undefined) throw this.badResponse(`${operation} answered an envelope without a status code`);
    const message = typeof body.message === 'string' ? body.message : '';
    switch (status) {
      case SIPP_TK_STATUS.OK:
      case SIPP_TK_STATUS.NOT_FOUND:
        return { status, message, data: body.data };
      case SIPP_TK_STATUS.AUTH_FAILED:
        throw this.credentialsRefused(operation, `status ${status} ${message}`);
      case SIPP_TK_STATUS.MAINTENANCE:
      case SIPP_TK_STATUS.SYSTEM_ERROR:
        throw new LegacyError('AGENCY_UNAVAILABLE', AGENCY, `SIPP-TK ${operation} answered status ${status}: ${message}`);
      case SIPP_TK_STATUS.BAD_PARAMETER:
        // Our request was refused as malformed: a bug on our side, worth an error line.
        this.logger.error({ operation, sippTkMessage: message }, 'SIPP-TK refused our request as invalid (status 02)');
        throw this.badResponse(`${operation} answered status 02: ${message}`);
      default:
        throw this.badResponse(`${operation} answered an unknown status ${status}: ${message}`);
    }
  }

  private credentialsRefused(operation: Operation, what: string): LegacyError {
    // Not the citizen's fault and not transient: our partner account is wrong or blocked.
    this.logger.error(
      { operation, user: this.credentials.user, refusal: what },
      'SIPP-TK refused our credentials (configuration fault): check SATU_BPJS_KETENAGAKERJAAN_USER / _PASSWORD',
    );
    return new LegacyError('AGENCY_UNAVAILABLE', AGENCY, `SIPP-TK ${operation}: credentials refused (${what})`);
  }

  private badResponse(message: string): LegacyError {
    return new LegacyError('AGENCY_BAD_RESPONSE', AGENCY, `SIPP-TK ${message}`);
  }
}
