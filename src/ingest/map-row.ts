import { RuleSetError, type ConfigIssue } from '../errors.js';
import type { Rejection } from '../schema/alert.js';
import { validateOwnTransaction } from '../schema/validate-transaction.js';
import type { IngestRecord } from './types.js';
import { checkCanonicalValue, type ColumnSource, type Mapping, type MappingTarget } from './mapping.js';
import { parseAmount } from './parse-amount.js';
import { compileTimestampParser } from './parse-timestamp.js';

/** Turns one CSV record into its ingest records (none for a two-sided row with no monitored party). */
export type RowMapper = (fields: readonly string[], line: number) => IngestRecord[];

/** A resolved column: its header name(s) for messages and its cell indexes. */
interface Resolved {
  readonly name: string;
  readonly indexes: readonly number[];
}

/** A problem with one cell, turned into a rejection. */
interface CellProblem {
  readonly field: string;
  readonly column?: string;
  readonly value?: string;
  readonly reason: string;
}

const REQUIRED_FIELDS = new Set<MappingTarget>(['id', 'timestamp', 'accountId', 'direction', 'amount', 'currency', 'channel']);

/**
 * Binds a mapping to a file's header and returns the row mapper. Header names are matched after trimming;
 * unmapped columns are ignored.
 *
 * @param mapping - the column mapping
 * @param header - the header row's cells
 * @param where - `source` to attach to records, `mappingFile` for error locations
 * @returns the mapper, and the mapped columns of optional fields that the header lacks
 * @throws {RuleSetError} when a column of a required field is missing, or a mapped column appears twice in the header
 * @example
 * const { mapRow } = createRowMapper(DEFAULT_MAPPING, ['id', 'timestamp', 'account_id', 'direction', 'amount', 'currency', 'channel']);
 * mapRow(['t1', '2026-03-01T10:00:00Z', 'A1', 'out', '12.50', 'GBP', 'card'], 2)[0].kind //=> 'transaction'
 */
export function createRowMapper(
  mapping: Mapping,
  header: readonly string[],
  where: { source?: string; mappingFile?: string } = {},
): { mapRow: RowMapper; missingColumns: string[] } {
  const positions = new Map<string, number[]>();
  header.forEach((h, i) => {
    const key = h.trim();
    positions.set(key, [...(positions.get(key) ?? []), i]);
  });
  const issues: ConfigIssue[] = [];
  const missingColumns: string[] = [];
  const fileOf = where.mappingFile === undefined ? {} : { file: where.mappingFile };
  const inFile = where.source === undefined ? '' : ` of ${where.source}`;

  function resolveSource(src: ColumnSource, path: (string | number)[], required: boolean): Resolved | undefined {
    const names = typeof src === 'string' ? [src] : src;
    const indexes: number[] = [];
    for (const [k, name] of names.entries()) {
      const at = positions.get(name.trim());
      const p = typeof src === 'string' ? path : [...path, k];
      if (at === undefined) {
        if (required) issues.push({ code: 'missing_column', path: p, message: `column "${name}" is not in the header${inFile}`, ...fileOf });
        else missingColumns.push(name);
        return undefined;
      }
      if (at.length > 1) {
        issues.push({ code: 'duplicate_column', path: p, message: `column "${name}" appears ${at.length} times in the header${inFile}`, ...fileOf });
        return undefined;
      }
      indexes.push(at[0]!);
    }
    return { name: names.join(' + '), indexes };
  }

  const columns = new Map<MappingTarget, Resolved>();
  for (const [field, src] of Object.entries(mapping.columns) as [MappingTarget, ColumnSource | undefined][]) {
    if (src === undefined) continue;
    const r = resolveSource(src, ['columns', field], REQUIRED_FIELDS.has(field));
    if (r !== undefined) columns.set(field, r);
  }
  const ts = mapping.twoSided;
  type Party = { accountId: Resolved; customerId?: Resolved; name?: Resolved; country?: Resolved };
  const parties: { payer: Party; payee: Party } | undefined = (() => {
    if (ts === null) return undefined;
    const out: Partial<Record<'payer' | 'payee', Party>> = {};
    for (const side of ['payer', 'payee'] as const) {
      const spec = ts[side];
      const accountId = resolveSource(spec.accountId, ['twoSided', side, 'accountId'], true);
      if (accountId === undefined) continue;
      const party: Party = { accountId };
      for (const k of ['customerId', 'name', 'country'] as const) {
        const s = spec[k];
        if (s === undefined) continue;
        const r = resolveSource(s, ['twoSided', side, k], false);
        if (r !== undefined) party[k] = r;
      }
      out[side] = party;
    }
    return out.payer !== undefined && out.payee !== undefined ? { payer: out.payer, payee: out.payee } : undefined;
  })();
  if (issues.length > 0) throw new RuleSetError(issues, `mapping for ${where.source ?? 'the input'}`);

  const monitored = ts?.monitoredAccounts === undefined ? undefined : new Set(ts.monitoredAccounts);
  if (ts !== null && ts.monitoredAccountsFile !== undefined && monitored === undefined) {
    throw new RuleSetError(
      [{ code: 'unresolved_list', path: ['twoSided', 'monitoredAccountsFile'], message: 'monitoredAccountsFile was not read: load the mapping with loadMapping()', ...fileOf }],
      'mapping file',
    );
  }
  const valueMaps = new Map<MappingTarget, Map<string, string>>();
  for (const [field, map] of Object.entries(mapping.values) as [MappingTarget, Record<string, string>][]) {
    valueMaps.set(field, new Map(Object.entries(map).map(([k, v]) => [k.trim().toLowerCase(), v])));
  }
  const parseTime = compileTimestampParser(mapping.dateFormat, mapping.timeZone);
  const style = { decimalSeparator: mapping.decimalSeparator, thousandsSeparator: mapping.thousandsSeparator };
  const source = where.source;
  const hasDirectionColumn = columns.has('direction') || mapping.constants.direction !== undefined;

  function cell(fields: readonly string[], r: Resolved): string {
    if (r.indexes.length === 1) return (fields[r.indexes[0]!] ?? '').trim();
    return r.indexes.map((i) => (fields[i] ?? '').trim()).filter((s) => s !== '').join(' ');
  }

  /** Converts a raw value for one field; returns the canonical value or a reason. */
  function convert(field: MappingTarget, raw: string): { value: unknown } | { reason: string } {
    const map = valueMaps.get(field);
    const mapped = map?.get(raw.toLowerCase());
    if (mapped !== undefined) return { value: mapped };
    switch (field) {
      case 'direction':
      case 'channel': {
        const v = raw.toLowerCase();
        const bad = checkCanonicalValue(field, v);
        return bad === undefined ? { value: v } : { reason: `${bad}${map === undefined ? '' : `; not in values.${field}`}` };
      }
      case 'currency':
      case 'counterparty.country':
      case 'merchant.country':
      case 'location.country': {
        const v = raw.toUpperCase();
        const bad = checkCanonicalValue(field, v);
        return bad === undefined ? { value: v } : { reason: `${bad}${map === undefined ? '' : `; not in values["${field}"]`}` };
      }
      case 'merchant.mcc':
        // some exports drop the leading zero of codes such as 0742
        return /^\d{1,4}$/.test(raw) ? { value: raw.padStart(4, '0') } : { reason: `"${raw}" is not a four-digit merchant category code` };
      case 'timestamp': {
        const t = parseTime(raw);
        return t.ok ? { value: t.value } : { reason: t.reason };
      }
      case 'flags':
        return { value: raw.split(/[|;]/).map((s) => s.trim()).filter((s) => s !== '') };
      default:
        return { value: raw };
    }
  }

  function reject(p: CellProblem, line: number, id: string | undefined, more: number, code: Rejection['code'] = 'invalid'): IngestRecord {
    const col = p.column === undefined ? '' : ` (column "${p.column}")`;
    const extra = more > 0 ? ` (+${more} more problem${more > 1 ? 's' : ''})` : '';
    const rejection: Rejection = {
      code,
      message: p.field === '(row)' ? `${p.reason}${extra}` : `${p.field}${col}: ${p.reason}${extra}`,
      field: p.field,
      line,
      ...(p.value === undefined ? {} : { value: truncate(p.value) }),
      ...(id === undefined ? {} : { transactionId: id }),
      ...(source === undefined ? {} : { source }),
    };
    return { kind: 'rejected', rejection };
  }

  const width = header.length;
  const columnOf = new Map<string, string>([...columns].map(([f, r]) => [f, r.name]));

  const mapRow: RowMapper = (fields, line) => {
    if (fields.length !== width) {
      return [
        reject(
          { field: '(row)', value: fields.join(mapping.delimiter), reason: `expected ${width} columns as in the header, found ${fields.length}` },
          line,
          undefined,
          0,
          'parse_error',
        ),
      ];
    }
    const tx: Record<string, unknown> = {};
    const problems: CellProblem[] = [];
    let amountNegative = false;
    for (const [field, r] of columns) {
      const raw = cell(fields, r);
      if (raw === '') continue; // empty cell: absent field
      if (field === 'amount') {
        const a = parseAmount(raw, style);
        if (!a.ok) problems.push({ field, column: r.name, value: raw, reason: a.reason });
        else {
          setPath(tx, field, a.value);
          amountNegative = a.negative;
        }
        continue;
      }
      const c = convert(field, raw);
      if ('reason' in c) problems.push({ field, column: r.name, value: raw, reason: c.reason });
      else setPath(tx, field, c.value);
    }
    for (const [field, value] of Object.entries(mapping.constants) as [MappingTarget, string][]) {
      if (field === 'flags') setPath(tx, field, value.split(/[|;]/).map((s) => s.trim()).filter((s) => s !== ''));
      else setPath(tx, field, value);
    }
    if (tx.id === undefined && !columns.has('id')) tx.id = `${mapping.idPrefix}L${line}`;
    const id = typeof tx.id === 'string' ? tx.id : undefined;
    // the amount's sign: with signedAmount it gives the direction unless a column does; otherwise it must not be negative
    if (tx.amount !== undefined && parties !== undefined && amountNegative) {
      problems.push({ field: 'amount', column: columnOf.get('amount') ?? 'amount', value: cell(fields, columns.get('amount')!), reason: 'negative amount in a two-sided payment row' });
    } else if (tx.amount !== undefined && parties === undefined) {
      if (mapping.signedAmount && !hasDirectionColumn) tx.direction = amountNegative ? 'out' : 'in';
      else if (amountNegative && !mapping.signedAmount) {
        problems.push({ field: 'amount', column: columnOf.get('amount') ?? 'amount', value: cell(fields, columns.get('amount')!), reason: 'negative amount (set "signedAmount": true if the sign gives the direction)' });
      } else if (mapping.signedAmount && amountNegative && tx.direction === 'in') {
        problems.push({ field: 'amount', column: columnOf.get('amount') ?? 'amount', value: cell(fields, columns.get('amount')!), reason: 'negative amount on a credit (direction "in")' });
      }
    }
    for (const f of ['timestamp', 'amount', 'currency', 'channel'] as const) {
      if (getPath(tx, f) === undefined && !problems.some((p) => p.field === f)) {
        const name = columnOf.get(f);
        problems.push({ field: f, ...(name === undefined ? {} : { column: name }), value: '', reason: 'required value is empty' });
      }
    }
    if (parties === undefined) {
      for (const f of ['id', 'accountId', 'direction'] as const) {
        if (tx[f] === undefined && !problems.some((p) => p.field === f)) {
          const name = columnOf.get(f);
          problems.push({ field: f, ...(name === undefined ? {} : { column: name }), value: '', reason: 'required value is empty' });
        }
      }
    }
    if (problems.length > 0) return [reject(problems[0]!, line, id, problems.length - 1)];

    if (parties === undefined) return [validated(tx, line)];
    return expandTwoSided(tx, fields, line, id);
  };

  function validated(tx: Record<string, unknown>, line: number): IngestRecord {
    const v = validateOwnTransaction(tx, source === undefined ? { line } : { line, source });
    if (v.ok) return source === undefined ? { kind: 'transaction', transaction: v.transaction, line } : { kind: 'transaction', transaction: v.transaction, line, source };
    // name the source column too, so the analyst can find the cell
    const f = v.rejection.field;
    const col = f === undefined ? undefined : (columnOf.get(f) ?? partyColumnOf.get(f));
    if (col === undefined) return { kind: 'rejected', rejection: v.rejection };
    return { kind: 'rejected', rejection: { ...v.rejection, message: v.rejection.message.replace(/^([^:]+):/, `$1 (column "${col}"):`) } };
  }

  const partyColumnOf = new Map<string, string>();

  function expandTwoSided(common: Record<string, unknown>, fields: readonly string[], line: number, id: string | undefined): IngestRecord[] {
    const p = parties!;
    const problems: CellProblem[] = [];
    const read = (side: 'payer' | 'payee') => {
      const party = p[side];
      const accountId = cell(fields, party.accountId);
      if (accountId === '') problems.push({ field: `${side}.accountId`, column: party.accountId.name, value: '', reason: 'required value is empty' });
      const out: { accountId: string; customerId?: string; name?: string; country?: string } = { accountId };
      if (party.customerId !== undefined) {
        const v = cell(fields, party.customerId);
        if (v !== '') out.customerId = v;
      }
      if (party.name !== undefined) {
        const v = cell(fields, party.name);
        if (v !== '') out.name = v;
      }
      if (party.country !== undefined) {
        const raw = cell(fields, party.country);
        if (raw !== '') {
          const c = convert('counterparty.country', raw);
          if ('reason' in c) problems.push({ field: `${side}.country`, column: party.country.name, value: raw, reason: c.reason });
          else out.country = c.value as string;
        }
      }
      return out;
    };
    const payer = read('payer');
    const payee = read('payee');
    if (problems.length > 0) return [reject(problems[0]!, line, id, problems.length - 1)];
    const records: IngestRecord[] = [];
    const baseId = typeof common.id === 'string' ? common.id : `${mapping.idPrefix}L${line}`;
    for (const [self, other, direction] of [
      [payer, payee, 'out'],
      [payee, payer, 'in'],
    ] as const) {
      if (monitored !== undefined && !monitored.has(self.accountId)) continue;
      const counterparty: Record<string, string> = { account: other.accountId };
      if (other.customerId !== undefined) counterparty.id = other.customerId;
      if (other.name !== undefined) counterparty.name = other.name;
      if (other.country !== undefined) counterparty.country = other.country;
      const tx: Record<string, unknown> = { ...common, id: `${baseId}:${direction}`, accountId: self.accountId, direction, counterparty };
      if (self.customerId !== undefined) tx.customerId = self.customerId;
      const r = validated(tx, line);
      // one rejection per row, even when both sides fail the same way
      if (r.kind === 'rejected') return [r];
      records.push(r);
    }
    return records;
  }

  return { mapRow, missingColumns };
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const dot = path.indexOf('.');
  if (dot === -1) {
    obj[path] = value;
    return;
  }
  const head = path.slice(0, dot);
  const inner = (obj[head] ??= {}) as Record<string, unknown>;
  inner[path.slice(dot + 1)] = value;
}

function getPath(obj: Record<string, unknown>, path: string): unknown {
  const dot = path.indexOf('.');
  if (dot === -1) return obj[path];
  const inner = obj[path.slice(0, dot)];
  return inner === undefined ? undefined : (inner as Record<string, unknown>)[path.slice(dot + 1)];
}

function truncate(s: string): string {
  return s.length > 200 ? `${s.slice(0, 197)}...` : s;
}
