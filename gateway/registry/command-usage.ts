import { existsSync } from 'node:fs';
import { auditDatabaseLocation } from '../audit/audit-cli-support';
import { openLedgerDatabase } from '../audit/ledger-database';
import { LedgerReader } from '../audit/ledger-reader';
import { isPostgresUrl } from '../store/database';
import { ledgerUsageSource } from '../audit/registry-usage';
import type { RegistryStore } from './registry.store';
import { mergedUsage, type UsageSource } from './usage-sources';

/** Which usage a registry command judged breaking changes by, said in its output. */
export interface CommandUsage {
  usage: UsageSource;
  /** e.g. "the registry's usage table and the access ledger at data/gateway.sqlite" */
  description: string;
  close(): Promise<void>;
}

/**
 * The usage `satu check` and `satu publish` judge breaking changes by: the registry's usage table
 * and, where the gateway's database holds an access ledger (SATU_DATABASE_URL, else
 * data/gateway.sqlite), every operation the ledger recorded. A gateway database that does not
 * exist yet (a fresh checkout) or has no ledger leaves the registry's table alone.
 */
export async function openCommandUsage(env: NodeJS.ProcessEnv, registry: RegistryStore): Promise<CommandUsage> {
  const location = auditDatabaseLocation(undefined, env);
  const registryOnly: CommandUsage = { usage: registry, description: "the registry's usage table", close: async () => undefined };
  if (!isPostgresUrl(location) && !existsSync(location)) return registryOnly;
  let db;
  try {
    db = await openLedgerDatabase(location, { migrate: false });
    // One cheap read: a database without the ledger's tables is a gateway that never ran with it.
    await db.selectFrom('audit_ledger_head' as never).selectAll().limit(1).execute();
  } catch {
    await db?.destroy();
    return registryOnly;
  }
  const opened = db;
  return {
    usage: mergedUsage([registry, ledgerUsageSource(new LedgerReader(opened))]),
    description: `the registry's usage table and the access ledger at ${isPostgresUrl(location) ? 'SATU_DATABASE_URL' : location}`,
    close: () => opened.destroy(),
  };
}
