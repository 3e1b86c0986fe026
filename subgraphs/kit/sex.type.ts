import { registerEnumType } from 'type-graphql';

/**
 * The `Sex` enum every agency exposes for its copy of a citizen's sex. Agencies that joined
 * later import this one; the first four declare identical copies (same name and values),
 * which compose because enums with the same definition merge.
 */
export enum Sex {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}

registerEnumType(Sex, { name: 'Sex', description: 'Sex as recorded by the agency (legacy L/P, M/F, 1/2 codes mapped by its adapter).' });
