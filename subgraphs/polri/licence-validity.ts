import type { DrivingLicenseStatusName, PoliceClearanceRecord, PoliceClearanceStatusName } from './polri.records';

/**
 * Validity against "today" in Pekanbaru, computed per request (never at load, never in the
 * adapter): a licence read this morning may expire at midnight. A document is valid through
 * its expiry date (the last day it may be used) and expired from the day after.
 */
export function drivingLicenseStatus(expiryDate: string | null, today: string): DrivingLicenseStatusName | null {
  if (expiryDate === null) return null;
  return expiryDate >= today ? 'VALID' : 'EXPIRED';
}

/** NONE when Polri holds no SKCK; null when it holds one whose expiry date could not be read. */
export function policeClearanceStatus(record: Pick<PoliceClearanceRecord, 'found' | 'expiryDate'>, today: string): PoliceClearanceStatusName | null {
  if (!record.found) return 'NONE';
  return drivingLicenseStatus(record.expiryDate, today);
}
