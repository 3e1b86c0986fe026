/** The subgraph's name (DESIGN.md section 2), also `extensions.agency` in errors. */
export const AGENCY = 'polri';

/**
 * The legacy system's name in `@source(system:)`: Polri's REST data-sharing service, which
 * grew out of the driving-licence system (SIM) and also answers police-clearance (SKCK) look-ups.
 */
export const POLRI_SIM = 'POLRI-SIM';

/** The two calls every field comes from (operation names in `@source`). */
export const POLRI_OPERATIONS = {
  /** Batch search over several NIKs, paginated over the combined result. */
  simSearch: 'POST /api/v1/sim/search',
  /** One NIK's police-clearance certificates, paginated. */
  skckByNik: 'GET /api/v1/skck',
} as const;
