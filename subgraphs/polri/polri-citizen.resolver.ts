import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Access, PersonalData, Source } from '../kit/directives';
import { toAgencyGraphQLError } from '../kit/errors';
import { createLogger } from '../kit/logger';
import { maskNik } from '../kit/nik';
import { DrivingLicense } from './driving-license.type';
import { PoliceClearance } from './police-clearance.type';
import type { PolriContext } from './polri.loaders';
import type { DrivingLicenseRecord, PoliceClearanceRecord } from './polri.records';
import { AGENCY, POLRI_OPERATIONS, POLRI_SIM } from './polri.system';
import { PolriCitizen } from './polri-citizen.type';

const logger = createLogger('polri:resolver');

/** Logs the adapter's message (it may name hosts: logs only) and gives the client the catalogue text. */
function agencyFailure(error: unknown, nik: string, field: string): never {
  logger.warn({ nik: maskNik(nik), err: (error as Error).message }, `${field} failed`);
  throw toAgencyGraphQLError(error, AGENCY);
}

@Resolver(() => PolriCitizen)
export class PolriCitizenResolver {
  @FieldResolver(() => [DrivingLicense], {
    nullable: true,
    description: 'Driving licences (SIM) Polri holds for the citizen, one per class. [] = none; null = Polri could not answer (see errors).',
  })
  @Source(POLRI_SIM, POLRI_OPERATIONS.simSearch, 'data')
  @PersonalData('IDENTITY')
  @Access('police:read')
  async drivingLicenses(@Root() citizen: PolriCitizen, @Ctx() context: PolriContext): Promise<readonly DrivingLicenseRecord[]> {
    try {
      return (await context.loaders.drivingLicenses.load(citizen.nik)) ?? [];
    } catch (error) {
      return agencyFailure(error, citizen.nik, 'drivingLicenses');
    }
  }

  @FieldResolver(() => PoliceClearance, {
    nullable: true,
    description: 'The current police clearance (SKCK). No SKCK = status NONE; null = Polri could not answer (see errors).',
  })
  @Source(POLRI_SIM, POLRI_OPERATIONS.skckByNik, 'data')
  @PersonalData('CRIMINAL_RECORD')
  @Access('police:read')
  async policeClearance(@Root() citizen: PolriCitizen, @Ctx() context: PolriContext): Promise<PoliceClearanceRecord | null> {
    try {
      return await context.loaders.policeClearance.load(citizen.nik);
    } catch (error) {
      return agencyFailure(error, citizen.nik, 'policeClearance');
    }
  }
}
