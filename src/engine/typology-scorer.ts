import { WEIGHT_SCALE, type CompiledTypology, type RuleSet } from '../compile/compile-rule-set.js';
import type { Alert, AlertReason, Hit, ScreenEvent } from '../schema/alert.js';
import type { Source } from '../schema/rule.js';
import { stableId } from '../util/hash.js';
import { iso } from '../explain/render-hit.js';

interface OpenAlert {
  alertId: string;
  revision: number;
  raisedAt: string;
  firstTransactionId: string;
  level: 'review' | 'high';
  scoreUnits: number;
  members: string[];
}

/** JSON state of one entity under one typology. */
export interface EntityState {
  /** ruleId → [event time of its last hit, the hit] */
  fired: Record<string, [number, Hit]>;
  alert: OpenAlert | null;
}

/**
 * Scores typologies per entity and manages the alert lifecycle.
 *
 * - Score at event time `t` = sum of the weights of member rules whose last hit for the entity lies in
 *   `(t − lookback, t]`, each rule counted once. Weights are added as integers of 1/10000, so a score
 *   is exact.
 * - An alert is **raised** when the score first reaches `review` (level `high` at or above `high`),
 *   with a deterministic id from typology, entity and the triggering transaction.
 * - It is **updated** (same id, revision + 1) when a new member starts counting or the level or score
 *   changes; a member re-firing with nothing new changes nothing, so a standing condition does not
 *   alert again and again.
 * - It **ends** when the score has fallen below `review`; between hits a score can only fall (members
 *   expire), so that is known exactly at the entity's next hit. A later crossing raises a new alert.
 */
export class TypologyScorer {
  private readonly byRule = new Map<string, CompiledTypology[]>();
  readonly states: Map<string, EntityState>[];

  constructor(private readonly rules: RuleSet) {
    for (const t of rules.typologies) {
      for (const ruleId of t.members.keys()) {
        const list = this.byRule.get(ruleId) ?? [];
        list.push(t);
        this.byRule.set(ruleId, list);
      }
    }
    this.states = rules.typologies.map(() => new Map());
  }

  /** Whether any typology listens to a rule. */
  listensTo(ruleId: string): boolean {
    return this.byRule.has(ruleId);
  }

  /**
   * Applies one hit at event time `now`, pushing `alert` events to `out`.
   */
  apply(hit: Hit, now: number, out: ScreenEvent[]): number {
    const typologies = this.byRule.get(hit.ruleId);
    if (typologies === undefined) return 0;
    let emitted = 0;
    for (const typ of typologies) {
      const ti = this.rules.typologies.indexOf(typ);
      const entities = typ.entity === 'accountId' ? hit.accounts : hit.customers;
      for (const entity of entities) {
        const e = this.applyOne(typ, this.states[ti]!, entity, hit, now);
        if (e !== undefined) {
          out.push(e);
          emitted++;
        }
      }
    }
    return emitted;
  }

  private applyOne(typ: CompiledTypology, states: Map<string, EntityState>, entity: string, hit: Hit, now: number): ScreenEvent | undefined {
    let st = states.get(entity);
    if (st === undefined) {
      st = { fired: Object.create(null) as EntityState['fired'], alert: null };
      states.set(entity, st);
    }
    const cutoff = now - typ.lookbackMs;
    if (st.alert !== null && score(typ, st, cutoff) < typ.reviewUnits) st.alert = null; // the episode ended before this hit
    st.fired[hit.ruleId] = [now, hit];
    const units = score(typ, st, cutoff);
    if (units < typ.reviewUnits) return undefined;
    const members = counted(st, cutoff);
    const level = units >= typ.highUnits ? 'high' : 'review';
    if (st.alert === null) {
      st.alert = {
        alertId: stableId('al', [typ.id, typ.entity, entity, hit.triggeringTransactionId]),
        revision: 1,
        raisedAt: iso(now),
        firstTransactionId: hit.triggeringTransactionId,
        level,
        scoreUnits: units,
        members,
      };
      return { type: 'alert', change: 'raised', alert: this.build(typ, entity, st, now, cutoff) };
    }
    const a = st.alert;
    const grew = members.some((m) => !a.members.includes(m));
    if (!grew && a.level === level && a.scoreUnits === units) return undefined;
    a.revision++;
    a.level = level;
    a.scoreUnits = units;
    a.members = members;
    return { type: 'alert', change: 'updated', alert: this.build(typ, entity, st, now, cutoff) };
  }

  private build(typ: CompiledTypology, entity: string, st: EntityState, now: number, cutoff: number): Alert {
    const a = st.alert!;
    const reasons: AlertReason[] = counted(st, cutoff)
      .map((ruleId) => ({ ...st.fired[ruleId]![1], weight: typ.members.get(ruleId)! / WEIGHT_SCALE }))
      .sort((x, y) => y.weight - x.weight || (x.ruleId < y.ruleId ? -1 : 1));
    const sources: Source[] = [];
    const seen = new Set<string>();
    for (const s of [...typ.document.sources, ...reasons.flatMap((r) => r.sources)]) {
      const k = `${s.issuer}|${s.ref}`;
      if (!seen.has(k)) {
        seen.add(k);
        sources.push(s);
      }
    }
    return {
      alertId: a.alertId,
      revision: a.revision,
      typology: { id: typ.id, version: typ.version, title: typ.title },
      entity: { field: typ.entity, key: entity },
      level: a.level,
      score: a.scoreUnits / WEIGHT_SCALE,
      thresholds: { review: typ.reviewUnits / WEIGHT_SCALE, high: typ.highUnits / WEIGHT_SCALE },
      raisedAt: a.raisedAt,
      updatedAt: iso(now),
      firstTransactionId: a.firstTransactionId,
      reasons,
      sources,
    };
  }

  /** Drops entities with nothing left inside the lookback and no open alert that could still be updated. */
  sweep(now: number): void {
    this.rules.typologies.forEach((typ, ti) => {
      const cutoff = now - typ.lookbackMs;
      for (const [entity, st] of this.states[ti]!) {
        if (Object.values(st.fired).every(([t]) => t <= cutoff)) this.states[ti]!.delete(entity);
      }
    });
  }
}

function score(typ: CompiledTypology, st: EntityState, cutoff: number): number {
  let units = 0;
  for (const ruleId in st.fired) if (st.fired[ruleId]![0] > cutoff) units += typ.members.get(ruleId) ?? 0;
  return units;
}

function counted(st: EntityState, cutoff: number): string[] {
  return Object.keys(st.fired)
    .filter((r) => st.fired[r]![0] > cutoff)
    .sort();
}
