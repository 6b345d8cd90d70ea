import type { Predicate } from '../compile/compile-condition.js';
import type { CompiledIndicator } from '../compile/compile-rule-set.js';
import type { Row } from '../engine/row.js';
import { compareScaled } from '../util/ratio.js';

/** Most transaction ids listed per measure in a hit; the rest is flagged as truncated. */
export const MAX_EVIDENCE_IDS = 200;
const MAX_SEQUENCE_IDS = 50;
/** Open `first` transactions kept per sequence measure and key; beyond this the oldest is dropped and reported. */
export const MAX_PENDING = 10_000;
/** Numbers stored per entry: event time, amount (minor units), measure mask. */
const STRIDE = 3;
/** Numbers stored per measure: start index (absolute), count, sum. */
const MSTRIDE = 3;

interface Pending {
  t: number;
  amt: number;
  id: string;
  /** Event times of `ids`, for ordering evidence. */
  times: number[];
  acc: string;
  cust: string | undefined;
  dk: string | undefined;
  got: number;
  ids: string[];
}
interface Completed {
  t: number;
  ids: string[];
  times: number[];
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
  acc: string[] | null;
  cust: (string | null)[];
  mask: number[];
  dv: (string | null)[][];
  start: number[];
  seq: (SequenceState | null)[];
  lastHitAt: number | null;
}

/** What a rule's windows need to keep, worked out once per rule. */
interface Layout {
  readonly n: number;
  /** Measures that are not sequences (they use the entry buffer). */
  readonly buffered: readonly number[];
  readonly minMax: boolean;
  readonly distinct: boolean;
  readonly sequence: boolean;
  /** Keep each entry's account (unless the scope is the account itself). */
  readonly keepAccounts: boolean;
  /** Each measure's own filter (`true` when it has none), for {@link KeyWindow.add} without a plan. */
  readonly where: readonly (Predicate | boolean)[];
}
/** Scratch: the distinct value of each measure for the row being added (written, then read, within one `add`). */
const DISTINCT_KEYS: (string | undefined)[] = [];
const layouts = new WeakMap<CompiledIndicator, Layout>();
function layoutOf(rule: CompiledIndicator): Layout {
  let l = layouts.get(rule);
  if (l === undefined) {
    const ms = rule.measures;
    l = {
      n: ms.length,
      buffered: ms.filter((m) => m.fn !== 'sequence').map((m) => m.index),
      minMax: ms.some((m) => m.fn === 'min' || m.fn === 'max'),
      distinct: ms.some((m) => m.fn === 'distinct'),
      sequence: ms.some((m) => m.fn === 'sequence'),
      keepAccounts: rule.scopeField !== 'accountId',
      where: ms.map((m) => m.where ?? true),
    };
    layouts.set(rule, l);
  }
  return l;
}

/**
 * The sliding event-time window of one rule for one scope key, with every measure kept up to date
 * incrementally: each transaction is added once and removed once, so the cost per transaction does
 * not grow with history.
 *
 * Window semantics: at event time `t` a measure with window `w` covers `(t − w, t]` — an event
 * exactly `w` before `t` has left the window; events at the same instant are all inside.
 *
 * Storage is compact because there is one window per active (rule, key): entries live in one
 * interleaved number array (time, amount, measure mask) plus an id column, from the oldest entry
 * any measure still needs; each measure keeps its own start index, so measures with different
 * window lengths share one buffer. Per-measure structures exist only where a measure needs them:
 * monotonic deques for `min`/`max`, value counts for `distinct`, open/closed lists for `sequence`.
 * The dead prefix is compacted lazily, so eviction is O(1) amortised.
 */
export class KeyWindow {
  private readonly layout: Layout;
  /** Interleaved entries: [t, amount, mask, t, amount, mask, …]. */
  private num: number[] = [];
  private id: string[] = [];
  private acc: string[] | undefined;
  /** Each entry's customer: nearly always one value per account, so kept as one until a second appears. */
  private cust = new LazyColumn();
  /** Per measure: [start (absolute entry index), count, sum]. */
  private readonly ms: number[];
  private dv: ((string | undefined)[] | undefined)[] | undefined;
  private readonly minQ: (number[] | undefined)[] | undefined;
  private readonly maxQ: (number[] | undefined)[] | undefined;
  private readonly distinct: (Map<string, number> | undefined)[] | undefined;
  private readonly seq: (SequenceState | undefined)[] | undefined;
  /** Absolute index of entry 0 of the arrays. */
  private base = 0;
  /** Entries at the front that no measure needs any more. */
  private head = 0;
  /** Event time of the last hit (for cooldown). */
  lastHitAt: number | undefined;
  /**
   * Event time of the newest entry held, −∞ when none: the same as {@link newest}, kept on the object
   * so the idle sweep reads no array (entries only leave all at once through the reset in dropBefore).
   */
  private lastT = Number.NEGATIVE_INFINITY;

  constructor(private readonly rule: CompiledIndicator) {
    const L = layoutOf(rule);
    this.layout = L;
    this.ms = new Array<number>(L.n * MSTRIDE).fill(0);
    if (L.keepAccounts) this.acc = [];
    const ms = rule.measures;
    if (L.minMax) {
      this.minQ = ms.map((m) => (m.fn === 'min' ? [] : undefined));
      this.maxQ = ms.map((m) => (m.fn === 'max' ? [] : undefined));
    }
    if (L.distinct) {
      this.distinct = ms.map((m) => (m.fn === 'distinct' ? new Map<string, number>() : undefined));
      this.dv = ms.map((m) => (m.fn === 'distinct' ? [] : undefined));
    }
    if (L.sequence) this.seq = ms.map((m) => (m.fn === 'sequence' ? { pending: [], done: [] } : undefined));
  }

  private get length(): number {
    return this.id.length;
  }

  /** Number of entries held (the longest window's contents). */
  get size(): number {
    return this.id.length - this.head;
  }

  /** Event time of the newest entry, or undefined when empty. */
  get newest(): number | undefined {
    return this.size === 0 ? undefined : this.num[(this.length - 1) * STRIDE];
  }

  private tAt(i: number): number {
    return this.num[i * STRIDE]!;
  }
  private amtAt(i: number): number {
    return this.num[i * STRIDE + 1]!;
  }
  private maskAt(i: number): number {
    return this.num[i * STRIDE + 2]!;
  }

  /**
   * Adds one transaction (already known to pass the rule's `when`) and moves every window to its time.
   * A transaction that no measure counts is not stored: it changes nothing but the windows' time.
   *
   * @param where - each measure's filter for this row: a predicate, or `true`/`false` when already
   *   decided (the rule's plan for the row's direction and channel); defaults to the measures' own filters
   * @returns open sequence starts dropped at the {@link MAX_PENDING} cap (0 normally)
   */
  add(row: Row, where: readonly (Predicate | boolean)[] = this.layout.where): number {
    const measures = this.rule.measures;
    const now = row.t;
    const mask = countedMask(this.rule, this.layout, row, where);
    if (mask !== 0) this.store(row, mask);
    let dropped = 0;
    if (this.seq !== undefined) {
      for (let m = 0; m < measures.length; m++) {
        const s = this.seq[m];
        if (s !== undefined) dropped += this.advanceSequence(m, s, row);
      }
    }
    this.evict(now);
    return dropped;
  }

  /** Appends an entry counted by the measures in `mask` (distinct values in `DISTINCT_KEYS`). */
  private store(row: Row, mask: number): void {
    const measures = this.rule.measures;
    const buffered = this.layout.buffered;
    const amount = row.amountMinor;
    const abs = this.base + this.length;
    for (let j = 0; j < buffered.length; j++) {
      const m = buffered[j]!;
      const counted = (mask & (1 << m)) !== 0;
      const spec = measures[m]!;
      if (spec.distinctKey !== undefined) {
        const k = counted ? DISTINCT_KEYS[m] : undefined;
        this.dv![m]!.push(k);
        if (k !== undefined) {
          const d = this.distinct![m]!;
          d.set(k, (d.get(k) ?? 0) + 1);
        }
      }
      if (!counted) continue;
      this.ms[m * MSTRIDE + 1]!++;
      this.ms[m * MSTRIDE + 2]! += amount;
      if (spec.fn === 'min') pushMono(this.minQ![m]!, this.num, this.base, abs, amount, true);
      else if (spec.fn === 'max') pushMono(this.maxQ![m]!, this.num, this.base, abs, amount, false);
    }
    this.num.push(row.t, amount, mask);
    this.id.push(row.tx.id);
    this.lastT = row.t;
    this.acc?.push(row.tx.accountId);
    this.cust.push(row.tx.customerId);
  }

  /**
   * Sequence semantics: each `first` stays open for `within` after it (an open first at the same
   * instant, processed earlier, counts too). A `then` amount is allocated to the open firsts oldest
   * first, each taking only what it still needs to reach `share` of its own amount, so one outflow
   * cannot complete several inflows with the same money.
   */
  private advanceSequence(m: number, s: SequenceState, row: Row): number {
    const spec = this.rule.measures[m]!;
    const q = spec.sequence!;
    const now = row.t;
    let keep = 0;
    for (const p of s.pending) if (now - p.t <= q.withinMs) s.pending[keep++] = p;
    s.pending.length = keep;
    if (q.then(row) && s.pending.length > 0) {
      const dk = q.differentKey?.(row);
      let left = row.amountMinor;
      let open = 0;
      for (const p of s.pending) {
        const counts = left > 0 && (q.differentKey === undefined || (dk !== undefined && p.dk !== undefined && dk !== p.dk));
        if (counts) {
          const need = Math.max(0, q.share * p.amt - p.got);
          const give = Math.min(left, Math.ceil(need));
          p.got += give;
          left -= give;
          if (p.ids.length < MAX_SEQUENCE_IDS) {
            p.ids.push(row.tx.id);
            p.times.push(now);
          }
          if (compareScaled(p.got, q.share, p.amt) >= 0) {
            s.done.push({ t: p.t, ids: [p.id, ...p.ids], times: [p.t, ...p.times], acc: p.acc, cust: p.cust });
            continue;
          }
        }
        s.pending[open++] = p;
      }
      s.pending.length = open;
    }
    let dropped = 0;
    if (q.first(row)) {
      s.pending.push({ t: now, amt: row.amountMinor, id: row.tx.id, times: [], acc: row.tx.accountId, cust: row.tx.customerId, dk: q.differentKey?.(row), got: 0, ids: [] });
      if (s.pending.length > MAX_PENDING) {
        s.pending.shift();
        dropped = 1;
      }
    }
    const cutoff = now - spec.windowMs;
    let drop = 0;
    while (drop < s.done.length && s.done[drop]!.t <= cutoff) drop++;
    if (drop > 0) s.done.splice(0, drop);
    return dropped;
  }

  /** Removes what has left each measure's window at event time `now`. */
  evict(now: number): void {
    const measures = this.rule.measures;
    const end = this.base + this.length;
    let minStart = end;
    for (const m of this.layout.buffered) {
      const cutoff = now - measures[m]!.windowMs;
      let s = this.ms[m * MSTRIDE]!;
      while (s < end && this.tAt(s - this.base) <= cutoff) {
        this.remove(m, s);
        s++;
      }
      this.ms[m * MSTRIDE] = s;
      if (s < minStart) minStart = s;
    }
    this.dropBefore(minStart);
  }

  /** Drops the oldest entry from every measure (resource cap). */
  dropOldest(): void {
    if (this.size === 0) return;
    const oldest = this.base + this.head;
    for (const m of this.layout.buffered) {
      if (this.ms[m * MSTRIDE] === oldest) {
        this.remove(m, oldest);
        this.ms[m * MSTRIDE] = oldest + 1;
      }
    }
    this.dropBefore(oldest + 1);
  }

  private remove(m: number, abs: number): void {
    const i = abs - this.base;
    if ((this.maskAt(i) & (1 << m)) === 0) return;
    this.ms[m * MSTRIDE + 1]!--;
    this.ms[m * MSTRIDE + 2]! -= this.amtAt(i);
    const minQ = this.minQ?.[m];
    if (minQ !== undefined && minQ[0] === abs) minQ.shift();
    const maxQ = this.maxQ?.[m];
    if (maxQ !== undefined && maxQ[0] === abs) maxQ.shift();
    const d = this.distinct?.[m];
    if (d !== undefined) {
      const k = this.dv![m]![i]!;
      const c = d.get(k)! - 1;
      if (c === 0) d.delete(k);
      else d.set(k, c);
    }
  }

  private dropBefore(abs: number): void {
    this.head = abs - this.base;
    if (this.head === this.length) {
      // Everything has left: reset instead of keeping dead entries around.
      this.num.length = 0;
      this.id.length = 0;
      if (this.acc !== undefined) this.acc.length = 0;
      this.cust.clear();
      if (this.dv !== undefined) for (const col of this.dv) if (col !== undefined) col.length = 0;
      this.base = abs;
      this.head = 0;
      this.lastT = Number.NEGATIVE_INFINITY;
      return;
    }
    // Otherwise compact only when the dead prefix is large: O(1) amortised per entry.
    if (this.head < 64 || this.head * 2 < this.length) return;
    const n = this.head;
    dropFront(this.num, n * STRIDE);
    dropFront(this.id, n);
    if (this.acc !== undefined) dropFront(this.acc, n);
    this.cust.dropFront(n);
    if (this.dv !== undefined) for (const col of this.dv) if (col !== undefined) dropFront(col, n);
    this.base += n;
    this.head = 0;
  }

  /**
   * A measure's value in internal units (count, or base minor units), `null` for the min/max/mean of an empty window.
   */
  value(m: number): number | null {
    const spec = this.rule.measures[m]!;
    const count = this.ms[m * MSTRIDE + 1]!;
    switch (spec.fn) {
      case 'count':
        return count;
      case 'sum':
        return this.ms[m * MSTRIDE + 2]!;
      case 'mean':
        return count === 0 ? null : this.ms[m * MSTRIDE + 2]! / count;
      case 'min': {
        const q = this.minQ![m]!;
        return q.length === 0 ? null : this.amtAt(q[0]! - this.base);
      }
      case 'max': {
        const q = this.maxQ![m]!;
        return q.length === 0 ? null : this.amtAt(q[0]! - this.base);
      }
      case 'distinct':
        return this.distinct![m]!.size;
      case 'sequence':
        return this.seq![m]!.done.length;
    }
  }

  /**
   * The transactions a measure counted, oldest first, and the accounts/customers they belong to.
   */
  evidence(m: number, key: string): { ids: string[]; truncated: boolean; accounts: Set<string>; customers: Set<string> } {
    const spec = this.rule.measures[m]!;
    const ids: string[] = [];
    const accounts = new Set<string>();
    const customers = new Set<string>();
    let truncated = false;
    if (spec.fn === 'sequence') {
      for (const d of this.seq![m]!.done) {
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
    for (let i = this.ms[m * MSTRIDE]! - this.base; i < this.length; i++) {
      if ((this.maskAt(i) & bit) === 0) continue;
      if (ids.length < MAX_EVIDENCE_IDS) ids.push(this.id[i]!);
      else truncated = true;
      accounts.add(this.acc === undefined ? key : this.acc[i]!);
      const c = this.cust.get(i);
      if (c !== undefined) customers.add(c);
    }
    return { ids, truncated, accounts, customers };
  }

  /**
   * The transactions of all measures together, oldest first (capped at {@link MAX_EVIDENCE_IDS}).
   */
  evidenceUnion(): { ids: string[]; truncated: boolean } {
    const pairs: [number, string][] = [];
    const seen = new Set<string>();
    let all = 0;
    let from = this.length;
    for (const m of this.layout.buffered) {
      all |= 1 << m;
      from = Math.min(from, this.ms[m * MSTRIDE]! - this.base);
    }
    for (let i = from; i < this.length; i++) {
      let counted = 0;
      for (const m of this.layout.buffered) if (i >= this.ms[m * MSTRIDE]! - this.base && (this.maskAt(i) & (1 << m)) !== 0) counted = 1;
      if (counted === 0 || (this.maskAt(i) & all) === 0) continue;
      pairs.push([this.tAt(i), this.id[i]!]);
      seen.add(this.id[i]!);
    }
    if (this.seq !== undefined) {
      const seqPairs: [number, string][] = [];
      for (const s of this.seq) {
        if (s === undefined) continue;
        for (const d of s.done) d.ids.forEach((id, k) => {
          if (!seen.has(id)) {
            seen.add(id);
            seqPairs.push([d.times[k]!, id]);
          }
        });
      }
      // Stable merge by time: buffered entries keep their arrival order among equal times.
      pairs.push(...seqPairs);
      pairs.sort((a, b) => a[0] - b[0]);
    }
    const truncated = pairs.length > MAX_EVIDENCE_IDS;
    return { ids: pairs.slice(0, MAX_EVIDENCE_IDS).map((p) => p[1]), truncated };
  }

  /** True when nothing in the window can matter any more at event time `now`. */
  isIdle(now: number): boolean {
    if (this.lastT > now - this.rule.retentionMs) return false;
    if (this.seq !== undefined) {
      for (let m = 0; m < this.seq.length; m++) {
        const s = this.seq[m];
        if (s === undefined) continue;
        const spec = this.rule.measures[m]!;
        // Open firsts past `within` can no longer complete; completed ones past the window no longer count.
        if (s.pending.some((p) => now - p.t <= spec.sequence!.withinMs)) return false;
        if (s.done.some((d) => d.t > now - spec.windowMs)) return false;
      }
    }
    return this.lastHitAt === undefined || now >= this.lastHitAt + this.rule.cooldownMs;
  }

  /** JSON-serialisable state. */
  toState(): KeyWindowState {
    const h = this.head;
    const t: number[] = [];
    const amt: number[] = [];
    const mask: number[] = [];
    for (let i = h; i < this.length; i++) {
      t.push(this.tAt(i));
      amt.push(this.amtAt(i));
      mask.push(this.maskAt(i));
    }
    return {
      t,
      amt,
      id: this.id.slice(h),
      acc: this.acc === undefined ? null : this.acc.slice(h),
      cust: this.cust.slice(h).map((c) => c ?? null),
      mask,
      dv: this.rule.measures.map((m) => (m.fn === 'distinct' ? this.dv![m.index]!.slice(h).map((v) => v ?? null) : [])),
      start: this.rule.measures.map((m) => (m.fn === 'sequence' ? 0 : this.ms[m.index * MSTRIDE]! - this.base - h)),
      seq: this.rule.measures.map((m) => (m.fn === 'sequence' ? structuredClone(this.seq![m.index]!) : null)),
      lastHitAt: this.lastHitAt ?? null,
    };
  }

  /**
   * Rebuilds a window from {@link toState} output, recomputing every aggregate from the entries.
   */
  static fromState(rule: CompiledIndicator, s: KeyWindowState): KeyWindow {
    const w = new KeyWindow(rule);
    const n = s.t.length;
    if (s.amt.length !== n || s.id.length !== n || s.mask.length !== n || s.cust.length !== n || (s.acc !== null && s.acc.length !== n)) {
      throw new Error('window columns differ in length');
    }
    if ((s.acc === null) !== (w.acc === undefined)) throw new Error('window account column does not match the rule scope');
    const isInstant = (x: unknown) => Number.isInteger(x) && Math.abs(x as number) <= 8.64e15;
    if (!s.t.every(isInstant) || !s.amt.every((a) => Number.isSafeInteger(a)) || !s.mask.every((m) => Number.isInteger(m))) throw new Error('window entries hold invalid times, amounts or masks');
    if (s.lastHitAt !== null && !isInstant(s.lastHitAt)) throw new Error('window lastHitAt is not a valid time');
    for (const q of s.seq) {
      if (q === null) continue;
      if (!Array.isArray(q.pending) || !Array.isArray(q.done) || ![...q.pending, ...q.done].every((p) => isInstant(p.t) && Array.isArray(p.ids) && Array.isArray(p.times))) {
        throw new Error('window sequence state is malformed');
      }
    }
    for (let i = 0; i < n; i++) w.num.push(s.t[i]!, s.amt[i]!, s.mask[i]!);
    w.id = [...s.id];
    if (s.acc !== null) w.acc = [...s.acc];
    for (const c of s.cust) w.cust.push(c ?? undefined);
    w.lastHitAt = s.lastHitAt ?? undefined;
    for (const m of rule.measures) {
      const i = m.index;
      if (m.fn === 'sequence') {
        const q = s.seq[i];
        if (q === null || q === undefined) throw new Error(`missing sequence state for measure ${m.name}`);
        w.seq![i] = structuredClone(q);
        continue;
      }
      if (m.fn === 'distinct') {
        const col = s.dv[i];
        if (col === undefined || col.length !== n) throw new Error(`distinct column of ${m.name} has the wrong length`);
        w.dv![i] = col.map((v) => v ?? undefined);
      }
      const start = s.start[i]!;
      if (!Number.isInteger(start) || start < 0 || start > n) throw new Error(`bad start index for ${m.name}`);
      w.ms[i * MSTRIDE] = start;
      const bit = 1 << i;
      for (let e = start; e < n; e++) {
        if ((w.maskAt(e) & bit) === 0) continue;
        const amount = w.amtAt(e);
        w.ms[i * MSTRIDE + 1]!++;
        w.ms[i * MSTRIDE + 2]! += amount;
        if (m.fn === 'min') pushMono(w.minQ![i]!, w.num, 0, e, amount, true);
        if (m.fn === 'max') pushMono(w.maxQ![i]!, w.num, 0, e, amount, false);
        const d = w.distinct?.[i];
        if (d !== undefined) {
          const k = w.dv![i]![e];
          if (k === undefined) throw new Error(`distinct value missing for a counted entry of ${m.name}`);
          d.set(k, (d.get(k) ?? 0) + 1);
        }
      }
    }
    // Entries before every measure's start are dead: keep the indices consistent.
    const starts = rule.measures.filter((m) => m.fn !== 'sequence').map((m) => w.ms[m.index * MSTRIDE]!);
    w.head = starts.length === 0 ? n : Math.min(...starts);
    w.lastT = w.newest ?? Number.NEGATIVE_INFINITY;
    return w;
  }
}

/**
 * A column of optional strings that are usually all equal (an account's customer id): it holds one
 * value and a count until a different value arrives, and only then an array.
 */
class LazyColumn {
  private values: (string | undefined)[] | undefined;
  private only: string | undefined;
  private n = 0;

  push(v: string | undefined): void {
    if (this.values !== undefined) this.values.push(v);
    else if (this.n === 0 || v === this.only) {
      this.only = v;
      this.n++;
    } else {
      this.values = new Array<string | undefined>(this.n).fill(this.only);
      this.values.push(v);
    }
  }

  get(i: number): string | undefined {
    return this.values === undefined ? this.only : this.values[i];
  }

  get length(): number {
    return this.values === undefined ? this.n : this.values.length;
  }

  dropFront(k: number): void {
    if (this.values !== undefined) dropFront(this.values, k);
    else this.n -= k;
  }

  clear(): void {
    this.values = undefined;
    this.only = undefined;
    this.n = 0;
  }

  slice(from: number): (string | undefined)[] {
    return this.values !== undefined ? this.values.slice(from) : new Array<string | undefined>(Math.max(0, this.n - from)).fill(this.only);
  }
}

/** Removes the first `n` elements in place (unlike `splice`, allocates no array of the removed ones). */
function dropFront<T>(a: T[], n: number): void {
  a.copyWithin(0, n);
  a.length -= n;
}

/**
 * Whether any measure of a rule without sequences would count a row (what {@link KeyWindow.add} would
 * store), without a window: the screener uses it to avoid creating windows that would stay empty.
 */
export function countsAny(rule: CompiledIndicator, row: Row, where: readonly (Predicate | boolean)[]): boolean {
  const L = layoutOf(rule);
  return L.sequence || countedMask(rule, L, row, where) !== 0;
}

/**
 * Bit mask of the buffered measures that count a row under the given filters (a distinct measure only
 * when the row has a value for it); each such distinct value is left in `DISTINCT_KEYS`.
 */
function countedMask(rule: CompiledIndicator, L: Layout, row: Row, where: readonly (Predicate | boolean)[]): number {
  const buffered = L.buffered;
  let mask = 0;
  for (let j = 0; j < buffered.length; j++) {
    const m = buffered[j]!;
    const w = where[m]!;
    if (w === false || (w !== true && !w(row))) continue;
    const spec = rule.measures[m]!;
    if (spec.distinctKey !== undefined) {
      const k = spec.distinctKey(row);
      if (k === undefined) continue;
      DISTINCT_KEYS[m] = k;
    }
    mask |= 1 << m;
  }
  return mask;
}

const empties = new WeakMap<CompiledIndicator, KeyWindow>();
/** A rule's empty window, shared and never modified: what a trigger sees for a key with nothing counted. */
export function emptyWindow(rule: CompiledIndicator): KeyWindow {
  let w = empties.get(rule);
  if (w === undefined) empties.set(rule, (w = new KeyWindow(rule)));
  return w;
}

/**
 * Pushes entry `abs` onto a monotonic deque of absolute entry indices, first popping from the back the
 * entries it dominates: for a min-deque those with an amount ≥ the new one, for a max-deque ≤.
 */
function pushMono(q: number[], num: readonly number[], base: number, abs: number, value: number, isMin: boolean): void {
  while (q.length > 0) {
    const last = num[(q[q.length - 1]! - base) * STRIDE + 1]!;
    if (isMin ? last >= value : last <= value) q.pop();
    else break;
  }
  q.push(abs);
}
