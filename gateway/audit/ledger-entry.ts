import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/**
 * One access-ledger entry: one GraphQL operation, who asked it, why, about whom, what was read
 * and how it ended (issue 6, item 6). NIKs are kept in full: the ledger is the one place they are
 * kept, because auditors and the citizens themselves must be able to find every read of a NIK.
 */

/** How the operation ended. PARTIAL: answered, some fields null with errors (an agency down, a field forbidden). */
export const LEDGER_OUTCOMES = ['OK', 'PARTIAL', 'REFUSED', 'ERROR'] as const;
export type LedgerOutcome = (typeof LEDGER_OUTCOMES)[number];

/** What the gateway hands the ledger for one operation; the ledger adds the sequence and the hashes. */
export interface LedgerEntryDraft {
  /** When the operation was answered. @default the time append() is called */
  time?: Date;
  requestId: string;
  traceId?: string | null;
  clientId: string;
  role: string;
  /** The X-Satu-Purpose code; null for operations that read no personal data. */
  purpose: string | null;
  operationName: string | null;
  /** SHA-256 (hex) of the operation document, as the safelist and the registry's usage name it. */
  operationHash: string;
  /** NIKs given in the operation's arguments and variables. */
  argumentNiks: readonly string[];
  /** NIKs that appear in the answer (family members, spouses, co-owners included). */
  answerNiks: readonly string[];
  /** Field coordinates resolved (`Citizen.vehicles`, `Query.citizen`, `Query.citizen.nik`). */
  coordinates: readonly string[];
  /** Agencies (subgraph names) the plan called. */
  agencies: readonly string[];
  outcome: LedgerOutcome;
  /** The error codes in the answer (FORBIDDEN, AGENCY_TIMEOUT, ...); empty when none. */
  errorCodes: readonly string[];
  latencyMs: number;
}

/** The hashed content of an entry, before it has a place in the chain. Lists are sorted and without duplicates. */
export interface LedgerEntryContent {
  time: string;
  requestId: string;
  traceId: string | null;
  clientId: string;
  role: string;
  purpose: string | null;
  operationName: string | null;
  operationHash: string;
  argumentNiks: string[];
  answerNiks: string[];
  coordinates: string[];
  agencies: string[];
  outcome: LedgerOutcome;
  errorCodes: string[];
  latencyMs: number;
}

/** An entry as stored: its content, its place in the chain and its hash. */
export interface LedgerEntry extends LedgerEntryContent {
  sequence: number;
  /** The format the hash was computed in; see entryHash. */
  formatVersion: number;
  previousHash: string;
  hash: string;
}

/** The previous hash of entry 1. Fixed, so that a chain cannot be started over from another value unnoticed. */
export const GENESIS_HASH = '0'.repeat(64);
export const ENTRY_FORMAT_VERSION = 1;

export class LedgerEntryError extends Error {}

const NIK_SYNTAX = /^[0-9]{16}$/;
const HEX_256 = /^[0-9a-f]{64}$/;
/** Ids, names and codes are short; anything longer is a wiring mistake, not an operation to record. */
const MAX_TEXT = 256;
/** Far above what any one operation reads (100 citizens and their families); a bound so one bad entry cannot fill the disk. */
const MAX_LIST = 20_000;
const MAX_LATENCY_MS = 24 * 3600 * 1000;

function text(value: unknown, field: string, options: { optional?: boolean } = {}): string | null {
  if (value === null || value === undefined) {
    if (options.optional) return null;
    throw new LedgerEntryError(`the ledger entry's ${field} is missing`);
  }
  if (typeof value !== 'string' || value.length === 0) throw new LedgerEntryError(`the ledger entry's ${field} must be a non-empty string`);
  if (value.length > MAX_TEXT) throw new LedgerEntryError(`the ledger entry's ${field} is ${value.length} characters long; at most ${MAX_TEXT}`);
  if (/[\u0000-\u001f\u007f]/.test(value)) throw new LedgerEntryError(`the ledger entry's ${field} holds a control character`);
  return value;
}

function list(values: unknown, field: string, check: (item: string) => boolean, what: string): string[] {
  if (!Array.isArray(values)) throw new LedgerEntryError(`the ledger entry's ${field} must be a list`);
  if (values.length > MAX_LIST) throw new LedgerEntryError(`the ledger entry's ${field} has ${values.length} items; at most ${MAX_LIST}`);
  const unique = new Set<string>();
  for (const value of values) {
    if (typeof value !== 'string' || !check(value)) throw new LedgerEntryError(`the ledger entry's ${field} holds ${JSON.stringify(String(value).slice(0, 40))}, which is not ${what}`);
    unique.add(value);
  }
  return [...unique].sort();
}

const isShortText = (value: string): boolean => value.length > 0 && value.length <= MAX_TEXT && !/[\u0000-\u001f\u007f]/.test(value);

/**
 * Checks a draft and turns it into the content that is hashed: lists sorted and deduplicated (so
 * the same operation always hashes the same), latency rounded to whole milliseconds. NIKs are
 * checked for their syntax only (16 ASCII digits): a NIK the civil registry does not know may
 * still have been asked about, and that read must be recorded too.
 */
export function entryContentOf(draft: LedgerEntryDraft, now: Date = new Date()): LedgerEntryContent {
  if (draft === null || typeof draft !== 'object') throw new LedgerEntryError('the ledger entry draft must be an object');
  const time = draft.time ?? now;
  if (!(time instanceof Date) || Number.isNaN(time.getTime())) throw new LedgerEntryError("the ledger entry's time must be a valid Date");
  const operationHash = text(draft.operationHash, 'operationHash')!;
  if (!HEX_256.test(operationHash)) throw new LedgerEntryError("the ledger entry's operationHash must be a SHA-256 in lower-case hex (64 characters)");
  if (!LEDGER_OUTCOMES.includes(draft.outcome)) throw new LedgerEntryError(`the ledger entry's outcome must be one of ${LEDGER_OUTCOMES.join(', ')}, not ${JSON.stringify(draft.outcome)}`);
  if (typeof draft.latencyMs !== 'number' || !Number.isFinite(draft.latencyMs) || draft.latencyMs < 0 || draft.latencyMs > MAX_LATENCY_MS) {
    throw new LedgerEntryError(`the ledger entry's latencyMs must be a number of milliseconds from 0 to ${MAX_LATENCY_MS}`);
  }
  return {
    time: time.toISOString(),
    requestId: text(draft.requestId, 'requestId')!,
    traceId: text(draft.traceId, 'traceId', { optional: true }),
    clientId: text(draft.clientId, 'clientId')!,
    role: text(draft.role, 'role')!,
    purpose: text(draft.purpose, 'purpose', { optional: true }),
    operationName: text(draft.operationName, 'operationName', { optional: true }),
    operationHash,
    argumentNiks: list(draft.argumentNiks, 'argumentNiks', (nik) => NIK_SYNTAX.test(nik), 'a NIK of 16 digits'),
    answerNiks: list(draft.answerNiks, 'answerNiks', (nik) => NIK_SYNTAX.test(nik), 'a NIK of 16 digits'),
    coordinates: list(draft.coordinates, 'coordinates', isShortText, 'a field coordinate'),
    agencies: list(draft.agencies, 'agencies', isShortText, 'an agency name'),
    outcome: draft.outcome,
    errorCodes: list(draft.errorCodes, 'errorCodes', isShortText, 'an error code'),
    latencyMs: Math.round(draft.latencyMs),
  };
}

/**
 * The text an entry's hash is computed over: canonical JSON (canonical-json.ts) of every content
 * field plus `v` (format version), `sequence` and `previousHash`. Everything stored about the
 * entry is in it, so changing any column, moving the entry or unlinking it changes the hash.
 */
export function entryHashInput(entry: LedgerEntryContent & { sequence: number; previousHash: string; formatVersion?: number }): string {
  return canonicalJson({
    v: entry.formatVersion ?? ENTRY_FORMAT_VERSION,
    sequence: entry.sequence,
    time: entry.time,
    requestId: entry.requestId,
    traceId: entry.traceId,
    clientId: entry.clientId,
    role: entry.role,
    purpose: entry.purpose,
    operationName: entry.operationName,
    operationHash: entry.operationHash,
    argumentNiks: entry.argumentNiks,
    answerNiks: entry.answerNiks,
    coordinates: entry.coordinates,
    agencies: entry.agencies,
    outcome: entry.outcome,
    errorCodes: entry.errorCodes,
    latencyMs: entry.latencyMs,
    previousHash: entry.previousHash,
  });
}

/** SHA-256 (lower-case hex) of the entry's canonical text. */
export function entryHash(entry: LedgerEntryContent & { sequence: number; previousHash: string; formatVersion?: number }): string {
  return createHash('sha256').update(entryHashInput(entry), 'utf8').digest('hex');
}

/** Places content in the chain after `previousHash`. */
export function chainEntry(content: LedgerEntryContent, sequence: number, previousHash: string): LedgerEntry {
  const placed = { ...content, sequence, previousHash, formatVersion: ENTRY_FORMAT_VERSION };
  return { ...placed, hash: entryHash(placed) };
}
