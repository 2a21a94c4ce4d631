/**
 * The delivery model on the event kernel: one org design, one trial's
 * initiatives, simulated in calendar weeks.
 *
 * An initiative is a small graph of tasks, each done by one team (from the
 * design's route for its product area):
 *
 *   discovery ─┬─ data + model ───────┐
 *              ├─ application / UI ────┤
 *              ├─ infrastructure ──────┼─ integration ─ deploy & monitor → production
 *              └─ paved-road share ────┘      │  (defect: model and application
 *                 (platform team)             │   fixes, then integration again)
 *
 * Each team is a resource with `crews` servers and one FIFO queue. A task
 * handed over from another team joins the receiving team's queue at its next
 * intake (every `handoffCadenceWeeks`). A started task runs for
 * effort ÷ (crew people × productivity), all taken at its start: crew people
 * = the team's productive people that month ÷ crews (hiring ramp);
 * productivity = focus × holidays × context switching (initiatives held above
 * the WIP limit) × coordination (pods) × maintenance (platform) × adoption dip
 * or gain (platform consumers).
 *
 * The hot loop allocates nothing: per-initiative and per-task state live in
 * typed arrays reused across trials, events carry integer payloads.
 *
 * The design reaches the loop compiled to flat arrays (`compiled-design.ts`)
 * and the results leave it as sums and histograms (`accumulator.ts`); this
 * module is the loop itself, one class, because its hot paths are fields
 * and calls V8 inlines within it.
 */
import { counterBits } from '../kernel/prng.ts';
import { DesignAccumulator, HIST_BIN_WEEKS, HIST_BINS, QUARTER_COUNT_MAX, T_SUM_ACTIVE, T_SUM_BACKLOG, T_SUM_OTHER, T_SUM_REWORK, T_SUM_WORK } from './accumulator.ts';
import { compileDesign, monthStartWeek, type Compiled } from './compiled-design.ts';
import { CompletionQueue } from './completion-queue.ts';
import type { OrgDesign } from './design.ts';
import { WEEKS_PER_MONTH } from './parameters.ts';
import type { DeliveryParameters } from './parameters.ts';
import { STAGE_COUNT, type TrialPortfolio } from './portfolio.ts';

// Effort stage indices (EFFORT_STAGES order).
const E_DISCOVERY = 0;
const E_DATA = 1;
const E_MODEL = 2;
const E_APP = 3;
const E_INFRA = 4;
const E_INTEGRATION = 5;
const E_DEPLOY = 6;

// Task kinds.
const K_DISCOVERY = 0;
const K_MODEL = 1;
const K_APP = 2;
const K_INFRA = 3;
const K_PLATFORM = 4;
const K_INTEGRATION = 5;
const K_DEPLOY = 6;
const K_REWORK_MODEL = 7;
const K_REWORK_APP = 8;
const K_REDEPLOY = 9;

/** The kinds that join before integration (finish counts them down in `pending`). */
const JOIN_KINDS = (1 << K_MODEL) | (1 << K_APP) | (1 << K_INFRA) | (1 << K_PLATFORM) | (1 << K_REWORK_MODEL) | (1 << K_REWORK_APP);

// Task slots per initiative (at most one task per slot at a time).
const SLOTS = 4;
const S_MAIN = 0;
const S_APP = 1;
const S_INFRA = 2;
const S_PLATFORM = 3;

// Task states (T_QUEUED and T_ACTIVE share bit 1: the task holds its team).
const T_NONE = 0;
const T_HANDOFF = 1;
const T_QUEUED = 2;
const T_ACTIVE = 3;
// A task's info word: team << TEAM_SHIFT | kind << KIND_SHIFT | state.
const STATE_MASK = 3;
const KIND_SHIFT = 2;
const KIND_MASK = 15;
const TEAM_SHIFT = 8;
/** The bits of an info word that say "holds team t": the team and bit 1 of the state. */
const HOLD_MASK = ~((1 << TEAM_SHIFT) - 1) | T_QUEUED;

// Events: the heap holds task completions (payload = task), the hand-off FIFO task intakes.

/** counterUniform(w, i, k) = ((counterBits(w, i, k) >>> 0) + 0.5) / TWO_POW_32. */
const TWO_POW_32 = 4294967296;

/** Failed deploys at most before an initiative is counted as in production (a model bound). */
const MAX_DEPLOY_TRIES = 4;

/** Task kinds in the order of the engine's kind numbers (what a `DeliveryTraceObserver` receives). */
export const TRACE_TASK_KINDS = ['discovery', 'model', 'application', 'infrastructure', 'platform', 'integration', 'deploy', 'rework-model', 'rework-application', 'redeploy'] as const;
export type TraceTaskKind = (typeof TRACE_TASK_KINDS)[number];

/**
 * Watches one trial task by task (the synthetic histories of
 * `sim/calibration` are made from it). Off by default: the engine checks a
 * null field at four points and calls nothing. `kind` indexes
 * `TRACE_TASK_KINDS`; `team` indexes the design's teams; times are weeks.
 */
export interface DeliveryTraceObserver {
  /** The task joined its team's queue, or a hand-off towards it (`handedOver`). */
  queued(initiative: number, kind: number, team: number, at: number, handedOver: boolean): void;
  started(initiative: number, kind: number, team: number, at: number): void;
  finished(initiative: number, kind: number, team: number, at: number): void;
  shipped(initiative: number, at: number): void;
}

/** Context-switching multipliers are tabulated for this many initiatives held per team at first (the table grows). */
const WIP_TABLE = 64;

/**
 * Simulates trials of one design and accumulates their results.
 *
 * Teams are c-server FIFO queues kept inline (flat ring buffers, busy and
 * capacity counts per team); completions go to a `CompletionQueue`, hand-offs
 * to a FIFO ring sharing its sequence numbers. The order of events, of
 * random draws and of every floating-point sum is the one of the plain
 * `EventQueue` / `ServerPool` version (pinned by engine-snapshot.test.ts).
 */
export class DesignSimulator {
  readonly design: OrgDesign;
  readonly acc: DesignAccumulator;
  private readonly c: Compiled;
  private readonly horizonWeeks: number;
  private readonly capWeeks: number;
  private readonly events = new CompletionQueue(256);
  /**
   * Hand-offs waiting for the receiving team's next intake: a FIFO ring
   * (times on the cadence grid come in order, like `TimedFifo`), with
   * sequence numbers from `events` so ties order as in one queue.
   */
  private hTimes = new Float64Array(64);
  private hSeqs = new Float64Array(64);
  private hTasks = new Int32Array(64);
  private hHead = 0;
  private hCount = 0;
  // Compiled design, flattened for the loop.
  private readonly months: number;
  private readonly crews: Int32Array;
  private readonly speed: Float64Array;
  private readonly cfr: Float64Array;
  private readonly cadence: number;
  // Team queues: FIFO rings of `ringSize` per team in one array.
  private ringSize = 64;
  private ring: Int32Array;
  private readonly qHead: Int32Array;
  private readonly qLen: Int32Array;
  private readonly busy: Int32Array;
  private readonly capacity: Int32Array;
  /** Initiatives holding a queued or active task at each team (context switching). */
  private readonly wipInit: Int32Array;
  /**
   * Context-switching multiplier per team × initiatives held (< wipTable):
   * 1 up to wipLimitPerCrew × crews, then 1 − cost × over / crews, at least the floor.
   */
  private csMult: Float64Array;
  private wipTable = WIP_TABLE;
  /** wipLimitPerCrew × crews per team. */
  private readonly wipLimit: Float64Array;
  /** monthStartWeek(m) for m = 0 … months; the month of the clock moves forward only. */
  private readonly monthStarts: Float64Array;
  private month = 0;
  private nextMonthAt = 0;
  // Scalars from the parameters.
  private readonly csCost: number;
  private readonly csFloor: number;
  private readonly perWeekClean: number;
  private readonly reworkShare: number;
  private readonly maxLoops: number;
  private readonly recoveryShare: number;
  /** reworkDecay^loops for loops = 0 … maxLoops (Math.pow once per run, not per integration). */
  private readonly decayPow: Float64Array;
  // Per-initiative state.
  private cap = 0;
  private pending = new Int32Array(0);
  private loops = new Int32Array(0);
  private tries = new Int32Array(0);
  private active = new Int32Array(0);
  private inRework = new Uint8Array(0);
  private last = new Float64Array(0);
  private forkTime = new Float64Array(0);
  private joinTime = new Float64Array(0);
  private startTime = new Float64Array(0);
  /** When the model task first finished ("model validated"): the prototype clock starts. */
  private protoTime = new Float64Array(0);
  // Per-task state (initiative × SLOTS + slot).
  /** team << 8 | kind << 2 | state, one word per task (one load for the checks on every event). */
  private taskInfo = new Int32Array(0);
  private taskEffort = new Float64Array(0);
  private readonly quarterCounts: Int32Array;
  // The trial being run.
  private area = new Int32Array(0);
  private effort = new Float64Array(0);
  private arrival = new Float64Array(0);
  private outcomeWord = 0;
  /**
   * The clock: the time of the event being handled. Kept in a field, not
   * passed along: a non-integer number passed to a call that is not inlined
   * is boxed, i.e. allocated, on every event.
   */
  private now = 0.5;
  /** Waiting time being split (see `now`). */
  private dt = 0.5;
  private sysWip = 0;
  private sysLast = 0;
  private sysArea = 0;
  private sojournSum = 0;
  private doneCount = 0;
  private lastDone = 0;
  /** Set to watch trials task by task (null: no cost beyond the checks). */
  trace: DeliveryTraceObserver | null = null;

  constructor(design: OrgDesign, params: DeliveryParameters, horizonMonths: number) {
    this.design = design;
    const c = compileDesign(design, params, horizonMonths);
    this.c = c;
    this.acc = new DesignAccumulator(c.teams, horizonMonths);
    this.horizonWeeks = horizonMonths * WEEKS_PER_MONTH;
    this.capWeeks = this.horizonWeeks + params.drainYears * 52;
    this.months = c.months;
    this.crews = c.crews;
    this.speed = c.speed;
    this.cfr = c.cfr;
    this.cadence = c.cadence;
    const T = c.teams;
    this.ring = new Int32Array(T * this.ringSize);
    this.qHead = new Int32Array(T);
    this.qLen = new Int32Array(T);
    this.busy = new Int32Array(T);
    this.capacity = new Int32Array(T);
    this.wipInit = new Int32Array(T);
    this.wipLimit = new Float64Array(T);
    this.csCost = params.contextSwitchCost;
    this.csFloor = params.contextSwitchFloor;
    for (let t = 0; t < T; t++) this.wipLimit[t] = params.wipLimitPerCrew * c.crews[t]!;
    this.csMult = this.contextSwitchTable(WIP_TABLE);
    this.monthStarts = new Float64Array(c.months + 1);
    for (let m = 0; m <= c.months; m++) this.monthStarts[m] = monthStartWeek(m);
    this.perWeekClean = 1 - params.reworkPerWeekApart;
    this.reworkShare = params.reworkEffortShare;
    this.maxLoops = Math.max(0, Math.floor(params.maxReworkLoops));
    this.recoveryShare = params.recoveryEffortShare;
    this.decayPow = new Float64Array(this.maxLoops + 1);
    for (let l = 0; l <= this.maxLoops; l++) this.decayPow[l] = Math.pow(params.reworkDecay, l);
    this.quarterCounts = new Int32Array(this.acc.quarters);
  }

  private ensure(n: number): void {
    if (n <= this.cap) return;
    let cap = Math.max(64, this.cap);
    while (cap < n) cap *= 2;
    this.cap = cap;
    this.pending = new Int32Array(cap);
    this.loops = new Int32Array(cap);
    this.tries = new Int32Array(cap);
    this.active = new Int32Array(cap);
    this.inRework = new Uint8Array(cap);
    this.last = new Float64Array(cap);
    this.forkTime = new Float64Array(cap);
    this.joinTime = new Float64Array(cap);
    this.startTime = new Float64Array(cap);
    this.protoTime = new Float64Array(cap);
    this.taskInfo = new Int32Array(cap * SLOTS);
    this.taskEffort = new Float64Array(cap * SLOTS);
    this.events.ensurePayloads(cap * SLOTS);
  }

  /** Run one trial's initiatives through the design; results go into `acc`. */
  runTrial(portfolio: TrialPortfolio): void {
    const n = portfolio.count;
    this.ensure(n);
    this.area = portfolio.area;
    this.effort = portfolio.effort;
    this.arrival = portfolio.arrival;
    this.outcomeWord = portfolio.outcomeWord;
    const c = this.c;
    const acc = this.acc;
    const events = this.events;
    events.clear();
    this.hHead = 0;
    this.hCount = 0;
    this.qHead.fill(0);
    this.qLen.fill(0);
    this.busy.fill(0);
    this.capacity.fill(0);
    this.wipInit.fill(0);
    this.quarterCounts.fill(0);
    this.month = 0;
    this.nextMonthAt = this.monthStarts[1]!;
    this.sysWip = 0;
    this.sysLast = 0;
    this.sysArea = 0;
    this.sojournSum = 0;
    this.doneCount = 0;
    this.lastDone = 0;
    const arrival = portfolio.arrival;
    const openOrder = c.openOrder;
    const openCount = openOrder.length;
    const openWeek = c.openWeek;
    const taskInfo = this.taskInfo;
    let nextArrival = 0;
    let nextOpen = 0;
    let tA = n > 0 ? arrival[0]! : Infinity;
    let tO = openCount > 0 ? openWeek[openOrder[0]!]! : Infinity;
    const cap = this.capWeeks;
    let others = 0;
    let completions = 0;
    let pendingSum = 0;
    for (;;) {
      if (events.vacant) events.settle();
      let tH = events.count > 0 ? events.times[0]! : Infinity;
      // A hand-off due before (or with an earlier sequence than) the next event goes first.
      const tF = this.hCount > 0 ? this.hTimes[this.hHead]! : Infinity;
      const fromFifo = tF < tH || (tF === tH && tF !== Infinity && this.hSeqs[this.hHead]! < events.seqOf[events.payloads[0]!]!);
      if (fromFifo) tH = tF;
      if (tO <= tA && tO <= tH) {
        if (tO === Infinity) break;
        this.now = tO;
        others++;
        this.open(openOrder[nextOpen++]!);
        tO = nextOpen < openCount ? openWeek[openOrder[nextOpen]!]! : Infinity;
        continue;
      }
      if (tA <= tH) {
        this.now = tA;
        others++;
        this.arrive(nextArrival++);
        tA = nextArrival < n ? arrival[nextArrival]! : Infinity;
        continue;
      }
      if (tH > cap) break;
      if (fromFifo) {
        const task = this.hTasks[this.hHead]!;
        this.hHead = (this.hHead + 1) & (this.hTimes.length - 1);
        this.hCount--;
        this.now = tH;
        others++;
        this.settle(task >> 2);
        this.enqueue(task, taskInfo[task]! >> 8);
        continue;
      }
      completions++;
      pendingSum += events.count;
      const task = events.pop();
      this.now = events.time;
      this.finish(task);
    }
    // Book-keeping for the trial.
    acc.events += others + completions;
    acc.completions += completions;
    acc.pendingAtCompletion += pendingSum;
    acc.trials++;
    acc.arrived += n;
    acc.completed += this.doneCount;
    acc.unfinished += n - this.doneCount;
    if (this.doneCount === n && n > 0 && this.lastDone > 0) {
      // Little's law: L (time-average WIP by integration) against λW over [0, last completion].
      const T = this.lastDone;
      const L = this.sysArea / T;
      const lambdaW = (n / T) * (this.sojournSum / n);
      const err = L > 0 ? Math.abs(L - lambdaW) / L : 0;
      if (err > acc.littleMaxError) acc.littleMaxError = err;
    }
    const q = this.quarterCounts;
    for (let k = 0; k < q.length; k++) acc.quarterHist[k * (QUARTER_COUNT_MAX + 1) + Math.min(q[k]!, QUARTER_COUNT_MAX)]!++;
  }

  /** Math.floor(now / WEEKS_PER_MONTH) up to `months` (now never goes back within a trial). */
  private monthOf(): number {
    const now = this.now;
    while (now >= this.nextMonthAt) {
      const m = ++this.month;
      this.nextMonthAt = m < this.months ? this.monthStarts[m + 1]! : Infinity;
    }
    return this.month;
  }

  /** Throughput multiplier of a team holding `held` initiatives (context switching above the WIP limit). */
  private contextSwitch(team: number, held: number): number {
    const over = held - this.wipLimit[team]!;
    if (!(over > 0)) return 1;
    const eff = 1 - (this.csCost * over) / this.crews[team]!;
    return eff > this.csFloor ? eff : this.csFloor;
  }

  /** contextSwitch(team, held) for every team and held < size, `size` per team. */
  private contextSwitchTable(size: number): Float64Array {
    const teams = this.wipLimit.length;
    const table = new Float64Array(teams * size);
    for (let t = 0; t < teams; t++) for (let w = 0; w < size; w++) table[t * size + w] = this.contextSwitch(t, w);
    return table;
  }

  /** A team holds more initiatives than the table covers (crowded queues): at least double it. */
  private growContextSwitchTable(needed: number): void {
    let size = this.wipTable * 2;
    while (size < needed) size *= 2;
    this.csMult = this.contextSwitchTable(size);
    this.wipTable = size;
  }

  private week(): number {
    const w = Math.floor(this.now);
    return w < this.acc.weeks ? w : this.acc.weeks;
  }

  /** A team gets its crews: start what waits for it. */
  private open(team: number): void {
    const capacity = this.crews[team]!;
    this.capacity[team] = capacity;
    while (this.qLen[team]! > 0 && this.busy[team]! < capacity) {
      this.busy[team]!++;
      const task = this.dequeue(team);
      this.settle(task >> 2);
      this.startTask(task, team);
    }
  }

  private dequeue(team: number): number {
    const size = this.ringSize;
    const head = this.qHead[team]!;
    const task = this.ring[team * size + head]!;
    this.qHead[team] = (head + 1) & (size - 1);
    this.qLen[team]!--;
    return task;
  }

  private queueAtBack(team: number, task: number): void {
    const length = this.qLen[team]!;
    if (length === this.ringSize) this.growRings();
    const size = this.ringSize;
    this.ring[team * size + ((this.qHead[team]! + length) & (size - 1))] = task;
    this.qLen[team] = length + 1;
  }

  /** Double every team's ring, unrolling each so its head is at 0. */
  private growRings(): void {
    const old = this.ring;
    const size = this.ringSize;
    const bigger = new Int32Array(old.length * 2);
    for (let t = 0; t < this.qLen.length; t++) {
      const head = this.qHead[t]!;
      const length = this.qLen[t]!;
      for (let k = 0; k < length; k++) bigger[t * size * 2 + k] = old[t * size + ((head + k) & (size - 1))]!;
      this.qHead[t] = 0;
    }
    this.ring = bigger;
    this.ringSize = size * 2;
  }

  private arrive(i: number): void {
    const now = this.now;
    this.sysArea += this.sysWip * (now - this.sysLast);
    this.sysLast = now;
    this.sysWip++;
    this.pending[i] = 0;
    this.loops[i] = 0;
    this.tries[i] = 0;
    this.active[i] = 0;
    this.inRework[i] = 0;
    this.last[i] = now;
    this.startTime[i] = -1;
    const base = i * SLOTS;
    const info = this.taskInfo;
    info[base] = T_NONE;
    info[base + 1] = T_NONE;
    info[base + 2] = T_NONE;
    info[base + 3] = T_NONE;
    this.acc.arrivedByWeek[this.week()]!++;
    this.taskEffort[i * SLOTS + S_MAIN] = this.effort[i * STAGE_COUNT + E_DISCOVERY]!;
    this.create(i, S_MAIN, K_DISCOVERY, this.c.rDiscovery[this.area[i]!]!, -1);
  }

  /** Account the time since the initiative's last event: working, rework, or waiting (split over its waiting tasks' teams). */
  private settle(i: number): void {
    const now = this.now;
    const dt = now - this.last[i]!;
    if (dt <= 0) return;
    this.last[i] = now;
    const sums = this.acc.time;
    if (this.active[i]! > 0) {
      sums[T_SUM_ACTIVE]! += dt;
      sums[this.inRework[i] ? T_SUM_REWORK : T_SUM_WORK]! += dt;
      return;
    }
    if (this.inRework[i]) {
      sums[T_SUM_REWORK]! += dt;
      return;
    }
    if (this.startTime[i]! < 0) {
      sums[T_SUM_BACKLOG]! += dt;
      return;
    }
    this.dt = dt;
    this.settleWaiting(i);
  }

  private settleWaiting(i: number): void {
    const dt = this.dt;
    const acc = this.acc;
    const base = i * SLOTS;
    const info = this.taskInfo;
    let k = 0;
    for (let s = 0; s < SLOTS; s++) {
      const v = info[base + s]! & STATE_MASK;
      if (v === T_HANDOFF || v === T_QUEUED) k++;
    }
    if (k === 0) {
      acc.time[T_SUM_OTHER]! += dt;
      return;
    }
    const share = dt / k;
    for (let s = 0; s < SLOTS; s++) {
      const w = info[base + s]!;
      const v = w & STATE_MASK;
      if (v === T_QUEUED) acc.waitQueue[w >> TEAM_SHIFT]! += share;
      else if (v === T_HANDOFF) acc.waitHandoff[w >> TEAM_SHIFT]! += share;
    }
  }

  /** Create a task; it is handed over (next intake) when it moves to another team, else queued now. */
  private create(i: number, slot: number, kind: number, team: number, fromTeam: number): void {
    const task = i * SLOTS + slot;
    this.taskInfo[task] = (team << TEAM_SHIFT) | (kind << KIND_SHIFT);
    this.pending[i]!++;
    const cadence = this.cadence;
    const handedOver = fromTeam >= 0 && team !== fromTeam && cadence > 0;
    if (this.trace !== null) this.trace.queued(i, kind, team, this.now, handedOver);
    if (handedOver) {
      this.taskInfo[task]! |= T_HANDOFF;
      this.handOver(task);
    } else {
      this.enqueue(task, team);
    }
  }

  /** Hand a task over: it is due at the receiving team's next intake (not earlier than the last hand-off: `now` only grows). */
  private handOver(task: number): void {
    if (this.hCount === this.hTimes.length) this.growHandoffs();
    const at = (this.hHead + this.hCount) & (this.hTimes.length - 1);
    const cadence = this.cadence;
    this.hTimes[at] = (Math.floor(this.now / cadence) + 1) * cadence;
    this.hSeqs[at] = this.events.nextSeq++;
    this.hTasks[at] = task;
    this.hCount++;
  }

  private growHandoffs(): void {
    const n = this.hTimes.length;
    const times = new Float64Array(n * 2);
    const seqs = new Float64Array(n * 2);
    const tasks = new Int32Array(n * 2);
    for (let k = 0; k < this.hCount; k++) {
      const from = (this.hHead + k) & (n - 1);
      times[k] = this.hTimes[from]!;
      seqs[k] = this.hSeqs[from]!;
      tasks[k] = this.hTasks[from]!;
    }
    this.hTimes = times;
    this.hSeqs = seqs;
    this.hTasks = tasks;
    this.hHead = 0;
  }

  /**
   * True if the initiative has another task queued or active at `team`.
   * Called while `task` itself is neither (none or handed over), so its own
   * slot never matches and need not be skipped.
   */
  private holdsTeam(task: number, team: number): boolean {
    const info = this.taskInfo;
    const base = task & ~(SLOTS - 1);
    // Queued (2) and active (3) are the states with bit 1 set: keep the team and that bit.
    const key = (team << TEAM_SHIFT) | T_QUEUED;
    return (info[base]! & HOLD_MASK) === key || (info[base + 1]! & HOLD_MASK) === key || (info[base + 2]! & HOLD_MASK) === key || (info[base + 3]! & HOLD_MASK) === key;
  }

  private enqueue(task: number, team: number): void {
    if (!this.holdsTeam(task, team)) this.wipInit[team]!++;
    this.taskInfo[task] = (this.taskInfo[task]! & ~STATE_MASK) | T_QUEUED;
    if (this.busy[team]! < this.capacity[team]! && this.qLen[team] === 0) {
      this.busy[team]!++;
      this.startTask(task, team);
    } else {
      this.queueAtBack(team, task);
    }
  }

  private startTask(task: number, team: number): void {
    const now = this.now;
    const i = task >> 2;
    const info = this.taskInfo[task]! | T_ACTIVE;
    this.taskInfo[task] = info;
    this.active[i]!++;
    if (this.trace !== null) this.trace.started(i, (info >> KIND_SHIFT) & KIND_MASK, team, now);
    if (((info >> KIND_SHIFT) & KIND_MASK) === K_DISCOVERY && this.startTime[i]! < 0) {
      this.startTime[i] = now;
      this.acc.startedByWeek[this.week()]!++;
    }
    const months = this.months;
    let m = this.monthOf();
    if (m >= months) m = months - 1;
    const held = this.wipInit[team]!;
    // × 1 below the WIP limit leaves the speed exactly as it is.
    // Always from the table (grown when a team holds more): a choice between a table value and a
    // computed one made V8 box the multiplier, one allocation per task start.
    if (held >= this.wipTable) this.growContextSwitchTable(held + 1);
    const speed = this.speed[team * months + m]! * this.csMult[team * this.wipTable + held]!;
    const effort = this.taskEffort[task]!;
    this.acc.workStarted[team]! += effort;
    const events = this.events;
    events.nextTime = now + (speed > 1e-9 ? effort / speed : effort * 1e9);
    events.pushAtNextTime(task);
  }

  private finish(task: number): void {
    const i = task >> 2;
    const info = this.taskInfo[task]!;
    const team = info >> TEAM_SHIFT;
    // settle(i) with a task in service: the time since the last event was worked.
    const now = this.now;
    const dt = now - this.last[i]!;
    if (dt > 0) {
      this.last[i] = now;
      const sums = this.acc.time;
      sums[T_SUM_ACTIVE]! += dt;
      sums[this.inRework[i] ? T_SUM_REWORK : T_SUM_WORK]! += dt;
    }
    this.active[i]!--;
    if (this.trace !== null) this.trace.finished(i, (info >> KIND_SHIFT) & KIND_MASK, team, now);
    this.taskInfo[task] = info & ~STATE_MASK;
    if (!this.holdsTeam(task, team)) this.wipInit[team]!--;
    this.busy[team]!--;
    if (this.qLen[team]! > 0 && this.busy[team]! < this.capacity[team]!) {
      this.busy[team]!++;
      const next = this.dequeue(team);
      this.settle(next >> 2);
      this.startTask(next, team);
    }
    const kind = (info >> KIND_SHIFT) & KIND_MASK;
    // K_MODEL runs once per initiative (rework is K_REWORK_MODEL): its end is the prototype.
    if (kind === K_MODEL) this.protoTime[i] = now;
    // A part of the build finishing while others still run: nothing else happens (no call to advance).
    if (((JOIN_KINDS >> kind) & 1) !== 0 && --this.pending[i]! > 0) return;
    this.advance(i, kind, team);
  }

  private advance(i: number, kind: number, team: number): void {
    const now = this.now;
    const c = this.c;
    const area = this.area[i]!;
    const e = i * STAGE_COUNT;
    const effort = this.effort;
    switch (kind) {
      case K_DISCOVERY: {
        this.pending[i] = 0;
        this.forkTime[i] = now;
        this.taskEffort[i * SLOTS + S_MAIN] = effort[e + E_DATA]! + effort[e + E_MODEL]!;
        this.create(i, S_MAIN, K_MODEL, c.rModel[area]!, team);
        this.taskEffort[i * SLOTS + S_APP] = effort[e + E_APP]!;
        this.create(i, S_APP, K_APP, c.rApp[area]!, team);
        const infra = effort[e + E_INFRA]!;
        const self = c.rInfra[area]!;
        if (self >= 0 && c.infraSelfShare > 0) {
          this.taskEffort[i * SLOTS + S_INFRA] = infra * c.infraSelfShare;
          this.create(i, S_INFRA, K_INFRA, self, team);
        }
        const plat = c.rPlatform[area]!;
        if (plat >= 0 && c.infraPlatformShare > 0) {
          this.taskEffort[i * SLOTS + S_PLATFORM] = infra * c.infraPlatformShare;
          this.create(i, S_PLATFORM, K_PLATFORM, plat, team);
        }
        return;
      }
      case K_MODEL:
      case K_APP:
      case K_INFRA:
      case K_PLATFORM:
      case K_REWORK_MODEL:
      case K_REWORK_APP: {
        // The last part of the build (finish counted it down).
        this.joinTime[i] = now;
        const share = this.loops[i]! > 0 ? this.reworkShare : 1;
        this.taskEffort[i * SLOTS + S_MAIN] = effort[e + E_INTEGRATION]! * c.iterationMult[area]! * share;
        this.create(i, S_MAIN, K_INTEGRATION, c.rIntegration[area]!, team);
        return;
      }
      case K_INTEGRATION: {
        this.pending[i] = 0;
        const loops = this.loops[i]!;
        if (loops < this.maxLoops) {
          let clean = c.cleanBase[area]!;
          if (c.builtApart[area]) clean *= Math.pow(this.perWeekClean, this.joinTime[i]! - this.forkTime[i]!);
          const defect = (1 - clean) * this.decayPow[loops]!;
          if (((counterBits(this.outcomeWord, i, 2 * loops) >>> 0) + 0.5) / TWO_POW_32 < defect) {
            if (loops === 0) this.acc.reworkedInitiatives++;
            this.acc.reworkLoops++;
            this.loops[i] = loops + 1;
            this.inRework[i] = 1;
            this.forkTime[i] = now;
            const mult = this.reworkShare * c.iterationMult[area]!;
            this.taskEffort[i * SLOTS + S_MAIN] = (effort[e + E_DATA]! + effort[e + E_MODEL]!) * mult;
            this.create(i, S_MAIN, K_REWORK_MODEL, c.rModel[area]!, team);
            this.taskEffort[i * SLOTS + S_APP] = effort[e + E_APP]! * mult;
            this.create(i, S_APP, K_REWORK_APP, c.rApp[area]!, team);
            return;
          }
        }
        this.acc.integratedByWeek[this.week()]!++;
        this.taskEffort[i * SLOTS + S_MAIN] = effort[e + E_DEPLOY]!;
        this.create(i, S_MAIN, K_DEPLOY, c.rDeploy[area]!, team);
        return;
      }
      case K_DEPLOY:
      case K_REDEPLOY: {
        this.pending[i] = 0;
        const tries = this.tries[i]!;
        if (tries < MAX_DEPLOY_TRIES) {
          const months = this.months;
          let m = this.monthOf();
          if (m >= months) m = months - 1;
          if (((counterBits(this.outcomeWord, i, 2 * tries + 1) >>> 0) + 0.5) / TWO_POW_32 < this.cfr[team * months + m]!) {
            this.acc.deployFailures++;
            this.tries[i] = tries + 1;
            this.inRework[i] = 1;
            this.taskEffort[i * SLOTS + S_MAIN] = effort[e + E_DEPLOY]! * this.recoveryShare;
            this.create(i, S_MAIN, K_REDEPLOY, team, team);
            return;
          }
        }
        this.done(i);
        return;
      }
    }
  }

  private done(i: number): void {
    const now = this.now;
    const acc = this.acc;
    this.sysArea += this.sysWip * (now - this.sysLast);
    this.sysLast = now;
    this.sysWip--;
    const arrivedAt = this.arrival[i]!;
    const ttp = now - arrivedAt;
    const cycle = now - this.startTime[i]!;
    const proto = now - this.protoTime[i]!;
    this.sojournSum += ttp;
    this.doneCount++;
    this.lastDone = now;
    if (this.trace !== null) this.trace.shipped(i, now);
    acc.sumTimeToProduction += ttp;
    acc.sumCycleTime += cycle;
    const b = Math.floor(ttp / HIST_BIN_WEEKS);
    acc.ttpHist[b < HIST_BINS ? b : HIST_BINS]!++;
    const bc = Math.floor(cycle / HIST_BIN_WEEKS);
    acc.cycleHist[bc < HIST_BINS ? bc : HIST_BINS]!++;
    acc.sumPrototypeToProduction += proto;
    const bp = Math.floor(proto / HIST_BIN_WEEKS);
    acc.protoHist[bp < HIST_BINS ? bp : HIST_BINS]!++;
    acc.doneByWeek[this.week()]!++;
    if (now < this.horizonWeeks) {
      acc.shippedInHorizon++;
      const month = this.monthOf();
      if (month < acc.doneByMonth.length) {
        acc.doneByMonth[month]!++;
        this.quarterCounts[(month / 3) | 0]!++;
      }
    }
  }
}
