import { loadMapping, DEFAULT_MAPPING, type Mapping } from '../ingest/mapping.js';
import { readProfiles } from '../ingest/read-profiles.js';
import { readFxRates } from '../ingest/fx.js';
import { loadRules } from '../compile/load-rules.js';
import type { RuleSet } from '../compile/compile-rule-set.js';
import type { CustomerProfile } from '../schema/profile.js';
import type { FxRate } from '../engine/fx.js';
import type { Rejection } from '../schema/alert.js';
import { UsageError } from './args.js';
import { existsSync } from 'node:fs';

/** Rules, mapping, profiles and FX rates for a run. */
export interface RunInputs {
  rules: RuleSet;
  mapping: Mapping;
  profiles: Map<string, CustomerProfile>;
  profileRejects: Rejection[];
  fx: FxRate[];
}

/**
 * Loads everything a screening run reads besides the transactions. Configuration errors throw
 * (RuleSetError / UsageError → exit code 2).
 */
export async function loadRunInputs(opts: {
  rules: string[];
  mapping?: string | undefined;
  profiles?: string | undefined;
  fx?: string | undefined;
  baseCurrency?: string | undefined;
  overrides?: Record<string, Record<string, unknown>>;
}): Promise<RunInputs> {
  for (const p of [...opts.rules, opts.mapping, opts.profiles, opts.fx]) {
    if (p !== undefined && !existsSync(p)) throw new UsageError(`cannot read "${p}": no such file or directory`);
  }
  const rules = loadRules(opts.rules.length > 0 ? opts.rules : undefined, {
    ...(opts.baseCurrency === undefined ? {} : { baseCurrency: opts.baseCurrency }),
    ...(opts.overrides === undefined ? {} : { overrides: opts.overrides }),
  });
  const mapping = opts.mapping === undefined ? DEFAULT_MAPPING : loadMapping(opts.mapping);
  let profiles = new Map<string, CustomerProfile>();
  let profileRejects: Rejection[] = [];
  if (opts.profiles !== undefined) {
    const r = await readProfiles(opts.profiles);
    profiles = r.profiles;
    profileRejects = r.rejected;
  }
  const fx = opts.fx === undefined ? [] : await readFxRates(opts.fx);
  return { rules, mapping, profiles, profileRejects, fx };
}
