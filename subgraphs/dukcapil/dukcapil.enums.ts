import { registerEnumType } from 'type-graphql';
import {
  BLOOD_TYPE_VALUES,
  EKTP_STATUS_VALUES,
  FAMILY_RELATION_VALUES,
  MARITAL_STATUS_VALUES,
  RELIGION_VALUES,
  SEX_VALUES,
} from './dukcapil.records';

/** `{ A: 'A', ... }` from a value list: the enum-like object type-graphql registers. */
function enumObject<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
}

/** Registry label per value, shown as the value's description where the label is not the name itself. */
function labelled<T extends string>(labels: Record<T, string>): { [K in T]?: { description: string } } {
  const config: { [K in T]?: { description: string } } = {};
  for (const value of Object.keys(labels) as T[]) {
    if (labels[value] !== value) config[value] = { description: `SIAK label "${labels[value]}"` };
  }
  return config;
}

/** Shared by every agency under this exact GraphQL name and these values, so it composes. */
export const SexEnum = enumObject(SEX_VALUES);
registerEnumType(SexEnum, { name: 'Sex' });

export const ReligionEnum = enumObject(RELIGION_VALUES);
registerEnumType(ReligionEnum, { name: 'Religion', description: 'Religion as recorded by the civil registry (AGAMA).' });

export const MaritalStatusEnum = enumObject(MARITAL_STATUS_VALUES);
registerEnumType(MaritalStatusEnum, {
  name: 'MaritalStatus',
  description: 'Marital status as recorded by the civil registry (STATUS_KAWIN).',
  valuesConfig: labelled({ BELUM_KAWIN: 'BELUM KAWIN', KAWIN: 'KAWIN', CERAI_HIDUP: 'CERAI HIDUP', CERAI_MATI: 'CERAI MATI' }),
});

export const FamilyRelationEnum = enumObject(FAMILY_RELATION_VALUES);
registerEnumType(FamilyRelationEnum, {
  name: 'FamilyRelation',
  description: "The resident's relation to the head of the family card (STAT_HBKEL).",
});

export const BloodTypeEnum = enumObject(BLOOD_TYPE_VALUES);
registerEnumType(BloodTypeEnum, {
  name: 'BloodType',
  description: 'Blood type as recorded by the civil registry (GOL_DARAH); TIDAK_TAHU = the resident did not know.',
  valuesConfig: labelled({
    A_POS: 'A+',
    A_NEG: 'A-',
    B_POS: 'B+',
    B_NEG: 'B-',
    AB_POS: 'AB+',
    AB_NEG: 'AB-',
    O_POS: 'O+',
    O_NEG: 'O-',
    TIDAK_TAHU: 'TIDAK TAHU',
  }),
});

export const EktpStatusEnum = enumObject(EKTP_STATUS_VALUES);
registerEnumType(EktpStatusEnum, {
  name: 'EktpStatus',
  description: 'Whether the KTP-el biometrics have been recorded (EKTP_STATUS).',
  valuesConfig: labelled({ SUDAH_REKAM: 'SUDAH REKAM', BELUM_REKAM: 'BELUM REKAM' }),
});
