import type { RegistryAddressParts } from '../crosscheck';
import { GatewayError, describeGraphqlErrors, type GraphqlClient } from './graphql-client';
import type { InputColumn } from './input-columns';

/** The civil registry's values of one citizen, as far as the reconciled columns need them. */
export interface RegistryCitizen {
  nik: string;
  fullName?: string | null;
  birthDate?: string | null;
  birthPlace?: string | null;
  sex?: string | null;
  motherName?: string | null;
  maritalStatus?: string | null;
  address?: RegistryAddressParts | null;
}

/** What reconciliation needs from the registry; the gateway in production, a fake in tests. */
export interface RegistryClient {
  /** One entry per NIK, same order; null for a NIK the registry does not know. Throws GatewayError when it cannot answer. */
  fetchCitizens(niks: readonly string[], columns: readonly InputColumn[]): Promise<Array<RegistryCitizen | null>>;
}

/** The gateway's `citizens(niks:)` accepts at most this many NIKs (DESIGN.md section 3). */
export const MAX_CITIZENS_PER_QUERY = 100;

export function registryQuery(columns: readonly InputColumn[]): string {
  return `query Reconcile($niks: [NIK!]!) { citizens(niks: $niks) { nik ${columns.map((column) => column.registrySelection).join(' ')} } }`;
}

/**
 * The registry through the gateway's batched `citizens(niks:)` query, asking only for the
 * fields of the columns present. Any GraphQL error fails the batch: an error means the
 * registry's answer cannot be trusted (a null citizen with an error is "could not ask", not
 * "unknown NIK"), and a citizen answered for another NIK than asked is refused outright.
 */
export function gatewayRegistryClient(client: GraphqlClient): RegistryClient {
  return {
    async fetchCitizens(niks, columns) {
      if (niks.length === 0) return [];
      if (niks.length > MAX_CITIZENS_PER_QUERY) throw new RangeError(`at most ${MAX_CITIZENS_PER_QUERY} NIKs per query, got ${niks.length}`);
      const answer = await client.request<{ citizens?: Array<RegistryCitizen | null> | null }>(registryQuery(columns), { niks });
      if (answer.errors.length > 0) {
        throw new GatewayError('graphql', `the gateway at ${client.url} answered with errors: ${describeGraphqlErrors(answer.errors)}`);
      }
      const citizens = answer.data?.citizens;
      if (!Array.isArray(citizens) || citizens.length !== niks.length) {
        throw new GatewayError('bad-response', `the gateway at ${client.url} answered citizens with ${Array.isArray(citizens) ? citizens.length : 'no'} entries for ${niks.length} NIKs`);
      }
      citizens.forEach((citizen, index) => {
        if (citizen !== null && citizen.nik !== niks[index]) {
          throw new GatewayError('bad-response', `the gateway at ${client.url} answered entry ${index + 1} of citizens for another NIK than asked`);
        }
      });
      return citizens;
    },
  };
}
