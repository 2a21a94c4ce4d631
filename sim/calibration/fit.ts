/**
 * The estimators the calibration uses, each with its 95% interval:
 *
 * - `fitLognormal`: lognormal by maximum likelihood with right-censoring
 *   (an item still in a stage when the history ends is known to have taken
 *   at least that long: it adds log S(t) to the likelihood, not a duration).
 *   Newton–Raphson on (μ, log σ) with the analytic gradient, the Hessian by
 *   central differences of that gradient, step halving until the likelihood
 *   rises; intervals from the observed information (Wald, on the log scale
 *   for σ and the quantiles).
 * - `poissonRate`: events per unit of exposure, exact (Garwood) interval
 *   from the chi-square / Poisson-tail relation, solved by bisection.
 * - `wilson`: a binomial proportion with the Wilson score interval.
 * - `bernoulliMixture`: P(event) = 1 − (1 − p)·cᵢ with a known cᵢ per trial
 *   (the rework formula), by maximum likelihood with a profile-likelihood
 *   interval; with every cᵢ = 1 it is the Wilson case's proportion.
 * - `kaplanMeier`: the distribution of times with right-censored ones.
 *
 * Pure arithmetic, no randomness.
 */

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;
/** χ²(1) at 95%: a profile-likelihood interval is where 2·(ℓmax − ℓ) ≤ this. */
const CHI2_1_95 = 3.841458820694124;
const Z90 = 1.2815515655446004;

export interface Interval {
  low: number;
  high: number;
}

export interface Estimate extends Interval {
  value: number;
}

// ── Normal distribution ──────────────────────────────────────────────────

/** erfc(x), fractional error < 1.2e-7 (Numerical Recipes' Chebyshev fit). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** P(Z > z) for a standard normal Z. */
export function normalUpperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

// ── Lognormal with right-censoring ───────────────────────────────────────

export interface Duration {
  /** Time observed (> 0): the duration, or how long it had lasted when censored. */
  time: number;
  /** True when the item was still in it at the end of the history (right-censored). */
  censored: boolean;
}

export interface LognormalFit {
  mu: number;
  sigma: number;
  /** Durations seen to end, and those still running (censored). */
  observed: number;
  censored: number;
  /** Covariance of (μ, log σ) from the observed information. */
  covariance: [number, number, number];
  logLikelihood: number;
  iterations: number;
}

function lognormalLogLik(xs: readonly Duration[], mu: number, tau: number): number {
  const sigma = Math.exp(tau);
  let ll = 0;
  for (const d of xs) {
    const lx = Math.log(d.time);
    const z = (lx - mu) / sigma;
    if (d.censored) ll += Math.log(Math.max(normalUpperTail(z), 1e-300));
    else ll += -tau - lx - LOG_SQRT_2PI - 0.5 * z * z;
  }
  return ll;
}

/** φ(z) / (1 − Φ(z)), stable in the upper tail (Mills ratio). */
function hazard(z: number): number {
  const q = normalUpperTail(z);
  if (q < 1e-12) return z + 1 / z;
  return Math.exp(-0.5 * z * z - LOG_SQRT_2PI) / q;
}

function lognormalGradient(xs: readonly Duration[], mu: number, tau: number): [number, number] {
  const sigma = Math.exp(tau);
  let gMu = 0;
  let gTau = 0;
  for (const d of xs) {
    const z = (Math.log(d.time) - mu) / sigma;
    if (d.censored) {
      const h = hazard(z);
      gMu += h / sigma;
      gTau += h * z;
    } else {
      gMu += z / sigma;
      gTau += z * z - 1;
    }
  }
  return [gMu, gTau];
}

/**
 * Lognormal (μ, σ of the log) by maximum likelihood, censored durations
 * included. Null when fewer than 2 durations were seen to end or they are
 * all equal (no spread to estimate).
 */
export function fitLognormal(durations: readonly Duration[]): LognormalFit | null {
  const xs = durations.filter((d) => d.time > 0 && Number.isFinite(d.time));
  const ended = xs.filter((d) => !d.censored).map((d) => Math.log(d.time));
  if (ended.length < 2) return null;
  // Start from the ended durations' log moments.
  let mu = ended.reduce((s, v) => s + v, 0) / ended.length;
  const v0 = ended.reduce((s, v) => s + (v - mu) ** 2, 0) / ended.length;
  if (!(v0 > 1e-12)) return null;
  let tau = 0.5 * Math.log(v0);
  let ll = lognormalLogLik(xs, mu, tau);
  const hessian = (m: number, t: number): [number, number, number] => {
    const h = 1e-5;
    const [a1, b1] = lognormalGradient(xs, m + h, t);
    const [a0, b0] = lognormalGradient(xs, m - h, t);
    const [c1, d1] = lognormalGradient(xs, m, t + h);
    const [c0, d0] = lognormalGradient(xs, m, t - h);
    const hMM = (a1 - a0) / (2 * h);
    const hTT = (d1 - d0) / (2 * h);
    const hMT = ((b1 - b0) / (2 * h) + (c1 - c0) / (2 * h)) / 2;
    return [hMM, hMT, hTT];
  };
  let iterations = 0;
  for (; iterations < 100; iterations++) {
    const [gM, gT] = lognormalGradient(xs, mu, tau);
    if (Math.abs(gM) + Math.abs(gT) < 1e-9 * xs.length) break;
    const [hMM, hMT, hTT] = hessian(mu, tau);
    const det = hMM * hTT - hMT * hMT;
    // Newton step when the Hessian is negative definite, else gradient ascent.
    let dM: number;
    let dT: number;
    if (hMM < 0 && det > 0) {
      dM = -(hTT * gM - hMT * gT) / det;
      dT = -(-hMT * gM + hMM * gT) / det;
    } else {
      dM = gM / xs.length;
      dT = gT / xs.length;
    }
    let step = 1;
    let moved = false;
    for (let k = 0; k < 40; k++) {
      const m = mu + step * dM;
      const t = tau + step * dT;
      const l = lognormalLogLik(xs, m, t);
      if (l >= ll - 1e-12) {
        mu = m;
        tau = t;
        moved = Math.abs(step * dM) + Math.abs(step * dT) > 1e-12;
        ll = l;
        break;
      }
      step /= 2;
    }
    if (!moved) break;
  }
  const [hMM, hMT, hTT] = hessian(mu, tau);
  const det = hMM * hTT - hMT * hMT;
  if (!(hMM < 0 && det > 0)) return null;
  // Covariance = (−H)⁻¹.
  const covariance: [number, number, number] = [-hTT / det, hMT / det, -hMM / det];
  return { mu, sigma: Math.exp(tau), observed: ended.length, censored: xs.length - ended.length, covariance, logLikelihood: ll, iterations };
}

/**
 * Student's t two-sided 95% quantile for ν degrees of freedom (the
 * Cornish–Fisher expansion around the normal's 1.96; within 0.5% for ν ≥ 3).
 */
export function t95(nu: number): number {
  const z = Z95;
  const n = Math.max(1, nu);
  return z + (z ** 3 + z) / (4 * n) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * n * n);
}

/**
 * The p-quantile of a fitted lognormal with its 95% interval: the delta
 * method on the log scale, with Student's t for the durations seen to end
 * less the two parameters (a Wald interval from few durations is too narrow).
 */
export function lognormalQuantile(fit: LognormalFit, zp: number): Estimate {
  const [vMM, vMT, vTT] = fit.covariance;
  const q = fit.mu + zp * fit.sigma;
  // d(μ + z·e^τ) = dμ + z·σ·dτ.
  const variance = vMM + zp * zp * fit.sigma * fit.sigma * vTT + 2 * zp * fit.sigma * vMT;
  const half = t95(fit.observed - 2) * Math.sqrt(Math.max(0, variance));
  return { value: Math.exp(q), low: Math.exp(q - half), high: Math.exp(q + half) };
}

/** P10 and P90 of a fitted lognormal, each with its interval, scaled by `factor` (a unit conversion). */
export function lognormalP10P90(fit: LognormalFit, factor = 1): { p10: Estimate; p90: Estimate } {
  const scale = (e: Estimate): Estimate => ({ value: e.value * factor, low: e.low * factor, high: e.high * factor });
  return { p10: scale(lognormalQuantile(fit, -Z90)), p90: scale(lognormalQuantile(fit, Z90)) };
}

// ── Poisson rate (Garwood) ───────────────────────────────────────────────

/** log Γ(x), Lanczos (g = 7, n = 9), x > 0. */
export function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const y = x - 1;
  let a = c[0]!;
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (y + i);
  return LOG_SQRT_2PI + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularised lower incomplete gamma P(a, x) (series below a + 1, continued fraction above). */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const lead = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 10_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return Math.min(1, sum * Math.exp(lead));
  }
  // Lentz's continued fraction for Q(a, x).
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let n = 1; n < 10_000; n++) {
    const an = -n * (n - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.max(0, 1 - Math.exp(lead) * h);
}

/** P(X ≤ k) for X ~ Poisson(λ). */
export function poissonCdf(k: number, lambda: number): number {
  if (k < 0) return 0;
  if (lambda <= 0) return 1;
  return 1 - gammaP(k + 1, lambda);
}

function bisect(f: (x: number) => number, lo: number, hi: number): number {
  // f increasing on [lo, hi] with f(lo) ≤ 0 ≤ f(hi).
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (f(mid) < 0) lo = mid;
    else hi = mid;
    if (hi - lo <= 1e-12 * Math.max(1, hi)) break;
  }
  return 0.5 * (lo + hi);
}

/** Exact 95% interval (Garwood) for the mean of a Poisson count k. */
export function garwood(k: number): Interval {
  if (!(Number.isInteger(k) && k >= 0)) throw new Error(`a Poisson count must be a whole number ≥ 0 (got ${k})`);
  const alpha = 0.05;
  let hi = Math.max(10, 2 * k + 20);
  while (poissonCdf(k, hi) > alpha / 2) hi *= 2;
  // Upper: P(X ≤ k; λ) = α/2 (decreasing in λ).
  const high = bisect((l) => alpha / 2 - poissonCdf(k, l), 0, hi);
  // Lower: P(X ≥ k; λ) = α/2, i.e. 1 − P(X ≤ k − 1; λ) = α/2 (increasing in λ).
  const low = k === 0 ? 0 : bisect((l) => 1 - poissonCdf(k - 1, l) - alpha / 2, 0, hi);
  return { low, high };
}

/** Events per unit of exposure with the exact 95% interval. */
export function poissonRate(events: number, exposure: number): Estimate {
  if (!(exposure > 0)) throw new Error(`a rate needs a positive exposure (got ${exposure})`);
  const { low, high } = garwood(events);
  return { value: events / exposure, low: low / exposure, high: high / exposure };
}

// ── Proportions ──────────────────────────────────────────────────────────

/** k successes in n trials with the Wilson score 95% interval. */
export function wilson(k: number, n: number): Estimate {
  if (!(n > 0 && k >= 0 && k <= n)) throw new Error(`a proportion needs 0 ≤ k ≤ n and n > 0 (got ${k} of ${n})`);
  const p = k / n;
  const z2 = Z95 * Z95;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (Z95 / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { value: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface MixtureTrial {
  /** The event happened (e.g. integration found a defect). */
  event: boolean;
  /** P(no event) from everything but p: P(event) = 1 − (1 − p)·clean. In (0, 1]. */
  clean: number;
}

function mixtureLogLik(trials: readonly MixtureTrial[], p: number): number {
  let ll = 0;
  for (const t of trials) {
    const none = (1 - p) * t.clean;
    ll += Math.log(Math.max(t.event ? 1 - none : none, 1e-300));
  }
  return ll;
}

/**
 * p in P(event) = 1 − (1 − p)·cleanᵢ by maximum likelihood, with the 95%
 * profile-likelihood interval. The likelihood is concave in p, so the
 * maximum and both ends are found by bisection. The value may be 0 (fewer
 * events than the other terms alone explain): the interval then starts at 0.
 */
export function bernoulliMixture(trials: readonly MixtureTrial[]): Estimate {
  if (trials.length === 0) throw new Error('no trials to estimate from');
  const slope = (p: number): number => {
    let g = 0;
    for (const t of trials) {
      const none = (1 - p) * t.clean;
      g += t.event ? t.clean / Math.max(1 - none, 1e-300) : -1 / Math.max(1 - p, 1e-300);
    }
    return g;
  };
  const top = 1 - 1e-9;
  let value: number;
  if (slope(0) <= 0) value = 0;
  else if (slope(top) >= 0) value = top;
  else value = bisect((p) => -slope(p), 0, top);
  const best = mixtureLogLik(trials, value);
  const inside = (p: number) => 2 * (best - mixtureLogLik(trials, p)) - CHI2_1_95;
  const low = value === 0 || inside(0) <= 0 ? 0 : bisect((p) => -inside(p), 0, value);
  const high = inside(top) <= 0 ? 1 : bisect(inside, value, top);
  return { value, low, high };
}

// ── Kaplan–Meier ─────────────────────────────────────────────────────────

export interface SurvivalCurve {
  /** Distinct event times, ascending. */
  times: number[];
  /** S(t) just after each event time. */
  survival: number[];
  /** Greenwood's sum Σ d / (n (n − d)) up to each event time (Var S = S² × this; Infinity once the last one at risk ends). */
  greenwood: number[];
  /** Largest time observed (event or censored): the curve says nothing beyond it. */
  horizon: number;
  /** Times of the censored durations. */
  censoredTimes: number[];
}

/** Kaplan–Meier estimate of S(t) = P(T > t) from durations, censored ones included. */
export function kaplanMeier(durations: readonly Duration[]): SurvivalCurve {
  const xs = [...durations].sort((a, b) => a.time - b.time || Number(a.censored) - Number(b.censored));
  const times: number[] = [];
  const survival: number[] = [];
  const greenwood: number[] = [];
  let atRisk = xs.length;
  let s = 1;
  let g = 0;
  let k = 0;
  while (k < xs.length) {
    const t = xs[k]!.time;
    let events = 0;
    let leaving = 0;
    while (k < xs.length && xs[k]!.time === t) {
      if (!xs[k]!.censored) events++;
      leaving++;
      k++;
    }
    if (events > 0) {
      s *= 1 - events / atRisk;
      g += atRisk > events ? events / (atRisk * (atRisk - events)) : Infinity;
      times.push(t);
      survival.push(s);
      greenwood.push(g);
    }
    atRisk -= leaving;
  }
  return { times, survival, greenwood, censoredTimes: xs.filter((d) => d.censored).map((d) => d.time), horizon: xs.length > 0 ? xs[xs.length - 1]!.time : 0 };
}

/**
 * F(t) with its standard error (Greenwood; S = 0 after the last one at risk
 * ends gives an infinite one when items were censored before it: how many of
 * those would have ended by t is unknown). Null beyond what the data cover.
 */
export function survivalCdfWithError(curve: SurvivalCurve, t: number): { value: number; se: number } | null {
  const value = survivalCdf(curve, t);
  if (value === null) return null;
  let k = -1;
  while (k + 1 < curve.times.length && curve.times[k + 1]! <= t) k++;
  if (k < 0) return { value, se: 0 };
  const s = curve.survival[k]!;
  const g = curve.greenwood[k]!;
  const censoredBefore = curve.censoredTimes.some((c) => c < t);
  const se = s === 0 ? (censoredBefore && !Number.isFinite(g) ? Infinity : 0) : s * Math.sqrt(g);
  return { value, se };
}

/** F(t) = P(T ≤ t) from a Kaplan–Meier curve; null beyond the last time seen when that one was still open. */
export function survivalCdf(curve: SurvivalCurve, t: number): number | null {
  if (t > curve.horizon) return curve.survival.at(-1) === 0 ? 1 : null;
  let s = 1;
  for (let k = 0; k < curve.times.length && curve.times[k]! <= t; k++) s = curve.survival[k]!;
  return 1 - s;
}

/** The smallest t with F(t) ≥ q; null when the curve never reaches q (too many still open). */
export function survivalQuantile(curve: SurvivalCurve, q: number): number | null {
  for (let k = 0; k < curve.times.length; k++) if (1 - curve.survival[k]! >= q - 1e-12) return curve.times[k]!;
  return null;
}
