/**
 * The citizen query shown to people: in GraphiQL's editor, in `npm start`'s banner and in
 * the README. One citizen across every agency, including each agency's copy of the name.
 */
export const CITIZEN_EXAMPLE_QUERY = `query Citizen($nik: NIK!) {
  citizen(nik: $nik) {
    nik fullName birthDate birthPlace sex
    familyCard { number members { nik fullName } }
    passports { number expiryDate holderName }
    vehicles { plateNumber taxStatus ownerName }
    healthInsurance { status class holderName }
    hasActiveHealthInsurance
    drivingLicenses { class expiryDate holderName }
    policeClearance { status expiryDate }
    employmentInsurance { status employer { name } holderName }
    taxProfile { status npwp15 taxpayerName }
    landParcels { certificateNumber areaSquareMeters ownerName }
    businesses { nib name riskLevel ownerName }
    marriages { marriedOn spouse { nik fullName } holderName }
  }
}`;
