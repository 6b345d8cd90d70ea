/**
 * Resource caps: a hostile stream of many distinct scope keys, or one key with a flood of transactions in one
 * window, stays within `limits.maxKeysPerRule` / `limits.maxWindowEvents`, and every eviction is reported as an
 * `evicted` event and counted in `stats.evictions` — never silent. (The 10M soak is the benchmark's job.)
 */
import { describe, expect, it } from 'vitest';
import { compileRuleSet } from '../../src/compile/compile-rule-set.js';
import { loadRules } from '../../src/compile/load-rules.js';
import { createScreener } from '../../src/engine/screener.js';
import type { ScreenEvent } from '../../src/schema/alert.js';

const countRule = {
  type: 'indicator', id: 'flood', version: '1.0.0', title: 'Flood', description: 'Counts every payment.', scope: 'accountId', window: 'P30D',
  measures: { n: { fn: 'count' }, spent: { fn: 'sum', of: 'amount' }, places: { fn: 'distinct', of: 'merchant.name' } },
  trigger: { measure: 'n', op: 'gte', value: 1_000_000 }, explain: '{n} payments',
};
const T0 = Date.UTC(2026, 2, 1);
const tx = (i: number, account: string, spacingMs: number) => ({
  id: `t${i}`, timestamp: new Date(T0 + i * spacingMs).toISOString(), accountId: account, direction: 'out' as const, amount: '12.34', currency: 'GBP', channel: 'card' as const, merchant: { name: `M${i % 50}` },
});

describe('resource caps', () => {
  it('200,000 distinct account ids with maxKeysPerRule 1,000: active keys stay bounded and every eviction is reported', () => {
    const s = createScreener({ rules: compileRuleSet([{ json: countRule }]), validate: false, limits: { maxKeysPerRule: 1_000 } });
    let evicted = 0;
    let maxActive = 0;
    const t0 = performance.now();
    for (let i = 0; i < 200_000; i++) {
      for (const e of s.push(tx(i, `ACC${i}`, 1_000))) if (e.type === 'evicted') {
        expect(e.eviction).toMatchObject({ reason: 'max_keys', ruleId: 'flood', dropped: 1 });
        evicted++;
      }
      if (i % 1_000 === 0) maxActive = Math.max(maxActive, s.activeKeys());
    }
    expect(maxActive).toBeLessThanOrEqual(1_000);
    expect(s.activeKeys()).toBeLessThanOrEqual(1_000);
    expect(evicted).toBe(200_000 - 1_000);
    expect(s.stats.evictions).toBe(evicted);
    expect(performance.now() - t0).toBeLessThan(30_000);
  });

  it('one account with 200,000 transactions in one window and maxWindowEvents 1,000: the window stays bounded and it is reported', () => {
    const s = createScreener({ rules: compileRuleSet([{ json: countRule }]), validate: false, limits: { maxWindowEvents: 1_000 } });
    const evictions: Extract<ScreenEvent, { type: 'evicted' }>[] = [];
    for (let i = 0; i < 200_000; i++) for (const e of s.push(tx(i, 'ACC1', 5))) if (e.type === 'evicted') evictions.push(e);
    const win = (s.snapshot().windows.flood ?? [])[0]?.[1] as { t: unknown[] } | undefined;
    expect(win?.t.length).toBeLessThanOrEqual(1_000);
    expect(evictions.length).toBe(200_000 - 1_000);
    expect(evictions[0]!.eviction).toMatchObject({ reason: 'max_window_events', ruleId: 'flood', key: 'ACC1', dropped: 1 });
    expect(evictions.reduce((n, e) => n + e.eviction.dropped, 0)).toBe(200_000 - 1_000);
    expect(s.stats.evictions).toBe(evictions.length);
  });

  it('the bundled rules under a stream of 20,000 new accounts with maxKeysPerRule 500 stay bounded and fast', () => {
    const rules = loadRules();
    const s = createScreener({ rules, validate: false, limits: { maxKeysPerRule: 500 } });
    const t0 = performance.now();
    let evicted = 0;
    for (let i = 0; i < 20_000; i++) {
      const t = { ...tx(i, `ACC${i}`, 60_000), customerId: `C${i}`, merchant: { mcc: '7011', name: `Hotel ${i % 7}`, city: 'Leeds' }, device: { id: `D${i}` } };
      for (const e of s.push(t)) if (e.type === 'evicted') evicted++;
    }
    const ms = performance.now() - t0;
    expect(s.activeKeys()).toBeLessThanOrEqual(500 * rules.indicators.length);
    expect(evicted).toBe(s.stats.evictions);
    expect(evicted).toBeGreaterThan(0);
    expect(ms).toBeLessThan(20_000);
  });
});
