/**
 * 01 — Screen a bank's CSV export with the bundled MSHT rule pack and explain an alert.
 *
 *   npx tsx examples/01-screen-a-csv.ts
 *
 * Reads examples/data/sample-transactions.csv through its column mapping (the bank's own headers,
 * D/C codes, 1,234.56 amounts, dd/MM/yyyy dates), with customer profiles and an FX table for the
 * Romanian-leu accounts, screens every row, and prints the first alert in plain English.
 */
import { join } from 'node:path';
import { createScreener, explainAlert, loadMapping, loadRules, readFxRates, readProfiles, readTransactions, type Alert } from 'msht-redflags';

const data = join(import.meta.dirname, 'data');
const mapping = loadMapping(join(data, 'sample-mapping.json'));
const { profiles } = await readProfiles(join(data, 'sample-profiles.csv'));
const fx = await readFxRates(join(data, 'sample-fx.csv'));
const screener = createScreener({ rules: loadRules(), profiles, fx });

// An alert is raised once and then updated as more indicators fire; keep its latest revision.
const alerts = new Map<string, Alert>();
let rejected = 0;
for await (const record of readTransactions(join(data, 'sample-transactions.csv'), { mapping })) {
  if (record.kind === 'rejected') {
    rejected++;
    continue;
  }
  for (const event of screener.push(record.transaction)) if (event.type === 'alert') alerts.set(event.alert.alertId, event.alert);
}
for (const event of screener.flush()) if (event.type === 'alert') alerts.set(event.alert.alertId, event.alert);

console.log(`${screener.stats.screened} transactions screened, ${rejected} rows rejected, ${alerts.size} alerts`);
const byTypology = new Map<string, number>();
for (const a of alerts.values()) byTypology.set(a.typology.id, (byTypology.get(a.typology.id) ?? 0) + 1);
for (const [id, n] of [...byTypology].sort()) console.log(`  ${id}: ${n}`);

// The run's first alert, as an analyst reads it.
const first = [...alerts.values()].sort((a, b) => a.raisedAt.localeCompare(b.raisedAt) || a.alertId.localeCompare(b.alertId))[0];
if (first !== undefined) {
  console.log('');
  console.log(explainAlert(first, { sources: false, maxTransactionIds: 3 }));
}

// Output:
// 5948 transactions screened, 0 rows rejected, 18 alerts
//   controller_account: 4
//   cross_border_repatriation: 3
//   front_business: 1
//   funnel_cash_placement: 3
//   popup_operation: 4
//   victim_account: 3
//
// REVIEW  Victim account under third-party control — account GB76MSHB40612463921316
// Score 0.90 (review ≥ 0.60, high ≥ 1.00) · raised 2025-02-03T12:27:16.000Z · revision 2, updated 2025-02-10T21:05:31.000Z · alert al_f622d170ab8943efa6e3
// 2 indicators contributed:
//   1. Customer's phone, e-mail or address appears in sex adverts (id_in_sex_ads@1.0.0), weight 0.60
//      The customer is flagged as matching commercial-sex adverts (1 flagged transactions in the 30 days to 2025-02-03).
//      Trigger: flagged 1 ≥ 1 ✓
//      Transactions (1): FT0000000080
//      Window: 2025-01-04T12:27:16.000Z → 2025-02-03T12:27:16.000Z · fired at 2025-02-03T12:27:16.000Z on FT0000000080
//   2. One device used by several customers (shared_identifiers@1.0.0), weight 0.30
//      Device f05cdd3b4cc32ad0 was used by 3 customers on 3 accounts in the 90 days to 2025-02-10.
//      Trigger: customers 3 ≥ 3 ✓
//      Scope: device.id f05cdd3b4cc32ad0 (accounts GB30MSHB40832564040101, GB76MSHB40612463921316, GB85MSHB40613664024263)
//      Transactions (7): FT0000000199, FT0000000611, FT0000001075, … 4 more
//      Window: 2024-11-12T21:05:31.000Z → 2025-02-10T21:05:31.000Z · fired at 2025-02-10T21:05:31.000Z on FT0000001945
