/**
 * 05 — Tune a threshold: sweep one rule parameter and read the precision/recall trade-off.
 *
 *   npx tsx examples/05-tune-a-threshold.ts
 *
 * Each value recompiles the pack with a parameter override and re-screens the same generated
 * transactions. The CLI does the same with:
 *   msht-redflags evaluate tx.csv --labels labels.csv --fx fx.csv --sweep lodging_velocity.minStaysPerWeek=2:6:1
 */
import { bundledRulesDir, formatSweep, fxRatesForGenerated, generatePopulation, parseSweepSpec, readRuleDocuments, sweepParameter } from 'msht-redflags';

const population = generatePopulation({ seed: 11, accounts: 300, days: 45, planted: { controller: 0.01, victim: 0.01, popup: 0.02, funnel: 0.02, repatriation: 0, front_business: 0 } });
const { documents } = readRuleDocuments(bundledRulesDir());
const spec = parseSweepSpec('p2p_many_payers.minPayers=3:12:3');
const rows = await sweepParameter({
  documents,
  spec,
  transactions: () => population.transactions,
  labels: population.labels,
  profiles: population.profiles,
  fx: fxRatesForGenerated(population.options),
});
process.stdout.write(formatSweep(spec, rows));

// Output:
// Sweep of p2p_many_payers.minPayers (overall and per typology including the rule: P = precision, R = recall; FP = share of look-alike accounts alerted)
// p2p_many_payers.minPayers  rule hits  accounts hit planted/bg  alerts  precision  recall  controller_account P  controller_account R  romanian_worker FP  business_traveller FP  night_shift FP
// -------------------------  ---------  -----------------------  ------  ---------  ------  --------------------  --------------------  ------------------  ---------------------  --------------
//                         3         35  8/0                          25      1.000   0.889                 0.286                 0.667               0.00%                  0.00%           0.00%
//                         6         31  7/0                          24      1.000   0.889                 0.333                 0.667               0.00%                  0.00%           0.00%
//                         9         22  6/0                          23      1.000   0.889                 0.400                 0.667               0.00%                  0.00%           0.00%
//                        12         17  6/0                          23      1.000   0.889                 0.400                 0.667               0.00%                  0.00%           0.00%
