import type { VehicleRecord, VehicleTaxStatusName } from './samsat.records';

/** Days before the due date from which SAMSAT accepts the annual payment: the vehicle is DUE. */
export const DUE_WINDOW_DAYS = 30;

/**
 * The tax status against `today` (ISO date in Pekanbaru, see kit/pekanbaru-time):
 * - OVERDUE: arrears from earlier years (taxArrears > 0), or the due date has passed;
 * - DUE: the due date is today or within the next DUE_WINDOW_DAYS days;
 * - PAID: the due date is further ahead and there are no arrears.
 * Null when the due date is unknown (unreadable in the export). Unreadable arrears count as
 * none: the status then rests on the due date alone.
 */
export function vehicleTaxStatus(
  vehicle: Pick<VehicleRecord, 'taxDueDate' | 'taxArrears'>,
  today: string,
): VehicleTaxStatusName | null {
  if (vehicle.taxDueDate === null) return null;
  if ((vehicle.taxArrears ?? 0) > 0) return 'OVERDUE';
  if (vehicle.taxDueDate < today) return 'OVERDUE';
  return vehicle.taxDueDate <= addDays(today, DUE_WINDOW_DAYS) ? 'DUE' : 'PAID';
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
