import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleSetError, type ConfigIssue } from '../errors.js';
import { compileRuleSet, type CompileOptions, type RuleDocument, type RuleSet } from './compile-rule-set.js';

/** Largest rule file read (bytes): a rule pack is small; anything bigger is refused, not parsed. */
export const MAX_RULE_FILE_BYTES = 1_000_000;
/** Deepest JSON nesting accepted in a rule file before schema validation. */
export const MAX_JSON_DEPTH = 64;

/**
 * Reads rule-pack documents from files and directories (recursively, `*.json`, sorted by path).
 * Directories named `schema` and files ending `.schema.json` are skipped: they hold the JSON Schema.
 * Unreadable files and malformed JSON become issues; nothing is thrown here.
 *
 * @param paths - files or directories
 * @returns the documents read, and problems met
 * @example
 * const { documents, issues } = readRuleDocuments(['rules/', 'my-rules/']);
 * issues.length //=> 0
 */
export function readRuleDocuments(paths: string | readonly string[]): { documents: RuleDocument[]; issues: ConfigIssue[] } {
  const list = typeof paths === 'string' ? [paths] : paths;
  const files: string[] = [];
  const issues: ConfigIssue[] = [];
  for (const p of list) {
    try {
      collect(p, files, true);
    } catch (e) {
      issues.push({ code: 'unreadable', path: [], message: `cannot read: ${(e as Error).message}`, file: p });
    }
  }
  const documents: RuleDocument[] = [];
  for (const file of files) {
    const shown = displayPath(file);
    try {
      const size = statSync(file).size;
      if (size > MAX_RULE_FILE_BYTES) {
        issues.push({ code: 'too_large', path: [], message: `file is ${size} bytes; rule files may be at most ${MAX_RULE_FILE_BYTES}`, file: shown });
        continue;
      }
      const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      const json = parseJsonSafely(text);
      documents.push({ json, file: shown });
    } catch (e) {
      issues.push({ code: 'invalid_json', path: [], message: (e as Error).message, file: shown });
    }
  }
  return { documents, issues };
}

/**
 * Parses JSON without letting `__proto__` or `constructor` keys reach any prototype: every object is
 * rebuilt with a null prototype, and nesting deeper than {@link MAX_JSON_DEPTH} is refused.
 *
 * @param text - JSON text
 * @returns the value
 * @throws {SyntaxError} on malformed or too deeply nested JSON
 * @example
 * parseJsonSafely('{"__proto__": {"polluted": true}}').polluted //=> undefined
 */
export function parseJsonSafely(text: string): unknown {
  const value: unknown = JSON.parse(text);
  return rebuild(value, 0);
}

function rebuild(v: unknown, depth: number): unknown {
  if (depth > MAX_JSON_DEPTH) throw new SyntaxError(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
  if (Array.isArray(v)) return v.map((x) => rebuild(x, depth + 1));
  if (v === null || typeof v !== 'object') return v;
  const out = Object.create(null) as Record<string, unknown>;
  for (const k of Object.keys(v)) out[k] = rebuild((v as Record<string, unknown>)[k], depth + 1);
  // Plain prototype again for consumers, but with own keys only: JSON.parse already made "__proto__" an own key,
  // and defineProperty keeps it one instead of calling the prototype setter.
  const plain: Record<string, unknown> = {};
  for (const k of Object.keys(out)) Object.defineProperty(plain, k, { value: out[k], enumerable: true, writable: true, configurable: true });
  return plain;
}

function collect(p: string, into: string[], explicit: boolean): void {
  const st = statSync(p);
  if (st.isDirectory()) {
    const base = p.split(/[\\/]/).pop();
    if (!explicit && base === 'schema') return;
    for (const name of readdirSync(p).sort()) collect(join(p, name), into, false);
  } else if (explicit || (p.endsWith('.json') && !p.endsWith('.schema.json'))) {
    into.push(p);
  }
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

/**
 * Loads, validates and compiles rule files from files and directories. Every problem in every file is
 * reported at once, each with its file and JSON path.
 *
 * @param paths - files or directories (default: the rule pack bundled with this package)
 * @param options - base currency, parameter overrides, `only`
 * @returns the compiled rule set
 * @throws {RuleSetError} listing all problems
 * @example
 * const rules = loadRules(); // the bundled MSHT pack
 * const mine = loadRules(['rules/', 'my-bank-rules/'], { baseCurrency: 'RON' });
 */
export function loadRules(paths: string | readonly string[] = bundledRulesDir(), options: CompileOptions = {}): RuleSet {
  const { documents, issues } = readRuleDocuments(paths);
  let compiled: RuleSet | undefined;
  try {
    compiled = compileRuleSet(documents, options);
  } catch (e) {
    if (e instanceof RuleSetError) throw new RuleSetError([...issues, ...e.issues]);
    throw e;
  }
  if (issues.length > 0) throw new RuleSetError(issues);
  return compiled;
}

/** Result of {@link safeLoadRules}. */
export type SafeLoadResult = { success: true; data: RuleSet } | { success: false; error: RuleSetError };

/**
 * Like {@link loadRules}, but returns the problems instead of throwing (zod's `safeParse` style).
 *
 * @param paths - files or directories
 * @param options - compile options
 * @returns `{ success: true, data }` or `{ success: false, error }`
 * @example
 * const r = safeLoadRules('my-rules/');
 * if (!r.success) console.error(r.error.prettify());
 */
export function safeLoadRules(paths?: string | readonly string[], options: CompileOptions = {}): SafeLoadResult {
  try {
    return { success: true, data: loadRules(paths, options) };
  } catch (e) {
    if (e instanceof RuleSetError) return { success: false, error: e };
    throw e;
  }
}

/**
 * Path of the rule pack shipped in this package (`rules/`).
 *
 * @returns an absolute directory path
 * @example
 * bundledRulesDir() //=> '/…/node_modules/msht-redflags/rules'
 */
export function bundledRulesDir(): string {
  // Works from src/compile (tests, tsx) and from dist/ (built package, both ESM and CJS).
  const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  for (const up of ['../..', '..', '.']) {
    const candidate = resolve(here, up, 'rules');
    try {
      if (statSync(join(candidate, 'indicators')).isDirectory()) return candidate;
    } catch {
      /* try the next */
    }
  }
  return resolve(here, '../../rules');
}
