import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Access, PersonalData, Source } from '../kit/directives';
import { LegacyError, toAgencyGraphQLError } from '../kit/errors';
import { createLogger } from '../kit/logger';
import { maskNik } from '../kit/nik';
import { AGENCY, SIPP_TK } from './bpjs-ketenagakerjaan.config';
import type { BpjsKetenagakerjaanContext } from './bpjs-ketenagakerjaan.loaders';
import { BpjsKetenagakerjaanCitizen } from './citizen.type';
import type { EmploymentInsuranceRecord } from './employment-insurance.records';
import { EmploymentInsurance, KEPESERTAAN_BATCH } from './employment-insurance.type';

const logger = createLogger(`${AGENCY}:resolver`);

@Resolver(() => BpjsKetenagakerjaanCitizen)
export class EmploymentInsuranceResolver {
  @FieldResolver(() => EmploymentInsurance, {
    nullable: true,
    description: 'BPJS Ketenagakerjaan membership. null = the agency could not answer (see the error); a non-member gets status NOT_REGISTERED.',
  })
  @Source(SIPP_TK, KEPESERTAAN_BATCH, 'data[]')
  @PersonalData('EMPLOYMENT')
  @Access('employment:read')
  async employmentInsurance(
    @Root() citizen: BpjsKetenagakerjaanCitizen,
    @Ctx() context: BpjsKetenagakerjaanContext,
  ): Promise<EmploymentInsuranceRecord> {
    try {
      const record = await context.loaders.employmentInsurance.load(citizen.nik);
      // The adapter answers every NIK (NOT_REGISTERED included); a bare null would be a silent
      // "could not answer" without an error, so it is turned into one.
      if (record === null) throw new LegacyError('AGENCY_BAD_RESPONSE', AGENCY, 'SIPP-TK batch left a NIK without an answer');
      return record;
    } catch (error) {
      // The message may name hosts or SIPP-TK texts: logs only, the client gets the catalogue text.
      logger.warn({ nik: maskNik(citizen.nik), err: (error as Error).message }, 'employmentInsurance failed');
      throw toAgencyGraphQLError(error, AGENCY);
    }
  }
}
