import path from 'node:path';
import { createServerless, type IServices } from 'soap';
import type { RunningSimulator, SimulatorOptions } from '../../kit/agency-module';
import { FaultInjector } from '../../kit/simulator/faults';
import { startHttpSimulator, type SimulatorReply, type SimulatorRequest } from '../../kit/simulator/simulator-http';
import { DEFAULT_SIMKIM_CREDENTIALS, type SimkimCredentials } from '../imigrasi.config';
import { SIMKIM_MAX_BATCH, simkimWsdlFor } from './simkim-paspor.wsdl';
import { PermohonanStore, SimkimRefusal } from './simkim-permohonan.store';
import { readPasporTable, type PasporRow } from './simkim.store';
import {
  SIMKIM_FAULT_CODES,
  SIMKIM_OPERATIONS,
  SIMKIM_RESPONSE_CODES,
  type AjukanPermohonanArgs,
  type PasporDto,
  type PasporResponse,
  type PermohonanDto,
  type PermohonanResponse,
} from './simkim.wire';

/** Where SIMKIM's JAX-WS endpoint lives on its application server. */
export const SIMKIM_ENDPOINT_PATH = '/simkim-ws/PasporService';

export interface SimkimSimulatorOptions extends SimulatorOptions {
  /** The account the service accepts. @default DEFAULT_SIMKIM_CREDENTIALS */
  credentials?: SimkimCredentials;
  /** Injectable randomness for the fault decisions. @default Math.random */
  random?: () => number;
  /** Today as ISO yyyy-mm-dd: the date of new applications. @default today in WIB (Asia/Jakarta) */
  today?: () => string;
}

/**
 * SIMKIM's PasporService imitated with the `soap` package: the kit's HTTP simulator shell
 * applies latency, faults (SOAP Fault + HTTP 500, hang, malformed), counts calls and serves
 * `/__control/*`; a serverless `soap` Server answers every other POST from the WSDL, and
 * `GET <endpoint>?wsdl` returns the WSDL with this simulator's address.
 * The store is read once at start from `<dataDir>/imigrasi/T_PASPOR.csv`; passport
 * applications live in memory only (PermohonanStore), empty at every start.
 */
export async function startSimkimSimulator(options: SimkimSimulatorOptions): Promise<RunningSimulator> {
  const rows = await readPasporTable(path.join(options.dataDir, 'imigrasi'));
  const byNik = indexByNik(rows);
  const credentials = options.credentials ?? DEFAULT_SIMKIM_CREDENTIALS;
  const faults = new FaultInjector(options.faults ?? {}, options.random);
  const applications = new PermohonanStore(options.today ?? todayInWib);

  let wsdl = simkimWsdlFor(`http://${options.host}:${options.port}${SIMKIM_ENDPOINT_PATH}`);
  const soapServer = await createServerless({
    path: SIMKIM_ENDPOINT_PATH,
    services: pasporServices(byNik, applications, credentials),
    xml: wsdl,
    // JAX-WS never sends a stack trace to its callers.
    suppressStack: true,
  });

  let malformedCount = 0;
  const running = await startHttpSimulator({
    host: options.host,
    port: options.port,
    faults,
    operationOf,
    answer: async (request: SimulatorRequest): Promise<SimulatorReply> => {
      if (request.request.method === 'GET') {
        if (/\?wsdl/i.test(request.request.url ?? '')) return { status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: wsdl };
        return { status: 404, headers: { 'content-type': 'text/html' }, body: '<html><body>404 Not Found</body></html>' };
      }
      const answer = await soapServer.processRequest(request.body, {
        url: request.request.url,
        method: 'POST',
        headers: request.request.headers,
      });
      return { status: answer.statusCode, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: answer.body };
    },
    errorReply: () => ({
      status: 500,
      headers: { 'content-type': 'text/xml; charset=utf-8' },
      body: soapFaultEnvelope(
        'soap:Server',
        `${SIMKIM_FAULT_CODES.DATABASE} java.sql.SQLRecoverableException: IO Error: The Network Adapter could not establish the connection`,
      ),
    }),
    // Two kinds of garbage, alternating: an envelope cut off mid-element (a proxy dropping the
    // connection) and an Oracle error printed where XML should be (a servlet filter's fallback).
    malformedReply: () => {
      malformedCount += 1;
      return malformedCount % 2 === 1
        ? {
            status: 200,
            headers: { 'content-type': 'text/xml; charset=utf-8' },
            body: '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><ns2:getPasporByNikListResponse xmlns:ns2="http://ws.simkim.imigrasi.go.id/"><return><kodeRespon>00</kodeRespon><paspor><nomorPaspor>B12',
          }
        : { status: 200, headers: { 'content-type': 'text/plain' }, body: 'ORA-03113: end-of-file on communication channel\n' };
    },
  });

  const url = `${running.url}${SIMKIM_ENDPOINT_PATH}`;
  wsdl = simkimWsdlFor(url);
  return {
    name: 'imigrasi-simulator',
    url,
    setFaults: (update) => {
      faults.update(update);
    },
    stats: () => running.stats(),
    stop: () => running.close(),
  };
}

function operationOf(request: SimulatorRequest): string {
  if (request.request.method === 'GET') return 'wsdl';
  const action = request.request.headers.soapaction;
  const name = (Array.isArray(action) ? action[0] : action)?.replace(/"/g, '').split('/').pop();
  return name && name !== '' ? name : 'unknown';
}

function indexByNik(rows: readonly PasporRow[]): Map<string, PasporRow[]> {
  const index = new Map<string, PasporRow[]>();
  for (const row of rows) {
    const list = index.get(row.NIK) ?? [];
    list.push(row);
    index.set(row.NIK, list);
  }
  return index;
}

/** The DAO's column -> DTO mapping. NULL columns become absent elements, as JAX-WS writes them. */
function toDto(row: PasporRow): PasporDto {
  const dto: PasporDto = {};
  const set = (key: keyof PasporDto, value: string): void => {
    if (value !== '') dto[key] = value;
  };
  set('nomorPaspor', row.NO_PASPOR);
  set('nik', row.NIK);
  set('surname', row.SURNAME);
  set('givenNames', row.GIVEN_NAMES);
  set('tanggalLahir', row.TGL_LAHIR);
  set('tempatLahir', row.TMPT_LAHIR);
  set('jenisKelamin', row.JNS_KELAMIN);
  set('jenisPaspor', row.JNS_PASPOR);
  set('tanggalTerbit', row.TGL_TERBIT);
  set('tanggalHabisBerlaku', row.TGL_HABIS_BERLAKU);
  set('kantorPenerbit', row.KANTOR_PENERBIT);
  set('statusPaspor', row.STATUS_PASPOR);
  return dto;
}

/** A SOAP 1.1 fault the soap package turns into an envelope; JAX-WS answers faults with HTTP 500. */
class SimkimFault {
  readonly Fault: { faultcode: string; faultstring: string; statusCode: number };
  constructor(faultcode: 'soap:Client' | 'soap:Server', faultstring: string) {
    this.Fault = { faultcode, faultstring, statusCode: 500 };
  }
}

function permohonanResponse(dtos: PermohonanDto[]): { return: PermohonanResponse } {
  if (dtos.length === 0) {
    return { return: { kodeRespon: SIMKIM_RESPONSE_CODES.NOT_FOUND, pesanRespon: 'DATA TIDAK DITEMUKAN', jumlahData: '0' } };
  }
  return { return: { kodeRespon: SIMKIM_RESPONSE_CODES.FOUND, pesanRespon: 'SUKSES', jumlahData: String(dtos.length), permohonan: dtos } };
}

/** An element's text as the soap server hands it over: a string, or nothing for an absent element. */
function elementText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** The `ajukanPermohonanPaspor` element -> its arguments; absent optional elements stay absent. */
function readAjukanArgs(args: Record<string, unknown> | undefined): AjukanPermohonanArgs {
  const read: AjukanPermohonanArgs = { nik: elementText(args?.nik) ?? '', jenisPaspor: elementText(args?.jenisPaspor) ?? '' };
  for (const key of ['kantorImigrasi', 'namaLengkap', 'tanggalLahir', 'tempatLahir', 'jenisKelamin'] as const) {
    const value = elementText(args?.[key]);
    if (value !== undefined) read[key] = value;
  }
  return read;
}

/** SIMKIM's business refusals are client faults; anything else thrown is a bug and stays one. */
function asFault(error: unknown): unknown {
  return error instanceof SimkimRefusal ? new SimkimFault('soap:Client', `${error.code} ${error.message}`) : error;
}

/** Today in WIB (UTC+7), the zone of SIMKIM's application servers. */
function todayInWib(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

function pasporResponse(dtos: PasporDto[]): { return: PasporResponse } {
  if (dtos.length === 0) {
    return { return: { kodeRespon: SIMKIM_RESPONSE_CODES.NOT_FOUND, pesanRespon: 'DATA TIDAK DITEMUKAN', jumlahData: '0' } };
  }
  return { return: { kodeRespon: SIMKIM_RESPONSE_CODES.FOUND, pesanRespon: 'SUKSES', jumlahData: String(dtos.length), paspor: dtos } };
}

const NIK_FORMAT = /^\d{16}$/;

function pasporServices(byNik: ReadonlyMap<string, PasporRow[]>, applications: PermohonanStore, credentials: SimkimCredentials): IServices {
  const authenticate = (headers: unknown): void => {
    const token = (headers as { Security?: { UsernameToken?: { Username?: unknown; Password?: unknown } } } | undefined)?.Security
      ?.UsernameToken;
    const password = typeof token?.Password === 'object' && token.Password !== null ? (token.Password as { $value?: unknown }).$value : token?.Password;
    if (token?.Username !== credentials.username || password !== credentials.password) {
      throw new SimkimFault('soap:Client', `${SIMKIM_FAULT_CODES.AUTH} Otentikasi gagal: username atau password salah`);
    }
  };
  const lookup = (niks: readonly string[]): PasporDto[] => {
    for (const nik of niks) {
      if (!NIK_FORMAT.test(nik)) throw new SimkimFault('soap:Client', `${SIMKIM_FAULT_CODES.INVALID_NIK} NIK tidak valid: harus 16 digit`);
    }
    return [...new Set(niks)].flatMap((nik) => (byNik.get(nik) ?? []).map(toDto));
  };
  return {
    PasporService: {
      PasporServicePort: {
        [SIMKIM_OPERATIONS.byNik]: (args: { nik?: unknown }, _callback?: unknown, headers?: unknown) => {
          authenticate(headers);
          return pasporResponse(lookup([typeof args?.nik === 'string' ? args.nik : '']));
        },
        [SIMKIM_OPERATIONS.byNikList]: (args: { nik?: unknown }, _callback?: unknown, headers?: unknown) => {
          authenticate(headers);
          // One <nik> arrives as a string, several as an array.
          const raw = args?.nik === undefined ? [] : Array.isArray(args.nik) ? args.nik : [args.nik];
          if (raw.length > SIMKIM_MAX_BATCH) {
            throw new SimkimFault('soap:Client', `${SIMKIM_FAULT_CODES.BATCH_TOO_LARGE} Jumlah NIK ${raw.length} melebihi batas ${SIMKIM_MAX_BATCH}`);
          }
          return pasporResponse(lookup(raw.map((nik) => (typeof nik === 'string' ? nik : ''))));
        },
        [SIMKIM_OPERATIONS.submitApplication]: (args: Record<string, unknown> | undefined, _callback?: unknown, headers?: unknown) => {
          authenticate(headers);
          try {
            const permohonan = applications.submit(readAjukanArgs(args));
            return { return: { kodeRespon: SIMKIM_RESPONSE_CODES.FOUND, pesanRespon: 'PERMOHONAN DITERIMA', jumlahData: '1', permohonan: [permohonan] } };
          } catch (error) {
            throw asFault(error);
          }
        },
        [SIMKIM_OPERATIONS.applicationsByNik]: (args: { nik?: unknown } | undefined, _callback?: unknown, headers?: unknown) => {
          authenticate(headers);
          try {
            return permohonanResponse(applications.byNik(elementText(args?.nik) ?? ''));
          } catch (error) {
            throw asFault(error);
          }
        },
      },
    },
  };
}

function soapFaultEnvelope(faultcode: string, faultstring: string): string {
  const escaped = faultstring.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>' +
    `<faultcode>${faultcode}</faultcode><faultstring>${escaped}</faultstring>` +
    '</soap:Fault></soap:Body></soap:Envelope>'
  );
}
