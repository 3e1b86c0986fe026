import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { PersonalData, Source } from '../kit/directives';
import { DateScalar } from '../kit/scalars';
import { SIMKIM_OPERATIONS } from './legacy/simkim.wire';
import { PASSPORT_APPLICATION_STATUSES, type PassportApplicationStatus } from './passport-application.records';
import type { PassportType } from './passport.records';
import { PassportTypeEnum, SIMKIM } from './passport.type';

/**
 * The read call behind every PassportApplication field. `ajukanPermohonanPaspor` answers the
 * same `permohonanDto`, so the legacy field names are the same for the mutation's result.
 */
const READ = SIMKIM_OPERATIONS.applicationsByNik;

export const PassportApplicationStatusEnum = Object.fromEntries(PASSPORT_APPLICATION_STATUSES.map((value) => [value, value])) as {
  [K in PassportApplicationStatus]: K;
};
registerEnumType(PassportApplicationStatusEnum, {
  name: 'PassportApplicationStatus',
  description: 'SIMKIM statusPermohonan of a passport application.',
  valuesConfig: {
    RECEIVED: { description: 'DITERIMA: filed, waiting for the interview (open)' },
    IN_PROCESS: { description: 'DIPROSES: interview and biometrics done, being processed (open)' },
    COMPLETED: { description: 'SELESAI: the passport was issued' },
    REJECTED: { description: 'DITOLAK: refused by the immigration office' },
    CANCELLED: { description: 'DIBATALKAN: withdrawn or expired unpaid' },
  },
});

@ObjectType('PassportApplication', { description: 'An application for a passport filed with the Directorate General of Immigration (SIMKIM).' })
export class PassportApplication {
  @Field({ description: 'SIMKIM application number, PMH-<yyyymmdd>-<6 digits>.' })
  @Source(SIMKIM, READ, 'nomorPermohonan')
  @PersonalData('TRAVEL')
  applicationNumber!: string;

  @Field(() => PassportApplicationStatusEnum)
  @Source(SIMKIM, READ, 'statusPermohonan')
  @PersonalData('TRAVEL')
  status!: PassportApplicationStatus;

  @Field(() => DateScalar, { description: 'The day SIMKIM received it (Asia/Jakarta).' })
  @Source(SIMKIM, READ, 'tanggalPermohonan')
  @PersonalData('TRAVEL')
  submittedOn!: string;

  @Field(() => PassportTypeEnum)
  @Source(SIMKIM, READ, 'jenisPaspor')
  @PersonalData('TRAVEL')
  passportType!: PassportType;

  @Field(() => String, { nullable: true, description: 'The immigration office that handles it.' })
  @Source(SIMKIM, READ, 'kantorImigrasi')
  @PersonalData('TRAVEL')
  office!: string | null;
}
