/**
 * The embedded purpose list: the mall's real counter services. Each names the personal data the
 * service needs, so a read for vehicle tax cannot wander into the citizen's health record.
 * Replaced as a whole by SATU_PURPOSES_FILE (same shape, JSON).
 */
export interface PurposeSource {
  code: string;
  description: string;
  /** Allowed coordinates (`Type.field` or `Type.*`); absent = no field restriction. */
  fields?: readonly string[];
}

/** Who the citizen is, as every counter service needs it, and whether the agencies agree on it. */
const IDENTITY_BASICS = [
  'Citizen.nik',
  'Citizen.fullName',
  'Citizen.birthDate',
  'Citizen.birthPlace',
  'Citizen.sex',
  'Citizen.address',
  'Address.*',
  'Citizen.identityCheck',
  'IdentityCheck.*',
  'IdentityDiscrepancy.*',
];

const FAMILY = ['Citizen.familyCard', 'FamilyCard.*', 'Citizen.familyRelation'];

export const DEFAULT_PURPOSES: readonly PurposeSource[] = [
  {
    code: 'passport-application',
    description: 'Passport application or renewal at imigrasi',
    fields: [...IDENTITY_BASICS, ...FAMILY, 'Citizen.fatherName', 'Citizen.motherName', 'Citizen.maritalStatus', 'Citizen.passports', 'Passport.*', 'Citizen.passportApplications', 'PassportApplication.*'],
  },
  {
    code: 'vehicle-tax',
    description: 'Annual vehicle tax and registration (STNK) at SAMSAT',
    // STNK renewal asks only whether BPJS Kesehatan is active (Inpres 1/2022), never for the membership record.
    fields: [...IDENTITY_BASICS, 'Citizen.vehicles', 'Vehicle.*', 'Citizen.hasActiveHealthInsurance'],
  },
  {
    code: 'social-assistance',
    description: 'Eligibility for social assistance: household, work, insurance and assets',
    fields: [
      ...IDENTITY_BASICS, ...FAMILY, 'Citizen.occupation', 'Citizen.education', 'Citizen.maritalStatus',
      'Citizen.hasActiveHealthInsurance', 'Citizen.healthInsurance', 'HealthInsurance.*',
      'Citizen.employmentInsurance', 'EmploymentInsurance.*', 'Employer.*',
      'Citizen.vehicles', 'Vehicle.*', 'Citizen.landParcels', 'LandParcel.*',
    ],
  },
  {
    code: 'driving-licence',
    description: 'Driving licence (SIM) issue or renewal at Polri',
    // The blood type is printed on the SIM; an active BPJS membership is a precondition.
    fields: [...IDENTITY_BASICS, 'Citizen.bloodType', 'Citizen.drivingLicenses', 'DrivingLicense.*', 'Citizen.hasActiveHealthInsurance'],
  },
  {
    code: 'land-transfer',
    description: 'Land rights transfer at BPN (sale, inheritance, grant)',
    // Marital status and marriages: jointly acquired land needs the spouse's consent; the tax profile for the transfer duty.
    fields: [
      ...IDENTITY_BASICS, 'Citizen.maritalStatus', 'Citizen.marriages', 'MarriageRecord.*',
      'Citizen.landParcels', 'LandParcel.*', 'Citizen.taxProfile', 'TaxProfile.*', 'TaxOffice.*', 'TaxAnnualReturn.*',
      'Citizen.hasActiveHealthInsurance',
    ],
  },
  {
    code: 'business-licensing',
    description: 'Business registration and licensing (NIB) at OSS',
    fields: [...IDENTITY_BASICS, 'Citizen.businesses', 'Business.*', 'BusinessActivity.*', 'BusinessLicence.*', 'Citizen.taxProfile', 'TaxProfile.*', 'TaxOffice.*'],
  },
  {
    code: 'marriage-registration',
    description: 'Marriage registration at KUA',
    fields: [
      ...IDENTITY_BASICS, ...FAMILY, 'Citizen.religion', 'Citizen.maritalStatus',
      'Citizen.fatherName', 'Citizen.fatherNik', 'Citizen.motherName', 'Citizen.motherNik', 'Citizen.marriages', 'MarriageRecord.*',
    ],
  },
  {
    code: 'health-insurance-service',
    description: 'BPJS Kesehatan membership service (registration, class change, family members)',
    fields: [...IDENTITY_BASICS, ...FAMILY, 'Citizen.healthInsurance', 'HealthInsurance.*', 'Citizen.hasActiveHealthInsurance'],
  },
  {
    // `npm run reconcile` (gateway/reconcile): an agency's copies of identity against the civil registry.
    code: 'pemadanan-data',
    description: "Data matching (pemadanan data): an agency's identity copies compared with the civil registry",
    fields: [...IDENTITY_BASICS, 'Citizen.motherName', 'Citizen.maritalStatus'],
  },
  {
    // `npm run crosscheck:eval`: the identity check scored against a synthetic population's planted truth.
    code: 'crosscheck-quality-evaluation',
    description: 'Quality evaluation of the identity crosscheck (synthetic data only)',
    fields: IDENTITY_BASICS,
  },
  {
    // The MPP's point: the citizen sits at one counter and every agency's record is on the screen
    // with their consent, instead of a visit per agency.
    code: 'counter-service',
    description: 'Integrated counter service at the mall, the citizen present and consenting: every agency',
  },
  {
    code: 'audit',
    description: 'Review of processing records by an auditor or the data protection officer',
  },
];
