/** The legacy system's name in `@source(system:)`: SIMKAH, the Ministry of Religious Affairs' marriage register. */
export const KUA_SYSTEM = 'SIMKAH';
/** The legacy "operation" behind every field: SIMKAH's marriage export file. */
export const KUA_EXPORT = 'EKSPOR_NIKAH';
/** The subgraph name, also `extensions.agency` in errors. */
export const KUA_AGENCY = 'kua';
