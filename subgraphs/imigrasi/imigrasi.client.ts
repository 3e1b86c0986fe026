import http from 'node:http';
import https from 'node:https';
import type { Logger } from 'pino';
import { createClientAsync, WSSecurity, type Client } from 'soap';
import { LegacyError } from '../kit/errors';
import { legacyRequestIdHeaders } from '../kit/gateway-context';
import { createLogger } from '../kit/logger';
import { maskNik } from '../kit/nik';
import { simkimCredentialsFromEnv, type SimkimCredentials } from './imigrasi.config';
import { AGENCY, mapPasporDto, todayInJakarta } from './imigrasi.mapper';
import { SIMKIM_MAX_BATCH, SIMKIM_PASPOR_WSDL } from './legacy/simkim-paspor.wsdl';
import {
  SIMKIM_OPERATIONS,
  SIMKIM_RESPONSE_CODES,
  type AjukanPermohonanArgs,
  type PasporDto,
  type PasporResponse,
  type PermohonanDto,
  type PermohonanResponse,
} from './legacy/simkim.wire';
import { applicationRefusal, jenisPasporOf, mapPermohonanDto } from './passport-application.mapper';
import type { PassportApplicationRecord, PassportApplicationRequest } from './passport-application.records';
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
  /**
   * `ajukanPermohonanPaspor`: files an application with NIK, type and office only; SIMKIM
   * reads the data page from the civil registry itself. A refusal on the merits rejects with
   * PassportApplicationRefused; a failing SIMKIM with a LegacyError. A timeout does not prove
   * that nothing was filed (SIMKIM may have committed before the deadline).
   */
  submitPassportApplication(request: PassportApplicationRequest): Promise<PassportApplicationRecord>;
  /** `getPermohonanByNik`: the applications of one NIK, oldest first ([] when none). */
  passportApplicationsByNik(nik: string): Promise<PassportApplicationRecord[]>;
  /** Closes the keep-alive sockets. */
  close(): void;
}

/** What the `soap` package generates for each WSDL operation (`<operation>Async`). */
type SoapAsyncMethod = (args: object, options?: object, extraHeaders?: Record<string, string>) => Promise<[unknown, ...unknown[]]>;

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

  /**
   * One SOAP call bounded by the deadline; resolves to the `<return>` element. `onFault` may
   * claim a SOAP Fault as an answer on the merits (a refusal) before it counts as a failure.
   */
  async function call(operation: string, args: object, onFault?: (faultstring: string) => Error | undefined): Promise<Record<string, unknown>> {
    const method = soapMethod(soapClient, operation);
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new LegacyError('AGENCY_TIMEOUT', AGENCY, `SIMKIM ${operation}: no answer within ${options.timeoutMs} ms`));
      }, options.timeoutMs);
    });
    // The soap package hands these options to axios: the signal ends a hung socket. Its third
    // argument adds HTTP headers to this call only: the gateway's request id as X-Request-Id. (A SOAP
    // header element would need addSoapHeader, which is shared by every call of the client.)
    const request = method.call(soapClient, args, { signal: controller.signal, httpAgent, httpsAgent }, legacyRequestIdHeaders());
    request.catch(() => undefined); // after the deadline its rejection (canceled) is expected
    try {
      const [result] = await Promise.race([request, deadline]);
      const body = isRecord(result) ? result.return : undefined;
      if (!isRecord(body)) throw badResponse(operation, 'no <return> element');
      return body;
    } catch (error) {
      const faultstring = faultStringOf(error);
      const refusal = faultstring === undefined ? undefined : onFault?.(faultstring);
      if (refusal !== undefined) throw refusal;
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

  function toApplications(dtos: PermohonanDto[], nik: string, operation: string): PassportApplicationRecord[] {
    const mapperOptions = { today: today(), logger };
    return dtos.map((dto) => {
      const record = mapPermohonanDto(dto, mapperOptions);
      if (record.nik !== nik) {
        throw new LegacyError('AGENCY_BAD_RESPONSE', AGENCY, `SIMKIM ${operation} answered a NIK that was not asked (${maskNik(record.nik)})`);
      }
      return record;
    });
  }

  return {
    async passportsByNik(nik) {
      const dtos = readPasporResponse(await call(SIMKIM_OPERATIONS.byNik, { nik }), SIMKIM_OPERATIONS.byNik);
      return toRecords(dtos, new Set([nik]), SIMKIM_OPERATIONS.byNik).sort(oldestFirst);
    },
    async passportsByNiks(niks) {
      if (niks.length > SIMKIM_MAX_BATCH) {
        throw new RangeError(`getPasporByNikList takes at most ${SIMKIM_MAX_BATCH} NIKs, got ${niks.length}; split the batch`);
      }
      const found = new Map<string, PassportRecord[]>();
      if (niks.length === 0) return found;
      const dtos = readPasporResponse(await call(SIMKIM_OPERATIONS.byNikList, { nik: [...niks] }), SIMKIM_OPERATIONS.byNikList);
      for (const record of toRecords(dtos, new Set(niks), SIMKIM_OPERATIONS.byNikList)) {
        const list = found.get(record.nik) ?? [];
        list.push(record);
        found.set(record.nik, list);
      }
      for (const list of found.values()) list.sort(oldestFirst);
      return found;
    },
    async submitPassportApplication(request) {
      const operation = SIMKIM_OPERATIONS.submitApplication;
      // Element order follows the WSDL sequence; no declared identity (README.md, "Passport applications").
      const args: AjukanPermohonanArgs = { nik: request.nik, jenisPaspor: jenisPasporOf(request.passportType) };
      if (request.office !== undefined) args.kantorImigrasi = request.office;
      const body = await call(operation, args, (faultstring) => applicationRefusal(faultstring, request));
      const dtos = readPermohonanResponse(body, operation);
      if (dtos.length !== 1) throw badResponse(operation, `${dtos.length} <permohonan> elements where one was expected`);
      const application = toApplications(dtos, request.nik, operation)[0]!;
      if (application.passportType !== request.passportType) throw badResponse(operation, 'the application has another jenisPaspor than the one filed');
      return application;
    },
    async passportApplicationsByNik(nik) {
      const operation = SIMKIM_OPERATIONS.applicationsByNik;
      const dtos = readPermohonanResponse(await call(operation, { nik }), operation);
      return toApplications(dtos, nik, operation).sort(
        (a, b) => a.submittedOn.localeCompare(b.submittedOn) || a.applicationNumber.localeCompare(b.applicationNumber),
      );
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
 * The `<return>` of a passport call. `kodeRespon` 01 (DATA TIDAK DITEMUKAN) is an answer: no
 * passports. Anything that is not the shape the WSDL promises is AGENCY_BAD_RESPONSE (the soap
 * package happily returns whatever XML it was given, `{ foo: ... }` included).
 */
function readPasporResponse(body: Record<string, unknown>, operation: string): PasporDto[] {
  const response = body as PasporResponse;
  return readItems(response.kodeRespon, response.paspor, 'paspor', PASPOR_FIELDS, operation);
}

/** The `<return>` of an application call: the same codes, `<permohonan>` elements instead. */
function readPermohonanResponse(body: Record<string, unknown>, operation: string): PermohonanDto[] {
  const response = body as PermohonanResponse;
  return readItems(response.kodeRespon, response.permohonan, 'permohonan', PERMOHONAN_FIELDS, operation);
}

function readItems<K extends string>(
  kodeRespon: unknown,
  elements: unknown,
  element: string,
  fields: readonly K[],
  operation: string,
): Array<Partial<Record<K, string>>> {
  const code = textOf(kodeRespon)?.trim();
  if (code === SIMKIM_RESPONSE_CODES.NOT_FOUND) return [];
  if (code !== SIMKIM_RESPONSE_CODES.FOUND) throw badResponse(operation, `unknown kodeRespon "${(code ?? '').slice(0, 8)}"`);
  const items: unknown[] = elements === undefined ? [] : Array.isArray(elements) ? elements : [elements];
  const dtos: Array<Partial<Record<K, string>>> = [];
  for (const item of items) {
    if (item === null || item === '') continue; // <paspor xsi:nil="true"/>
    if (!isRecord(item)) throw badResponse(operation, `<${element}> is not an element with children`);
    const dto: Partial<Record<K, string>> = {};
    for (const field of fields) {
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

const PERMOHONAN_FIELDS = [
  'nomorPermohonan',
  'nik',
  'jenisPaspor',
  'kantorImigrasi',
  'statusPermohonan',
  'tanggalPermohonan',
  'sumberIdentitas',
] as const satisfies ReadonlyArray<keyof PermohonanDto>;

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

/** The faultstring of a real SOAP Fault (a parsed envelope), else undefined. */
function faultStringOf(error: unknown): string | undefined {
  const fault = (typeof error === 'object' && error !== null ? (error as SoapLikeError) : {}).root?.Envelope?.Body?.Fault;
  return fault === undefined ? undefined : textOf(fault.faultstring);
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
