/** The legacy system's name in `@source(system:)`: DJP's nightly taxpayer export. */
export const DJP_SYSTEM = 'DJP-EXPORT';
/** The legacy "operation" behind every field: the nightly export of individual taxpayers (wajib pajak orang pribadi). */
export const DJP_EXPORT = 'EXPORT_WP_OP';
/** The subgraph's name (DESIGN.md section 2), also `extensions.agency` in errors. */
export const DJP_AGENCY = 'djp';
