import type { FieldChange, FieldLineage, FieldSource, SchemaVersion, SchemaVersionRef } from './lineage.types';

/** Plain-text renderings of lineage answers for `satu lineage`, for a person at a terminal. */

function sourceText(source: FieldSource | null): string {
  return source ? `${source.system} / ${source.operation} / ${source.field}` : '- (no @source: computed or not declared)';
}

function versionText(version: SchemaVersionRef): string {
  return `${version.subgraph} version ${version.sequence}, ${version.publishedAt} by ${version.publisher}`;
}

function changeLines(change: FieldChange, withVersion: boolean): string[] {
  const where = change.relation && change.relation !== 'FIELD' ? ` [${change.relation.toLowerCase().replace(/_/g, ' ')}]` : '';
  const head = withVersion ? `${change.version.subgraph} v${change.version.sequence}  ${change.version.publishedAt}  ${change.version.publisher}\n      ` : '';
  const lines = [`  - ${head}${change.scope.padEnd(8)} ${change.criticality.padEnd(9)} ${change.changeType}  ${change.coordinate ?? '-'}${where}`, `      ${change.message}`];
  if (withVersion && change.version.overrideReason) lines.push(`      published despite failing checks; override reason: ${JSON.stringify(change.version.overrideReason)}`);
  return lines;
}

function notesLines(notes: readonly string[]): string[] {
  return notes.length > 0 ? ['', 'Notes:', ...notes.map((note) => `  - ${note}`)] : [];
}

export function renderFieldLineageText(lineage: FieldLineage): string {
  const lines = [`${lineage.coordinate}: ${lineage.returnType}`, ''];
  lines.push(`Owners (${lineage.owners.length}):`);
  for (const owner of lineage.owners) {
    lines.push(`  ${owner.subgraph} (agency ${owner.agency}: ${owner.agencyTitle})`);
    lines.push(`    source          ${sourceText(owner.source)}`);
    lines.push(`    classification  ${owner.personalDataCategory ? `${owner.personalDataCategory} (personal data)` : 'none (not personal data)'}`);
    lines.push(`    identity claim  ${owner.identityClaim ?? '-'}`);
  }
  lines.push('');
  lines.push(`Introduced in: ${lineage.introducedIn ? versionText(lineage.introducedIn) : 'unknown (no registry history)'}`);
  if (lineage.introducedIn?.overrideReason) lines.push(`  published despite failing checks; override reason: ${JSON.stringify(lineage.introducedIn.overrideReason)}`);
  lines.push('');
  lines.push(lineage.changes.length > 0 ? `Changes (${lineage.changes.length}, oldest first):` : 'Changes: none recorded');
  for (const change of lineage.changes) lines.push(...changeLines(change, true));
  lines.push(...notesLines(lineage.notes));
  return `${lines.join('\n')}\n`;
}

export function renderHistoryText(subgraph: string, versions: readonly SchemaVersion[], notes: readonly string[]): string {
  const lines = [`${subgraph}: ${versions.length} published version${versions.length === 1 ? '' : 's'}, oldest first`];
  for (const version of versions) {
    lines.push('');
    lines.push(`Version ${version.sequence}  ${version.publishedAt}  by ${version.publisher}`);
    lines.push(`  url ${version.url}  sha256 ${version.hash.slice(0, 12)}`);
    if (version.overrideReason) lines.push(`  published despite failing checks; override reason: ${JSON.stringify(version.overrideReason)}`);
    lines.push(version.changes.length > 0 ? `  Changes (${version.changes.length}):` : '  Changes: none recorded (first version, or a URL move)');
    for (const change of version.changes) lines.push(...changeLines(change, false).map((line) => `  ${line}`));
  }
  lines.push(...notesLines(notes));
  return `${lines.join('\n')}\n`;
}
