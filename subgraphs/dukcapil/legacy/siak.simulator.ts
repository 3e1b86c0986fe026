import { FaultInjector, type FaultSettings } from '../../kit/simulator/faults';
import {
  startHttpSimulator,
  type RunningSimulator,
  type SimulatorReply,
  type SimulatorRequest,
} from '../../kit/simulator/simulator-http';
import {
  SIAK_BATCH_LIMIT,
  SIAK_OPERATIONS,
  SIAK_RESPON,
  SIAK_VERDICT,
  SIAK_VERIFY_ELEMENTS,
  siakEnvelope,
  type SiakCredentialsBody,
  type SiakVerifyElement,
} from '../siak.wire';
import { SiakStore, type StoredRow } from './siak.store';

export interface SiakSimulatorOptions {
  /** `<dataDir>/dukcapil`, holding penduduk.json. */
  agencyDir: string;
  host: string;
  port: number;
  faults?: Partial<FaultSettings>;
  /** What the service accepts in `user_id` / `password` (ip_user must only be present). */
  credentials: SiakCredentialsBody;
}

const KNOWN_OPERATIONS = new Set<string>(Object.values(SIAK_OPERATIONS));
const PATH = /^\/dukcapil\/get_json\/[A-Za-z0-9_-]+\/([A-Z_]+)$/;

/**
 * Imitates SIAK's partner web service over loopback: POST + JSON, credentials in the body,
 * a paging envelope, and messages (not found, login failed) inside `content` with HTTP 200.
 * Latency and faults come from the kit's HTTP simulator shell.
 */
export async function startSiakSimulator(options: SiakSimulatorOptions): Promise<RunningSimulator> {
  const store = await SiakStore.load(options.agencyDir);
  return startHttpSimulator({
    host: options.host,
    port: options.port,
    faults: new FaultInjector(options.faults ?? {}),
    operationOf: (request) => operationOf(request.path) ?? 'unknown',
    answer: (request) => answer(store, options.credentials, request),
  });
}

function operationOf(path: string): string | null {
  const operation = PATH.exec(path)?.[1];
  return operation !== undefined && KNOWN_OPERATIONS.has(operation) ? operation : null;
}

function answer(store: SiakStore, credentials: SiakCredentialsBody, request: SimulatorRequest): SimulatorReply {
  const operation = operationOf(request.path);
  if (operation === null) return html(404, 'Not Found');
  if (request.request.method !== 'POST') return html(405, 'Method Not Allowed');
  let body: unknown;
  try {
    body = JSON.parse(request.body);
  } catch {
    return content([{ RESPON: SIAK_RESPON.badRequest }]);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return content([{ RESPON: SIAK_RESPON.badRequest }]);
  const fields = body as Record<string, unknown>;
  // SIAK checks the credentials on every call and answers a refusal like any other message.
  if (fields.user_id !== credentials.user_id || fields.password !== credentials.password || typeof fields.ip_user !== 'string' || fields.ip_user === '') {
    return content([{ RESPON: SIAK_RESPON.loginFailed }]);
  }
  switch (operation) {
    case SIAK_OPERATIONS.byNik: {
      const row = typeof fields.NIK === 'string' ? store.byNik(fields.NIK) : undefined;
      return row ? content([row]) : notFound();
    }
    case SIAK_OPERATIONS.batch: {
      const niks = fields.NIK;
      if (!Array.isArray(niks) || !niks.every((nik): nik is string => typeof nik === 'string')) {
        return content([{ RESPON: SIAK_RESPON.badRequest }]);
      }
      if (niks.length > SIAK_BATCH_LIMIT) return content([{ RESPON: SIAK_RESPON.batchTooLarge }]);
      // One entry per NIK asked, in order; an unknown NIK gets its own message row.
      return content(niks.map((nik) => store.byNik(nik) ?? { NIK: nik, RESPON: SIAK_RESPON.notFound }));
    }
    case SIAK_OPERATIONS.familyCard: {
      const members = typeof fields.NO_KK === 'string' ? store.byFamilyCard(fields.NO_KK) : [];
      return members.length > 0 ? content([...members]) : notFound();
    }
    case SIAK_OPERATIONS.verify: {
      const row = typeof fields.NIK === 'string' ? store.byNik(fields.NIK) : undefined;
      return row ? content([verdicts(row, fields)]) : notFound();
    }
    default:
      return html(404, 'Not Found');
  }
}

/** "Sesuai" / "Tidak Sesuai" for each element the caller sent; the registry's values never leave. */
function verdicts(row: StoredRow, fields: Record<string, unknown>): Record<string, string> {
  const result: Record<string, string> = { NIK: SIAK_VERDICT.match };
  for (const element of SIAK_VERIFY_ELEMENTS) {
    const claimed = fields[element];
    if (claimed === undefined) continue;
    result[element] = sameElement(element, row[element], claimed) ? SIAK_VERDICT.match : SIAK_VERDICT.noMatch;
  }
  return result;
}

/** Exact after normalizing case and spacing; dates compared as calendar dates (1-3-1990 = 01-03-1990). */
function sameElement(element: SiakVerifyElement, stored: unknown, claimed: unknown): boolean {
  if (typeof stored !== 'string' || typeof claimed !== 'string') return false;
  if (element === 'TGL_LHR') {
    const a = dateParts(stored);
    const b = dateParts(claimed);
    return a !== null && b !== null && a.every((part, index) => part === b[index]);
  }
  const normalize = (value: string): string => value.trim().replace(/\s+/g, ' ').toUpperCase();
  return normalize(stored) === normalize(claimed);
}

function dateParts(value: string): number[] | null {
  const match = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(value.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : null;
}

function content(rows: readonly object[]): SimulatorReply {
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(siakEnvelope([...rows])) };
}

function notFound(): SimulatorReply {
  return content([{ RESPON: SIAK_RESPON.notFound }]);
}

/** What SIAK's servlet container answers for a wrong path or method. */
function html(status: number, title: string): SimulatorReply {
  return { status, headers: { 'content-type': 'text/html' }, body: `<html><body><h1>HTTP Status ${status} - ${title}</h1></body></html>` };
}
