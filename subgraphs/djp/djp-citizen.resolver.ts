import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Access, PersonalData, Source } from '../kit/directives';
import { toAgencyGraphQLError } from '../kit/errors';
import { createLogger } from '../kit/logger';
import { maskNik } from '../kit/nik';
import type { DjpContext } from './djp.context';
import { notRegistered, type TaxProfileRecord } from './djp.records';
import { DJP_AGENCY, DJP_EXPORT, DJP_SYSTEM } from './djp.system';
import { DjpCitizen } from './djp-citizen.type';
import { TaxProfile } from './tax-profile.type';

const logger = createLogger('subgraph:djp');

@Resolver(() => DjpCitizen)
export class DjpCitizenResolver {
  @FieldResolver(() => TaxProfile, {
    nullable: true,
    description: "The citizen's tax profile at DJP. A citizen who is not a taxpayer gets status NOT_REGISTERED; null = DJP could not answer (see errors).",
  })
  @Source(DJP_SYSTEM, DJP_EXPORT, 'NIK')
  @PersonalData('FINANCIAL')
  @Access('tax:read')
  async taxProfile(@Root() citizen: DjpCitizen, @Ctx() context: DjpContext): Promise<TaxProfileRecord> {
    try {
      return (await context.loaders.taxProfile.load(citizen.nik)) ?? notRegistered(citizen.nik, null);
    } catch (error) {
      // The message may name the file path: logs only, the client gets the catalogue text.
      logger.warn({ nik: maskNik(citizen.nik), err: (error as Error).message }, 'djp taxProfile unavailable');
      throw toAgencyGraphQLError(error, DJP_AGENCY);
    }
  }
}
