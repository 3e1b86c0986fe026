import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Access, PersonalData, Source } from '../kit/directives';
import { satuError, toAgencyGraphQLError } from '../kit/errors';
import { createLogger } from '../kit/logger';
import { maskNik } from '../kit/nik';
import { NikScalar } from '../kit/scalars';
import { DukcapilCitizen, FamilyCard } from './citizen.type';
import { DUKCAPIL, SIAK } from './dukcapil.config';
import type { DukcapilContext } from './dukcapil.context';
import type { CitizenRecord, FamilyCardRecord } from './dukcapil.records';
import { SIAK_BATCH_LIMIT, SIAK_OPERATIONS } from './siak.wire';

const logger = createLogger(`${DUKCAPIL}:resolver`);

/** Public contract: `citizens` takes at most this many NIKs. */
export const MAX_CITIZENS_PER_QUERY = SIAK_BATCH_LIMIT;

/**
 * Logs what went wrong (the LegacyError message may name hosts: logs only) and gives the
 * client the coded, agency-tagged error.
 */
export function failed(error: unknown, what: string, key: string): never {
  logger.warn({ err: error instanceof Error ? error.message : String(error), key: maskNik(key) }, `${what} failed`);
  throw toAgencyGraphQLError(error, DUKCAPIL);
}

@Resolver(() => DukcapilCitizen)
export class CitizenResolver {
  @Query(() => DukcapilCitizen, { nullable: true, description: 'The resident with this NIK; null when the civil registry does not know it.' })
  @Source(SIAK, SIAK_OPERATIONS.batch, 'NIK')
  citizen(@Arg('nik', () => NikScalar) nik: string, @Ctx() { loaders }: DukcapilContext): Promise<CitizenRecord | null> {
    return loaders.citizen.load(nik).catch((error: unknown) => failed(error, 'citizen look-up', nik));
  }

  @Query(() => [DukcapilCitizen], {
    nullable: 'items',
    description: `Up to ${MAX_CITIZENS_PER_QUERY} residents in the order asked; null for a NIK the registry does not know.`,
  })
  @Source(SIAK, SIAK_OPERATIONS.batch, 'NIK')
  citizens(
    @Arg('niks', () => [NikScalar]) niks: string[],
    @Ctx() { loaders }: DukcapilContext,
  ): Array<Promise<CitizenRecord | null>> {
    // Refused before any legacy call: the NIK scalar has already validated every element.
    if (niks.length > MAX_CITIZENS_PER_QUERY) {
      throw satuError(
        'BAD_USER_INPUT',
        `citizens takes at most ${MAX_CITIZENS_PER_QUERY} NIKs per query, got ${niks.length}; split the list into several queries`,
      );
    }
    // One promise per item: a failed batch nulls its own items, each with a coded error at its index.
    return niks.map((nik) => loaders.citizen.load(nik).catch((error: unknown) => failed(error, 'citizen look-up', nik)));
  }

  @FieldResolver(() => FamilyCard, { nullable: true, description: 'The family card the resident is listed on.' })
  @Source(SIAK, SIAK_OPERATIONS.familyCard, 'NO_KK')
  @PersonalData('FAMILY')
  @Access('identity:read')
  familyCard(@Root() citizen: CitizenRecord, @Ctx() { loaders }: DukcapilContext): Promise<FamilyCardRecord | null> | null {
    if (citizen.familyCardNumber === null) return null;
    return loaders.familyCard.load(citizen.familyCardNumber).catch((error: unknown) => failed(error, 'family card look-up', citizen.nik));
  }
}
