import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Access, PersonalData, Source } from '../kit/directives';
import { toAgencyGraphQLError } from '../kit/errors';
import { createLogger } from '../kit/logger';
import { maskNik } from '../kit/nik';
import type { BpjsKesehatanContext } from './bpjs-kesehatan.loaders';
import { BpjsKesehatanCitizen } from './citizen.type';
import { AGENCY } from './health-insurance.mapper';
import type { HealthInsuranceRecord } from './health-insurance.records';
import { HealthInsurance, PESERTA_BY_NIK, VCLAIM } from './health-insurance.type';

const logger = createLogger('bpjs-kesehatan:resolver');

@Resolver(() => BpjsKesehatanCitizen)
export class HealthInsuranceResolver {
  @FieldResolver(() => HealthInsurance, {
    nullable: true,
    description: 'BPJS Kesehatan membership. null = BPJS could not answer (see the error); a non-member gets status NOT_REGISTERED.',
  })
  @Source(VCLAIM, PESERTA_BY_NIK, 'peserta')
  @PersonalData('HEALTH')
  @Access('health:read')
  async healthInsurance(@Root() citizen: BpjsKesehatanCitizen, @Ctx() context: BpjsKesehatanContext): Promise<HealthInsuranceRecord | null> {
    try {
      return await context.loaders.healthInsurance.load(citizen.nik);
    } catch (error) {
      // The message may name hosts or VClaim texts: logs only, the client gets the catalogue text.
      logger.warn({ nik: maskNik(citizen.nik), err: (error as Error).message }, 'healthInsurance failed');
      throw toAgencyGraphQLError(error, AGENCY);
    }
  }

  /**
   * A cross-agency rule resolved once in the graph rather than in every frontend: since 2022
   * (Inpres 1/2022) an active BPJS Kesehatan membership is required for a driving licence (SIM),
   * vehicle registration (STNK), police clearance (SKCK), land-sale transfers and hajj/umrah.
   * Same loader as `healthInsurance`: asking both costs one legacy call.
   */
  @FieldResolver(() => Boolean, {
    nullable: true,
    description:
      'true when the citizen has an ACTIVE BPJS Kesehatan membership, which SIM, STNK, SKCK, land-sale transfers and hajj/umrah require (Inpres 1/2022); false for inactive or not registered; null = BPJS could not answer.',
  })
  @Source(VCLAIM, PESERTA_BY_NIK, 'peserta.statusPeserta.kode')
  @PersonalData('HEALTH')
  @Access('health:read')
  async hasActiveHealthInsurance(@Root() citizen: BpjsKesehatanCitizen, @Ctx() context: BpjsKesehatanContext): Promise<boolean> {
    const record = await this.healthInsurance(citizen, context);
    return record?.status === 'ACTIVE';
  }
}
