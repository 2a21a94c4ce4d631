import { describe, expect, it } from 'vitest';
import { scenarioCosts } from '../../sim/cost/scenario-costs.ts';
import { setOptionalCost, updateRoleCost } from '../../sim/edits/cost.ts';
import { costChartData, cumulativeComparison } from './costs/model/cost-chart.ts';
import { tickEvery } from '../model/charts.ts';
import { escapeXml } from '../model/xml.ts';
import { ganttModel, planPosition } from './phases/model/gantt.ts';
import { chartFileName } from '../files/chart-export.ts';
import { CHART, ellipsize, layoutOrgChart, orgChartSvg, type ChartInputTeam } from './org-chart/model/org-chart.ts';
import { setWaveTeam, updateWave } from '../../sim/edits/phases.ts';
import { money, moneyDelta, moneyPrecise, moneyShort, monthName, monthRange, monthShort, planMonthName } from '../model/format.ts';
import { makeScenario } from '../../sim/scenario/testing/scenarios.ts';
import type { Scenario } from '../../sim/scenario/index.ts';

const pos = (id: string, extra: Partial<ChartInputTeam['positions'][number]> = {}) => ({
  id,
  role: 'software-engineer' as const,
  title: '',
  personName: '',
  filled: true,
  singleThreadedOwner: false,
  ...extra,
});

const teams: ChartInputTeam[] = [
  { id: 'plat', name: 'AI platform', type: 'ai-platform', positions: [pos('a1'), pos('a2')] },
  ...Array.from({ length: 6 }, (_, i) => ({
    id: `pod-${i + 1}`,
    name: i === 0 ? 'R&D <"Recs"> pod with a name much longer than fits' : `Pod ${i + 1}`,
    type: 'stream-aligned-pod' as const,
    positions: [pos(`p${i}-1`, { singleThreadedOwner: true, personName: 'Ana' }), pos(`p${i}-2`, { filled: false, hireMonth: 3 })],
  })),
  { id: 'biz', name: 'Business', type: 'business', positions: [] },
];

/** Tags open and close in order (a small well-formedness check without an XML parser). */
function balanced(xml: string): boolean {
  const stack: string[] = [];
  for (const match of xml.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g)) {
    const [, close, name, selfClose] = match;
    if (selfClose) continue;
    if (close) {
      if (stack.pop() !== name) return false;
    } else stack.push(name!);
  }
  return stack.length === 0;
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

describe('org chart layout', () => {
  it('groups teams by type, business on top and the platform at the bottom, and wraps a wide group', () => {
    const layout = layoutOrgChart(teams, { maxWidth: 1000 });
    expect(layout.groups.map((g) => g.type)).toEqual(['business', 'stream-aligned-pod', 'ai-platform']);
    const pods = layout.groups[1]!;
    // 1000 px fits four team boxes per row: six pods wrap into two rows.
    const rows = new Set(pods.teams.map((t) => t.y));
    expect(rows.size).toBe(2);
    expect(pods.teams[4]!.x).toBe(pods.teams[0]!.x);
    expect(layout.width).toBeLessThanOrEqual(1000);
    // Boxes never overlap and sit inside their group.
    for (const g of layout.groups) {
      for (const t of g.teams) {
        expect(t.x).toBeGreaterThanOrEqual(g.x);
        expect(t.x + t.width).toBeLessThanOrEqual(g.x + g.width);
        expect(t.y + t.height).toBeLessThanOrEqual(g.y + g.height);
      }
    }
    const boxes = layout.groups.flatMap((g) => g.teams);
    for (const a of boxes)
      for (const b of boxes) {
        if (a === b) continue;
        const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        expect(overlap).toBe(false);
      }
  });

  it('a collapsed team is only its header and summary; lines mark owners and open positions', () => {
    const open = layoutOrgChart(teams, { maxWidth: 2000 });
    const collapsed = layoutOrgChart(teams, { maxWidth: 2000, collapsed: new Set(['pod-2']), warnings: new Map([['pod-2', 3]]) });
    const find = (l: typeof open, id: string) => l.groups.flatMap((g) => g.teams).find((t) => t.id === id)!;
    expect(find(collapsed, 'pod-2').lines).toEqual([]);
    expect(find(collapsed, 'pod-2').height).toBeLessThan(find(open, 'pod-2').height);
    expect(find(collapsed, 'pod-2').warnings).toBe(3);
    expect(find(open, 'pod-2').lines.map((l) => l.text)).toEqual(['★ Software engineer · Ana', 'Software engineer · open (m3)']);
    expect(find(open, 'pod-2').summary).toBe('2 positions, 1 open');
    expect(find(open, 'pod-1').shownName.length).toBeLessThanOrEqual(CHART.nameChars);
  });

  it('an empty org is an empty chart', () => {
    const layout = layoutOrgChart([], { maxWidth: 800 });
    expect(layout.groups).toEqual([]);
    expect(layout.height).toBeGreaterThan(0);
  });
});

describe('org chart SVG export', () => {
  it('is a standalone, well-formed SVG document with every team\'s full name, escaped', () => {
    const svg = orgChartSvg(layoutOrgChart(teams, { maxWidth: 1200, collapsed: new Set(['pod-3']) }), 'Pods & platform');
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
    expect(balanced(svg)).toBe(true);
    expect(svg).toContain('<title>Pods &amp; platform</title>');
    expect(svg).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
    const titles = [...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => unescape(m[1]!));
    for (const team of teams) expect(titles).toContain(team.name);
    // No stylesheet or classes needed to look right: colours are inline.
    expect(svg).not.toContain('<style');
    expect(svg).toContain('fill="#fff4d6"');
    expect(svg).toContain('(collapsed)');
  });

  it('escapes XML and drops characters XML does not allow', () => {
    expect(escapeXml(`a & b < c > "d" 'e'\u0001`)).toBe('a &amp; b &lt; c &gt; &quot;d&quot; &apos;e&apos;');
    expect(ellipsize('abcdefghij', 5)).toBe('abcd…');
    expect(ellipsize('abc', 5)).toBe('abc');
    expect(chartFileName('Three pilot pods — Ümlaut!', 'org-chart')).toBe('three-pilot-pods-umlaut-org-chart');
    expect(chartFileName('***', 'org-chart')).toBe('scenario-org-chart');
  });
});

function pilotScenario(): Scenario {
  let doc = makeScenario();
  doc = setWaveTeam(doc, 'wave-pilot', 'pod-1', true);
  return setOptionalCost(doc, 'budgetCapPerYear', 300_000);
}

describe('cost chart data', () => {
  it('stacks each team\'s monthly cost up to the month\'s total', () => {
    const doc = pilotScenario();
    const costs = scenarioCosts(doc);
    const data = costChartData(costs, new Map([['pod-1', 'Recommendations pod']]));
    expect(data.months).toHaveLength(24);
    expect(data.series.filter((s) => s.kind === 'team')).toHaveLength(1);
    expect(data.series[0]!.name).toBe('Recommendations pod');
    expect(data.series[0]!.segments[0]).toMatchObject({ month: 1, y0: 0 });
    expect(data.series.at(-1)!.segments[0]!.y1).toBeCloseTo(costs.monthly[0]!);
    expect(data.yMax).toBeGreaterThanOrEqual(Math.max(...data.totals));
    // A salary band edit moves the bars.
    const raised = costChartData(scenarioCosts(updateRoleCost(doc, 'ai-ml-engineer', { min: 300_000, max: 400_000 })), new Map());
    expect(raised.totals[0]).toBeGreaterThan(data.totals[0]!);
  });

  it('teams that cost nothing are left out; stacked segments are contiguous', () => {
    const doc = pilotScenario();
    const withEmpty: Scenario = { ...doc, teams: [...doc.teams, { id: 'empty', name: 'Empty', type: 'enabling', description: '', positions: [] }, { ...doc.teams[0]!, id: 'pod-2', name: 'Second', positions: doc.teams[0]!.positions.map((p) => ({ ...p, id: `${p.id}-b` })) }] };
    const data = costChartData(scenarioCosts(withEmpty), new Map());
    expect(data.series.filter((s) => s.kind === 'team').map((s) => s.teamId)).toEqual(['pod-1', 'pod-2']);
    for (let m = 0; m < 24; m++) {
      expect(data.series[1]!.segments[m]!.y0).toBe(data.series[0]!.segments[m]!.y1);
      expect(data.series.at(-1)!.segments[m]!.y1).toBeCloseTo(data.totals[m]!);
    }
  });

  it('cumulative comparison and axis ticks', () => {
    const a = scenarioCosts(pilotScenario());
    const b = scenarioCosts(updateRoleCost(pilotScenario(), 'ai-ml-engineer', { percentile: 100 }));
    const cmp = cumulativeComparison(a, b, ['A', 'B']);
    expect(cmp.months).toBe(24);
    expect(cmp.series[1].values[23]).toBeGreaterThan(cmp.series[0].values[23]!);
    expect(cmp.yMax).toBe(cmp.series[1].values[23]);
    expect(tickEvery(24, 1200)).toBe(1);
    expect(tickEvery(24, 500)).toBe(3);
    expect(tickEvery(0, 500)).toBe(1);
  });
});

describe('gantt model', () => {
  const today = { year: 2026, month: 2, day: 15 };

  it('places waves, hires with their ramp, retrospectives with the go/no-go, milestones and today', () => {
    const doc = pilotScenario();
    const costs = scenarioCosts(doc);
    const model = ganttModel({ teams: doc.teams, phases: doc.phases, costs, planStart: doc.costModel.planStart, today });
    expect(model.waves.map((w) => [w.id, w.x0, w.x1, w.openEnded])).toEqual([
      ['wave-pilot', 0, 3, false],
      ['wave-refine', 3, 6, false],
      ['wave-expand', 6, 24, true],
    ]);
    expect(model.waves[0]!.teamNames).toEqual(['Recommendations pod']);
    // p3: open software engineer, hire month 3, 2 months to productivity.
    expect(model.hireRows).toEqual([{ teamId: 'pod-1', teamName: 'Recommendations pod', hires: [expect.objectContaining({ positionId: 'p3', fillMonth: 3, productiveMonth: 5, x: 2, rampEnd: 4, estimated: false })] }]);
    expect(model.retros).toHaveLength(24);
    expect(model.retros.filter((r) => r.goNoGo)).toEqual([{ month: 3, goNoGo: true, x: 3 }]);
    expect(model.milestones.map((m) => m.kind)).toEqual(['wave-start', 'wave-start', 'wave-start', 'budget']);
    expect(model.today).toBeCloseTo(1 + 14 / 28);
    expect(model.monthlyCost).toHaveLength(24);
  });

  it('moving the pilot wave moves its bar and its teams\' first costs', () => {
    const doc = updateWave(pilotScenario(), 'wave-pilot', { startMonth: 3, endMonth: 5 });
    const costs = scenarioCosts(doc);
    const model = ganttModel({ teams: doc.teams, phases: doc.phases, costs, planStart: doc.costModel.planStart, today });
    expect(model.waves[0]).toMatchObject({ x0: 2, x1: 5 });
    expect(model.monthlyCost[0]).toBe(0);
    expect(model.monthlyCost[2]).toBeGreaterThan(0);
  });

  it('today outside the plan is not drawn; plan positions count months from the plan start', () => {
    expect(planPosition('2026-01', { year: 2026, month: 1, day: 1 })).toBe(0);
    expect(planPosition('2026-01', { year: 2027, month: 1, day: 1 })).toBe(12);
    expect(planPosition('2026-03', { year: 2026, month: 1, day: 1 })).toBe(-2);
    const doc = pilotScenario();
    const model = ganttModel({ teams: doc.teams, phases: doc.phases, costs: scenarioCosts(doc), planStart: doc.costModel.planStart, today: { year: 2030, month: 1, day: 1 } });
    expect(model.today).toBeNull();
    expect(model.todayLabel).toBe('2030-01-01');
  });
});

describe('formatting', () => {
  it('money and months', () => {
    expect(money(1234567.4)).toBe('$1,234,567');
    expect(moneyShort(1_250_000)).toBe('$1.25M');
    expect(moneyShort(971_900)).toBe('$972K');
    expect(moneyPrecise(2.5)).toBe('$2.50');
    expect(moneyShort(850_000)).toBe('$850K');
    expect(moneyDelta(-3000)).toBe('−$3,000');
    expect(moneyDelta(12000)).toBe('+$12,000');
    expect(moneyDelta(0.2)).toBe('±$0');
    expect(money(1000, 'EUR')).toBe('€1,000');
    expect(monthName('2026-03')).toBe('Mar 2026');
    expect(monthShort('2026-03')).toBe('Mar ’26');
    expect(planMonthName('2026-11', 3)).toBe('Jan 2027');
    expect(monthRange(1, 3)).toBe('months 1–3');
    expect(monthRange(7, undefined)).toBe('month 7 onwards');
  });
});
