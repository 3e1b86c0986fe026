import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import { DateScalar, NikScalar } from '../../../subgraphs/kit/scalars';
import { crosscheckSdl } from './crosscheck-sdl';
import { checkIdentity } from './identity-check';
import type { IdentityModel } from './identity-claims';
import type { CheckRecorder } from '../../store/check-recorder';
import type { IdentitySyncStore } from '../../store/identity-sync.store';

export interface CrosscheckServices {
  store: IdentitySyncStore;
  recorder: CheckRecorder;
}

/**
 * The crosscheck subgraph, executable. It runs inside the gateway process (a local data
 * source): no network hop, and no state of its own: everything it needs arrives in the
 * Citizen representation through `@requires`.
 */
export function buildCrosscheckSchema(model: IdentityModel, services: CrosscheckServices): GraphQLSchema {
  return buildSubgraphSchema([
    {
      typeDefs: parse(crosscheckSdl(model)),
      resolvers: {
        NIK: NikScalar,
        Date: DateScalar,
        Citizen: {
          // Keep the representation: it carries the @requires fields (STYLE.md pitfall 3).
          __resolveReference: (reference: Record<string, unknown>) => ({ ...reference }),
          identityCheck: (citizen: Record<string, unknown>) => {
            const result = checkIdentity(model, citizen);
            services.recorder.add(result.observations.map((observation) => ({ ...observation, nik: String(citizen.nik) })));
            return result;
          },
        },
        Query: {
          syncRequests: (_root: unknown, args: { agency: string; status?: 'OPEN' | 'CLOSED' }) => services.store.list(args.agency, args.status ?? undefined),
          identityDataQuality: (_root: unknown, args: { agency: string }) => services.store.dataQuality(args.agency),
        },
      } as never,
    },
  ]);
}
