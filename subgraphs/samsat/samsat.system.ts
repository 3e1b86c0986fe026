/** The legacy system's name in `@source(system:)`. */
export const SAMSAT_SYSTEM = 'SAMSAT-RIAU';
/** The legacy "operation" behind every field: the nightly vehicle export file. */
export const SAMSAT_EXPORT = 'EXPORT_KENDARAAN';
