/**
 * An org design compiled for the delivery engine's loop: per team its crews,
 * opening week and speed per month (hiring ramp, focus, holidays, pod
 * coordination, platform maintenance, adoption dip or gain), per product
 * area the route's teams, and the rework odds, all as flat typed arrays.
 * `design-load.ts` reads the same compiled speeds for its demand figures.
 */
import type { OrgDesign } from './design.ts';
import { WEEKS_PER_MONTH } from './parameters.ts';
import type { DeliveryParameters } from './parameters.ts';

/** The design compiled to flat arrays for the loop. */
export interface Compiled {
  teams: number;
  months: number;
  crews: Int32Array;
  openWeek: Float64Array;
  openOrder: Int32Array;
  /** Person-weeks of effort a crew does per calendar week, per team × month (before context switching). */
  speed: Float64Array;
  /** Change failure rate per team × month. */
  cfr: Float64Array;
  rDiscovery: Int32Array;
  rModel: Int32Array;
  rApp: Int32Array;
  rInfra: Int32Array;
  rPlatform: Int32Array;
  rIntegration: Int32Array;
  rDeploy: Int32Array;
  /** P(clean integration) before the time-apart term, per area. */
  cleanBase: Float64Array;
  builtApart: Uint8Array;
  /** Integration / rework effort multiplier per area (same-team speed-up). */
  iterationMult: Float64Array;
  cadence: number;
  infraSelfShare: number;
  infraPlatformShare: number;
}

export function compileDesign(design: OrgDesign, params: DeliveryParameters, horizonMonths: number): Compiled {
  const T = design.teams.length;
  const M = horizonMonths;
  const crews = new Int32Array(T);
  const openWeek = new Float64Array(T);
  const speed = new Float64Array(T * M);
  const cfr = new Float64Array(T * M);
  const available = params.focusFactor * Math.max(0, 1 - params.holidayWeeksPerYear / 52);
  const a = design.adoption;
  const platformIdx = design.routes.length > 0 ? design.routes[0]!.platform : -1;
  for (let t = 0; t < T; t++) {
    const team = design.teams[t]!;
    crews[t] = team.crews;
    openWeek[t] = team.startMonth > 0 ? (team.startMonth - 1) * WEEKS_PER_MONTH : Infinity;
    let mult = available;
    if (team.flowRole === 'platform') mult *= 1 - params.platformMaintenanceShare;
    if (team.flowRole === 'pod' && design.podCount >= 2) mult *= 1 - params.crossPodCoordinationShare;
    const consumer = a > 0 && t !== platformIdx && team.flowRole !== 'outside';
    for (let m = 0; m < M; m++) {
      let f = mult;
      let c = params.changeFailureRate;
      if (consumer && design.platformStartMonth > 0) {
        const month = m + 1;
        if (month >= design.platformStartMonth) {
          if (month < design.platformStartMonth + params.adoptionDipMonths) {
            f *= 1 - params.adoptionDipThroughput * a;
            c *= 1 + params.adoptionDipStability * a;
          } else {
            f *= 1 + params.platformProductivityGain * a;
          }
        }
      }
      speed[t * M + m] = (team.fte[m]! / team.crews) * f;
      cfr[t * M + m] = Math.min(1, c);
    }
  }
  const openOrder = Int32Array.from(
    Array.from({ length: T }, (_, t) => t)
      .filter((t) => Number.isFinite(openWeek[t]!))
      .sort((x, y) => openWeek[x]! - openWeek[y]! || x - y),
  );
  const A = design.routes.length;
  const pick = (f: (r: OrgDesign['routes'][number]) => number) => Int32Array.from(design.routes.map(f));
  const cleanBase = new Float64Array(A);
  const builtApart = new Uint8Array(A);
  const iterationMult = new Float64Array(A);
  design.routes.forEach((r, i) => {
    cleanBase[i] = (1 - params.reworkBaseProbability) * Math.pow(1 - params.reworkPerHandoff, r.partHandoffs);
    builtApart[i] = r.builtApart ? 1 : 0;
    iterationMult[i] = r.builtApart ? 1 : 1 - params.sameTeamIterationSpeedup;
  });
  return {
    teams: T,
    months: M,
    crews,
    openWeek,
    openOrder,
    speed,
    cfr,
    rDiscovery: pick((r) => r.discovery),
    rModel: pick((r) => r.model),
    rApp: pick((r) => r.application),
    rInfra: pick((r) => r.infrastructure),
    rPlatform: pick((r) => r.platform),
    rIntegration: pick((r) => r.integration),
    rDeploy: pick((r) => r.deploy),
    cleanBase,
    builtApart,
    iterationMult,
    cadence: design.podCount > 0 ? params.podHandoffCadenceWeeks : params.handoffCadenceWeeks,
    infraSelfShare: design.infraSelfShare,
    infraPlatformShare: design.infraPlatformShare,
  };
}

const bitsOf = new Float64Array(1);
const bitsAs = new BigInt64Array(bitsOf.buffer);
/** The adjacent double (positive x): step −1 or +1 in the bit pattern. */
function adjacent(x: number, step: -1n | 1n): number {
  bitsOf[0] = x;
  bitsAs[0]! += step;
  return bitsOf[0]!;
}

/**
 * The smallest time t with Math.floor(t / WEEKS_PER_MONTH) ≥ month, found
 * on the doubles next to month × WEEKS_PER_MONTH: comparing with it gives
 * exactly the month the division gives, without dividing on every event.
 */
export function monthStartWeek(month: number): number {
  if (month <= 0) return 0;
  let t = month * WEEKS_PER_MONTH;
  while (Math.floor(t / WEEKS_PER_MONTH) >= month) t = adjacent(t, -1n);
  while (Math.floor(t / WEEKS_PER_MONTH) < month) t = adjacent(t, 1n);
  return t;
}
