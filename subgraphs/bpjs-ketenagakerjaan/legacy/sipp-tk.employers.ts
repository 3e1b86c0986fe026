/**
 * Employers the seed registers wage earners with: invented names in the style of Pekanbaru's
 * private employers (plantation and palm-oil groups, retail, logistics, hotels, hospitals,
 * schools, contractors); state-owned companies and the city and provincial governments (for
 * honorary staff) under their public names, since they are the large public employers. The NPP
 * (Nomor Pendaftaran Perusahaan) numbers are invented, 8 digits, fixed here so that a
 * change elsewhere in the seed never renumbers an employer.
 */

export type EmployerKind = 'PRIVATE' | 'STATE_OWNED' | 'GOVERNMENT' | 'SCHOOL' | 'UNIVERSITY' | 'HOSPITAL' | 'WORKSHOP' | 'TRANSPORT' | 'CONSTRUCTION';

export interface SeedEmployer {
  npp: string;
  name: string;
  kind: EmployerKind;
}

export const SEED_EMPLOYERS: readonly SeedEmployer[] = [
  { npp: '14010027', name: 'PT RIAU SAWIT LESTARI', kind: 'PRIVATE' },
  { npp: '14010113', name: 'PT LANCANG KUNING AGRO MANDIRI', kind: 'PRIVATE' },
  { npp: '14010248', name: 'PT BUMI MELAYU LOGISTIK', kind: 'PRIVATE' },
  { npp: '14010391', name: 'PT SINAR SUDIRMAN RETAILINDO', kind: 'PRIVATE' },
  { npp: '14010455', name: 'PT SENAPELAN MITRA NIAGA', kind: 'PRIVATE' },
  { npp: '14010562', name: 'PT TUAH NEGERI DISTRIBUSI', kind: 'PRIVATE' },
  { npp: '14010678', name: 'PT PANAM JAYA ELEKTRONIK', kind: 'PRIVATE' },
  { npp: '14010734', name: 'PT GRAHA PESISIR PROPERTINDO', kind: 'PRIVATE' },
  { npp: '14010819', name: 'HOTEL GRAND SENAPELAN PEKANBARU', kind: 'PRIVATE' },
  { npp: '14010926', name: 'HOTEL BERTUAH INTERNASIONAL', kind: 'PRIVATE' },
  { npp: '14011042', name: 'PT SIAK PRIMA SEKURITI', kind: 'PRIVATE' },
  { npp: '14011157', name: 'PT KAMPAR CIPTA PANGAN', kind: 'PRIVATE' },
  { npp: '14011263', name: 'KOPERASI KARYAWAN SEJAHTERA RIAU', kind: 'PRIVATE' },
  { npp: '14011378', name: 'PT MEDIA MELAYU RAYA', kind: 'PRIVATE' },
  { npp: '14011484', name: 'BPR MADANI PEKANBARU', kind: 'PRIVATE' },
  { npp: '14011590', name: 'PT RUMBAI INDAH PERKASA', kind: 'PRIVATE' },
  { npp: '14020016', name: 'PT PERKEBUNAN NUSANTARA V', kind: 'STATE_OWNED' },
  { npp: '14020122', name: 'PT PLN (PERSERO) UIW RIAU DAN KEPRI', kind: 'STATE_OWNED' },
  { npp: '14020238', name: 'PT BANK PEMBANGUNAN DAERAH RIAU KEPRI', kind: 'STATE_OWNED' },
  { npp: '14020344', name: 'PT POS INDONESIA KCU PEKANBARU', kind: 'STATE_OWNED' },
  { npp: '14030017', name: 'PEMERINTAH KOTA PEKANBARU', kind: 'GOVERNMENT' },
  { npp: '14030123', name: 'PEMERINTAH PROVINSI RIAU', kind: 'GOVERNMENT' },
  { npp: '14040019', name: 'YAYASAN PENDIDIKAN CENDEKIA RIAU', kind: 'SCHOOL' },
  { npp: '14040125', name: 'YAYASAN PERGURUAN BINA BANGSA PEKANBARU', kind: 'SCHOOL' },
  { npp: '14040231', name: 'SEKOLAH ISLAM TERPADU AZ ZAHRA', kind: 'SCHOOL' },
  { npp: '14050018', name: 'YAYASAN UNIVERSITAS BERTUAH RIAU', kind: 'UNIVERSITY' },
  { npp: '14050124', name: 'YAYASAN SEKOLAH TINGGI EKONOMI SAIL', kind: 'UNIVERSITY' },
  { npp: '14060015', name: 'RS MEDIKA SUDIRMAN PEKANBARU', kind: 'HOSPITAL' },
  { npp: '14060121', name: 'RS IBU DAN ANAK BUNDA MELATI', kind: 'HOSPITAL' },
  { npp: '14060237', name: 'KLINIK PRATAMA SEHAT MADANI', kind: 'HOSPITAL' },
  { npp: '14070014', name: 'CV BENGKEL MAJU MOTOR', kind: 'WORKSHOP' },
  { npp: '14070120', name: 'PT ARENGKA AUTO SERVIS', kind: 'WORKSHOP' },
  { npp: '14080013', name: 'PT SIAK RAYA TRANSPORTASI', kind: 'TRANSPORT' },
  { npp: '14080129', name: 'PO BINTANG KAMPAR EXPRESS', kind: 'TRANSPORT' },
  { npp: '14090012', name: 'CV TUAH NEGERI KONSTRUKSI', kind: 'CONSTRUCTION' },
  { npp: '14090128', name: 'PT CAHAYA RIAU KARYA KONSTRUKSI', kind: 'CONSTRUCTION' },
  { npp: '14090234', name: 'PT BANGUN MARPOYAN UTAMA', kind: 'CONSTRUCTION' },
];

export function employersOfKind(kind: EmployerKind): readonly SeedEmployer[] {
  const found = SEED_EMPLOYERS.filter((employer) => employer.kind === kind);
  if (found.length === 0) throw new Error(`seed bug: no employer of kind ${kind}`);
  return found;
}
