import { GraphQLError } from 'graphql';
import { Args, ArgsType, Ctx, Directive, Field, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Access, PersonalData, Source } from '../kit/directives';
import { satuError, toAgencyGraphQLError } from '../kit/errors';
import { createLogger } from '../kit/logger';
import { maskNik } from '../kit/nik';
import { NikScalar } from '../kit/scalars';
import { ImigrasiCitizen } from './imigrasi-citizen.type';
import type { ImigrasiContext } from './imigrasi.loaders';
import { AGENCY } from './imigrasi.mapper';
import { SIMKIM_OPERATIONS } from './legacy/simkim.wire';
import { PassportApplicationRefused, type PassportApplicationRecord } from './passport-application.records';
import { PassportApplication } from './passport-application.type';
import type { PassportType } from './passport.records';
import { PassportTypeEnum, SIMKIM } from './passport.type';

const logger = createLogger('subgraph:imigrasi');

/** Longer than any office name SIMKIM knows; more is a typing accident, not an office. */
const OFFICE_MAX_LENGTH = 100;

/** An @ArgsType keeps the arguments in this order in the SDL (parameter decorators would print them reversed). */
@ArgsType()
class ApplyForPassportArgs {
  @Field(() => NikScalar)
  nik!: string;

  @Field(() => PassportTypeEnum, { description: 'ORDINARY (PB) or ELECTRONIC (PE); imigrasi refuses the others here.' })
  passportType!: PassportType;

  @Field(() => String, { nullable: true, description: "Immigration office name; omitted = the mall's passport counter." })
  office?: string | null;
}

@Resolver(() => ImigrasiCitizen)
export class PassportApplicationsResolver {
  /**
   * Files the application with NIK, type and office only. The gateway has already run the
   * identity check (`@requiresConsistentIdentity`) and refused on a mismatch; SIMKIM fills the
   * data page from the civil registry itself (assumed integration, README.md), so the
   * application carries the registry's identity, never imigrasi's older copy.
   */
  @Mutation(() => PassportApplication, {
    description:
      'Applies for an ORDINARY or ELECTRONIC passport at imigrasi. Refused by the gateway with IDENTITY_MISMATCH while an ' +
      "agency's copy of the citizen's identity disagrees with the civil registry.",
  })
  @Directive('@requiresConsistentIdentity(nikArgument: "nik")')
  @Source(SIMKIM, SIMKIM_OPERATIONS.submitApplication, 'return/permohonan')
  @PersonalData('TRAVEL')
  async applyForPassport(@Args() { nik, passportType, office }: ApplyForPassportArgs, @Ctx() context: ImigrasiContext): Promise<PassportApplicationRecord> {
    const wantedOffice = officeArgument(office);
    try {
      return await context.client.submitPassportApplication({ nik, passportType, ...(wantedOffice === undefined ? {} : { office: wantedOffice }) });
    } catch (error) {
      if (error instanceof PassportApplicationRefused) {
        logger.info({ nik: maskNik(nik), reason: error.reason }, 'imigrasi refused a passport application');
        throw satuError('BAD_USER_INPUT', error.message, {
          agency: AGENCY,
          reason: error.reason,
          ...(error.openApplicationNumber === null ? {} : { applicationNumber: error.openApplicationNumber }),
        });
      }
      // Not known whether SIMKIM filed it (a timeout may come after its commit): the caller should read passportApplications before retrying.
      logger.warn({ nik: maskNik(nik), err: (error as Error).message }, 'imigrasi passport application failed');
      throw toAgencyGraphQLError(error, AGENCY);
    }
  }

  @FieldResolver(() => [PassportApplication], {
    nullable: true,
    description: 'Passport applications imigrasi holds for the citizen, oldest first. [] = none; null = imigrasi could not answer (see errors).',
  })
  @Source(SIMKIM, SIMKIM_OPERATIONS.applicationsByNik, 'return/permohonan')
  @PersonalData('TRAVEL')
  @Access('passport:read')
  async passportApplications(@Root() citizen: ImigrasiCitizen, @Ctx() context: ImigrasiContext): Promise<readonly PassportApplicationRecord[]> {
    try {
      return (await context.loaders.passportApplicationsByNik.load(citizen.nik)) ?? [];
    } catch (error) {
      logger.warn({ nik: maskNik(citizen.nik), err: (error as Error).message }, 'imigrasi passport applications unavailable');
      throw toAgencyGraphQLError(error, AGENCY);
    }
  }
}

/** The office argument trimmed; undefined when omitted; BAD_USER_INPUT when blank or absurdly long. */
function officeArgument(office: string | null | undefined): string | undefined {
  if (office === null || office === undefined) return undefined;
  const trimmed = office.trim();
  if (trimmed === '') throw badOffice('office must not be blank; omit it to apply at the mall\'s passport counter');
  if (trimmed.length > OFFICE_MAX_LENGTH) throw badOffice(`office must be at most ${OFFICE_MAX_LENGTH} characters`);
  return trimmed;
}

function badOffice(message: string): GraphQLError {
  return satuError('BAD_USER_INPUT', message);
}
