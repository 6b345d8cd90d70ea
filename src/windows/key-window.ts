import type { CompiledIndicator } from '../compile/compile-rule-set.js';
import type { Row } from '../engine/row.js';

/** Most transaction ids listed per measure in a hit; the rest is flagged as truncated. */
export const MAX_EVIDENCE_IDS = 200;
const MAX_SEQUENCE_IDS = 50;

interface Pending {
  t: number;
  amt: number;
  id: string;
  acc: string;
  cust: string | undefined;
  dk: string | undefined;
  got: number;
  ids: string[];
}
interface Completed {
  t: number;
  ids: string[];
  acc: string;
  cust: string | undefined;
}
interface SequenceState {
  pending: Pending[];
  done: Completed[];
}

/** JSON form of a {@link KeyWindow}, for snapshots. */
export interface KeyWindowState {
  t: number[];
  amt: number[];
  id: string[];
  acc: string[];
  cust: (string | null)[];
  mask: number[];
  dv: (string | null)[][];
  start: number[];
  seq: (SequenceState | null)[];
  lastHitAt: number | null;
}

/**
 * The sliding event-time window of one rule for one scope key, with every measure kept up to date
 * incrementally: each transaction is added once and removed once, so the cost per transaction does
 * not grow with history.
 *
 * Window semantics: at event time `t` a measure with window `w` covers `(t − w, t]` — an event
 * exactly `w` before `t` has left the window; events at the same instant are all inside.
 *
 * Entries are stored column-wise (parallel arrays) from the oldest still needed by any measure; each
 * measure keeps its own start index, so measures with different window lengths share one buffer.
 * `min`/`max` use monotonic deques; `distinct` keeps a count per value.
 */
export class KeyWindow {
  private t: number[] = [];
  private amt: number[] = [];
  private id: string[] = [];
  private acc: string[] = [];
  private cust: (string | undefined)[] = [];
  private mask: number[] = [];
  /** Per measure slot: the distinct value of each entry (only for `distinct` measures). */
  private dv: (string | undefined)[][];
  /** Absolute index of `t[0]`. */
  private base = 0;
  /** Entries at the front of the arrays that no measure needs any more (compacted lazily). */
  private head = 0;
  private readonly start: number[];
  private readonly count: number[];
  private readonly sum: number[];
  private readonly minQ: number[][];
  private readonly maxQ: number[][];
  private readonly distinct: (Map<string, number> | undefined)[];
  private readonly seq: (SequenceState | undefined)[];
  /** Event time of the last hit (for cooldown). */
  lastHitAt: number | undefined;

  constructor(private readonly rule: CompiledIndicator) {
    const n = rule.measures.length;
    this.start = new Array<number>(n).fill(0);
    this.count = new Array<number>(n).fill(0);
    this.sum = new Array<number>(n).fill(0);
    this.minQ = rule.measures.map(() => []);
    this.maxQ = rule.measures.map(() => []);
    this.dv = rule.measures.map(() => []);
    this.distinct = rule.measures.map((m) => (m.fn === 'distinct' ? new Map<string, number>() : undefined));
    this.seq = rule.measures.map((m) => (m.fn === 'sequence' ? { pending: [], done: [] } : undefined));
  }

  /** Number of entries held (the longest window's contents). */
  get size(): number {
    return this.t.length - this.head;
  }

  /** Event time of the newest entry, or undefined when empty. */
  get newest(): number | undefined {
    return this.t.length === this.head ? undefined : this.t[this.t.length - 1];
  }

  /**
   * Adds one transaction (already known to pass the rule's `when`) and moves every window to its time.
   */
  add(row: Row): void {
    const measures = this.rule.measures;
    const now = row.t;
    const abs = this.base + this.t.length;
    let mask = 0;
    for (let m = 0; m < measures.length; m++) {
      const spec = measures[m]!;
      if (spec.fn === 'sequence') continue;
      if (spec.where !== undefined && !spec.where(row)) {
        if (spec.distinctKey !== undefined) this.dv[m]!.push(undefined);
        continue;
      }
      if (spec.distinctKey !== undefined) {
        const k = spec.distinctKey(row);
        this.dv[m]!.push(k);
        if (k === undefined) continue;
        const d = this.distinct[m]!;
        d.set(k, (d.get(k) ?? 0) + 1);
      }
      mask |= 1 << m;
      this.count[m]!++;
      this.sum[m]! += row.amountMinor;
      pushMono(this.minQ[m]!, this.amt, this.base, abs, row.amountMinor, (a, b) => a >= b);
      pushMono(this.maxQ[m]!, this.amt, this.base, abs, row.amountMinor, (a, b) => a <= b);
    }
    this.t.push(now);
    this.amt.push(row.amountMinor);
    this.id.push(row.tx.id);
    this.acc.push(row.tx.accountId);
    this.cust.push(row.tx.customerId);
    this.mask.push(mask);
    for (let m = 0; m < measures.length; m++) {
      const s = this.seq[m];
      if (s !== undefined) this.advanceSequence(m, s, row);
    }
    this.evict(now);
  }

  private advanceSequence(m: number, s: SequenceState, row: Row): void {
    const spec = this.rule.measures[m]!;
    const q = spec.sequence!;
    const now = row.t;
    // A first transaction stays open for `within` after it: (first.t, first.t + within].
    let keep = 0;
    for (const p of s.pending) if (now - p.t <= q.withinMs) s.pending[keep++] = p;
    s.pending.length = keep;
    if (q.then(row)) {
      const dk = q.differentKey?.(row);
      let open = 0;
      for (const p of s.pending) {
        const counts = q.differentKey === undefined || (dk !== undefined && p.dk !== undefined && dk !== p.dk);
        if (counts && p.id !== row.tx.id) {
          p.got += row.amountMinor;
          if (p.ids.length < MAX_SEQUENCE_IDS) p.ids.push(row.tx.id);
          if (p.got >= q.share * p.amt) {
            s.done.push({ t: p.t, ids: [p.id, ...p.ids], acc: p.acc, cust: p.cust });
            continue;
          }
        }
        s.pending[open++] = p;
      }
      s.pending.length = open;
    }
    if (q.first(row)) {
      s.pending.push({ t: now, amt: row.amountMinor, id: row.tx.id, acc: row.tx.accountId, cust: row.tx.customerId, dk: q.differentKey?.(row), got: 0, ids: [] });
    }
    const cutoff = now - spec.windowMs;
    let drop = 0;
    while (drop < s.done.length && s.done[drop]!.t <= cutoff) drop++;
    if (drop > 0) s.done.splice(0, drop);
  }

  /** Removes what has left each measure's window at event time `now`. */
  evict(now: number): void {
    const measures = this.rule.measures;
    const end = this.base + this.t.length;
    let minStart = end;
    for (let m = 0; m < measures.length; m++) {
      const spec = measures[m]!;
      if (spec.fn === 'sequence') continue;
      const cutoff = now - spec.windowMs;
      let s = this.start[m]!;
      while (s < end && this.t[s - this.base]! <= cutoff) {
        this.remove(m, s);
        s++;
      }
      this.start[m] = s;
      if (s < minStart) minStart = s;
    }
    this.dropBefore(minStart);
  }

  /** Drops the oldest entry from every measure (resource cap). */
  dropOldest(): void {
    if (this.size === 0) return;
    const oldest = this.base + this.head;
    for (let m = 0; m < this.rule.measures.length; m++) {
      if (this.rule.measures[m]!.fn === 'sequence') continue;
      if (this.start[m] === oldest) {
        this.remove(m, oldest);
        this.start[m] = oldest + 1;
      }
    }
    this.dropBefore(oldest + 1);
  }

  private remove(m: number, abs: number): void {
    const i = abs - this.base;
    if ((this.mask[i]! & (1 << m)) === 0) return;
    this.count[m]!--;
    this.sum[m]! -= this.amt[i]!;
    const minQ = this.minQ[m]!;
    if (minQ[0] === abs) minQ.shift();
    const maxQ = this.maxQ[m]!;
    if (maxQ[0] === abs) maxQ.shift();
    const d = this.distinct[m];
    if (d !== undefined) {
      const k = this.dv[m]![i]!;
      const c = d.get(k)! - 1;
      if (c === 0) d.delete(k);
      else d.set(k, c);
    }
  }

  private dropBefore(abs: number): void {
    this.head = abs - this.base;
    // Compact only when the dead prefix is large, so eviction costs O(1) amortised per entry.
    if (this.head < 256 || this.head * 2 < this.t.length) return;
    const n = this.head;
    this.t.splice(0, n);
    this.amt.splice(0, n);
    this.id.splice(0, n);
    this.acc.splice(0, n);
    this.cust.splice(0, n);
    this.mask.splice(0, n);
    for (let m = 0; m < this.dv.length; m++) if (this.rule.measures[m]!.fn === 'distinct') this.dv[m]!.splice(0, n);
    this.base += n;
    this.head = 0;
  }

  /**
   * A measure's value in internal units (count, or base minor units), `null` for the min/max/mean of an empty window.
   */
  value(m: number): number | null {
    const spec = this.rule.measures[m]!;
    switch (spec.fn) {
      case 'count':
        return this.count[m]!;
      case 'sum':
        return this.sum[m]!;
      case 'mean':
        return this.count[m]! === 0 ? null : this.sum[m]! / this.count[m]!;
      case 'min': {
        const q = this.minQ[m]!;
        return q.length === 0 ? null : this.amt[q[0]! - this.base]!;
      }
      case 'max': {
        const q = this.maxQ[m]!;
        return q.length === 0 ? null : this.amt[q[0]! - this.base]!;
      }
      case 'distinct':
        return this.distinct[m]!.size;
      case 'sequence':
        return this.seq[m]!.done.length;
    }
  }

  /**
   * The transactions a measure counted, oldest first, and the accounts/customers they belong to.
   */
  evidence(m: number): { ids: string[]; truncated: boolean; accounts: Set<string>; customers: Set<string> } {
    const spec = this.rule.measures[m]!;
    const ids: string[] = [];
    const accounts = new Set<string>();
    const customers = new Set<string>();
    let truncated = false;
    if (spec.fn === 'sequence') {
      for (const d of this.seq[m]!.done) {
        for (const id of d.ids) {
          if (ids.length < MAX_EVIDENCE_IDS) ids.push(id);
          else truncated = true;
        }
        accounts.add(d.acc);
        if (d.cust !== undefined) customers.add(d.cust);
      }
      return { ids, truncated, accounts, customers };
    }
    const bit = 1 << m;
    for (let i = this.start[m]! - this.base; i < this.t.length; i++) {
      if ((this.mask[i]! & bit) === 0) continue;
      if (ids.length < MAX_EVIDENCE_IDS) ids.push(this.id[i]!);
      else truncated = true;
      accounts.add(this.acc[i]!);
      const c = this.cust[i];
      if (c !== undefined) customers.add(c);
    }
    return { ids, truncated, accounts, customers };
  }

  /** True when nothing in the window can matter any more at event time `now`. */
  isIdle(now: number): boolean {
    const newest = this.newest;
    if (newest !== undefined && newest > now - this.rule.retentionMs) return false;
    for (const s of this.seq) if (s !== undefined && (s.pending.length > 0 || s.done.length > 0)) return false;
    return this.lastHitAt === undefined || now >= this.lastHitAt + this.rule.cooldownMs;
  }

  /** JSON-serialisable state. */
  toState(): KeyWindowState {
    const h = this.head;
    return {
      t: this.t.slice(h),
      amt: this.amt.slice(h),
      id: this.id.slice(h),
      acc: this.acc.slice(h),
      cust: this.cust.slice(h).map((c) => c ?? null),
      mask: this.mask.slice(h),
      dv: this.dv.map((col, m) => (this.rule.measures[m]!.fn === 'distinct' ? col.slice(h).map((v) => v ?? null) : [])),
      start: this.start.map((s, m) => (this.rule.measures[m]!.fn === 'sequence' ? 0 : s - this.base - h)),
      seq: this.seq.map((s) => (s === undefined ? null : structuredClone(s))),
      lastHitAt: this.lastHitAt ?? null,
    };
  }

  /**
   * Rebuilds a window from {@link toState} output, recomputing every aggregate from the entries.
   */
  static fromState(rule: CompiledIndicator, s: KeyWindowState): KeyWindow {
    const w = new KeyWindow(rule);
    w.t = [...s.t];
    w.amt = [...s.amt];
    w.id = [...s.id];
    w.acc = [...s.acc];
    w.cust = s.cust.map((c) => c ?? undefined);
    w.mask = [...s.mask];
    w.dv = s.dv.map((col) => col.map((v) => v ?? undefined));
    w.base = 0;
    w.lastHitAt = s.lastHitAt ?? undefined;
    for (let m = 0; m < rule.measures.length; m++) {
      w.start[m] = s.start[m]!;
      const q = s.seq[m];
      if (q !== null && q !== undefined) w.seq[m] = structuredClone(q);
      if (rule.measures[m]!.fn === 'sequence') continue;
      const bit = 1 << m;
      for (let i = w.start[m]!; i < w.t.length; i++) {
        if ((w.mask[i]! & bit) === 0) continue;
        w.count[m]!++;
        w.sum[m]! += w.amt[i]!;
        pushMono(w.minQ[m]!, w.amt, 0, i, w.amt[i]!, (a, b) => a >= b);
        pushMono(w.maxQ[m]!, w.amt, 0, i, w.amt[i]!, (a, b) => a <= b);
        const d = w.distinct[m];
        if (d !== undefined) {
          const k = w.dv[m]![i]!;
          d.set(k, (d.get(k) ?? 0) + 1);
        }
      }
    }
    return w;
  }
}

/** Pushes index `abs` onto a monotonic deque, popping entries `dominated(existing, value)` from the back. */
function pushMono(q: number[], amt: readonly number[], base: number, abs: number, value: number, dominated: (existing: number, value: number) => boolean): void {
  while (q.length > 0 && dominated(amt[q[q.length - 1]! - base]!, value)) q.pop();
  q.push(abs);
}
