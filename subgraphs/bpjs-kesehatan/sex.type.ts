import { registerEnumType } from 'type-graphql';

/**
 * The shared `Sex` enum (same GraphQL name and values in every agency, so it composes).
 * VClaim writes "L" (laki-laki) / "P" (perempuan); the mapper turns them into these.
 */
export const Sex = { MALE: 'MALE', FEMALE: 'FEMALE' } as const;

registerEnumType(Sex, { name: 'Sex' });
