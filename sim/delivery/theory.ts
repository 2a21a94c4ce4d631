/**
 * Closed-form queueing results the simulator is checked against (and that
 * the README's textbook cases quote):
 *
 * - Erlang C: M/M/c mean wait in queue Wq = C(c, a) / (cμ − λ), a = λ/μ.
 * - Pollaczek–Khinchine: M/G/1 Wq = λ·E[S²] / (2(1 − ρ)).
 * - Kingman (SOURCES.md): G/G/1 Wq ≈ (ρ/(1 − ρ))·((Ca² + Cs²)/2)·E[S].
 * - Lee & Longton: M/G/c Wq ≈ ((1 + Cs²)/2)·Wq(M/M/c) (approximation).
 * - Little's law: L = λW.
 */
import { distributionMean, distributionVariance, squaredCv, type Distribution } from './distributions.ts';

/** Erlang B blocking probability for c servers and offered load a (stable recursion). */
export function erlangB(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/** Erlang C: probability an arrival waits in an M/M/c queue with offered load a = λ/μ < c. */
export function erlangC(c: number, a: number): number {
  if (a >= c) return 1;
  const b = erlangB(c, a);
  return (c * b) / (c - a * (1 - b));
}

/** M/M/c mean wait in queue. */
export function mmcMeanWait(lambda: number, mu: number, c: number): number {
  if (lambda >= c * mu) return Infinity;
  return erlangC(c, lambda / mu) / (c * mu - lambda);
}

/** M/G/1 mean wait in queue (Pollaczek–Khinchine), from the service mean and variance. */
export function pollaczekKhinchineMeanWait(lambda: number, serviceMean: number, serviceVariance: number): number {
  const rho = lambda * serviceMean;
  if (rho >= 1) return Infinity;
  return (lambda * (serviceVariance + serviceMean * serviceMean)) / (2 * (1 - rho));
}

/** Kingman's G/G/1 approximation. */
export function kingmanMeanWait(rho: number, ca2: number, cs2: number, serviceMean: number): number {
  if (rho >= 1) return Infinity;
  return (rho / (1 - rho)) * ((ca2 + cs2) / 2) * serviceMean;
}

/** Reinertsen's illustration (SOURCES.md): mean number waiting in an M/M/1 queue, ρ²/(1 − ρ). */
export function mm1MeanQueueLength(rho: number): number {
  return rho >= 1 ? Infinity : (rho * rho) / (1 - rho);
}

export interface QueueTheory {
  /** Mean wait in queue predicted for the model. */
  meanWait: number;
  /** Mean time in system (wait + service). */
  meanSojourn: number;
  /** Utilisation ρ = λE[S]/c. */
  utilisation: number;
  /** True for an exact result (Erlang C, Pollaczek–Khinchine), false for an approximation. */
  exact: boolean;
  formula: string;
}

/** The textbook prediction for a plain queue (see `QueueModel`). */
export function queueTheory(model: { interarrival: Distribution; servers: number; service: Distribution }): QueueTheory {
  const lambda = 1 / distributionMean(model.interarrival);
  const es = distributionMean(model.service);
  const c = model.servers;
  const utilisation = (lambda * es) / c;
  const poissonArrivals = model.interarrival.kind === 'exponential';
  const exponentialService = model.service.kind === 'exponential';
  let meanWait: number;
  let exact: boolean;
  let formula: string;
  if (poissonArrivals && exponentialService) {
    meanWait = mmcMeanWait(lambda, 1 / es, c);
    exact = true;
    formula = c === 1 ? 'M/M/1: Wq = ρ/(μ − λ)' : `M/M/${c}: Erlang C, Wq = C(c, a)/(cμ − λ)`;
  } else if (poissonArrivals && c === 1) {
    meanWait = pollaczekKhinchineMeanWait(lambda, es, distributionVariance(model.service));
    exact = true;
    formula = 'M/G/1: Pollaczek–Khinchine, Wq = λE[S²]/(2(1 − ρ))';
  } else if (poissonArrivals) {
    meanWait = ((1 + squaredCv(model.service)) / 2) * mmcMeanWait(lambda, 1 / es, c);
    exact = false;
    formula = `M/G/${c}: Lee–Longton, Wq ≈ ((1 + Cs²)/2)·Wq(M/M/${c})`;
  } else if (c === 1) {
    meanWait = kingmanMeanWait(utilisation, squaredCv(model.interarrival), squaredCv(model.service), es);
    exact = false;
    formula = "G/G/1: Kingman, Wq ≈ (ρ/(1 − ρ))·((Ca² + Cs²)/2)·E[S]";
  } else {
    // Allen–Cunneen: Kingman's correction applied to the M/M/c wait.
    meanWait = ((squaredCv(model.interarrival) + squaredCv(model.service)) / 2) * mmcMeanWait(lambda, 1 / es, c);
    exact = false;
    formula = `G/G/${c}: Allen–Cunneen, Wq ≈ ((Ca² + Cs²)/2)·Wq(M/M/${c})`;
  }
  return { meanWait, meanSojourn: meanWait + es, utilisation, exact, formula };
}
