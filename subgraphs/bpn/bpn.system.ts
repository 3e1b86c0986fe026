/** The subgraph's name (DESIGN.md section 2), also `extensions.agency` in errors. */
export const AGENCY = 'bpn';
/** The legacy system's name in `@source(system:)`: KKP, BPN's land office computerization system. */
export const BPN_SYSTEM = 'BPN-KKP';
/** The one thing Satu may read: the land office's reporting view (the `operation` of every `@source`). */
export const BPN_VIEW = 'v_bidang_tanah_pemilik';
