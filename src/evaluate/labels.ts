import { z } from 'zod';
import { RuleSetError, type ConfigIssue } from '../errors.js';
import type { IngestInput } from '../ingest/input.js';
import { isBlankRecord, readCsvRecords } from '../ingest/read-csv.js';

/**
 * A planted account as evaluation needs it. The generator's `PlantedLabel` is one (it has more fields).
 * `start` is the first moment of planted activity (ISO-8601), used for time-to-alert.
 */
export const EvaluationPlantedLabelSchema = z.object({
  accountId: z.string().min(1),
  customerId: z.string().optional(),
  scenario: z.string().min(1),
  typology: z.string().min(1),
  start: z.string().optional(),
  archetype: z.string().optional(),
});
/** See {@link EvaluationPlantedLabelSchema}. */
export type EvaluationPlantedLabel = z.infer<typeof EvaluationPlantedLabelSchema>;

/** A background (innocent) account and its archetype. The generator's `BackgroundLabel` is one. */
export const EvaluationBackgroundLabelSchema = z.object({
  accountId: z.string().min(1),
  customerId: z.string().optional(),
  archetype: z.string().min(1),
});
/** See {@link EvaluationBackgroundLabelSchema}. */
export type EvaluationBackgroundLabel = z.infer<typeof EvaluationBackgroundLabelSchema>;

/** Ground truth for an evaluation: planted accounts and background accounts (the generator's `GeneratedLabels` fits). */
export interface EvaluationLabels {
  readonly planted: readonly EvaluationPlantedLabel[];
  readonly background: readonly EvaluationBackgroundLabel[];
}

const REQUIRED = ['account_id', 'planted', 'archetype'] as const;

/**
 * Reads a labels CSV as written by `msht-redflags generate` (`writeLabelsCsv`): header
 * `account_id,customer_id,planted,scenario,typology,role,group_id,archetype,start,end,intensity`.
 * Rows with `planted` = `true` are planted accounts (scenario and typology required), the others
 * background accounts (archetype required). Labels are ground truth, so a bad row fails the load;
 * every bad row is reported at once, located as `file:line`.
 *
 * @param input - a path, or a stream / async iterable of bytes or text
 * @param options - `source`: the name used in errors (default: the path)
 * @returns planted and background labels, in file order
 * @throws {RuleSetError} listing every bad row, or a missing header column
 * @example
 * const labels = await readLabelsCsv('out/labels.csv');
 * labels.planted[0] //=> { accountId: 'GB…', scenario: 'popup', typology: 'popup_operation', … }
 */
export async function readLabelsCsv(input: IngestInput, options: { source?: string } = {}): Promise<EvaluationLabels> {
  const file = options.source ?? (typeof input === 'string' ? input : 'labels');
  const planted: EvaluationPlantedLabel[] = [];
  const background: EvaluationBackgroundLabel[] = [];
  const issues: ConfigIssue[] = [];
  let names: string[] | undefined;
  for await (const rec of readCsvRecords(input, {})) {
    if (isBlankRecord(rec)) continue;
    if (names === undefined) {
      names = rec.fields.map((f) => f.trim().toLowerCase());
      const missing = REQUIRED.filter((h) => !names!.includes(h));
      if (missing.length > 0) {
        throw new RuleSetError([{ code: 'missing_column', path: [], message: `the labels header lacks ${missing.map((m) => `"${m}"`).join(', ')}`, file: `${file}:${rec.line}` }], 'labels');
      }
      continue;
    }
    const at = `${file}:${rec.line}`;
    if (rec.error !== undefined || rec.fields.length !== names.length) {
      issues.push({ code: 'parse_error', path: [], message: rec.error ?? `expected ${names.length} columns, found ${rec.fields.length}`, file: at });
      continue;
    }
    const row = new Map<string, string>();
    names.forEach((n, i) => row.set(n, (rec.fields[i] ?? '').trim()));
    const get = (k: string): string | undefined => {
      const v = row.get(k);
      return v === undefined || v === '' ? undefined : v;
    };
    const base = { accountId: get('account_id'), ...(get('customer_id') === undefined ? {} : { customerId: get('customer_id') }) };
    const isPlanted = get('planted')?.toLowerCase() === 'true';
    const parsed = isPlanted
      ? EvaluationPlantedLabelSchema.safeParse({
          ...base,
          scenario: get('scenario'),
          typology: get('typology'),
          ...(get('start') === undefined ? {} : { start: get('start') }),
          ...(get('archetype') === undefined ? {} : { archetype: get('archetype') }),
        })
      : EvaluationBackgroundLabelSchema.safeParse({ ...base, archetype: get('archetype') });
    if (!parsed.success) {
      for (const i of parsed.error.issues) issues.push({ code: i.code, path: i.path.map(String), message: i.message, file: at });
      continue;
    }
    if (isPlanted) planted.push(parsed.data as EvaluationPlantedLabel);
    else background.push(parsed.data as EvaluationBackgroundLabel);
  }
  if (names === undefined) throw new RuleSetError([{ code: 'missing_column', path: [], message: 'the labels file is empty (no header)', file }], 'labels');
  if (issues.length > 0) throw new RuleSetError(issues, 'labels');
  return { planted, background };
}
