/**
 * Error model.
 *
 * Configuration errors (rule files, mapping files, options) are thrown once, at load time, and carry
 * **all** problems found as {@link ConfigIssue}s. Data errors never throw: a bad transaction or row
 * becomes a `rejected` event and the stream goes on.
 */

/** One problem in a configuration document, located by file and JSON path. */
export interface ConfigIssue {
  /** Machine-readable kind, e.g. `invalid_type`, `unknown_field`, `duplicate_id`. */
  readonly code: string;
  /** Where inside the document, e.g. `["trigger","any",0,"measure"]`. */
  readonly path: readonly (string | number)[];
  readonly message: string;
  /** The file the document came from, when it came from one. */
  readonly file?: string;
  /** The rule, typology or list the problem belongs to, when known. */
  readonly ruleId?: string;
}

/**
 * Base class of every error this library throws; `code` tells them apart.
 *
 * @example
 * try { loadRules(['rules/']) } catch (e) { if (e instanceof MshtError) console.error(e.code) }
 */
export class MshtError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MshtError';
    this.code = code;
  }
}

/**
 * Formats a JSON path the way a reader writes it: `rules[3].when.all[0].field`.
 *
 * @param path - path segments
 * @returns the dotted path, or `(root)` for an empty path
 * @example
 * formatPath(['trigger', 'any', 0, 'measure']) //=> 'trigger.any[0].measure'
 */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * Renders issues one per line, zod style: `✖ message → at file: path`.
 *
 * @param issues - the issues to render
 * @returns a multi-line string
 * @example
 * prettifyIssues([{ code: 'unknown_measure', path: ['trigger', 'measure'], message: 'unknown measure "stay"', file: 'rules/a.json' }])
 * //=> '✖ unknown measure "stay"\n  → at rules/a.json: trigger.measure'
 */
export function prettifyIssues(issues: readonly ConfigIssue[]): string {
  return issues
    .map((i) => `✖ ${i.message}\n  → at ${i.file === undefined ? '' : `${i.file}: `}${formatPath(i.path)}`)
    .join('\n');
}

/**
 * Thrown when rule files (or a mapping file) are invalid. Holds every issue found, across all files.
 *
 * @example
 * try { loadRules(['my-rules/']) } catch (e) {
 *   if (e instanceof RuleSetError) console.error(e.prettify())
 * }
 */
export class RuleSetError extends MshtError {
  readonly issues: readonly ConfigIssue[];
  constructor(issues: readonly ConfigIssue[], what = 'rule set') {
    super('invalid_config', `Invalid ${what}: ${issues.length} problem${issues.length === 1 ? '' : 's'}\n${prettifyIssues(issues)}`);
    this.name = 'RuleSetError';
    this.issues = issues;
  }
  /** The issues, one per line, with file and path. */
  prettify(): string {
    return prettifyIssues(this.issues);
  }
}

/**
 * Thrown when a snapshot cannot be restored: wrong format version, corrupt, or taken with other rules.
 *
 * @example
 * try { screener.restore(state) } catch (e) { if (e instanceof SnapshotError) startFresh() }
 */
export class SnapshotError extends MshtError {
  constructor(message: string) {
    super('invalid_snapshot', message);
    this.name = 'SnapshotError';
  }
}
