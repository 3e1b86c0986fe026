import type { IncomingMessage } from 'node:http';
import type { RunningSimulator } from '../../kit/agency-module';
import { FaultInjector, type FaultSettings } from '../../kit/simulator/faults';
import { startHttpSimulator, type SimulatorReply, type SimulatorRequest } from '../../kit/simulator/simulator-http';
import { AGENCY, DEMO_CREDENTIALS } from '../bpjs-ketenagakerjaan.config';
import {
  SIPP_TK_BASE_PATH,
  SIPP_TK_BATCH_LIMIT,
  SIPP_TK_MESSAGES,
  SIPP_TK_STATUS,
  type SippTkCredentials,
  type SippTkEnvelope,
} from '../sipp-tk.wire';
import { loadSippTkStore, type SippTkStore } from './sipp-tk.store';

export interface SippTkSimulatorOptions {
  dataDir: string;
  host: string;
  port: number;
  faults?: Partial<FaultSettings>;
  /** Partner accounts the service accepts. @default [DEMO_CREDENTIALS] */
  accounts?: readonly SippTkCredentials[];
}

const BATCH_PATH = `${SIPP_TK_BASE_PATH}/api/kepesertaan/batch`;
const SINGLE_PATH = new RegExp(`^${SIPP_TK_BASE_PATH}/api/kepesertaan/([^/]+)$`);
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };
const NIK = /^[0-9]{16}$/;

function envelope(status: string, data: unknown, message = SIPP_TK_MESSAGES[status] ?? ''): SimulatorReply {
  const body: SippTkEnvelope = { status, message, data };
  return { status: 200, headers: JSON_HEADERS, body: JSON.stringify(body) };
}

/** What SIPP-TK's servlet container answers for a wrong path or method. */
function html(status: number, title: string, headers: Record<string, string> = {}): SimulatorReply {
  return { status, headers: { 'content-type': 'text/html', ...headers }, body: `<html><body><h1>HTTP Status ${status} - ${title}</h1></body></html>` };
}

/** The account in an `Authorization: Basic ...` header, or null when there is none we can read. */
function basicAccount(request: IncomingMessage): SippTkCredentials | null {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header.trim()) : null;
  if (!match) return null;
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function operationOf(request: SimulatorRequest): string {
  if (request.path === BATCH_PATH) return 'kepesertaan/batch';
  if (SINGLE_PATH.test(request.path)) return 'kepesertaan/nik';
  return 'other';
}

/** Answers one SIPP-TK call from the store, after the route and authentication checks. */
function createSippTkAnswer(store: SippTkStore, accounts: readonly SippTkCredentials[]) {
  return ({ request, path, body }: SimulatorRequest): SimulatorReply => {
    const isBatch = path === BATCH_PATH;
    // "batch" would also match the single look-up's {nik} segment.
    const single = isBatch ? null : SINGLE_PATH.exec(path);
    if (!isBatch && !single) return html(404, 'Not Found');
    if ((isBatch && request.method !== 'POST') || (single && request.method !== 'GET')) return html(405, 'Method Not Allowed');

    // The web tier refuses a request without Basic credentials; wrong credentials reach the
    // application, which answers them like any other outcome: HTTP 200, status 03 (SIPP-TK quirk).
    const account = basicAccount(request);
    if (!account) return html(401, 'Unauthorized', { 'www-authenticate': 'Basic realm="SIPP-TK"' });
    if (!accounts.some((known) => known.user === account.user && known.password === account.password)) {
      return envelope(SIPP_TK_STATUS.AUTH_FAILED, null);
    }

    if (single) {
      const nik = decodeURIComponent(single[1] ?? '');
      if (!NIK.test(nik)) return envelope(SIPP_TK_STATUS.BAD_PARAMETER, null, 'NIK HARUS 16 DIGIT');
      const row = store.get(nik);
      return row ? envelope(SIPP_TK_STATUS.OK, row) : envelope(SIPP_TK_STATUS.NOT_FOUND, null);
    }

    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return envelope(SIPP_TK_STATUS.BAD_PARAMETER, null, 'FORMAT JSON TIDAK VALID');
    }
    const niks = typeof parsed === 'object' && parsed !== null ? (parsed as { nik?: unknown }).nik : undefined;
    if (!Array.isArray(niks) || niks.length === 0 || !niks.every((nik): nik is string => typeof nik === 'string')) {
      return envelope(SIPP_TK_STATUS.BAD_PARAMETER, null, 'PARAMETER nik HARUS DAFTAR NIK');
    }
    if (niks.length > SIPP_TK_BATCH_LIMIT) {
      return envelope(SIPP_TK_STATUS.BAD_PARAMETER, null, `JUMLAH NIK MELEBIHI BATAS (MAKS ${SIPP_TK_BATCH_LIMIT})`);
    }
    // One entry per NIK asked, in request order.
    const entries = niks.map((nik) => {
      if (!NIK.test(nik)) return { NIK: nik, KODE_RESPON: SIPP_TK_STATUS.BAD_PARAMETER, KETERANGAN: 'NIK HARUS 16 DIGIT' };
      const row = store.get(nik);
      if (!row) return { NIK: nik, KODE_RESPON: SIPP_TK_STATUS.NOT_FOUND, KETERANGAN: SIPP_TK_MESSAGES[SIPP_TK_STATUS.NOT_FOUND] };
      return { KODE_RESPON: SIPP_TK_STATUS.OK, KETERANGAN: SIPP_TK_MESSAGES[SIPP_TK_STATUS.OK], ...row };
    });
    // SIPP-TK quirk: when no NIK of the batch is a member, the whole answer is status 01 with data null.
    if (entries.every((entry) => entry.KODE_RESPON === SIPP_TK_STATUS.NOT_FOUND)) return envelope(SIPP_TK_STATUS.NOT_FOUND, null);
    return envelope(SIPP_TK_STATUS.OK, entries);
  };
}

/**
 * BPJS Ketenagakerjaan's SIPP-TK membership service, served from the store on loopback:
 * `POST {url}/api/kepesertaan/batch` and `GET {url}/api/kepesertaan/{nik}` with HTTP Basic
 * auth, answering HTTP 200 envelopes `{status, message, data}`.
 */
export async function startSippTkSimulator(options: SippTkSimulatorOptions): Promise<RunningSimulator> {
  const store = await loadSippTkStore(options.dataDir);
  const faults = new FaultInjector(options.faults);
  const running = await startHttpSimulator({
    host: options.host,
    port: options.port,
    faults,
    operationOf,
    answer: createSippTkAnswer(store, options.accounts ?? [DEMO_CREDENTIALS]),
    // What the reverse proxy in front of SIPP-TK answers when the application server is down.
    errorReply: () => ({
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>',
    }),
    // An envelope cut off mid-row, as when the application server dies while streaming.
    malformedReply: () => ({ status: 200, headers: JSON_HEADERS, body: '{"status":"00","message":"SUKSES","data":[{"KODE_RESPON":"00","NIK":"1471' }),
  });
  return {
    name: `${AGENCY}-simulator`,
    url: `${running.url}${SIPP_TK_BASE_PATH}`,
    setFaults: (update) => {
      faults.update(update);
    },
    stats: () => running.stats(),
    stop: () => running.close(),
  };
}
