import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IdentityClaim, PersonalData, Source } from '../kit/directives';
import { DateScalar } from '../kit/scalars';
import { BPN_SYSTEM, BPN_VIEW } from './bpn.system';
import { LAND_RIGHT_TYPES, type LandRightTypeName } from './land-parcel.records';

export const LandRightType = Object.fromEntries(LAND_RIGHT_TYPES.map((name) => [name, name])) as { [K in LandRightTypeName]: K };
registerEnumType(LandRightType, {
  name: 'LandRightType',
  description: 'The registered right over the land (UUPA 5/1960), by its usual abbreviation.',
  valuesConfig: {
    HM: { description: 'Hak Milik: ownership, without a term; for Indonesian citizens only.' },
    HGB: { description: 'Hak Guna Bangunan: the right to build on and use the land, for a term (30 years, renewable).' },
    HGU: { description: 'Hak Guna Usaha: the right to farm state land (5 ha or more), for a term (35 years).' },
    HP: { description: 'Hak Pakai: the right to use the land, for a term or as long as it is used.' },
    HMSRS: { description: 'Hak Milik atas Satuan Rumah Susun: ownership of an apartment unit and its share of the common land.' },
  },
});

/**
 * A land parcel (bidang tanah) with a registered right the citizen holds at BPN, as the land
 * office's KKP reports it. Null fields: blank or unreadable in the view.
 */
@ObjectType('LandParcel', { description: "A land parcel the citizen holds a registered right over (BPN, the land office's KKP)." })
export class LandParcel {
  @Field(() => String, {
    nullable: true,
    description: 'Certificate (sertipikat) number, 14 digits: BPN region codes (province, regency, district, village: 8) + right type (1) + number (5).',
  })
  @Source(BPN_SYSTEM, BPN_VIEW, 'no_sertipikat')
  @PersonalData('PROPERTY')
  certificateNumber!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Parcel identification number (NIB bidang), 13 digits: BPN region codes (8) + parcel number (5). Not the OSS business NIB.",
  })
  @Source(BPN_SYSTEM, BPN_VIEW, 'nib')
  @PersonalData('PROPERTY')
  parcelId!: string | null;

  @Field(() => LandRightType, { nullable: true })
  @Source(BPN_SYSTEM, BPN_VIEW, 'jenis_hak')
  @PersonalData('PROPERTY')
  rightType!: LandRightTypeName | null;

  @Field(() => Int, { nullable: true, description: 'Area in whole square metres (for an apartment unit: the unit).' })
  @Source(BPN_SYSTEM, BPN_VIEW, 'luas_m2')
  @PersonalData('PROPERTY')
  areaSquareMeters!: number | null;

  @Field(() => String, { nullable: true, description: "Village or urban ward (desa/kelurahan) of the parcel, as BPN's region table names it." })
  @Source(BPN_SYSTEM, BPN_VIEW, 'desa')
  @PersonalData('PROPERTY')
  village!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "District (kecamatan) of the parcel, as BPN's region table names it: it predates the 2016-2021 renames and splits (TAMPAN, RUMBAI PESISIR).",
  })
  @Source(BPN_SYSTEM, BPN_VIEW, 'kecamatan')
  @PersonalData('PROPERTY')
  district!: string | null;

  @Field(() => String, { nullable: true, description: 'Regency or city of the parcel: "KOTA PEKANBARU", "KABUPATEN KAMPAR".' })
  @Source(BPN_SYSTEM, BPN_VIEW, 'kabupaten')
  @PersonalData('PROPERTY')
  regency!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Date the right was registered in the land book (buku tanah).' })
  @Source(BPN_SYSTEM, BPN_VIEW, 'tgl_daftar')
  @PersonalData('PROPERTY')
  registeredOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'End of the term of an HGB, HGU or HP right; null for rights without a term (HM) or when not recorded.' })
  @Source(BPN_SYSTEM, BPN_VIEW, 'tgl_berakhir_hak')
  @PersonalData('PROPERTY')
  rightExpiresOn!: string | null;

  @Field(() => String, { nullable: true, description: 'The citizen\'s share of the right, "p/q": "1/1" for a sole holder, "1/2" for one of two co-owners; null when not recorded.' })
  @Source(BPN_SYSTEM, BPN_VIEW, 'bagian')
  @PersonalData('PROPERTY')
  ownershipShare!: string | null;

  @Field(() => String, { nullable: true, description: "BPN's copy of the holder's name, as the land book holds it." })
  @Source(BPN_SYSTEM, BPN_VIEW, 'nama_pemilik')
  @PersonalData('IDENTITY')
  @IdentityClaim('FULL_NAME')
  ownerName!: string | null;
}
