import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Access, PersonalData, Source } from '../kit/directives';
import { toAgencyGraphQLError } from '../kit/errors';
import { createLogger } from '../kit/logger';
import { maskNik } from '../kit/nik';
import { AGENCY } from './business.mapper';
import type { BusinessRecord } from './business.records';
import { Business } from './business.type';
import { OssCitizen } from './oss-citizen.type';
import type { OssContext } from './oss.loaders';
import { NIB_BY_OWNER, OSS_RBA } from './oss-rba.wire';

const logger = createLogger('oss:resolver');

@Resolver(() => OssCitizen)
export class OssCitizenResolver {
  @FieldResolver(() => [Business], {
    nullable: true,
    description: 'Businesses registered at OSS in which the citizen is a responsible person. [] = none; null = OSS could not answer (see the error).',
  })
  @Source(OSS_RBA, NIB_BY_OWNER, 'data.daftar_nib')
  @PersonalData('BUSINESS')
  @Access('business:read')
  async businesses(@Root() citizen: OssCitizen, @Ctx() context: OssContext): Promise<BusinessRecord[]> {
    try {
      return (await context.loaders.businessesByOwner.load(citizen.nik)) ?? [];
    } catch (error) {
      // The message may name hosts or OSS texts: logs only, the client gets the catalogue text.
      logger.warn({ nik: maskNik(citizen.nik), err: (error as Error).message }, 'businesses failed');
      throw toAgencyGraphQLError(error, AGENCY);
    }
  }
}
