import { readFileSync } from 'node:fs';
import { isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import { ConfigError } from '../config';
import { forbidden } from './access-errors';
import { DEFAULT_PURPOSES, type PurposeSource } from './purpose-defaults';
import { headerValues, type RequestHeaders } from './request-headers';

/**
 * Why the caller is asking (issue 6, item 2). Every operation that reads personal data names a
 * purpose code in `X-Satu-Purpose`; a purpose may list the field coordinates it may read.
 *
 * The matrix governs data, not entry points: fields of the root types (Query, Mutation,
 * Subscription) are never restricted by it (scopes decide who may call what). That leaks
 * nothing, because every root field that returns personal data returns an object type, and the
 * fields selected on it are checked.
 */
export const PURPOSE_HEADER = 'X-Satu-Purpose';

export interface Purpose {
  code: string;
  description: string;
  /** Allowed `Type.field` coordinates and `Type.*` wildcards; null = no field restriction. */
  fields: ReadonlySet<string> | null;
}

export interface PurposeConfig {
  purposes: ReadonlyMap<string, Purpose>;
}

const CODE = /^[a-z][a-z0-9-]{0,63}$/;
const NAME = '[_A-Za-z][_0-9A-Za-z]*';
const COORDINATE = new RegExp(`^${NAME}\\.(${NAME}|\\*)$`);
const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/** Validates purpose definitions; `source` names where they came from in error messages. */
export function buildPurposeConfig(sources: unknown, source: string): PurposeConfig {
  if (!Array.isArray(sources)) throw new ConfigError([`${source}: "purposes" must be a list of { "code", "description", "fields"? }`]);
  if (sources.length === 0) throw new ConfigError([`${source}: the purpose list is empty; name at least one purpose`]);
  const problems: string[] = [];
  const purposes = new Map<string, Purpose>();
  for (const [index, raw] of sources.entries()) {
    const entry = raw as Partial<Record<keyof PurposeSource, unknown>> | null;
    const where = `${source}, purpose ${index}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`${where} must be an object { "code", "description", "fields"? }`);
      continue;
    }
    const code = entry.code;
    if (typeof code !== 'string' || !CODE.test(code)) {
      problems.push(`${where}: "code" must be lower-case letters, digits and dashes (e.g. "vehicle-tax"), got ${JSON.stringify(code)}`);
      continue;
    }
    if (purposes.has(code)) problems.push(`${where}: duplicate code "${code}"`);
    if (typeof entry.description !== 'string' || entry.description.trim() === '') problems.push(`${where} ("${code}"): "description" must be a non-empty string`);
    let fields: Set<string> | null = null;
    if (entry.fields !== undefined) {
      if (!Array.isArray(entry.fields) || entry.fields.length === 0) {
        problems.push(`${where} ("${code}"): "fields" must be a non-empty list of coordinates, or left out for no field restriction`);
      } else {
        fields = new Set();
        for (const coordinate of entry.fields) {
          if (typeof coordinate !== 'string' || !COORDINATE.test(coordinate)) {
            problems.push(`${where} ("${code}"): ${JSON.stringify(coordinate)} is not a field coordinate; write "Type.field" or "Type.*" (e.g. "Citizen.vehicles", "Vehicle.*")`);
          } else {
            fields.add(coordinate);
          }
        }
      }
    }
    if (!purposes.has(code)) purposes.set(code, { code, description: String(entry.description ?? ''), fields });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { purposes };
}

export function defaultPurposeConfig(): PurposeConfig {
  return buildPurposeConfig(DEFAULT_PURPOSES, 'the embedded purpose list');
}

/** SATU_PURPOSES_FILE: `{ "purposes": [ { "code", "description", "fields"? } ] }`; replaces the defaults. */
export function loadPurposeFile(file: string): PurposeConfig {
  const source = `SATU_PURPOSES_FILE ${file}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError([`${source} is not readable JSON: ${(error as Error).message}`]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !('purposes' in parsed)) {
    throw new ConfigError([`${source} must be an object { "purposes": [ { "code", "description", "fields"? } ] }`]);
  }
  return buildPurposeConfig((parsed as { purposes: unknown }).purposes, source);
}

export function readPurposeConfig(file: string | undefined): PurposeConfig {
  return file === undefined ? defaultPurposeConfig() : loadPurposeFile(file);
}

function validCodes(config: PurposeConfig): string {
  return [...config.purposes.values()].map((purpose) => `${purpose.code} (${purpose.description})`).join('; ');
}

/**
 * The purpose code the request names, or FORBIDDEN listing the valid codes. Call it only for
 * operations that read personal data; whether one does is the caller's decision.
 */
export function readPurpose(headers: RequestHeaders, config: PurposeConfig): string {
  const values = headerValues(headers, PURPOSE_HEADER);
  if (values.length === 0 || values.every((value) => value.trim() === '')) {
    throw forbidden(`${PURPOSE_HEADER} is missing: an operation that reads personal data must name its purpose. Valid codes: ${validCodes(config)}`);
  }
  if (values.length > 1) throw forbidden(`${PURPOSE_HEADER} was sent more than once; send one purpose. Valid codes: ${validCodes(config)}`);
  const code = (values[0] as string).trim();
  if (!config.purposes.has(code)) {
    // Echo only a short, printable prefix of what was sent: enough to spot a typo, useless for injection.
    const shown = JSON.stringify(code.replace(/[^\x20-\x7e]/g, '?').slice(0, 40));
    throw forbidden(`${PURPOSE_HEADER} ${shown} is not a known purpose. Valid codes: ${validCodes(config)}`);
  }
  return code;
}

/** May a request made for `purpose` read the field at `coordinate` ("Type.field")? */
export function isAllowedByPurpose(purpose: Purpose, coordinate: string): boolean {
  if (purpose.fields === null) return true;
  const dot = coordinate.indexOf('.');
  const typeName = dot < 0 ? coordinate : coordinate.slice(0, dot);
  if (ROOT_TYPES.has(typeName)) return true;
  return purpose.fields.has(coordinate) || purpose.fields.has(`${typeName}.*`);
}

/**
 * Coordinates in the matrix that name no type or field of `schema`: a typo there silently
 * forbids a field, so the gateway should warn at start and whenever the supergraph changes.
 */
export function unknownPurposeCoordinates(config: PurposeConfig, schema: GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const purpose of config.purposes.values()) {
    for (const coordinate of purpose.fields ?? []) {
      const [typeName, fieldName] = coordinate.split('.') as [string, string];
      const type = schema.getType(typeName);
      if (!isObjectType(type) && !isInterfaceType(type)) problems.push(`purpose ${purpose.code}: ${coordinate} names no object or interface type ${typeName}`);
      else if (fieldName !== '*' && !type.getFields()[fieldName]) problems.push(`purpose ${purpose.code}: ${coordinate} names no field of ${typeName}`);
    }
  }
  return problems;
}
