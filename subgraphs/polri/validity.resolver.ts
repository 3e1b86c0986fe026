import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { DrivingLicense, DrivingLicenseStatus } from './driving-license.type';
import { drivingLicenseStatus, policeClearanceStatus } from './licence-validity';
import { PoliceClearance, PoliceClearanceStatus } from './police-clearance.type';
import type { PolriContext } from './polri.loaders';
import type { DrivingLicenseRecord, DrivingLicenseStatusName, PoliceClearanceRecord, PoliceClearanceStatusName } from './polri.records';

/**
 * The two computed statuses, per request against the request's "today" (never frozen at load).
 * Their schema metadata (@source, @personalData) sits on the fields in the type classes.
 */
@Resolver(() => DrivingLicense)
export class DrivingLicenseResolver {
  @FieldResolver(() => DrivingLicenseStatus, { nullable: true })
  status(@Root() licence: DrivingLicenseRecord, @Ctx() context: PolriContext): DrivingLicenseStatusName | null {
    return drivingLicenseStatus(licence.expiryDate, context.today);
  }
}

@Resolver(() => PoliceClearance)
export class PoliceClearanceResolver {
  @FieldResolver(() => PoliceClearanceStatus, { nullable: true })
  status(@Root() clearance: PoliceClearanceRecord, @Ctx() context: PolriContext): PoliceClearanceStatusName | null {
    return policeClearanceStatus(clearance, context.today);
  }
}
