import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import { satuError } from '../../../subgraphs/kit/errors';
import { NikScalar } from '../../../subgraphs/kit/scalars';
import { entryHash } from '../ledger-entry';
import type { CitizenAccess, LedgerReader, TimeWindow } from '../ledger-reader';
import { auditSdl, MAX_ACCESS_LOG_ENTRIES } from './audit-sdl';
import { DateTimeScalar } from './date-time.scalar';

export interface AuditSubgraphDeps {
  /** Reads the ledger (new LedgerReader(db)). */
  reader: Pick<LedgerReader, 'entriesForNik' | 'fieldUsage'>;
}

const COORDINATE = /^[_A-Za-z][_0-9A-Za-z]*\.[_A-Za-z][_0-9A-Za-z]*(\.[_A-Za-z][_0-9A-Za-z]*)?$/;

function windowOf(args: { from?: string | null; to?: string | null }): TimeWindow {
  // The DateTime scalar has already turned both into the ledger's UTC notation.
  if (args.from && args.to && args.from > args.to) throw satuError('BAD_USER_INPUT', `"from" (${args.from}) is after "to" (${args.to}): give the earlier instant as from`);
  return { from: args.from ?? undefined, to: args.to ?? undefined };
}

function accessLogEntry(entry: CitizenAccess) {
  return {
    sequence: entry.sequence,
    time: entry.time,
    requestId: entry.requestId,
    traceId: entry.traceId,
    clientId: entry.clientId,
    role: entry.role,
    purpose: entry.purpose,
    operationName: entry.operationName,
    operationHash: entry.operationHash,
    fields: entry.coordinates,
    agencies: entry.agencies,
    outcome: entry.outcome,
    errorCodes: entry.errorCodes,
    latencyMs: entry.latencyMs,
    inArguments: entry.inArguments,
    inAnswer: entry.inAnswer,
    hash: entry.hash,
    hashMatches: entryHash(entry) === entry.hash,
  };
}

/**
 * The `audit` subgraph, executable: the auditor's view of the access ledger. It runs in the
 * gateway process (a local data source). Who may ask is the gateway's decision, from the
 * `@access(scopes: ["audit:read"])` on both fields.
 */
export function buildAuditSubgraphSchema(deps: AuditSubgraphDeps): GraphQLSchema {
  return buildSubgraphSchema([
    {
      typeDefs: parse(auditSdl()),
      resolvers: {
        NIK: NikScalar,
        DateTime: DateTimeScalar,
        Query: {
          accessLog: async (_root: unknown, args: { nik: string; from?: string | null; to?: string | null; first?: number | null }) => {
            const first = args.first ?? MAX_ACCESS_LOG_ENTRIES;
            if (!Number.isInteger(first) || first < 1 || first > MAX_ACCESS_LOG_ENTRIES) {
              throw satuError('BAD_USER_INPUT', `"first" must be from 1 to ${MAX_ACCESS_LOG_ENTRIES}, got ${first}; narrow the window with from/to for more`);
            }
            const entries = await deps.reader.entriesForNik(args.nik, windowOf(args), first);
            return entries.map(accessLogEntry);
          },
          fieldUsage: async (_root: unknown, args: { coordinate: string; from?: string | null; to?: string | null }) => {
            const coordinate = args.coordinate.trim();
            if (!COORDINATE.test(coordinate)) {
              throw satuError('BAD_USER_INPUT', `coordinate must be Type.field (Citizen.vehicles) or Type.field.argument (Query.citizen.nik), got "${coordinate.slice(0, 80)}"`);
            }
            return deps.reader.fieldUsage(coordinate, windowOf(args));
          },
        },
      } as never,
    },
  ]);
}
