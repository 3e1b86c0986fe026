import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Access, PersonalData, Source } from '../kit/directives';
import { toAgencyGraphQLError } from '../kit/errors';
import { createLogger } from '../kit/logger';
import { maskNik } from '../kit/nik';
import type { KuaContext } from './kua.context';
import type { MarriageRecord as MarriageRecordData } from './kua.records';
import { KUA_AGENCY, KUA_EXPORT, KUA_SYSTEM } from './kua.system';
import { KuaCitizen } from './kua-citizen.type';
import { MarriageRecord } from './marriage-record.type';

const logger = createLogger('subgraph:kua');

@Resolver(() => KuaCitizen)
export class KuaCitizenResolver {
  /** RELIGION: a record here reveals a Muslim marriage, whatever else the record says. */
  @FieldResolver(() => [MarriageRecord], {
    nullable: true,
    description:
      'Muslim marriages registered at a KUA (SIMKAH), the citizen as husband or wife. Only Muslim marriages are registered at KUA; ' +
      'other marriages are registered at the civil registry (Disdukcapil) and are not here, so [] does not mean unmarried. ' +
      '[] = KUA answered: none; null = KUA could not answer (see errors).',
  })
  @Source(KUA_SYSTEM, KUA_EXPORT, 'NIK_SUAMI,NIK_ISTRI')
  @PersonalData('RELIGION')
  @Access('marriage:read')
  async marriages(@Root() citizen: KuaCitizen, @Ctx() context: KuaContext): Promise<readonly MarriageRecordData[]> {
    try {
      return (await context.loaders.marriagesByNik.load(citizen.nik)) ?? [];
    } catch (error) {
      logger.warn({ nik: maskNik(citizen.nik), err: (error as Error).message }, 'kua marriages unavailable');
      throw toAgencyGraphQLError(error, KUA_AGENCY);
    }
  }
}
