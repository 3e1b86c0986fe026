import { buildSubgraphSchema } from '@apollo/subgraph';
import { createHash } from 'node:crypto';
import { parse } from 'graphql';
import type { AgencyModule, RunningSimulator } from '../agency-module';
import type { BuiltSubgraph } from '../build-subgraph';
import { federationHeader, satuDefinitions } from '../directives';
import { toAgencyGraphQLError } from '../errors';
import { legacyFetchText, parseLegacyJson } from '../legacy-http';
import { createBatchLoader } from '../loaders';
import { DateScalar, NikScalar } from '../scalars';
import { FaultInjector } from '../simulator/faults';
import { startHttpSimulator } from '../simulator/simulator-http';
import { startSubgraphServer } from '../subgraph-server';

/**
 * Synthetic mall tenants, for running the gateway at the size of a real mall (42 tenants)
 * and beyond (100). Each is a real subgraph over a real loopback legacy simulator with a
 * batch call, contributing one `Citizen` field of a few subfields; their records are
 * derived from the NIK (no data directory needed). Built from SDL rather than type-graphql
 * classes because they are made in a loop at run time.
 */

interface TenantRecord {
  accountNumber: string | null;
  /** NONE: the tenant answered and holds no account (an answer, not a failure). */
  status: 'ACTIVE' | 'CLOSED' | 'NONE';
  openedOn: string | null;
}

const NO_ACCOUNT: TenantRecord = { accountNumber: null, status: 'NONE', openedOn: null };

export interface SyntheticTenantNames {
  /** Subgraph name, e.g. "tenant-042". */
  name: string;
  /** The Citizen field it adds, e.g. "tenant042Account". */
  field: string;
  /** Its object type, e.g. "Tenant042Account". */
  typeName: string;
}

export function syntheticTenantNames(index: number): SyntheticTenantNames {
  const number = String(index).padStart(3, '0');
  return { name: `tenant-${number}`, field: `tenant${number}Account`, typeName: `Tenant${number}Account` };
}

/** The record a tenant holds for a NIK, or null (about 30% hold none): a pure function of both. */
export function syntheticRecord(tenant: string, nik: string): TenantRecord | null {
  const digest = createHash('sha256').update(`${tenant}:${nik}`).digest();
  if ((digest[0] ?? 0) < 77) return null;
  const year = 2000 + ((digest[1] ?? 0) % 26);
  const month = 1 + ((digest[2] ?? 0) % 12);
  const day = 1 + ((digest[3] ?? 0) % 28);
  return {
    accountNumber: digest.readUInt32BE(4).toString().padStart(10, '0'),
    status: (digest[8] ?? 0) < 200 ? 'ACTIVE' : 'CLOSED',
    openedOn: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  };
}

function tenantSdl(names: SyntheticTenantNames): string {
  const source = (field: string): string => `@source(system: "${names.name.toUpperCase()}-LEGACY", operation: "POST /accounts", field: "${field}")`;
  return `${federationHeader()}

type Citizen @key(fields: "nik") {
  nik: NIK!
  "Synthetic tenant account (mall-scale benchmarks); status NONE = no account. null = the tenant could not answer."
  ${names.field}: ${names.typeName} ${source('accounts')} @personalData(category: IDENTITY)
}

type ${names.typeName} {
  accountNumber: String ${source('account_no')} @personalData(category: IDENTITY)
  status: String! ${source('status')}
  openedOn: Date ${source('opened')}
}

scalar NIK
scalar Date

${satuDefinitions()}
`;
}

interface TenantContext {
  accounts: ReturnType<typeof createBatchLoader<TenantRecord>>;
}

function buildTenantSubgraph(names: SyntheticTenantNames, client?: (niks: readonly string[]) => Promise<ReadonlyMap<string, TenantRecord>>): BuiltSubgraph {
  const sdl = tenantSdl(names);
  const schema = buildSubgraphSchema([
    {
      typeDefs: parse(sdl),
      resolvers: {
        NIK: NikScalar,
        Date: DateScalar,
        Citizen: {
          __resolveReference: (reference: { nik: string }) => ({ ...reference }),
          [names.field]: async (citizen: { nik: string }, _args: unknown, context: TenantContext) => {
            if (!client) throw new Error('schema built without a client');
            try {
              return (await context.accounts.load(citizen.nik)) ?? NO_ACCOUNT;
            } catch (error) {
              throw toAgencyGraphQLError(error, names.name);
            }
          },
        },
      } as never,
    },
  ]);
  return { name: names.name, schema, sdl };
}

/** One synthetic tenant as an AgencyModule, so the demo stack and the bench treat it like a real agency. */
export function createSyntheticTenant(index: number): AgencyModule {
  const names = syntheticTenantNames(index);
  return {
    name: names.name,
    title: `Synthetic tenant ${index}`,
    legacySystem: `${names.name.toUpperCase()}-LEGACY`,
    defaultPorts: { simulator: 5000 + index, subgraph: 6000 + index },
    buildSchema: async () => buildTenantSubgraph(names),

    async startSimulator(options): Promise<RunningSimulator> {
      const faults = new FaultInjector(options.faults);
      const simulator = await startHttpSimulator({
        host: options.host,
        port: options.port,
        faults,
        operationOf: () => 'accounts',
        answer: ({ body }) => {
          const niks = (JSON.parse(body || '{}') as { niks?: unknown }).niks;
          if (!Array.isArray(niks)) return { status: 400, body: '{"error":"niks must be an array"}' };
          const accounts = niks.flatMap((nik) => {
            const record = typeof nik === 'string' ? syntheticRecord(names.name, nik) : null;
            return record ? [{ nik, account_no: record.accountNumber, status: record.status, opened: record.openedOn }] : [];
          });
          return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accounts }) };
        },
      });
      return { name: `${names.name}-simulator`, url: simulator.url, stop: () => simulator.close(), setFaults: (update) => void faults.update(update), stats: () => simulator.stats() };
    },

    async startSubgraph(options) {
      const fetchMany = async (niks: readonly string[]): Promise<ReadonlyMap<string, TenantRecord>> => {
        const text = await legacyFetchText(`${options.legacyLocation}/accounts`, {
          agency: names.name,
          timeoutMs: options.legacyTimeoutMs,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ niks }),
        });
        const answer = parseLegacyJson(names.name, text) as { accounts?: Array<{ nik: string; account_no: string; status: 'ACTIVE' | 'CLOSED'; opened: string }> };
        return new Map((answer.accounts ?? []).map((row) => [row.nik, { accountNumber: row.account_no, status: row.status, openedOn: row.opened }]));
      };
      return startSubgraphServer<TenantContext>({
        built: buildTenantSubgraph(names, fetchMany),
        host: options.host,
        port: options.port,
        gatewayContext: options.gatewayContext,
        createContext: () => ({ accounts: createBatchLoader(fetchMany) }),
      });
    },

    // Records are derived from the NIK: nothing to write.
    seed: async () => undefined,
  };
}

/** Synthetic tenants numbered from `firstIndex`, `count` of them. */
export function createSyntheticTenants(count: number, firstIndex = 1): AgencyModule[] {
  return Array.from({ length: count }, (_, offset) => createSyntheticTenant(firstIndex + offset));
}
