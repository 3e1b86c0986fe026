import type { PassportType } from './passport.records';

/**
 * Clean domain records for passport applications (SIMKIM's counter module). Nothing here
 * knows SOAP or legacy names; nothing here knows GraphQL.
 */

export const PASSPORT_APPLICATION_STATUSES = ['RECEIVED', 'IN_PROCESS', 'COMPLETED', 'REJECTED', 'CANCELLED'] as const;
export type PassportApplicationStatus = (typeof PASSPORT_APPLICATION_STATUSES)[number];

/** Where the application's data page came from. */
export type ApplicationIdentitySource = 'CIVIL_REGISTRY' | 'DECLARED';

export interface PassportApplicationRecord {
  nik: string;
  /** `PMH-<yyyymmdd>-<6 digits>`. */
  applicationNumber: string;
  status: PassportApplicationStatus;
  /** ISO yyyy-mm-dd. */
  submittedOn: string;
  passportType: PassportType;
  office: string | null;
  /** null when SIMKIM sent no (or an unknown) source code. */
  identitySource: ApplicationIdentitySource | null;
}

export interface PassportApplicationRequest {
  nik: string;
  passportType: PassportType;
  /** Omitted: SIMKIM files it at the office of the mall's account (the MPP passport counter). */
  office?: string;
}

export type ApplicationRefusalReason = 'APPLICATION_ALREADY_OPEN' | 'UNKNOWN_OFFICE' | 'PASSPORT_TYPE_NOT_ACCEPTED' | 'INVALID_APPLICATION';

/**
 * SIMKIM refused the application on its merits (not a failure of the system). The message
 * is safe to show the caller: it names no host and no legacy text.
 */
export class PassportApplicationRefused extends Error {
  constructor(
    readonly reason: ApplicationRefusalReason,
    message: string,
    /** The application that is still open (APPLICATION_ALREADY_OPEN), when SIMKIM named it. */
    readonly openApplicationNumber: string | null = null,
  ) {
    super(message);
    this.name = 'PassportApplicationRefused';
  }
}
