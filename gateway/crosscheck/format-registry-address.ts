/** The registry's Address (dukcapil's `Address` type), as far as an address line needs it. */
export interface RegistryAddressParts {
  street?: string | null;
  rt?: string | null;
  rw?: string | null;
  village?: string | null;
  district?: string | null;
  regency?: string | null;
}

const DIGITS_ONLY = /^\d+$/;

/**
 * The registry's structured address as one line in the shape agencies hold it (SAMSAT's
 * ALAMAT_PEMILIK): `<street> RT <rt> RW <rw>, KEL. <village>, KEC. <district>, <regency>`, so that
 * ADDRESS compares a string with a string. RT and RW are written with three digits (SIAK sends
 * them without leading zeros). Missing parts are left out with their label; all missing gives ''.
 */
export function formatRegistryAddress(address: RegistryAddressParts): string {
  const present = (value: string | null | undefined): string | null => {
    const trimmed = value?.trim();
    return trimmed ? trimmed : null;
  };
  const number = (value: string | null | undefined): string | null => {
    const text = present(value);
    return text !== null && DIGITS_ONLY.test(text) ? text.padStart(3, '0') : text;
  };
  const street = present(address.street);
  const rt = number(address.rt);
  const rw = number(address.rw);
  const village = present(address.village);
  const district = present(address.district);
  const regency = present(address.regency);

  const first = [street, rt !== null ? `RT ${rt}` : null, rw !== null ? `RW ${rw}` : null].filter((p) => p !== null).join(' ');
  const parts = [first || null, village !== null ? `KEL. ${village}` : null, district !== null ? `KEC. ${district}` : null, regency];
  return parts.filter((p) => p !== null).join(', ');
}
