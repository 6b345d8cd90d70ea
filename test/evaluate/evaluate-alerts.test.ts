import { describe, expect, it } from 'vitest';
import { evaluateAlerts, median, type EvaluationAlert, type EvaluationHit } from '../../src/evaluate/evaluate-alerts.js';
import type { EvaluationLabels } from '../../src/evaluate/labels.js';
import { formatEvaluation } from '../../src/evaluate/format.js';

const labels: EvaluationLabels = {
  planted: [
    { accountId: 'P1', customerId: 'C1', scenario: 'popup', typology: 'popup_operation', start: '2025-01-01T00:00:00+00:00' },
    { accountId: 'P2', customerId: 'C2', scenario: 'popup', typology: 'popup_operation', start: '2025-01-01T00:00:00+00:00' },
    { accountId: 'P3', customerId: 'C3', scenario: 'victim', typology: 'victim_account', start: '2025-01-05T00:00:00+00:00' },
    { accountId: 'P4', customerId: 'C4', scenario: 'controller', typology: 'controller_account', start: '2025-01-01T00:00:00+00:00' },
  ],
  background: [
    { accountId: 'B1', customerId: 'C11', archetype: 'romanian_worker' },
    { accountId: 'B2', customerId: 'C12', archetype: 'romanian_worker' },
    { accountId: 'B3', customerId: 'C13', archetype: 'night_shift' },
    { accountId: 'B4', customerId: 'C14', archetype: 'salaried' },
    { accountId: 'B5', customerId: 'C5', archetype: 'salaried' },
  ],
};

const alert = (alertId: string, typology: string, key: string, raisedAt: string, level: 'review' | 'high' = 'review', field = 'accountId'): EvaluationAlert => ({
  alertId, typology: { id: typology, title: typology.replace('_', ' ') }, entity: { field, key }, level, raisedAt,
});

const alerts: EvaluationAlert[] = [
  alert('a1', 'popup_operation', 'P1', '2025-01-03T00:00:00Z'),
  alert('a1', 'popup_operation', 'P1', '2025-01-03T00:00:00Z', 'high'), // a later revision of a1
  alert('a2', 'popup_operation', 'B1', '2025-01-20T00:00:00Z'), // background false positive
  alert('a3', 'popup_operation', 'P3', '2025-01-21T00:00:00Z'), // planted with another typology
  alert('a4', 'victim_account', 'P3', '2025-01-09T00:00:00Z'),
  alert('a5', 'victim_account', 'C5', '2025-01-10T00:00:00Z', 'review', 'customerId'), // a customer alert → account B5
  alert('a6', 'controller_account', 'P4', '2025-01-11T00:00:00Z', 'high'),
  alert('a7', 'controller_account', 'X9', '2025-01-12T00:00:00Z'), // an account the labels do not know
  alert('a8', 'popup_operation', 'P1', '2025-02-01T00:00:00Z'), // a second alert on P1: the first raise counts for timing
];

const hits: EvaluationHit[] = [
  { ruleId: 'lodging_velocity', scope: { field: 'accountId', key: 'P1' }, accounts: ['P1'] },
  { ruleId: 'lodging_velocity', scope: { field: 'accountId', key: 'P1' }, accounts: ['P1'] },
  { ruleId: 'lodging_velocity', scope: { field: 'accountId', key: 'B3' }, accounts: ['B3'] },
  { ruleId: 'shared_identifiers', scope: { field: 'device.id', key: 'D1' }, accounts: ['P3', 'B4'] },
  { ruleId: 'profile_mismatch', scope: { field: 'customerId', key: 'C1' }, accounts: [] },
];

describe('evaluateAlerts on a hand-made set', () => {
  const r = evaluateAlerts({
    alerts, hits, labels, days: 365.25 / 6, // two months
    typologies: [{ id: 'controller_account', title: 'Controller' }, { id: 'front_business' }],
    indicators: ['lodging_velocity', 'night_cash'],
  });
  const t = (id: string) => r.typologies.find((x) => x.id === id)!;

  it('counts TP, FP (background / other planted / unlabelled) and FN per typology', () => {
    expect(r.typologies.map((x) => x.id)).toEqual(['controller_account', 'front_business', 'popup_operation', 'victim_account']);
    expect(t('popup_operation')).toMatchObject({
      planted: 2, alertedAccounts: 3, alerts: 3 + 1, truePositives: 1, falseNegatives: 1,
      falsePositives: 2, falsePositivesBackground: 1, falsePositivesOtherPlanted: 1, falsePositivesUnlabelled: 0, medianDaysToAlert: 2,
    });
    expect(t('popup_operation').precision.value).toBeCloseTo(1 / 3, 12);
    expect(t('popup_operation').recall.value).toBe(0.5);
    expect(t('popup_operation').recallHigh.value).toBe(0.5);
    expect(t('popup_operation').f1).toBeCloseTo(0.4, 12);
    expect(t('victim_account')).toMatchObject({ planted: 1, truePositives: 1, falsePositives: 1, falsePositivesBackground: 1, falseNegatives: 0, medianDaysToAlert: 4 });
    expect(t('victim_account').f1).toBeCloseTo(2 / 3, 12);
    expect(t('controller_account')).toMatchObject({ title: 'Controller', truePositives: 1, falsePositives: 1, falsePositivesUnlabelled: 1, medianDaysToAlert: 10 });
    expect(t('controller_account').recallHigh.value).toBe(1);
    expect(t('front_business')).toMatchObject({ planted: 0, alertedAccounts: 0, f1: null, medianDaysToAlert: null });
    expect(t('front_business').recall.value).toBeNull();
  });

  it('gives overall precision, recall and alert rate', () => {
    expect(r.alerts).toBe(8);
    expect(r.accounts).toBe(9);
    expect(r.alertsPerThousandAccountMonths).toBeCloseTo((8 / 9) * 1000 / 2, 9);
    expect(r.overall.alertedAccounts).toBe(6);
    expect(r.overall.precision).toMatchObject({ successes: 3, total: 6, value: 0.5 });
    expect(r.overall.recall).toMatchObject({ successes: 3, total: 4, value: 0.75 });
    expect(r.overall.recallOwnTypology).toMatchObject({ successes: 3, total: 4 });
    expect(r.overall.medianDaysToAlert).toBe(4);
  });

  it('attributes false positives to background archetypes and checks look-alikes against the target', () => {
    expect(r.archetypes.map((a) => [a.archetype, a.accounts, a.alerted.successes, a.lookalike, a.meetsTarget])).toEqual([
      ['night_shift', 1, 0, true, true],
      ['romanian_worker', 2, 1, true, false],
      ['salaried', 2, 1, false, undefined],
    ]);
    expect(r.archetypes.find((a) => a.archetype === 'salaried')!.byTypology).toEqual({ victim_account: 1 });
  });

  it('attributes indicator hits to planted scenarios and background archetypes (distinct accounts)', () => {
    expect(r.indicators).toEqual([
      { ruleId: 'lodging_velocity', hits: 3, plantedAccounts: { popup: 1 }, backgroundAccounts: { night_shift: 1 }, unlabelledAccounts: 0 },
      { ruleId: 'night_cash', hits: 0, plantedAccounts: {}, backgroundAccounts: {}, unlabelledAccounts: 0 },
      { ruleId: 'profile_mismatch', hits: 1, plantedAccounts: { popup: 1 }, backgroundAccounts: {}, unlabelledAccounts: 0 },
      { ruleId: 'shared_identifiers', hits: 1, plantedAccounts: { victim: 1 }, backgroundAccounts: { salaried: 1 }, unlabelledAccounts: 0 },
    ]);
  });

  it('renders every typology, archetype and indicator in the table', () => {
    const text = formatEvaluation(r);
    for (const id of ['controller_account', 'front_business', 'popup_operation', 'victim_account', 'romanian_worker', 'night_cash', 'shared_identifiers']) expect(text).toContain(id);
    expect(text).toContain('0.333 [0.06–0.79]');
    expect(text).toContain('ABOVE TARGET');
  });

  it('needs a positive period; median handles odd, even and empty lists', () => {
    expect(() => evaluateAlerts({ alerts: [], labels, days: 0 })).toThrow(RangeError);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
