import { describe, expect, it } from 'vitest';
import { computeCosts } from '../cost/compute.ts';
import { defaultCostModel } from '../cost/schema.ts';
import { dayOfWeek, daysInMonth, lastWeekdayOfMonth, monthLabels } from './calendar.ts';
import { DEFAULT_HIRING } from './defaults.ts';
import { eventUid, foldLine, toICalendar } from './ics.ts';
import { hiringSchedule, monthsToHireByRole, phaseWarnings, planEvents, teamCapacity, teamStartMonths, type PlanTeam } from './plan.ts';
import { defaultPhases, PhasesSchema, type Phases } from './schema.ts';
import { waveCosts } from '../cost/wave-cost.ts';

const pod = (id: string, open: Array<{ role: 'ai-ml-engineer' | 'software-engineer'; hireMonth?: number }> = []): PlanTeam => ({
  id,
  name: `Pod ${id}`,
  type: 'stream-aligned-pod',
  positions: [
    { id: `${id}-owner`, role: 'single-threaded-owner', filled: true, personName: 'Dana' },
    { id: `${id}-swe`, role: 'software-engineer', filled: true },
    ...open.map((o, i) => ({ id: `${id}-open-${i}`, role: o.role, filled: false, hireMonth: o.hireMonth })),
  ],
});

function plan(assign: Record<string, string[]> = {}): Phases {
  const phases = defaultPhases();
  for (const wave of phases.waves) wave.teamIds = assign[wave.kind] ?? [];
  return phases;
}

describe('phase plan defaults', () => {
  it('are the seed\'s three phases: pilot months 1-3, refine 4-6, expand from month 7, go/no-go at month 3', () => {
    const phases = defaultPhases();
    expect(phases.waves.map((w) => [w.kind, w.startMonth, w.endMonth])).toEqual([
      ['pilot', 1, 3],
      ['refine', 4, 6],
      ['expand', 7, undefined],
    ]);
    expect(phases.retrospectives).toEqual({ monthly: true, goNoGoMonth: 3 });
    expect(phases.hiring).toHaveLength(DEFAULT_HIRING.length);
    for (const entry of phases.hiring) expect(entry.source, entry.role).toBe('assumption');
  });

  it('each parse hands out its own waves and hiring plan', () => {
    const a = PhasesSchema.parse({});
    a.waves[0]!.teamIds.push('x');
    a.hiring[0]!.monthsToHire = 99;
    const b = PhasesSchema.parse({});
    expect(b.waves[0]!.teamIds).toEqual([]);
    expect(b.hiring[0]!.monthsToHire).not.toBe(99);
  });
});

describe('hiring ramp', () => {
  it('an open position fills in its hire month, or after the time to hire counted from its team\'s start', () => {
    const teams = [pod('a', [{ role: 'ai-ml-engineer', hireMonth: 2 }, { role: 'software-engineer' }]), pod('b', [{ role: 'software-engineer' }])];
    const schedule = hiringSchedule(teams, plan({ expand: ['b'] }));
    const swe = DEFAULT_HIRING.find((h) => h.role === 'software-engineer')!;
    const ml = DEFAULT_HIRING.find((h) => h.role === 'ai-ml-engineer')!;
    expect(schedule).toEqual([
      { positionId: 'a-open-0', teamId: 'a', role: 'ai-ml-engineer', fillMonth: 2, productiveMonth: 2 + ml.monthsToProductivity, estimated: false },
      { positionId: 'a-open-1', teamId: 'a', role: 'software-engineer', fillMonth: 1 + swe.monthsToHire, productiveMonth: 1 + swe.monthsToHire + swe.monthsToProductivity, estimated: true },
      { positionId: 'b-open-0', teamId: 'b', role: 'software-engineer', fillMonth: 7 + swe.monthsToHire, productiveMonth: 7 + swe.monthsToHire + swe.monthsToProductivity, estimated: true },
    ]);
  });

  it('a hire ramps up to full productivity; the team\'s capacity grows with it', () => {
    const phases = plan();
    phases.hiring = [{ role: 'ai-ml-engineer', monthsToHire: 2, monthsToProductivity: 2, source: 'user', rationale: '' }];
    const capacity = teamCapacity(pod('a', [{ role: 'ai-ml-engineer', hireMonth: 3 }]), phases, 6);
    expect([...capacity]).toEqual([2, 2, 2, 2.5, 3, 3]);
  });

  it('a team in a later wave has no capacity before its wave starts', () => {
    expect([...teamCapacity(pod('a'), plan({ refine: ['a'] }), 5)]).toEqual([0, 0, 0, 2, 2]);
  });
});

describe('the calendar', () => {
  const teams = [pod('p1', [{ role: 'ai-ml-engineer', hireMonth: 2 }]), pod('p2'), pod('p3')];
  const phases = plan({ pilot: ['p1', 'p2'], refine: ['p1', 'p2'], expand: ['p3'] });

  it('holds monthly retrospectives and the go/no-go at month 3, without being asked', () => {
    const events = planEvents(teams, phases, { horizonMonths: 12 });
    expect(events.filter((e) => e.kind === 'go-no-go').map((e) => e.startMonth)).toEqual([3]);
    expect(events.filter((e) => e.kind === 'retrospective').map((e) => e.startMonth)).toEqual([1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(events.filter((e) => e.kind === 'wave').map((e) => [e.title, e.startMonth, e.endMonth])).toEqual([
      ['Phase 1 — Pilot', 1, 3],
      ['Phase 2 — Refine', 4, 6],
      ['Phase 3 — Expand', 7, 12],
    ]);
    expect(events.find((e) => e.kind === 'hire')).toMatchObject({ id: 'hire-p1-open-0', startMonth: 2, teamIds: ['p1'] });
    expect(events.find((e) => e.kind === 'go-no-go')!.description).toMatch(/whether this approach continues/);
  });

  it('exports as RFC 5545 text: CRLF lines, none over 75 octets, every event complete', () => {
    const ics = toICalendar(planEvents(teams, phases, { horizonMonths: 12 }), { scenarioId: 'scn-1', calendarName: 'Pods, rollout', planStart: '2026-01' });
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const physical = ics.split('\r\n').slice(0, -1);
    for (const line of physical) expect(new TextEncoder().encode(line).length, line).toBeLessThanOrEqual(75);
    const unfolded = ics.replace(/\r\n /g, '').split('\r\n');
    const events = unfolded.join('\n').split('BEGIN:VEVENT').slice(1);
    expect(events).toHaveLength(3 + 1 + 11 + 1); // waves, the hire, monthly retrospectives, the go/no-go
    for (const event of events) {
      for (const prop of ['UID:', 'DTSTAMP:', 'DTSTART;VALUE=DATE:', 'DTEND;VALUE=DATE:', 'SUMMARY:', 'END:VEVENT']) expect(event).toContain(prop);
    }
    expect(unfolded).toContain('X-WR-CALNAME:Pods\\, rollout');
  });

  it('places the go/no-go on the last weekday of month 3 and waves from the first of their month to the end of their last', () => {
    const ics = toICalendar(planEvents(teams, phases, { horizonMonths: 12 }), { scenarioId: 'scn-1', calendarName: 'x', planStart: '2026-01' }).replace(/\r\n /g, '');
    const block = (summary: string) => ics.split('BEGIN:VEVENT').find((b) => b.includes(`SUMMARY:${summary}`))!;
    // 31 March 2026 is a Tuesday; DTEND is the exclusive next day.
    expect(block('Go/no-go retrospective')).toContain('DTSTART;VALUE=DATE:20260331\r\nDTEND;VALUE=DATE:20260401');
    // 28 February 2026 is a Saturday: the retrospective moves to Friday the 27th.
    expect(block('Monthly retrospective (month 2)')).toContain('DTSTART;VALUE=DATE:20260227');
    expect(block('Phase 1 — Pilot')).toContain('DTSTART;VALUE=DATE:20260101\r\nDTEND;VALUE=DATE:20260401');
    expect(block('Phase 3 — Expand')).toContain('DTEND;VALUE=DATE:20270101');
  });

  it('gives the same file and UIDs for the same plan, and different UIDs for another scenario', () => {
    const events = planEvents(teams, phases, { horizonMonths: 6 });
    const a = toICalendar(events, { scenarioId: 'scn-1', calendarName: 'x', planStart: '2026-01' });
    expect(toICalendar(planEvents(teams, structuredClone(phases), { horizonMonths: 6 }), { scenarioId: 'scn-1', calendarName: 'x', planStart: '2026-01' })).toBe(a);
    expect(eventUid('scn-1', 'go-no-go')).toBe(eventUid('scn-1', 'go-no-go'));
    expect(eventUid('scn-1', 'go-no-go')).not.toBe(eventUid('scn-2', 'go-no-go'));
    const uids = a.replace(/\r\n /g, '').split('\r\n').filter((l) => l.startsWith('UID:'));
    expect(new Set(uids).size).toBe(uids.length);
  });

  it('folds long lines without splitting a character, and unfolding restores them', () => {
    const line = `SUMMARY:${'Équipe données — '.repeat(12)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });

  it('escapes TEXT values', () => {
    const wave = phases.waves[0]!;
    const ics = toICalendar(planEvents([], { ...phases, waves: [{ ...wave, name: 'Pilot; A, B \\ C', teamIds: [] }] }, { horizonMonths: 1 }), {
      scenarioId: 's',
      calendarName: 'x',
      planStart: '2026-01',
    });
    expect(ics).toContain('SUMMARY:Pilot\\; A\\, B \\\\ C');
  });

  it('refuses a DTSTAMP that is not a UTC date-time', () => {
    expect(() => toICalendar([], { scenarioId: 's', calendarName: 'x', planStart: '2026-01', dtstamp: '2026-01-01' })).toThrow(/dtstamp/);
  });
});

describe('calendar arithmetic', () => {
  it('knows weekdays, month lengths and month labels', () => {
    expect(dayOfWeek(2026, 1, 1)).toBe(4); // Thursday
    expect(dayOfWeek(2000, 2, 29)).toBe(2); // Tuesday
    expect(daysInMonth({ year: 2024, month: 2 })).toBe(29);
    expect(daysInMonth({ year: 2100, month: 2 })).toBe(28);
    expect(lastWeekdayOfMonth({ year: 2026, month: 5 })).toBe(29); // 31 May 2026 is a Sunday
    expect(monthLabels('2026-12', 2)).toEqual(['2026-12', '2027-01']);
  });
});

describe('phases and cost', () => {
  const teams = [pod('p1'), pod('p2', [{ role: 'software-engineer' }])];

  it('moving the pilot wave moves the monthly cost', () => {
    const model = defaultCostModel();
    const phases = plan({ pilot: ['p1'], expand: ['p2'] });
    const options = (p: Phases) => ({ teamStartMonths: teamStartMonths(p.waves), monthsToHire: monthsToHireByRole(p.hiring) });
    const before = computeCosts(teams, model, options(phases));
    const moved = structuredClone(phases);
    moved.waves[0]!.startMonth = 2;
    const after = computeCosts(teams, model, options(moved));
    expect(before.monthly[0]).toBeGreaterThan(0);
    expect(after.monthly[0]).toBe(0);
    expect(after.monthly[1]).toBeCloseTo(before.monthly[1]!, 6);
    // The expand pod costs nothing before month 7, and its open position only after its time to hire.
    expect(before.teams[1]!.monthly[5]).toBe(0);
    expect(before.teams[1]!.monthly[6]).toBeGreaterThan(0);
    expect(before.positionStartMonth[4]).toBe(7 + monthsToHireByRole(phases.hiring)['software-engineer']);
  });

  it('costs each wave as its teams over its months, next to the whole org over the same months', () => {
    const phases = plan({ pilot: ['p1'], refine: ['p1'], expand: ['p2'] });
    const costs = computeCosts(teams, { ...defaultCostModel(), horizonMonths: 12 }, { teamStartMonths: teamStartMonths(phases.waves) });
    const [pilot, refine, expand] = waveCosts(phases.waves, costs);
    expect(pilot).toMatchObject({ startMonth: 1, endMonth: 3 });
    expect(pilot!.teamCost).toBeCloseTo(costs.teams[0]!.monthly[0]! * 3, 6);
    expect(refine!.teamCost).toBeCloseTo(pilot!.teamCost, 6);
    expect(expand!.endMonth).toBe(costs.horizonMonths);
    expect(expand!.orgCost).toBeGreaterThan(expand!.teamCost);
  });
});

describe('phase warnings', () => {
  const teams: PlanTeam[] = [pod('a'), pod('b'), pod('c'), pod('d'), { id: 'plat', name: 'Platform', type: 'ai-platform', positions: [] }];

  it('a pilot of 1-3 pods with expansion after the go/no-go raises nothing', () => {
    expect(phaseWarnings(teams, plan({ pilot: ['a', 'b', 'c'], expand: ['d'] }))).toEqual([]);
  });

  it('the go/no-go after the pilot ends is pointed out; an open-ended pilot contains it', () => {
    const phases = plan({ pilot: ['a'] });
    phases.waves[0]!.endMonth = 2;
    expect(phaseWarnings(teams, phases).map((w) => w.code)).toEqual(['go-no-go-after-pilot']);
    delete phases.waves[0]!.endMonth;
    expect(phaseWarnings(teams, phases)).toEqual([]);
  });

  it('a pilot of more than 3 teams, a non-pod pilot, an unknown team and an early expansion are pointed out', () => {
    const phases = plan({ pilot: ['a', 'b', 'c', 'plat'], expand: ['ghost'] });
    phases.waves[2]!.startMonth = 2;
    expect(phaseWarnings(teams, phases).map((w) => [w.code, w.path])).toEqual([
      ['pilot-team-count', 'phases.waves[0].teamIds'],
      ['pilot-team-not-pod', 'phases.waves[0].teamIds[3]'],
      ['unknown-team', 'phases.waves[2].teamIds[0]'],
      ['expand-before-go-no-go', 'phases.waves[2].startMonth'],
    ]);
  });
});
