import http from 'node:http';
import https from 'node:https';
import type { Logger } from 'pino';
import { createClientAsync, WSSecurity, type Client } from 'soap';
import { LegacyError } from '../kit/errors';
import { createLogger } from '../kit/logger';
import { maskNik } from '../kit/nik';
import { simkimCredentialsFromEnv, type SimkimCredentials } from './imigrasi.config';
import { AGENCY, mapPasporDto, todayInJakarta } from './imigrasi.mapper';
import { SIMKIM_MAX_BATCH, SIMKIM_PASPOR_WSDL } from './legacy/simkim-paspor.wsdl';
import { SIMKIM_OPERATIONS, SIMKIM_RESPONSE_CODES, type PasporDto, type PasporResponse } from './legacy/simkim.wire';
import type { PassportRecord } from './passport.records';

export interface ImigrasiClientOptions {
  /** SIMKIM's PasporService endpoint (the simulator's URL in the demo). */
  endpoint: string;
  /** Time allowed for one SOAP call, hung connections included. */
  timeoutMs: number;
  /** @default from SATU_IMIGRASI_USERNAME / SATU_IMIGRASI_PASSWORD, else the demo account */
  credentials?: SimkimCredentials;
  /** @default today in Asia/Jakarta */
  today?: () => string;
  /** Where mapper warnings go (unknown codes, impossible dates). @default a pino logger */
  logger?: Pick<Logger, 'warn'>;
}

/** The imigrasi adapter: SIMKIM's SOAP wire in, clean PassportRecords out. */
export interface ImigrasiClient {
  /** `getPasporByNik`: the passports of one NIK ([] when SIMKIM has none). */
  passportsByNik(nik: string): Promise<PassportRecord[]>;
  /** `getPasporByNikList`, at most SIMKIM_MAX_BATCH NIKs: NIKs without passports are absent from the map. */
  passportsByNiks(niks: readonly string[]): Promise<Map<string, PassportRecord[]>>;
  /** Closes the keep-alive sockets. */
  close(): void;
}

/** What the `soap` package generates for each WSDL operation (`<operation>Async`). */
type SoapAsyncMethod = (args: object, options?: object) => Promise<[unknown, ...unknown[]]>;

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ERR_CANCELED', 'ESOCKETTIMEDOUT']);

/**
 * Builds the SOAP client from the WSDL shipped in legacy/ (no network needed) and points it
 * at `endpoint`. Every call is bounded by `timeoutMs`: the request is aborted and the call
 * rejects with AGENCY_TIMEOUT even if SIMKIM keeps the socket open without answering.
 */
export async function createImigrasiClient(options: ImigrasiClientOptions): Promise<ImigrasiClient> {
  const logger = options.logger ?? createLogger('imigrasi-client');
  const today = options.today ?? (() => todayInJakarta());
  const credentials = options.credentials ?? simkimCredentialsFromEnv();
  const soapClient = await createClientAsync(
    SIMKIM_PASPOR_WSDL,
    // Keep spaces inside names: the MRZ split must give back the holder's name exactly.
    { preserveWhitespace: true, disableCache: true },
    options.endpoint,
  );
  soapClient.setSecurity(
    new WSSecurity(credentials.username, credentials.password, { passwordType: 'PasswordText', hasTimeStamp: false, hasNonce: false }),
  );
  const agentOptions = { keepAlive: true, maxSockets: 32 };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);

  async function call(operation: string, args: object): Promise<PasporDto[]> {
    const method = soapMethod(soapClient, operation);
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new LegacyError('AGENCY_TIMEOUT', AGENCY, `SIMKIM ${operation}: no answer within ${options.timeoutMs} ms`));
      }, options.timeoutMs);
    });
    // The soap package hands these options to axios: the signal ends a hung socket.
    const request = method.call(soapClient, args, { signal: controller.signal, httpAgent, httpsAgent });
    request.catch(() => undefined); // after the deadline its rejection (canceled) is expected
    try {
      const [result] = await Promise.race([request, deadline]);
      return readResponse(result, operation);
    } catch (error) {
      throw classify(error, operation, options.endpoint);
    } finally {
      clearTimeout(timer);
    }
  }

  function toRecords(dtos: PasporDto[], requested: ReadonlySet<string>, operation: string): PassportRecord[] {
    const mapperOptions = { today: today(), logger };
    return dtos.map((dto) => {
      const record = mapPasporDto(dto, mapperOptions);
      if (!requested.has(record.nik)) {
        // Never pass on a passport of someone we did not ask about.
        throw new LegacyError('AGENCY_BAD_RESPONSE', AGENCY, `SIMKIM ${operation} answered a NIK that was not asked (${maskNik(record.nik)})`);
      }
      return record;
    });
  }

  return {
    async passportsByNik(nik) {
      const dtos = await call(SIMKIM_OPERATIONS.byNik, { nik });
      return toRecords(dtos, new Set([nik]), SIMKIM_OPERATIONS.byNik).sort(oldestFirst);
    },
    async passportsByNiks(niks) {
      if (niks.length > SIMKIM_MAX_BATCH) {
        throw new RangeError(`getPasporByNikList takes at most ${SIMKIM_MAX_BATCH} NIKs, got ${niks.length}; split the batch`);
      }
      const found = new Map<string, PassportRecord[]>();
      if (niks.length === 0) return found;
      const dtos = await call(SIMKIM_OPERATIONS.byNikList, { nik: [...niks] });
      for (const record of toRecords(dtos, new Set(niks), SIMKIM_OPERATIONS.byNikList)) {
        const list = found.get(record.nik) ?? [];
        list.push(record);
        found.set(record.nik, list);
      }
      for (const list of found.values()) list.sort(oldestFirst);
      return found;
    },
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

/** A holder's passports oldest first (by issue date; undated ones last), whatever order SIMKIM used. */
function oldestFirst(a: PassportRecord, b: PassportRecord): number {
  if (a.issueDate === b.issueDate) return 0;
  if (a.issueDate === null) return 1;
  if (b.issueDate === null) return -1;
  return a.issueDate < b.issueDate ? -1 : 1;
}

function soapMethod(client: Client, operation: string): SoapAsyncMethod {
  const method: unknown = client[`${operation}Async`];
  if (typeof method !== 'function') throw new Error(`the SIMKIM WSDL has no operation ${operation}`);
  return method as SoapAsyncMethod;
}

/**
 * The `return` element of a SIMKIM answer. `kodeRespon` 01 (DATA TIDAK DITEMUKAN) is an
 * answer: no passports. Anything that is not the shape the WSDL promises is AGENCY_BAD_RESPONSE
 * (the soap package happily returns whatever XML it was given, `{ foo: ... }` included).
 */
function readResponse(result: unknown, operation: string): PasporDto[] {
  const body = isRecord(result) ? result.return : undefined;
  if (!isRecord(body)) throw badResponse(operation, 'no <return> element');
  const response = body as PasporResponse;
  const code = textOf(response.kodeRespon)?.trim();
  if (code === SIMKIM_RESPONSE_CODES.NOT_FOUND) return [];
  if (code !== SIMKIM_RESPONSE_CODES.FOUND) throw badResponse(operation, `unknown kodeRespon "${(code ?? '').slice(0, 8)}"`);
  const items: unknown[] = response.paspor === undefined ? [] : Array.isArray(response.paspor) ? response.paspor : [response.paspor];
  const dtos: PasporDto[] = [];
  for (const item of items) {
    if (item === null || item === '') continue; // <paspor xsi:nil="true"/>
    if (!isRecord(item)) throw badResponse(operation, '<paspor> is not an element with children');
    const dto: PasporDto = {};
    for (const field of PASPOR_FIELDS) {
      const value = textOf(item[field]);
      if (value !== undefined) dto[field] = value;
    }
    dtos.push(dto);
  }
  return dtos;
}

const PASPOR_FIELDS = [
  'nomorPaspor',
  'nik',
  'surname',
  'givenNames',
  'tanggalLahir',
  'tempatLahir',
  'jenisKelamin',
  'jenisPaspor',
  'tanggalTerbit',
  'tanggalHabisBerlaku',
  'kantorPenerbit',
  'statusPaspor',
] as const satisfies ReadonlyArray<keyof PasporDto>;

/** Element text as the soap package gives it: a string, or `{ $value }` when the element has attributes. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (isRecord(value) && typeof value.$value === 'string') return value.$value;
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function badResponse(operation: string, problem: string): LegacyError {
  return new LegacyError('AGENCY_BAD_RESPONSE', AGENCY, `SIMKIM ${operation}: ${problem}`);
}

interface SoapLikeError {
  /** Set by the soap package on a real SOAP Fault: the parsed envelope. */
  root?: { Envelope?: { Body?: { Fault?: { faultcode?: unknown; faultstring?: unknown } } } };
  /** The axios response, when one arrived. */
  response?: { status?: number };
  /** axios / node error code. */
  code?: string;
  /** The soap package's pseudo-fault for a body it could not parse (not an Error). */
  Fault?: { faultstring?: unknown; detail?: unknown };
  message?: string;
}

/**
 * Every failure the soap package or axios can raise -> one LegacyError. Order matters:
 * - a real SOAP Fault (parsed envelope in `root`) -> AGENCY_UNAVAILABLE, whatever the HTTP status;
 * - aborted by our deadline or an axios timeout -> AGENCY_TIMEOUT;
 * - an HTTP 5xx whose body is not a SOAP envelope (a proxy's HTML 502) -> AGENCY_UNAVAILABLE;
 * - any other answer we could not read -> AGENCY_BAD_RESPONSE. Quirk of the soap package: for a
 *   body that is not XML it rejects with a plain object `{ Fault: { faultcode: 500, faultstring:
 *   'Invalid XML' }, response }` that looks like a SOAP Fault but is a parse failure;
 * - no answer at all (refused, reset, DNS) -> AGENCY_UNAVAILABLE.
 */
function classify(error: unknown, operation: string, endpoint: string): LegacyError {
  if (error instanceof LegacyError) return error;
  const soapError = (typeof error === 'object' && error !== null ? error : {}) as SoapLikeError;
  const fault = soapError.root?.Envelope?.Body?.Fault;
  if (fault) {
    return new LegacyError('AGENCY_UNAVAILABLE', AGENCY, `SIMKIM ${operation} fault ${String(fault.faultcode)}: ${String(fault.faultstring)}`, {
      cause: error,
    });
  }
  if (soapError.code !== undefined && TIMEOUT_CODES.has(soapError.code)) {
    return new LegacyError('AGENCY_TIMEOUT', AGENCY, `SIMKIM ${operation}: timed out (${soapError.code})`, { cause: error });
  }
  const status = soapError.response?.status;
  if (status !== undefined && status >= 500) {
    return new LegacyError('AGENCY_UNAVAILABLE', AGENCY, `SIMKIM ${operation}: HTTP ${status} without a SOAP envelope from ${endpoint}`, {
      cause: error,
    });
  }
  if (status !== undefined) {
    const detail = soapError.Fault ? String(soapError.Fault.detail ?? soapError.Fault.faultstring) : (soapError.message ?? 'unreadable body');
    return new LegacyError('AGENCY_BAD_RESPONSE', AGENCY, `SIMKIM ${operation}: HTTP ${status}, ${detail.split('\n')[0]}`, { cause: error });
  }
  return new LegacyError(
    'AGENCY_UNAVAILABLE',
    AGENCY,
    `SIMKIM ${operation}: cannot reach ${endpoint}: ${soapError.code ?? soapError.message ?? String(error)}`,
    { cause: error },
  );
}
