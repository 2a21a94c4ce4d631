/**
 * The plain queue: a first-class model shape so anyone can reproduce a
 * textbook case with the same kernel the delivery simulator runs on.
 *
 *   const result = runQueueModel({
 *     interarrival: { kind: 'exponential', mean: 1.25 },  // λ = 0.8
 *     servers: 1,
 *     service: { kind: 'exponential', mean: 1 },          // μ = 1, ρ = 0.8
 *     customers: 500_000,
 *     warmupCustomers: 10_000,
 *   }, 42);
 *   result.meanWait                // ≈ 4 = ρ/(μ − λ)
 *   queueTheory(model).meanWait    // 4
 *
 * Time is in whatever unit the distributions use. Customers are served
 * first come, first served by `servers` identical servers. The first
 * `warmupCustomers` are simulated but not measured (the queue starts
 * empty). The measurement window runs from the arrival of the first measured
 * customer to the arrival of the first customer after the measured ones;
 * every measured customer is followed until it leaves.
 */
import { compileSampler, distributionIssues, type Distribution } from './distributions.ts';
import { EventQueue } from '../kernel/event-queue.ts';
import { ServerPool } from '../kernel/server-pool.ts';
import { Xoshiro128 } from '../kernel/prng.ts';

export interface QueueModel {
  /** Time between consecutive arrivals (exponential = Poisson arrivals). */
  interarrival: Distribution;
  /** Identical servers working in parallel (c). */
  servers: number;
  /** Service time of one customer. */
  service: Distribution;
  /** Customers measured after the warm-up. */
  customers: number;
  /** Customers simulated before measuring starts. */
  warmupCustomers: number;
  /** Batches for the batch-means standard error (default 20). */
  batches?: number;
}

export interface QueueModelResult {
  seed: number;
  measured: number;
  /** Mean wait in queue of the measured customers (Wq). */
  meanWait: number;
  /** Standard error of `meanWait` by batch means (consecutive batches of customers). */
  meanWaitStdError: number;
  /** Mean time in system (W = wait + service). */
  meanSojourn: number;
  /** Time-average number in system over the window, by integrating N(t) (L). */
  timeAverageInSystem: number;
  /** Time-average number waiting (Lq). */
  timeAverageInQueue: number;
  /** Observed arrival rate over the window (λ). */
  arrivalRate: number;
  /** Busy server time ÷ (servers × window). */
  utilisation: number;
  /** L against λW (Little's law). */
  littlesLaw: { L: number; lambdaW: number; relativeError: number };
  window: { start: number; end: number };
}

export function queueModelIssues(model: QueueModel): string[] {
  const out = [...distributionIssues(model.interarrival, 'interarrival'), ...distributionIssues(model.service, 'service')];
  if (!(Number.isInteger(model.servers) && model.servers >= 1)) out.push(`servers must be an integer ≥ 1 (got ${model.servers})`);
  if (!(Number.isInteger(model.customers) && model.customers >= 1)) out.push(`customers must be an integer ≥ 1 (got ${model.customers})`);
  if (!(Number.isInteger(model.warmupCustomers) && model.warmupCustomers >= 0)) out.push(`warmupCustomers must be an integer ≥ 0 (got ${model.warmupCustomers})`);
  return out;
}

/** Event kinds: an arrival, or a departure whose subject is the customer's token. */
const ARRIVAL = 0;
const DEPARTURE = 1;

/** Simulate a plain queue with the seed's stream (seed, 0) for arrivals and (seed, 1) for service. */
export function runQueueModel(model: QueueModel, seed: number): QueueModelResult {
  const issues = queueModelIssues(model);
  if (issues.length) throw new Error(`Invalid queue model: ${issues.join('; ')}`);
  const arrivalsRng = new Xoshiro128(seed, 0);
  const serviceRng = new Xoshiro128(seed, 1);
  const nextGap = compileSampler(model.interarrival);
  const nextService = compileSampler(model.service);
  const c = model.servers;
  const warm = model.warmupCustomers;
  const measuredCount = model.customers;
  const lastIndex = warm + measuredCount; // this customer's arrival closes the window
  const batches = Math.max(2, Math.min(model.batches ?? 20, measuredCount));

  const events = new EventQueue(c + 8);
  const pool = new ServerPool(1, [c]);
  // Tokens for customers in the system (recycled), with their arrival time and index.
  let capacity = 1024;
  let arrivalTime = new Float64Array(capacity);
  let customerIndex = new Int32Array(capacity);
  let freeTokens = new Int32Array(capacity);
  let freeCount = 0;
  let issued = 0;

  const batchWait = new Float64Array(batches);
  const batchCount = new Float64Array(batches);
  const batchScale = batches / measuredCount;
  let waitSum = 0;
  let sojournSum = 0;
  let departedMeasured = 0;
  let arrived = 0;
  let inSystem = 0;
  let waiting = 0;
  let windowStart = Number.NaN;
  let windowEnd = Number.NaN;
  let measuring = false;
  let lastT = 0;
  let areaSystem = 0;
  let areaQueue = 0;
  let areaBusy = 0;

  events.push(nextGap(arrivalsRng), ARRIVAL);
  while (events.pop()) {
    const now = events.time;
    if (measuring) {
      const dt = now - lastT;
      areaSystem += inSystem * dt;
      areaQueue += waiting * dt;
      areaBusy += (inSystem - waiting) * dt;
    }
    lastT = now;
    // The customer that starts service now, if any.
    let starting = -1;
    if (events.kind === ARRIVAL) {
      const k = arrived++;
      if (k === warm) {
        measuring = true;
        windowStart = now;
      }
      if (k === lastIndex) {
        // The window closes; measured customers still in the system are followed to the end.
        measuring = false;
        windowEnd = now;
        continue;
      }
      let token: number;
      if (freeCount > 0) token = freeTokens[--freeCount]!;
      else {
        if (issued === capacity) {
          capacity *= 2;
          const at = new Float64Array(capacity);
          at.set(arrivalTime);
          arrivalTime = at;
          const ci = new Int32Array(capacity);
          ci.set(customerIndex);
          customerIndex = ci;
          const ft = new Int32Array(capacity);
          ft.set(freeTokens);
          freeTokens = ft;
        }
        token = issued++;
      }
      arrivalTime[token] = now;
      customerIndex[token] = k;
      inSystem++;
      if (pool.request(0, token)) starting = token;
      else waiting++;
      events.push(now + nextGap(arrivalsRng), ARRIVAL);
    } else {
      const token = events.subject;
      const k = customerIndex[token]!;
      if (k >= warm && k < lastIndex) {
        sojournSum += now - arrivalTime[token]!;
        departedMeasured++;
      }
      inSystem--;
      freeTokens[freeCount++] = token;
      starting = pool.release(0);
      if (starting >= 0) waiting--;
      else if (!measuring && departedMeasured === measuredCount) break;
    }
    if (starting >= 0) {
      const k = customerIndex[starting]!;
      if (k >= warm && k < lastIndex) {
        const w = now - arrivalTime[starting]!;
        waitSum += w;
        const b = ((k - warm) * batchScale) | 0;
        batchWait[b]! += w;
        batchCount[b]!++;
      }
      events.push(now + nextService(serviceRng), DEPARTURE, starting);
    }
  }

  const window = windowEnd - windowStart;
  const L = areaSystem / window;
  const lambda = measuredCount / window;
  const meanSojourn = sojournSum / measuredCount;
  const lambdaW = lambda * meanSojourn;
  let batchMeanSum = 0;
  const batchMeans = new Float64Array(batches);
  for (let b = 0; b < batches; b++) {
    batchMeans[b] = batchCount[b]! > 0 ? batchWait[b]! / batchCount[b]! : 0;
    batchMeanSum += batchMeans[b]!;
  }
  const grand = batchMeanSum / batches;
  let ss = 0;
  for (let b = 0; b < batches; b++) ss += (batchMeans[b]! - grand) ** 2;
  return {
    seed,
    measured: measuredCount,
    meanWait: waitSum / measuredCount,
    meanWaitStdError: Math.sqrt(ss / (batches - 1) / batches),
    meanSojourn,
    timeAverageInSystem: L,
    timeAverageInQueue: areaQueue / window,
    arrivalRate: lambda,
    utilisation: areaBusy / (c * window),
    littlesLaw: { L, lambdaW, relativeError: Math.abs(L - lambdaW) / L },
    window: { start: windowStart, end: windowEnd },
  };
}

/** Independent replications (seeds seed, seed+1, …) pooled: the mean of their means and its standard error. */
export function replicateQueueModel(model: QueueModel, seed: number, replications: number): { meanWait: number; stdError: number; runs: QueueModelResult[] } {
  const runs: QueueModelResult[] = [];
  for (let r = 0; r < replications; r++) runs.push(runQueueModel(model, seed + r));
  const mean = runs.reduce((s, r) => s + r.meanWait, 0) / replications;
  const variance = replications > 1 ? runs.reduce((s, r) => s + (r.meanWait - mean) ** 2, 0) / (replications - 1) : 0;
  return { meanWait: mean, stdError: Math.sqrt(variance / replications), runs };
}
