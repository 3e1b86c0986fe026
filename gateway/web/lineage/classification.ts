import { PERSONAL_DATA_CATEGORIES, type PersonalDataCategory } from '../../../subgraphs/kit/directives';

/** One colour on the lineage page: a group of `@personalData` categories an auditor treats alike. */
export interface ClassificationGroup {
  /** CSS class suffix: `.cls-<id>` in lineage.css carries the colours. */
  id: string;
  label: string;
  /** Why these categories go together (shown in the legend). */
  note: string;
}

/**
 * Groups follow Indonesia's personal data protection law (UU 27/2022 "PDP", art. 4): health,
 * biometric, financial and criminal-record data are "specific" personal data with stricter
 * duties, so each gets a colour of its own; name, civil status, religion and contact details are
 * "general" personal data; the agencies' other records about a person come next; then fields
 * that are not personal data at all.
 */
export const CLASSIFICATION_GROUPS = {
  health: { id: 'health', label: 'Health & biometric', note: 'specific personal data (UU PDP art. 4)' },
  financial: { id: 'financial', label: 'Financial', note: 'specific personal data (UU PDP art. 4)' },
  criminal: { id: 'criminal', label: 'Criminal record', note: 'specific personal data (UU PDP art. 4)' },
  identity: { id: 'identity', label: 'Identity & civil status', note: 'general personal data: name, family, religion, contact' },
  records: { id: 'records', label: 'Other personal records', note: 'vehicles, travel, employment, land, business' },
  none: { id: 'none', label: 'Not personal data', note: 'no @personalData tag' },
} as const satisfies Record<string, ClassificationGroup>;

export type ClassificationGroupId = keyof typeof CLASSIFICATION_GROUPS;

/**
 * Every category has a group: typed as a total Record, so adding a category to the kit's enum
 * fails the type check here until someone decides its colour.
 */
export const CATEGORY_GROUP: Readonly<Record<PersonalDataCategory, Exclude<ClassificationGroupId, 'none'>>> = {
  HEALTH: 'health',
  BIOMETRIC: 'health',
  FINANCIAL: 'financial',
  CRIMINAL_RECORD: 'criminal',
  IDENTITY: 'identity',
  CONTACT: 'identity',
  FAMILY: 'identity',
  RELIGION: 'identity',
  VEHICLE: 'records',
  TRAVEL: 'records',
  EMPLOYMENT: 'records',
  PROPERTY: 'records',
  BUSINESS: 'records',
};

/** What the page needs to colour and explain fields: the groups in legend order and each category's group. */
export interface PageClassification {
  groups: Array<ClassificationGroup & { categories: string[] }>;
  categoryGroup: Record<string, string>;
  noneGroup: string;
}

export function pageClassification(): PageClassification {
  const groups = Object.values(CLASSIFICATION_GROUPS).map((group) => ({
    ...group,
    categories: PERSONAL_DATA_CATEGORIES.filter((category) => CATEGORY_GROUP[category] === group.id),
  }));
  return { groups, categoryGroup: { ...CATEGORY_GROUP }, noneGroup: CLASSIFICATION_GROUPS.none.id };
}

/**
 * The classification as a tiny script for the page (`window.SATU_LINEAGE_CLASSIFICATION`), so the
 * browser code and the server share one table without a build step.
 */
export function classificationScript(): string {
  return `window.SATU_LINEAGE_CLASSIFICATION = ${JSON.stringify(pageClassification())};\n`;
}
