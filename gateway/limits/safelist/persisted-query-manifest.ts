import { SafelistError, operationHash, type SafelistStore } from './safelist.store';

/**
 * Registering operations ahead of time for production: a persisted query manifest, the JSON
 * that Apollo's client tooling (`generate-persisted-query-manifest`) writes from a frontend's
 * code: `{ "format": "apollo-persisted-query-manifest", "version": 1, "operations": [{ "id",
 * "name", "type", "body" }] }`. Each body is registered under its SHA-256, which is what
 * clients send; an `id` that is not that hash is refused rather than trusted.
 */
export async function importPersistedQueryManifest(store: SafelistStore, manifest: unknown, registeredBy: string): Promise<{ registered: number }> {
  const problem = (message: string) => new SafelistError(`persisted query manifest from ${registeredBy}: ${message}`);
  if (typeof manifest !== 'object' || manifest === null) throw problem('not a JSON object');
  const { format, version, operations } = manifest as Record<string, unknown>;
  if (format !== 'apollo-persisted-query-manifest' || version !== 1) throw problem('expected "format": "apollo-persisted-query-manifest" and "version": 1');
  if (!Array.isArray(operations)) throw problem('"operations" must be a list');
  const entries = operations.map((operation: unknown, index) => {
    const { id, body } = (operation ?? {}) as Record<string, unknown>;
    if (typeof body !== 'string' || body.trim() === '') throw problem(`operation ${index} has no "body"`);
    const hash = operationHash(body);
    if (id !== undefined && id !== hash) throw problem(`operation ${index}: "id" ${JSON.stringify(id)} is not the SHA-256 of its body (${hash})`);
    return { hash, body };
  });
  for (const { hash, body } of entries) await store.register(hash, body, registeredBy);
  return { registered: entries.length };
}
