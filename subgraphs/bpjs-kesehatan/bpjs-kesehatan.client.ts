import type { Logger } from 'pino';
import { LegacyError } from '../kit/errors';
import { legacyFetchText, parseLegacyJson } from '../kit/legacy-http';
import { createLogger } from '../kit/logger';
import { maskNik } from '../kit/nik';
import { DEMO_CREDENTIALS, type VClaimCredentials } from './bpjs-kesehatan.config';
import { AGENCY, toHealthInsurance } from './health-insurance.mapper';
import { notRegistered, type HealthInsuranceRecord } from './health-insurance.records';
import { VClaimDecodeError, decodeVClaimResponse, signVClaimRequest } from './vclaim-crypto';
import { VCLAIM_CODES } from './vclaim.records';

export interface BpjsKesehatanClientOptions {
  /** VClaim's base URL, e.g. `http://127.0.0.1:4104/vclaim-rest` (the simulator's `url`). */
  baseUrl: string;
  /** Time allowed for one member look-up, 429 waits included. */
  timeoutMs: number;
  /** @default DEMO_CREDENTIALS */
  credentials?: VClaimCredentials;
  /** HTTP 429 handling. @default { maxRetries: 3, backoffMs: 250 } (Retry-After wins when sent) */
  retryOn429?: { maxRetries: number; backoffMs: number };
  /** Clock, injectable for tests. @default Date.now */
  now?: () => number;
  logger?: Logger;
}

/** What the loaders need from the adapter (tests pass fakes). */
export interface HealthInsuranceSource {
  findMemberByNik(nik: string): Promise<HealthInsuranceRecord>;
}

/** VClaim runs on Jakarta time (WIB, UTC+7, no daylight saving): tglSEP is "today" there. */
const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The adapter for BPJS Kesehatan's VClaim REST service: signs each request, unwraps the
 * `{metaData, response}` envelope, decrypts and decompresses `response`, and hands the
 * member to the mapper. Knows the wire only; every failure is a LegacyError.
 */
export class BpjsKesehatanClient implements HealthInsuranceSource {
  private readonly baseUrl: string;
  private readonly credentials: VClaimCredentials;
  private readonly now: () => number;
  private readonly logger: Logger;

  constructor(private readonly options: BpjsKesehatanClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.credentials = options.credentials ?? DEMO_CREDENTIALS;
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? createLogger('bpjs-kesehatan:client');
  }

  /** `GET /peserta/nik/{nik}/tglSEP/{yyyy-mm-dd}`: VClaim has no batch call, so one call per NIK. */
  async findMemberByNik(nik: string): Promise<HealthInsuranceRecord> {
    const nowMs = this.now();
    const timestamp = String(Math.floor(nowMs / 1000));
    const serviceDate = new Date(nowMs + WIB_OFFSET_MS).toISOString().slice(0, 10);
    const { consId, secret, userKey } = this.credentials;
    const url = `${this.baseUrl}/peserta/nik/${encodeURIComponent(nik)}/tglSEP/${serviceDate}`;

    const text = await legacyFetchText(url, {
      agency: AGENCY,
      method: 'GET',
      timeoutMs: this.options.timeoutMs,
      headers: {
        'X-cons-id': consId,
        'X-timestamp': timestamp,
        'X-signature': signVClaimRequest(consId, secret, timestamp),
        user_key: userKey,
        Accept: 'application/json',
      },
      // The headers (and so the timestamp) stay the same across retries; the simulator's
      // skew window (300 s) is far wider than any deadline, so the signature stays valid.
      retryOn429: this.options.retryOn429 ?? { maxRetries: 3, backoffMs: 250 },
    });

    const envelope = parseLegacyJson(AGENCY, text);
    if (!isObject(envelope) || !isObject(envelope.metaData)) {
      throw new LegacyError('AGENCY_BAD_RESPONSE', AGENCY, 'VClaim answer has no metaData envelope');
    }
    // VClaim quirk: codes are strings ("200"), but some gateways send numbers.
    const code = String(envelope.metaData.code ?? '');
    const message = typeof envelope.metaData.message === 'string' ? envelope.metaData.message : '';

    switch (code) {
      case VCLAIM_CODES.OK:
        break;
      case VCLAIM_CODES.NOT_FOUND:
        // VClaim quirk: "not found" is HTTP 200 with metaData 201 and response null.
        // 201 is VClaim's generic "no data" code, so any 201 means "not a member".
        this.logger.debug({ nik: maskNik(nik), vclaimMessage: message }, 'VClaim: no member for this NIK');
        return notRegistered();
      case VCLAIM_CODES.UNAUTHORIZED:
        // Not the citizen's fault and not transient: our credentials or our clock are wrong.
        this.logger.error(
          { vclaimCode: code, vclaimMessage: message, consId },
          'VClaim refused our credentials (configuration fault): check SATU_BPJS_KESEHATAN_CONS_ID/_SECRET/_USER_KEY and the clock',
        );
        throw new LegacyError('AGENCY_UNAVAILABLE', AGENCY, `VClaim refused the credentials: ${code} ${message}`);
      default:
        throw new LegacyError('AGENCY_BAD_RESPONSE', AGENCY, `VClaim metaData code ${code || '(none)'}: ${message}`);
    }

    if (typeof envelope.response !== 'string') {
      throw new LegacyError('AGENCY_BAD_RESPONSE', AGENCY, 'VClaim answered 200 without an encrypted response string');
    }
    let json: string;
    try {
      json = decodeVClaimResponse(envelope.response, { consId, secret, timestamp });
    } catch (error) {
      const stage = error instanceof VClaimDecodeError ? error.stage : 'decrypt';
      throw new LegacyError('AGENCY_BAD_RESPONSE', AGENCY, `VClaim response failed at ${stage}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    let decoded: unknown;
    try {
      decoded = JSON.parse(json);
    } catch (error) {
      throw new LegacyError('AGENCY_BAD_RESPONSE', AGENCY, `decrypted VClaim response is not JSON (${json.length} characters)`, {
        cause: error,
      });
    }
    return toHealthInsurance(decoded, nik, (details, warning) => this.logger.warn(details, warning));
  }
}
