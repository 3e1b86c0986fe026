import type { Logger } from 'pino';
import { LegacyError } from '../kit/errors';
import { legacyFetchText, parseLegacyJson } from '../kit/legacy-http';
import { createLogger } from '../kit/logger';
import { maskNik } from '../kit/nik';
import { AGENCY, toBusinesses } from './business.mapper';
import type { BusinessRecord } from './business.records';
import { DEMO_CREDENTIALS, basicAuthorization, type OssCredentials } from './oss.config';
import { OSS_STATUS } from './oss-rba.wire';

export interface OssClientOptions {
  /** OSS-RBA's base URL (the simulator's `url`), e.g. `http://127.0.0.1:4109`; the client appends `/api/v1/...`. */
  baseUrl: string;
  /** Time allowed for one look-up, 429 waits included. */
  timeoutMs: number;
  /** @default DEMO_CREDENTIALS */
  credentials?: OssCredentials;
  /** HTTP 429 handling. @default { maxRetries: 2, backoffMs: 200 } (Retry-After wins when sent) */
  retryOn429?: { maxRetries: number; backoffMs: number };
  logger?: Logger;
}

/** What the loaders need from the adapter (tests pass fakes). */
export interface BusinessSource {
  findBusinessesByOwner(nik: string): Promise<BusinessRecord[]>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The adapter for OSS-RBA's partner API: `user_key` for the API gateway plus HTTP Basic for
 * OSS itself, unwraps the `{status, message, data}` envelope and hands `data` to the mapper.
 * Knows the wire only; every failure is a LegacyError.
 */
export class OssClient implements BusinessSource {
  private readonly baseUrl: string;
  private readonly credentials: OssCredentials;
  private readonly authorization: string;
  private readonly logger: Logger;

  constructor(private readonly options: OssClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.credentials = options.credentials ?? DEMO_CREDENTIALS;
    this.authorization = basicAuthorization(this.credentials);
    this.logger = options.logger ?? createLogger('oss:client');
  }

  /**
   * `GET /api/v1/nib/pemilik/{nik}`: every NIB in which the NIK is a responsible person.
   * OSS-RBA has no batch call (its partner API is per NIK), so one call per NIK; [] when none.
   */
  async findBusinessesByOwner(nik: string): Promise<BusinessRecord[]> {
    const url = `${this.baseUrl}/api/v1/nib/pemilik/${encodeURIComponent(nik)}`;
    let text: string;
    try {
      text = await legacyFetchText(url, {
        agency: AGENCY,
        method: 'GET',
        timeoutMs: this.options.timeoutMs,
        headers: { user_key: this.credentials.userKey, Authorization: this.authorization, Accept: 'application/json' },
        retryOn429: this.options.retryOn429 ?? { maxRetries: 2, backoffMs: 200 },
      });
    } catch (error) {
      // OSS-RBA quirk: the gateway (wrong user_key) and OSS (wrong Basic account) both refuse
      // with a real HTTP 401 (403: the account may not use this API), not inside the envelope.
      if (error instanceof LegacyError && (error.httpStatus === 401 || error.httpStatus === 403)) {
        throw this.configurationFault(`HTTP ${error.httpStatus}`, error);
      }
      throw error;
    }

    const envelope = parseLegacyJson(AGENCY, text);
    if (!isObject(envelope) || !('status' in envelope)) {
      throw new LegacyError('AGENCY_BAD_RESPONSE', AGENCY, 'OSS-RBA answer has no {status, message, data} envelope');
    }
    // Some ESB nodes send the status as a string ("200").
    const status = typeof envelope.status === 'string' && /^[0-9]{3}$/.test(envelope.status) ? Number(envelope.status) : envelope.status;
    const message = typeof envelope.message === 'string' ? envelope.message : '';

    switch (status) {
      case OSS_STATUS.OK:
        return toBusinesses(envelope.data, nik, (details, warning) => this.logger.warn(details, warning));
      case OSS_STATUS.NOT_FOUND:
        // OSS-RBA quirk: "no NIB for this NIK" is HTTP 200 with status 404 inside: an answer, none.
        this.logger.debug({ nik: maskNik(nik), ossMessage: message }, 'OSS-RBA: no NIB for this NIK');
        return [];
      case OSS_STATUS.UNAUTHORIZED:
      case OSS_STATUS.FORBIDDEN:
        throw this.configurationFault(`envelope status ${status}: ${message}`);
      case OSS_STATUS.SERVER_ERROR:
      case OSS_STATUS.UNAVAILABLE:
        // OSS's backend failed behind the ESB, which wraps it in an HTTP 200: as good as a 5xx.
        throw new LegacyError('AGENCY_UNAVAILABLE', AGENCY, `OSS-RBA envelope status ${status}: ${message}`);
      default:
        throw new LegacyError('AGENCY_BAD_RESPONSE', AGENCY, `OSS-RBA envelope status ${String(status)}: ${message}`);
    }
  }

  /**
   * A refused credential is not the citizen's fault and not transient: the agency is
   * unavailable to us until someone fixes the configuration, so it is logged at error level.
   */
  private configurationFault(what: string, cause?: LegacyError): LegacyError {
    this.logger.error(
      { ossRefusal: what, username: this.credentials.username },
      'OSS-RBA refused our credentials (configuration fault): check SATU_OSS_USER_KEY, SATU_OSS_USERNAME and SATU_OSS_PASSWORD',
    );
    return new LegacyError('AGENCY_UNAVAILABLE', AGENCY, `OSS-RBA refused the credentials (${what})`, {
      cause,
      httpStatus: cause?.httpStatus,
    });
  }
}
