/**
 * Early consistency check of the rule pack in `rules/`.
 *
 * Parses every file with `RuleFileSchema`, then checks what the schema cannot see on its own:
 * unique `id@version`, named lists exist (and are of the right kind for the operator), `$param`
 * references exist (and unused parameters are reported), measures named in triggers and `ref`s
 * exist, `{placeholders}` in `explain` are known, typology members exist.
 *
 * Run: `npx tsx scripts/check-rule-files.ts [rulesDir]` — prints every problem with file and JSON path,
 * exits 1 when there is any. The real loader (`loadRules`) enforces the same rules at load time.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RuleFileSchema, type RuleFile, type IndicatorRule, type Typology, type ReferenceList } from '../src/schema/rule.js';
import { FIELD_KINDS, isFieldPath } from '../src/schema/fields.js';

/** One rule file as read from disk: its path (relative to the working directory) and parsed content. */
export interface LoadedRuleFile {
  readonly path: string;
  readonly data: RuleFile;
}

/** A problem found in a rule file. */
export interface RuleFileProblem {
  readonly file: string;
  /** JSON path inside the file, e.g. `measures.stays.where.any[0].list`; empty for the whole file. */
  readonly path: string;
  readonly message: string;
}

/** The sub-directories of a rules directory that hold rule files. */
export const RULE_SUBDIRS = ['indicators', 'typologies', 'lists'] as const;

/**
 * Lists the JSON rule files under a rules directory, sorted by path so that output is deterministic.
 *
 * @param rulesDir - e.g. `rules`
 * @returns file paths
 */
export function listRuleFiles(rulesDir: string): string[] {
  const files: string[] = [];
  for (const sub of RULE_SUBDIRS) {
    const dir = join(rulesDir, sub);
    let names: string[];
    try {
      if (!statSync(dir).isDirectory()) continue;
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names.sort()) if (name.endsWith('.json')) files.push(join(dir, name));
  }
  return files;
}

/**
 * Reads and parses every rule file under a rules directory.
 *
 * @param rulesDir - e.g. `rules`
 * @returns the files that parsed, and the problems of those that did not
 */
export function readRuleFiles(rulesDir: string): { files: LoadedRuleFile[]; problems: RuleFileProblem[] } {
  const files: LoadedRuleFile[] = [];
  const problems: RuleFileProblem[] = [];
  // Paths are reported relative to the rules directory's parent (`rules/indicators/001-….json`), whatever the
  // working directory, so that generated documentation does not depend on where the script runs.
  const base = basename(resolve(rulesDir));
  for (const abs of listRuleFiles(rulesDir)) {
    const file = [base, ...abs.slice(rulesDir.length).split(/[\\/]/).filter((x) => x !== '')].join('/');
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(abs, 'utf8'));
    } catch (e) {
      problems.push({ file, path: '', message: `not valid JSON: ${(e as Error).message}` });
      continue;
    }
    const parsed = RuleFileSchema.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ file, path: formatPath(issue.path), message: issue.message });
      continue;
    }
    files.push({ path: file, data: parsed.data });
  }
  return { files, problems };
}

/** Formats a JSON path as `a.b[0].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}

const LIST_OPS_CODES = new Set(['in', 'notIn']);
const LIST_OPS_NAMES = new Set(['matchesAny', 'matchesNone']);
const BUILTIN_PLACEHOLDERS = new Set(['windowStart', 'windowEnd', 'key', 'scope']);

/**
 * Checks the cross-references of a set of parsed rule files.
 *
 * @param files - parsed files (see {@link readRuleFiles})
 * @returns every problem found, in file order
 */
export function checkRuleFiles(files: readonly LoadedRuleFile[]): RuleFileProblem[] {
  const problems: RuleFileProblem[] = [];
  const lists = new Map<string, ReferenceList>();
  const indicatorIds = new Set<string>();
  const seen = new Map<string, string>();

  for (const f of files) {
    const d = f.data;
    const key = d.type === 'list' ? `list:${d.id}` : `${d.id}@${d.version}`;
    const other = seen.get(key);
    if (other !== undefined) problems.push({ file: f.path, path: 'id', message: `duplicate ${d.type === 'list' ? 'list id' : 'id@version'} "${key.replace(/^list:/, '')}" (also in ${other})` });
    else seen.set(key, f.path);
    if (d.type === 'list') lists.set(d.id, d);
    if (d.type === 'indicator') indicatorIds.add(d.id);
  }

  for (const f of files) {
    const d = f.data;
    if (d.type === 'indicator') checkIndicator(f.path, d, lists, problems);
    else if (d.type === 'typology') checkTypology(f.path, d, indicatorIds, problems);
    else checkList(f.path, d, problems);
  }
  return problems;
}

function checkList(file: string, list: ReferenceList, problems: RuleFileProblem[]): void {
  if (list.kind === 'names' && list.ranges.length > 0) problems.push({ file, path: 'ranges', message: 'ranges are only allowed in "codes" lists' });
  list.ranges.forEach(([lo, hi], i) => {
    if (lo.length !== hi.length) problems.push({ file, path: `ranges[${i}]`, message: `range ends must have the same number of digits ("${lo}", "${hi}")` });
    else if (lo > hi) problems.push({ file, path: `ranges[${i}]`, message: `range start "${lo}" is after its end "${hi}"` });
  });
  const dup = list.items.filter((x, i) => list.items.indexOf(x) !== i);
  if (dup.length > 0) problems.push({ file, path: 'items', message: `duplicate items: ${[...new Set(dup)].join(', ')}` });
}

function checkTypology(file: string, t: Typology, indicatorIds: ReadonlySet<string>, problems: RuleFileProblem[]): void {
  if (t.sources.length === 0) problems.push({ file, path: 'sources', message: 'a typology must cite at least one source' });
  const members = new Set<string>();
  t.members.forEach((m, i) => {
    if (!indicatorIds.has(m.rule)) problems.push({ file, path: `members[${i}].rule`, message: `unknown indicator "${m.rule}"` });
    if (members.has(m.rule)) problems.push({ file, path: `members[${i}].rule`, message: `"${m.rule}" is listed twice` });
    members.add(m.rule);
  });
  const max = t.members.reduce((s, m) => s + m.weight, 0);
  if (t.thresholds.review > max + 1e-9) problems.push({ file, path: 'thresholds.review', message: `review threshold ${t.thresholds.review} can never be reached (members sum to ${round(max)})` });
  if (t.thresholds.high > max + 1e-9) problems.push({ file, path: 'thresholds.high', message: `high threshold ${t.thresholds.high} can never be reached (members sum to ${round(max)})` });
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function checkIndicator(file: string, rule: IndicatorRule, lists: ReadonlyMap<string, ReferenceList>, problems: RuleFileProblem[]): void {
  const add = (path: string, message: string): void => {
    problems.push({ file, path, message });
  };
  if (rule.sources.length === 0) add('sources', 'an indicator must cite at least one source');
  if (Object.keys(rule.measures).length === 0) add('measures', 'an indicator needs at least one measure');

  // $param references anywhere in the rule body, checked against the shape their position needs.
  const used = new Set<string>();
  walk(rule, '', (value, path) => {
    if (path.startsWith('parameters')) return false;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return true;
    if ('$param' in value) {
      const name = (value as { $param: unknown }).$param;
      if (typeof name === 'string') {
        used.add(name);
        if (!Object.prototype.hasOwnProperty.call(rule.parameters, name)) add(path, `unknown parameter "${name}"`);
        else checkParamUse(rule, name, path, expectedShape(path), add);
      }
      return false;
    }
    const node = value as { op?: unknown; value?: unknown };
    if (typeof node.op === 'string' && node.value !== null && typeof node.value === 'object' && !Array.isArray(node.value) && '$param' in node.value) {
      const name = (node.value as { $param: unknown }).$param;
      if (typeof name === 'string') {
        used.add(name);
        if (!Object.prototype.hasOwnProperty.call(rule.parameters, name)) add(`${path}.value`, `unknown parameter "${name}"`);
        else checkParamUse(rule, name, `${path}.value`, LIST_VALUE_OPS.has(node.op) ? 'list' : 'number', add);
      }
      return false;
    }
    return true;
  });
  for (const name of Object.keys(rule.parameters)) if (!used.has(name)) add(`parameters.${name}`, `parameter "${name}" is never used`);

  // Named lists: must exist and be of the right kind.
  walk(rule, '', (value, path) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'op' in value && 'list' in value) {
      const { op, list } = value as { op: string; list: string };
      const l = lists.get(list);
      if (l === undefined) add(`${path}.list`, `unknown list "${list}"`);
      else if (LIST_OPS_CODES.has(op) && l.kind !== 'codes') add(`${path}.list`, `"${op}" needs a "codes" list; "${list}" is "${l.kind}"`);
      else if (LIST_OPS_NAMES.has(op) && l.kind !== 'names') add(`${path}.list`, `"${op}" needs a "names" list; "${list}" is "${l.kind}"`);
    }
    return true;
  });

  // Measures named by the trigger.
  const measures = new Set(Object.keys(rule.measures));
  walk(rule.trigger, 'trigger', (value, path) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'measure' in value) {
      const c = value as { measure: string; ref?: string };
      if (!measures.has(c.measure)) add(`${path}.measure`, `unknown measure "${c.measure}"`);
      if (c.ref !== undefined && !measures.has(c.ref)) {
        if (!isFieldPath(c.ref)) add(`${path}.ref`, `"${c.ref}" is neither a measure of this rule nor a field`);
        else if (FIELD_KINDS[c.ref] !== 'money' && FIELD_KINDS[c.ref] !== 'number') add(`${path}.ref`, `field "${c.ref}" is not numeric`);
      }
      return false;
    }
    return true;
  });

  // Placeholders in the explanation.
  for (const m of rule.explain.matchAll(/\{([^{}]*)\}/g)) {
    const name = m[1] ?? '';
    if (!measures.has(name) && !BUILTIN_PLACEHOLDERS.has(name)) add('explain', `unknown placeholder "{${name}}"`);
  }
  // Every measure should be worth computing: used by the trigger or the explanation.
  const mentioned = new Set<string>();
  walk(rule.trigger, '', (value) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'measure' in value) {
      const c = value as { measure: string; ref?: string };
      mentioned.add(c.measure);
      if (c.ref !== undefined) mentioned.add(c.ref);
    }
    return true;
  });
  for (const m of rule.explain.matchAll(/\{([^{}]*)\}/g)) mentioned.add(m[1] ?? '');
  for (const name of measures) if (!mentioned.has(name)) add(`measures.${name}`, `measure "${name}" is used neither by the trigger nor by the explanation`);
}

const LIST_VALUE_OPS = new Set(['in', 'notIn', 'matchesAny', 'matchesNone', 'hasAny', 'hasNone']);

/** The shape a `$param` needs at a JSON path that is not a filter's whole `value`. */
function expectedShape(path: string): 'duration' | 'number' {
  const last = path.split('.').pop() ?? '';
  return last === 'window' || last === 'within' || last === 'cooldown' ? 'duration' : 'number';
}

/** Checks that a parameter's value has the shape its use needs (number, duration, list). */
function checkParamUse(rule: IndicatorRule, name: string, path: string, shape: 'duration' | 'number' | 'list', add: (path: string, message: string) => void): void {
  const p = rule.parameters[name];
  if (p === undefined) return;
  const v = p.value;
  if (shape === 'duration') {
    if (typeof v !== 'string' || !/^P(?:\d+W)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?)?$/.test(v) || v === 'P' || v.endsWith('T')) add(path, `parameter "${name}" must be a duration such as "PT48H"`);
  } else if (shape === 'list') {
    if (!Array.isArray(v) || v.length === 0) add(path, `parameter "${name}" must be a non-empty list`);
  } else if (typeof v !== 'number' || !Number.isFinite(v)) {
    add(path, `parameter "${name}" must be a number`);
  }
}

/**
 * Depth-first walk over JSON; `visit` returns false to skip a node's children.
 */
function walk(value: unknown, path: string, visit: (value: unknown, path: string) => boolean): void {
  if (!visit(value, path)) return;
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`, visit));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) walk(v, path === '' ? k : `${path}.${k}`, visit);
  }
}

/**
 * Formats problems for the terminal, one per line: `✖ message → at file: path`.
 */
export function formatProblems(problems: readonly RuleFileProblem[]): string {
  return problems.map((p) => `✖ ${p.message} → at ${p.file}${p.path === '' ? '' : `: ${p.path}`}`).join('\n');
}

function main(): void {
  const dir = process.argv[2] ?? 'rules';
  const { files, problems } = readRuleFiles(dir);
  problems.push(...checkRuleFiles(files));
  const counts = { indicator: 0, typology: 0, list: 0 };
  for (const f of files) counts[f.data.type]++;
  if (problems.length > 0) {
    console.error(formatProblems(problems));
    console.error(`\n${problems.length} problem${problems.length === 1 ? '' : 's'} in ${dir}/`);
    process.exit(1);
  }
  console.log(`ok: ${counts.indicator} indicators, ${counts.typology} typologies, ${counts.list} lists in ${dir}/`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
