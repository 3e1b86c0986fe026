/**
 * Places for the synthetic population: the kelurahan (urban wards) of each Pekanbaru
 * district, street names, postal codes, and birth places with the regency kind the
 * REGENCY_PREFIX variant needs ("PEKANBARU" -> "KOTA PEKANBARU").
 * Ward lists follow the post-2020 district split as far as public sources allowed; a few
 * assignments are approximate (this is demo data, not a gazetteer).
 */

export interface DistrictPlaces {
  code: string;
  /** Relative number of residents (rough 2020-2023 figures, thousands). */
  weight: number;
  postalCode: string;
  villages: readonly string[];
  /** For districts split off in 2021: the district its area belonged to before (its NIK/KK prefix then). */
  splitFrom?: string;
}

/** Districts 13-15 were carved out of 08, 10 and 12 (Perda Kota Pekanbaru 2/2020), operational from 2021. */
export const DISTRICT_SPLIT_DATE = '2021-01-01';

export const PEKANBARU_DISTRICT_PLACES: readonly DistrictPlaces[] = [
  { code: '147101', weight: 45, postalCode: '28121', villages: ['JADIREJO', 'KAMPUNG TENGAH', 'KAMPUNG MELAYU', 'KEDUNG SARI', 'HARJOSARI', 'SUKAJADI', 'PULAU KARAM'] },
  { code: '147102', weight: 25, postalCode: '28111', villages: ['SIMPANG EMPAT', 'SUMAHILANG', 'TANAH DATAR', 'KOTA BARU', 'SUKARAMAI', 'KOTA TINGGI'] },
  { code: '147103', weight: 21, postalCode: '28131', villages: ['CINTA RAJA', 'SUKA MULIA', 'SUKA MAJU'] },
  { code: '147104', weight: 40, postalCode: '28141', villages: ['RINTIS', 'SEKIP', 'TANJUNG RHU', 'PESISIR'] },
  { code: '147105', weight: 35, postalCode: '28151', villages: ['PADANG BULAN', 'PADANG TERUBUK', 'SAGO', 'KAMPUNG DALAM', 'KAMPUNG BANDAR', 'KAMPUNG BARU'] },
  { code: '147106', weight: 45, postalCode: '28263', villages: ['AGROWISATA', 'MAHARANI', 'MUARA FAJAR BARAT', 'RANTAU PANJANG', 'RUMBAI BUKIT', 'SUNGAI BULUH'] },
  { code: '147107', weight: 100, postalCode: '28284', villages: ['SIMPANG TIGA', 'TANGKERANG SELATAN', 'TANGKERANG UTARA', 'TANGKERANG LABUAI', 'AIR DINGIN'] },
  { code: '147108', weight: 90, postalCode: '28293', villages: ['SIMPANG BARU', 'TOBEK GODANG', 'DELIMA', 'BINAWIDYA', 'SUNGAI SIBAM'] },
  { code: '147109', weight: 130, postalCode: '28125', villages: ['TANGKERANG BARAT', 'TANGKERANG TENGAH', 'WONOREJO', 'SIDOMULYO TIMUR', 'MAHARATU', 'PERHENTIAN MARPOYAN'] },
  { code: '147110', weight: 110, postalCode: '28286', villages: ['TANGKERANG TIMUR', 'REJOSARI', 'BENCAH LESUNG', 'SIALANG SAKTI', 'TUAH NEGERI', 'BAMBU KUNING', 'INDUSTRI TENAYAN', 'SAIL'] },
  { code: '147111', weight: 95, postalCode: '28292', villages: ['LABUH BARU TIMUR', 'LABUH BARU BARAT', 'TAMPAN', 'AIR HITAM', 'BANDAR RAYA', 'TIRTA SIAK'] },
  { code: '147112', weight: 50, postalCode: '28264', villages: ['UMBAN SARI', 'SRI MERANTI', 'PALAS', 'MERANTI PANDAK', 'LIMBUNGAN BARU', 'MUARA FAJAR TIMUR'] },
  { code: '147113', weight: 120, postalCode: '28294', villages: ['TUAH KARYA', 'TUAH MADANI', 'SIALANG MUNGGU', 'SIDOMULYO BARAT', 'AIR PUTIH'], splitFrom: '147108' },
  { code: '147114', weight: 50, postalCode: '28289', villages: ['KULIM', 'MENTANGOR', 'PEBATUAN', 'PEMATANG KAPAU', 'SIALANG RAMPAI'], splitFrom: '147110' },
  { code: '147115', weight: 40, postalCode: '28265', villages: ['LEMBAH DAMAI', 'LEMBAH SARI', 'LIMBUNGAN', 'SUNGAI AMBANG', 'SUNGAI UKAI', 'TEBING TINGGI OKURA'], splitFrom: '147112' },
];

export const STREET_NAMES: readonly string[] = [
  'JL. JENDERAL SUDIRMAN', 'JL. TUANKU TAMBUSAI', 'JL. HR. SOEBRANTAS', 'JL. RIAU', 'JL. ARIFIN AHMAD',
  'JL. DURIAN', 'JL. PAUS', 'JL. KAHARUDDIN NASUTION', 'JL. GARUDA SAKTI', 'JL. YOS SUDARSO', 'JL. SM AMIN',
  'JL. SOEKARNO HATTA', 'JL. PARIT INDAH', 'JL. DAMAI', 'JL. CIPTA KARYA', 'JL. DELIMA', 'JL. AKASIA',
  'JL. MELUR', 'JL. KARYA BAKTI', 'JL. IMAM MUNANDAR', 'JL. KULIM', 'JL. LINTAS TIMUR', 'JL. SIAK II',
  'JL. UMBAN SARI', 'JL. BANGAU SAKTI', 'JL. MANUNGGAL', 'JL. TEROPONG', 'JL. KENANGA', 'JL. CEMPAKA',
  'JL. BELIMBING', 'JL. RAMBUTAN', 'JL. SEMBILANG', 'JL. SEKOLAH', 'JL. PESANTREN', 'JL. BUDI LUHUR',
  'JL. SUKA KARYA', 'JL. MERPATI SAKTI', 'JL. RAJAWALI', 'JL. SEI MINTAN', 'JL. TUAH KARYA',
  'GG. MESJID', 'GG. SEPAKAT', 'GG. AMAL', 'GG. RUKUN', 'GG. SEHATI', 'GG. MAWAR', 'GG. FAMILI',
  'PERUM. GRIYA UTAMA', 'PERUM. BUMI SIALANG INDAH', 'PERUM. CITRA GRAND', 'PERUM. PURI NUSA INDAH',
];

export type PlaceKind = 'KOTA' | 'KABUPATEN';

export interface BirthPlace {
  /** As the registry writes it: "PEKANBARU", "KAMPAR", "BANGKINANG". */
  name: string;
  /** Set when the name is itself a city or regency; a town inside a regency has none. */
  kind?: PlaceKind;
  /** For Riau places: the Home Affairs regency code (NIK prefix where such a person was first registered). */
  riauRegencyCode?: string;
}

const riau = (name: string, code: string, kind?: PlaceKind): BirthPlace => ({ name, riauRegencyCode: code, kind });

export const BIRTH_PLACES = {
  pekanbaru: riau('PEKANBARU', '1471', 'KOTA'),
  riau: [
    riau('DUMAI', '1472', 'KOTA'),
    riau('KAMPAR', '1401', 'KABUPATEN'),
    riau('BANGKINANG', '1401'),
    riau('INDRAGIRI HULU', '1402', 'KABUPATEN'),
    riau('RENGAT', '1402'),
    riau('BENGKALIS', '1403', 'KABUPATEN'),
    riau('INDRAGIRI HILIR', '1404', 'KABUPATEN'),
    riau('TEMBILAHAN', '1404'),
    riau('PELALAWAN', '1405', 'KABUPATEN'),
    riau('PANGKALAN KERINCI', '1405'),
    riau('ROKAN HULU', '1406', 'KABUPATEN'),
    riau('PASIR PENGARAIAN', '1406'),
    riau('ROKAN HILIR', '1407', 'KABUPATEN'),
    riau('BAGANSIAPIAPI', '1407'),
    riau('SIAK', '1408', 'KABUPATEN'),
    riau('SIAK SRI INDRAPURA', '1408'),
    riau('KUANTAN SINGINGI', '1409', 'KABUPATEN'),
    riau('TELUK KUANTAN', '1409'),
    riau('KEPULAUAN MERANTI', '1410', 'KABUPATEN'),
    riau('SELATPANJANG', '1410'),
  ],
  westSumatra: [
    { name: 'PADANG', kind: 'KOTA' },
    { name: 'BUKITTINGGI', kind: 'KOTA' },
    { name: 'PAYAKUMBUH', kind: 'KOTA' },
    { name: 'PADANG PANJANG', kind: 'KOTA' },
    { name: 'SOLOK', kind: 'KOTA' },
    { name: 'PARIAMAN', kind: 'KOTA' },
    { name: 'AGAM', kind: 'KABUPATEN' },
    { name: 'TANAH DATAR', kind: 'KABUPATEN' },
    { name: 'LIMA PULUH KOTA', kind: 'KABUPATEN' },
    { name: 'PESISIR SELATAN', kind: 'KABUPATEN' },
    { name: 'SIJUNJUNG', kind: 'KABUPATEN' },
    { name: 'BATUSANGKAR' },
    { name: 'PAINAN' },
    { name: 'MANINJAU' },
  ] as readonly BirthPlace[],
  northSumatra: [
    { name: 'MEDAN', kind: 'KOTA' },
    { name: 'PEMATANG SIANTAR', kind: 'KOTA' },
    { name: 'SIBOLGA', kind: 'KOTA' },
    { name: 'TAPANULI UTARA', kind: 'KABUPATEN' },
    { name: 'TOBA', kind: 'KABUPATEN' },
    { name: 'SAMOSIR', kind: 'KABUPATEN' },
    { name: 'SIMALUNGUN', kind: 'KABUPATEN' },
    { name: 'TEBING TINGGI', kind: 'KOTA' },
    { name: 'BINJAI', kind: 'KOTA' },
    { name: 'TARUTUNG' },
    { name: 'BALIGE' },
  ] as readonly BirthPlace[],
  mandailing: [
    { name: 'PADANG SIDEMPUAN', kind: 'KOTA' },
    { name: 'MANDAILING NATAL', kind: 'KABUPATEN' },
    { name: 'TAPANULI SELATAN', kind: 'KABUPATEN' },
    { name: 'PANYABUNGAN' },
    { name: 'MEDAN', kind: 'KOTA' },
  ] as readonly BirthPlace[],
  java: [
    { name: 'JAKARTA' },
    { name: 'BANDUNG', kind: 'KOTA' },
    { name: 'SEMARANG', kind: 'KOTA' },
    { name: 'SURABAYA', kind: 'KOTA' },
    { name: 'YOGYAKARTA', kind: 'KOTA' },
    { name: 'SURAKARTA', kind: 'KOTA' },
    { name: 'KLATEN', kind: 'KABUPATEN' },
    { name: 'SRAGEN', kind: 'KABUPATEN' },
    { name: 'BOYOLALI', kind: 'KABUPATEN' },
    { name: 'KEBUMEN', kind: 'KABUPATEN' },
    { name: 'BANYUMAS', kind: 'KABUPATEN' },
    { name: 'PURWOREJO', kind: 'KABUPATEN' },
    { name: 'WONOGIRI', kind: 'KABUPATEN' },
    { name: 'PONOROGO', kind: 'KABUPATEN' },
    { name: 'MADIUN', kind: 'KOTA' },
    { name: 'CILACAP', kind: 'KABUPATEN' },
  ] as readonly BirthPlace[],
  riauIslands: [
    { name: 'TANJUNG PINANG', kind: 'KOTA' },
    { name: 'BATAM', kind: 'KOTA' },
    { name: 'KARIMUN', kind: 'KABUPATEN' },
  ] as readonly BirthPlace[],
  elsewhere: [
    { name: 'PALEMBANG', kind: 'KOTA' },
    { name: 'JAMBI', kind: 'KOTA' },
    { name: 'BANDA ACEH', kind: 'KOTA' },
    { name: 'BENGKULU', kind: 'KOTA' },
  ] as readonly BirthPlace[],
  bali: [
    { name: 'DENPASAR', kind: 'KOTA' },
    { name: 'TABANAN', kind: 'KABUPATEN' },
    { name: 'BULELENG', kind: 'KABUPATEN' },
  ] as readonly BirthPlace[],
};

/** Every birth place the generator uses, by name. */
export const BIRTH_PLACE_BY_NAME: ReadonlyMap<string, BirthPlace> = new Map(
  [
    BIRTH_PLACES.pekanbaru,
    ...BIRTH_PLACES.riau,
    ...BIRTH_PLACES.westSumatra,
    ...BIRTH_PLACES.northSumatra,
    ...BIRTH_PLACES.mandailing,
    ...BIRTH_PLACES.java,
    ...BIRTH_PLACES.riauIslands,
    ...BIRTH_PLACES.elsewhere,
    ...BIRTH_PLACES.bali,
  ].map((place) => [place.name, place]),
);

/** Number of districts per Riau regency (other than Pekanbaru), for plausible NIK prefixes. */
export const RIAU_DISTRICT_COUNTS: Readonly<Record<string, number>> = {
  '1401': 21,
  '1402': 14,
  '1403': 11,
  '1404': 20,
  '1405': 12,
  '1406': 16,
  '1407': 18,
  '1408': 14,
  '1409': 15,
  '1410': 9,
  '1472': 7,
};
