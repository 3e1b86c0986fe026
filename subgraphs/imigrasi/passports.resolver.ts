import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Access, PersonalData, Source } from '../kit/directives';
import { toAgencyGraphQLError } from '../kit/errors';
import { createLogger } from '../kit/logger';
import { maskNik } from '../kit/nik';
import { ImigrasiCitizen } from './imigrasi-citizen.type';
import type { ImigrasiContext } from './imigrasi.loaders';
import { AGENCY } from './imigrasi.mapper';
import { SIMKIM_OPERATIONS } from './legacy/simkim.wire';
import type { PassportRecord } from './passport.records';
import { Passport, SIMKIM } from './passport.type';

const logger = createLogger('subgraph:imigrasi');

@Resolver(() => ImigrasiCitizen)
export class PassportsResolver {
  @FieldResolver(() => [Passport], {
    nullable: true,
    description: 'Passports imigrasi holds for the citizen, oldest first. [] = none; null = imigrasi could not answer (see errors).',
  })
  @Source(SIMKIM, SIMKIM_OPERATIONS.byNikList, 'return/paspor')
  @PersonalData('TRAVEL')
  @Access('passport:read')
  async passports(@Root() citizen: ImigrasiCitizen, @Ctx() context: ImigrasiContext): Promise<readonly PassportRecord[]> {
    try {
      return (await context.loaders.passportsByNik.load(citizen.nik)) ?? [];
    } catch (error) {
      // The message may name hosts or SIMKIM fault texts: logs only; the client gets the catalogue text.
      logger.warn({ nik: maskNik(citizen.nik), err: (error as Error).message }, 'imigrasi passports unavailable');
      throw toAgencyGraphQLError(error, AGENCY);
    }
  }
}
