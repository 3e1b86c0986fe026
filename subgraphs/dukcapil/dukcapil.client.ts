import type { Logger } from 'pino';
import { LegacyError } from '../kit/errors';
import { legacyFetchText, parseLegacyJson } from '../kit/legacy-http';
import { createLogger } from '../kit/logger';
import { maskNik } from '../kit/nik';
import { DUKCAPIL } from './dukcapil.config';
import {
  CLAIM_BY_VERIFY_ELEMENT,
  isResponRow,
  mapCitizenRow,
  rowNik,
  toVerifyElements,
  type WarnFn,
} from './dukcapil.mapper';
import type { CitizenRecord, FamilyCardRecord, VerificationClaims, VerificationResult } from './dukcapil.records';
import {
  SIAK_BATCH_LIMIT,
  SIAK_OPERATIONS,
  SIAK_RESPON,
  SIAK_VERDICT,
  siakPath,
  type SiakCredentialsBody,
  type SiakOperation,
  type SiakVerifyElement,
} from './siak.wire';

export interface DukcapilClientOptions {
  /** The SIAK web service's base URL (the simulator's `url`), without the `/dukcapil/...` path. */
  baseUrl: string;
  /** Time allowed for one legacy call. */
  timeoutMs: number;
  credentials: SiakCredentialsBody;
  logger?: Logger;
}

/**
 * The adapter for SIAK's web service: POST + JSON, credentials in the body, answers in a
 * paging envelope, and "not found" or "login failed" as a RESPON row inside `content` with
 * HTTP 200. Knows the wire and hands back clean records; nothing about GraphQL.
 */
export class DukcapilClient {
  private readonly baseUrl: string;
  private readonly logger: Logger;
  private readonly warn: WarnFn;

  constructor(private readonly options: DukcapilClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.logger = options.logger ?? createLogger(`${DUKCAPIL}:client`);
    this.warn = (warning) => this.logger.warn(warning, 'SIAK value unreadable; the field is null');
  }

  /** CALL_NIK: one resident, or null when SIAK does not know the NIK. */
  async findCitizen(nik: string): Promise<CitizenRecord | null> {
    const rows = await this.call(SIAK_OPERATIONS.byNik, { NIK: nik });
    if (rows.length === 0) return null;
    const [row] = rows;
    if (rows.length !== 1 || row === undefined || isResponRow(row) || rowNik(row) !== nik) {
      throw this.badResponse(`${SIAK_OPERATIONS.byNik} for ${maskNik(nik)} answered ${rows.length} rows, not the one asked for`);
    }
    return mapCitizenRow(row, this.warn);
  }

  /**
   * CALL_NIK_BATCH: up to 100 NIKs in one call. Unknown NIKs are absent from the map; a
   * row whose required fields are unusable is a LegacyError for that NIK only.
   */
  async findCitizens(niks: readonly string[]): Promise<Map<string, CitizenRecord | LegacyError>> {
    const found = new Map<string, CitizenRecord | LegacyError>();
    if (niks.length === 0) return found;
    if (niks.length > SIAK_BATCH_LIMIT) {
      // Programming error: the loader splits batches at the limit.
      throw new Error(`${SIAK_OPERATIONS.batch} takes at most ${SIAK_BATCH_LIMIT} NIKs, got ${niks.length}`);
    }
    const requested = new Set(niks);
    const rows = await this.call(SIAK_OPERATIONS.batch, { NIK: [...niks] });
    for (const row of rows) {
      const nik = rowNik(row);
      if (isResponRow(row)) {
        // SIAK quirk: in a batch, an unknown NIK comes back as {"NIK": ..., "RESPON": "Data Tidak Ditemukan"}.
        if (nik !== null && sameRespon(row.RESPON, SIAK_RESPON.notFound)) continue;
        throw this.badResponse(`${SIAK_OPERATIONS.batch} answered an unexpected message row`);
      }
      if (nik === null) throw this.badResponse(`${SIAK_OPERATIONS.batch} answered a row without a 16-digit NIK string`);
      if (!requested.has(nik)) {
        this.logger.warn({ nik: maskNik(nik) }, 'SIAK batch answered a NIK that was not asked for; ignored');
        continue;
      }
      try {
        found.set(nik, mapCitizenRow(row, this.warn));
      } catch (error) {
        if (!(error instanceof LegacyError)) throw error;
        found.set(nik, error);
      }
    }
    return found;
  }

  /** CALL_KK: a family card and its members in card order, or null when SIAK does not know the number. */
  async findFamilyCard(familyCardNumber: string): Promise<FamilyCardRecord | null> {
    const rows = await this.call(SIAK_OPERATIONS.familyCard, { NO_KK: familyCardNumber });
    if (rows.length === 0) return null;
    const members = rows.map((row) => {
      if (isResponRow(row)) throw this.badResponse(`${SIAK_OPERATIONS.familyCard} mixed a message row into the members`);
      const member = mapCitizenRow(row, this.warn);
      if (member.familyCardNumber !== null && member.familyCardNumber !== familyCardNumber) {
        throw this.badResponse(`${SIAK_OPERATIONS.familyCard} answered a member of another family card`);
      }
      return member;
    });
    return { number: familyCardNumber, members };
  }

  /**
   * CALL_VERIFY_BY_ELEMEN: does each claimed element match the registry? SIAK answers only
   * "Sesuai"/"Tidak Sesuai" per element, never the value. Null when the NIK is unknown.
   */
  async verifyByElement(nik: string, claims: VerificationClaims): Promise<VerificationResult | null> {
    const elements = toVerifyElements(claims);
    const sent = Object.keys(elements) as SiakVerifyElement[];
    if (sent.length === 0) return {};
    const rows = await this.call(SIAK_OPERATIONS.verify, { NIK: nik, ...elements });
    if (rows.length === 0) return null;
    const [row] = rows;
    if (rows.length !== 1 || row === undefined || isResponRow(row)) {
      throw this.badResponse(`${SIAK_OPERATIONS.verify} answered ${rows.length} rows instead of one verdict row`);
    }
    const result: VerificationResult = {};
    for (const element of sent) {
      const verdict = row[element];
      if (typeof verdict === 'string' && sameRespon(verdict, SIAK_VERDICT.match)) result[CLAIM_BY_VERIFY_ELEMENT[element]] = true;
      else if (typeof verdict === 'string' && sameRespon(verdict, SIAK_VERDICT.noMatch)) result[CLAIM_BY_VERIFY_ELEMENT[element]] = false;
      else throw this.badResponse(`${SIAK_OPERATIONS.verify} gave no verdict for ${element}`);
    }
    return result;
  }

  /**
   * One POST; returns the rows of `content`, or [] when SIAK says "Data Tidak Ditemukan".
   * Login failures and other messages come inside a 200 answer (SIAK quirk), so the
   * HTTP status alone proves nothing.
   */
  private async call(operation: SiakOperation, payload: Record<string, unknown>): Promise<Record<string, unknown>[]> {
    const url = `${this.baseUrl}${siakPath(operation)}`;
    const text = await legacyFetchText(url, {
      agency: DUKCAPIL,
      timeoutMs: this.options.timeoutMs,
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ ...payload, ...this.options.credentials }),
    });
    const content = this.contentOf(operation, parseLegacyJson(DUKCAPIL, text));
    const [first] = content;
    if (content.length === 1 && first !== undefined && isResponRow(first) && first.NIK === undefined) {
      const respon = String(first.RESPON);
      if (sameRespon(respon, SIAK_RESPON.notFound)) return [];
      if (sameRespon(respon, SIAK_RESPON.loginFailed)) {
        this.logger.error({ operation, user: this.options.credentials.user_id }, 'SIAK refused our credentials (check SATU_DUKCAPIL_USER / SATU_DUKCAPIL_PASSWORD)');
        throw new LegacyError('AGENCY_UNAVAILABLE', DUKCAPIL, `SIAK ${operation}: login refused ("${respon}")`);
      }
      throw this.badResponse(`${operation} answered the message "${respon.slice(0, 80)}"`);
    }
    return content;
  }

  private contentOf(operation: SiakOperation, body: unknown): Record<string, unknown>[] {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw this.badResponse(`${operation} answered JSON that is not the paging envelope`);
    }
    const content = (body as { content?: unknown }).content;
    if (!Array.isArray(content)) throw this.badResponse(`${operation} answered an envelope without a content array`);
    if (!content.every((row): row is Record<string, unknown> => typeof row === 'object' && row !== null && !Array.isArray(row))) {
      throw this.badResponse(`${operation} answered content that is not a list of objects`);
    }
    return content;
  }

  private badResponse(message: string): LegacyError {
    return new LegacyError('AGENCY_BAD_RESPONSE', DUKCAPIL, `SIAK ${message}`);
  }
}

/** SIAK's messages vary in case and spacing between versions; compare them loosely. */
function sameRespon(actual: unknown, expected: string): boolean {
  const normalize = (value: string): string => value.trim().replace(/\s+/g, ' ').toUpperCase();
  return typeof actual === 'string' && normalize(actual) === normalize(expected);
}
