import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { IdentityClaim, PersonalData, Source } from '../kit/directives';
import { DateScalar } from '../kit/scalars';
import { POLICE_CLEARANCE_STATUSES, type PoliceClearanceStatusName } from './polri.records';
import { POLRI_OPERATIONS, POLRI_SIM } from './polri.system';

const BY_NIK = POLRI_OPERATIONS.skckByNik;

export const PoliceClearanceStatus = Object.fromEntries(POLICE_CLEARANCE_STATUSES.map((value) => [value, value])) as {
  [K in PoliceClearanceStatusName]: K;
};
registerEnumType(PoliceClearanceStatus, {
  name: 'PoliceClearanceStatus',
  description: 'The current SKCK against today in Pekanbaru (WIB): VALID through its expiry date, EXPIRED after; NONE = Polri holds no SKCK for the citizen.',
});

/**
 * The citizen's current police clearance (SKCK): the certificate issued last. Criminal-record
 * data is "specific" personal data under UU 27/2022, hence CRIMINAL_RECORD on every field.
 * Only its validity is exposed: the store's findings are not part of Satu.
 */
@ObjectType('PoliceClearance', { description: 'Police clearance certificate (Surat Keterangan Catatan Kepolisian, SKCK), valid six months.' })
export class PoliceClearance {
  // Declared here for reading order; computed by PoliceClearanceResolver.
  @Field(() => PoliceClearanceStatus, {
    nullable: true,
    description: 'NONE = no SKCK (every other field null); null only when Polri holds one whose expiry date could not be read.',
  })
  @Source(POLRI_SIM, BY_NIK, 'tgl_berlaku')
  @PersonalData('CRIMINAL_RECORD')
  status?: PoliceClearanceStatusName | null;

  @Field(() => String, { nullable: true, description: 'SKCK number as Polri writes it: "SKCK/YANMAS/01234/V/2025/INTELKAM".' })
  @Source(POLRI_SIM, BY_NIK, 'no_skck')
  @PersonalData('CRIMINAL_RECORD')
  number!: string | null;

  @Field(() => DateScalar, { nullable: true })
  @Source(POLRI_SIM, BY_NIK, 'tgl_terbit')
  @PersonalData('CRIMINAL_RECORD')
  issueDate!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Last day the SKCK is valid (six months after issue).' })
  @Source(POLRI_SIM, BY_NIK, 'tgl_berlaku')
  @PersonalData('CRIMINAL_RECORD')
  expiryDate!: string | null;

  @Field(() => String, { nullable: true, description: 'Purpose stated on the certificate, as written: "MELAMAR PEKERJAAN".' })
  @Source(POLRI_SIM, BY_NIK, 'keperluan')
  @PersonalData('CRIMINAL_RECORD')
  purpose!: string | null;

  @Field(() => String, { nullable: true, description: 'Issuing unit: "POLRESTA PEKANBARU", "POLSEK BUKIT RAYA", "POLDA RIAU".' })
  @Source(POLRI_SIM, BY_NIK, 'kesatuan')
  @PersonalData('CRIMINAL_RECORD')
  issuingOffice!: string | null;

  @Field(() => String, { nullable: true, description: "Polri's copy of the holder's name on the SKCK." })
  @Source(POLRI_SIM, BY_NIK, 'nama')
  @PersonalData('IDENTITY')
  @IdentityClaim('FULL_NAME')
  holderName!: string | null;
}
