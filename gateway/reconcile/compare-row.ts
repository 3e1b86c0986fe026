import { compareAttribute, formatRegistryAddress, type AttributeVerdict } from '../crosscheck';
import { readValue } from '../crosscheck/value.guard';
import type { InputColumn } from './input-columns';
import type { InputRow } from './input-reader';
import type { RegistryCitizen } from './registry-client';

export interface ColumnComparison {
  column: InputColumn;
  /** The registry's value as compared (ADDRESS: formatRegistryAddress's line); null when it holds none. */
  registryValue: string | null;
  agencyValue: string;
  verdict: AttributeVerdict;
  rule: string;
  reason: string;
}

export interface RowComparison {
  comparisons: ColumnComparison[];
  /** Columns whose cell is empty or a placeholder (`-`, `NULL`, `N/A`): the agency holds no value, nothing to compare. */
  noValue: InputColumn[];
}

/** The registry's value for a column, as a string the engine compares; null when there is none. */
export function registryValueOf(citizen: RegistryCitizen, column: InputColumn): string | null {
  if (column.attribute === 'ADDRESS') {
    const line = citizen.address ? formatRegistryAddress(citizen.address) : '';
    return line === '' ? null : line;
  }
  const field = column.registrySelection as Exclude<keyof RegistryCitizen, 'address' | 'nik'>;
  const value = citizen[field];
  return typeof value === 'string' ? value : null;
}

/** Compares every present cell of an input row with the registry's citizen (compareAttribute, the crosscheck's engine). */
export function compareRow(row: InputRow, citizen: RegistryCitizen): RowComparison {
  const result: RowComparison = { comparisons: [], noValue: [] };
  for (const { column, value } of row.values) {
    if (readValue(value).problem === 'empty') {
      result.noValue.push(column);
      continue;
    }
    const registryValue = registryValueOf(citizen, column);
    const comparison = compareAttribute(column.attribute, registryValue, value);
    result.comparisons.push({ column, registryValue, agencyValue: value, ...comparison });
  }
  return result;
}
