import { failed } from './citizen.resolver';
import { asDukcapilContext } from './dukcapil.context';

/**
 * `__resolveReference` for Citizen: the gateway hands `{ __typename, nik }` (plus any
 * @requires fields); we load the registry record through the batching loader and keep the
 * representation under it. Null for a NIK the registry does not know.
 */
export async function resolveCitizenReference(reference: Record<string, unknown>, context: unknown): Promise<Record<string, unknown> | null> {
  const nik = reference.nik;
  if (typeof nik !== 'string') return null;
  const { loaders } = asDukcapilContext(context);
  const record = await loaders.citizen.load(nik).catch((error: unknown) => failed(error, 'citizen entity look-up', nik));
  return record === null ? null : { ...reference, ...record };
}
