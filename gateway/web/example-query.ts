/**
 * The citizen query shown to people: in GraphiQL's editor, in `npm start`'s banner and in
 * the README. One citizen across every agency of the first cut.
 */
export const CITIZEN_EXAMPLE_QUERY = `query Citizen($nik: NIK!) {
  citizen(nik: $nik) {
    nik fullName birthDate birthPlace sex
    familyCard { number members { nik fullName } }
    passports { number type expiryDate holderName }
    vehicles { plateNumber category taxStatus ownerName }
    healthInsurance { status class active holderName }
  }
}`;
