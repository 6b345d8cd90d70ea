/**
 * 02 — Write your own indicator and typology, compile them, and screen a few transactions.
 *
 *   npx tsx examples/02-write-your-own-rule.ts
 *
 * Rules are data: JSON validated once by compileRuleSet (every problem reported with its JSON path),
 * never code. This indicator counts late-night cash withdrawals per account in a 7-day window; the
 * typology turns it, together with a second indicator, into a scored alert.
 */
import { compileRuleSet, createScreener, explainAlert, type Transaction } from 'msht-redflags';

const nightCash = {
  type: 'indicator',
  id: 'my_night_cash',
  version: '1.0.0',
  title: 'Repeated late-night cash withdrawals',
  description: 'Three or more cash withdrawals between 22:00 and 06:00 local time within a week.',
  sources: [{ issuer: 'FINTRAC', ref: 'FINTRAC-2016-OA003', year: 2016 }],
  parameters: { minWithdrawals: { value: 3, description: 'Withdrawals at night in 7 days.' } },
  when: { all: [{ field: 'channel', op: 'in', value: ['atm', 'cash'] }, { field: 'direction', op: 'eq', value: 'out' }, { op: 'localTimeBetween', value: ['22:00', '06:00'] }] },
  window: 'P7D',
  measures: { withdrawals: { fn: 'count' }, withdrawn: { fn: 'sum', of: 'amount' } },
  trigger: { measure: 'withdrawals', op: 'gte', value: { $param: 'minWithdrawals' } },
  explain: '{withdrawals} cash withdrawals ({withdrawn}) between 22:00 and 06:00 in the 7 days to {windowEnd}',
};

const manyPayers = {
  type: 'indicator',
  id: 'my_many_payers',
  version: '1.0.0',
  title: 'Transfers in from many different people',
  description: 'Incoming instant transfers from five or more different payers within a week.',
  sources: [{ issuer: 'FinCEN', ref: 'FIN-2020-A008', year: 2020 }],
  when: { all: [{ field: 'direction', op: 'eq', value: 'in' }, { field: 'channel', op: 'eq', value: 'instant' }] },
  window: 'P7D',
  measures: { payers: { fn: 'distinct', of: 'counterparty.name' }, received: { fn: 'sum', of: 'amount' } },
  trigger: { measure: 'payers', op: 'gte', value: 5 },
  explain: '{received} from {payers} different payers in the 7 days to {windowEnd}',
};

const typology = {
  type: 'typology',
  id: 'my_cash_operation',
  version: '1.0.0',
  title: 'Cash-based exploitation (my bank’s typology)',
  description: 'Many payers in, cash out at night.',
  lookback: 'P14D',
  members: [
    { rule: 'my_night_cash', weight: 0.5 },
    { rule: 'my_many_payers', weight: 0.5 },
  ],
  thresholds: { review: 0.5, high: 1 },
};

const rules = compileRuleSet([{ json: nightCash }, { json: manyPayers }, { json: typology }]);
const screener = createScreener({ rules, timeZone: 'Europe/London' });

// Six payers on Monday evening, then cash out three nights running.
const transactions: Transaction[] = [];
const payers = ['A. POPA', 'B. SMITH', 'C. JONES', 'D. KHAN', 'E. BROWN', 'F. TAYLOR'];
payers.forEach((name, i) => {
  transactions.push({
    id: `in-${i + 1}`, timestamp: `2025-03-03T${String(18 + (i >> 1)).padStart(2, '0')}:${i % 2 === 0 ? '05' : '35'}:00+00:00`, accountId: 'ACC-1',
    direction: 'in', amount: '120.00', currency: 'GBP', channel: 'instant', counterparty: { name: name },
  });
});
for (const [i, day] of ['04', '05', '06'].entries()) {
  transactions.push({
    id: `atm-${i + 1}`, timestamp: `2025-03-${day}T23:${String(10 + i).padStart(2, '0')}:00+00:00`, accountId: 'ACC-1',
    direction: 'out', amount: '250.00', currency: 'GBP', channel: 'atm', location: { city: 'Leeds' },
  });
}

let latest;
for (const tx of transactions) {
  for (const event of screener.push(tx)) {
    if (event.type === 'hit') console.log(`${tx.id}: ${event.hit.ruleId} fired — ${event.hit.text}`);
    if (event.type === 'alert') {
      console.log(`${tx.id}: alert ${event.change}, ${event.alert.level} at score ${event.alert.score}`);
      latest = event.alert;
    }
  }
}
if (latest !== undefined) console.log(`\n${explainAlert(latest, { sources: false })}`);

// Output:
// in-5: my_many_payers fired — GBP 600.00 from 5 different payers in the 7 days to 2025-03-03
// in-5: alert raised, review at score 0.5
// atm-3: my_night_cash fired — 3 cash withdrawals (GBP 750.00) between 22:00 and 06:00 in the 7 days to 2025-03-06
// atm-3: alert updated, high at score 1
//
// HIGH  Cash-based exploitation (my bank’s typology) — account ACC-1
// Score 1.00 (review ≥ 0.50, high ≥ 1.00) · raised 2025-03-03T20:05:00.000Z · revision 2, updated 2025-03-06T23:12:00.000Z · alert al_d58990219230d368fe2b
// 2 indicators contributed:
//   1. Transfers in from many different people (my_many_payers@1.0.0), weight 0.50
//      GBP 600.00 from 5 different payers in the 7 days to 2025-03-03
//      Trigger: payers 5 ≥ 5 ✓
//      Transactions (5): in-1, in-2, in-3, in-4, in-5
//      Window: 2025-02-24T20:05:00.000Z → 2025-03-03T20:05:00.000Z · fired at 2025-03-03T20:05:00.000Z on in-5
//   2. Repeated late-night cash withdrawals (my_night_cash@1.0.0), weight 0.50
//      3 cash withdrawals (GBP 750.00) between 22:00 and 06:00 in the 7 days to 2025-03-06
//      Trigger: withdrawals 3 ≥ 3 ✓
//      Transactions (3): atm-1, atm-2, atm-3
//      Window: 2025-02-27T23:12:00.000Z → 2025-03-06T23:12:00.000Z · fired at 2025-03-06T23:12:00.000Z on atm-3
