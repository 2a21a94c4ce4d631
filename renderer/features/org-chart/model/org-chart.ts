/**
 * The org chart's layout and its standalone SVG (M2). Pure: the screen
 * renders the layout with React (and d3-zoom for zoom and pan), the export
 * turns the same layout into one self-contained SVG document (inline
 * presentation attributes, no stylesheet, XML-escaped text), which is also
 * what the PNG export rasterises.
 *
 * Teams are grouped by type: the business and product side on top, then
 * enabling and complicated-subsystem teams, the platforms at the bottom (the
 * Team Topologies picture). Groups are packed into rows as wide as the chart
 * allows; a group with more teams than fit wraps within itself.
 */
import { ROLE_LABELS, type RoleId } from '../../../../sim/org/roles.ts';
import { TEAM_TYPE_LABELS, type TeamType } from '../../../../sim/org/team-types.ts';
import { escapeXml } from '../../../model/xml.ts';

export interface ChartInputPosition {
  id: string;
  role: RoleId;
  title: string;
  personName: string;
  filled: boolean;
  hireMonth?: number | undefined;
  singleThreadedOwner: boolean;
}

export interface ChartInputTeam {
  id: string;
  name: string;
  type: TeamType;
  positions: readonly ChartInputPosition[];
}

export const GROUP_ORDER: readonly TeamType[] = [
  'business',
  'stream-aligned-pod',
  'central-ai',
  'product-engineering',
  'complicated-subsystem',
  'enabling',
  'ai-platform',
  'central-platform',
];

/** Group headings of the chart: the team type in the plural, short enough for a one-team group. */
export const GROUP_LABELS: Record<TeamType, string> = {
  'stream-aligned-pod': 'Stream-aligned AI pods',
  'central-ai': 'Central AI team',
  'ai-platform': 'AI platform',
  'central-platform': 'Central platform',
  enabling: 'Enabling',
  'complicated-subsystem': 'Complicated subsystem',
  'product-engineering': 'Product engineering',
  business: 'Business',
};

export const CHART = {
  teamWidth: 214,
  teamGap: 14,
  groupPadding: 12,
  groupLabelHeight: 26,
  groupGap: 18,
  rowGap: 20,
  margin: 16,
  headerHeight: 46,
  lineHeight: 19,
  footerPadding: 8,
  /** Characters of a line that fit in a team box at the chart's font size (approximate, no DOM to measure). */
  nameChars: 22,
  lineChars: 29,
  /** Owner lines are bold: fewer characters fit. */
  ownerLineChars: 26,
  /** Approximate width of a group label character (11 px bold capitals, letter-spaced). */
  labelCharPx: 8,
} as const;

export interface ChartLine {
  positionId: string;
  text: string;
  open: boolean;
  owner: boolean;
  y: number;
  /** Full text for the tooltip. */
  full: string;
}

export interface ChartTeam {
  id: string;
  name: string;
  /** The name as displayed, shortened to fit. */
  shownName: string;
  type: TeamType;
  x: number;
  y: number;
  width: number;
  height: number;
  collapsed: boolean;
  headcount: number;
  open: number;
  warnings: number;
  summary: string;
  lines: ChartLine[];
}

export interface ChartGroup {
  type: TeamType;
  /** The heading as displayed (shortened to fit). */
  label: string;
  /** The team type's full name. */
  typeLabel: string;
  x: number;
  y: number;
  width: number;
  height: number;
  teams: ChartTeam[];
}

export interface OrgChartLayout {
  width: number;
  height: number;
  groups: ChartGroup[];
}

export interface OrgChartOptions {
  /** Widest the chart may be (the rows wrap within it). */
  maxWidth: number;
  collapsed?: ReadonlySet<string>;
  /** Guardrail warnings per team id, shown as a count on the team. */
  warnings?: ReadonlyMap<string, number>;
}

/** Shortens text to `max` characters with an ellipsis. */
export function ellipsize(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}

/** Role names short enough for a chart line; the tooltip has the full one. */
export const SHORT_ROLE_LABELS: Record<RoleId, string> = {
  'single-threaded-owner': 'Owner (TPM)',
  'ai-ml-engineer': 'AI/ML engineer',
  'software-engineer': 'Software engineer',
  'data-platform-engineer': 'Data platform eng.',
  'ai-platform-engineer': 'AI platform eng.',
  'ai-product-manager': 'AI product manager',
  'mlops-engineer': 'MLOps engineer',
  'data-scientist': 'Data scientist',
  'principal-engineer': 'Principal engineer',
  'engineering-manager': 'Eng. manager',
  'business-stakeholder': 'Stakeholder',
};

function positionLine(p: ChartInputPosition): { text: string; full: string } {
  const who = p.personName || p.title;
  const short = p.filled ? '' : p.hireMonth !== undefined ? ` · open (m${p.hireMonth})` : ' · open';
  const status = p.filled ? '' : p.hireMonth !== undefined ? `, open: to hire in plan month ${p.hireMonth}` : ', open';
  const text = `${p.singleThreadedOwner ? '★ ' : ''}${SHORT_ROLE_LABELS[p.role]}${who ? ` · ${who}` : ''}${short}`;
  const full = `${ROLE_LABELS[p.role]}${who ? `: ${who}` : ''}${p.singleThreadedOwner ? ' (single-threaded owner)' : ''}${status}`;
  return { text, full };
}

function teamSummary(team: ChartInputTeam): { headcount: number; open: number; summary: string } {
  const headcount = team.positions.length;
  const open = team.positions.filter((p) => !p.filled).length;
  const summary = `${headcount} ${headcount === 1 ? 'position' : 'positions'}${open ? `, ${open} open` : ''}`;
  return { headcount, open, summary };
}

export function layoutOrgChart(teams: readonly ChartInputTeam[], options: OrgChartOptions): OrgChartLayout {
  const c = CHART;
  const collapsed = options.collapsed ?? new Set<string>();
  const maxInner = Math.max(c.teamWidth + 2 * c.groupPadding, options.maxWidth - 2 * c.margin);
  const perRowMax = Math.max(1, Math.floor((maxInner - 2 * c.groupPadding + c.teamGap) / (c.teamWidth + c.teamGap)));

  const byType = new Map<TeamType, ChartInputTeam[]>();
  for (const team of teams) {
    const list = byType.get(team.type);
    if (list) list.push(team);
    else byType.set(team.type, [team]);
  }

  const groups: ChartGroup[] = [];
  let rowX = c.margin;
  let rowY = c.margin;
  let rowHeight = 0;
  let width = 0;
  for (const type of GROUP_ORDER) {
    const members = byType.get(type);
    if (!members || members.length === 0) continue;
    const columns = Math.min(perRowMax, members.length);
    const groupWidth = 2 * c.groupPadding + columns * c.teamWidth + (columns - 1) * c.teamGap;
    if (rowX > c.margin && rowX + groupWidth > c.margin + maxInner) {
      rowY += rowHeight + c.rowGap;
      rowX = c.margin;
      rowHeight = 0;
    }
    const chartTeams: ChartTeam[] = [];
    let teamRowY = rowY + c.groupLabelHeight;
    for (let start = 0; start < members.length; start += columns) {
      const slice = members.slice(start, start + columns);
      let tallest = 0;
      slice.forEach((team, i) => {
        const isCollapsed = collapsed.has(team.id);
        const { headcount, open, summary } = teamSummary(team);
        const x = rowX + c.groupPadding + i * (c.teamWidth + c.teamGap);
        const lines: ChartLine[] = isCollapsed
          ? []
          : team.positions.map((p, k) => {
              const { text, full } = positionLine(p);
              return { positionId: p.id, text: ellipsize(text, p.singleThreadedOwner ? c.ownerLineChars : c.lineChars), full, open: !p.filled, owner: p.singleThreadedOwner, y: teamRowY + c.headerHeight + k * c.lineHeight };
            });
        const height = c.headerHeight + (isCollapsed ? 0 : Math.max(1, lines.length) * c.lineHeight) + c.footerPadding;
        tallest = Math.max(tallest, height);
        chartTeams.push({
          id: team.id,
          name: team.name,
          shownName: ellipsize(team.name || 'Unnamed team', c.nameChars),
          type,
          x,
          y: teamRowY,
          width: c.teamWidth,
          height,
          collapsed: isCollapsed,
          headcount,
          open,
          warnings: options.warnings?.get(team.id) ?? 0,
          summary,
          lines,
        });
      });
      teamRowY += tallest + c.teamGap;
    }
    const groupHeight = teamRowY - c.teamGap - rowY + c.groupPadding;
    const labelChars = Math.floor((groupWidth - 2 * c.groupPadding) / c.labelCharPx);
    groups.push({ type, label: ellipsize(GROUP_LABELS[type], labelChars), typeLabel: TEAM_TYPE_LABELS[type], x: rowX, y: rowY, width: groupWidth, height: groupHeight, teams: chartTeams });
    rowHeight = Math.max(rowHeight, groupHeight);
    rowX += groupWidth + c.groupGap;
    width = Math.max(width, rowX - c.groupGap + c.margin);
  }
  const height = groups.length === 0 ? 2 * c.margin : rowY + rowHeight + c.margin;
  return { width: Math.max(width, 2 * c.margin), height, groups };
}

/** Colours per team type, shared by the screen (CSS) and the export (inline). */
export const TYPE_COLORS: Record<TeamType, { fill: string; stroke: string }> = {
  'stream-aligned-pod': { fill: '#fff4d6', stroke: '#e0a82e' },
  'central-ai': { fill: '#fde7e4', stroke: '#d9695a' },
  'ai-platform': { fill: '#e3ecfd', stroke: '#5b82d6' },
  'central-platform': { fill: '#e8f0f7', stroke: '#7f97ad' },
  enabling: { fill: '#eee6fb', stroke: '#9474cf' },
  'complicated-subsystem': { fill: '#fde8d4', stroke: '#d98b45' },
  'product-engineering': { fill: '#e5f4ea', stroke: '#5ba477' },
  business: { fill: '#f1f1f1', stroke: '#9a9a9a' },
};

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/**
 * The chart as a standalone SVG document: an XML declaration, the SVG
 * namespace, a title, and every team with its name in a `<title>` (the full
 * name even when the box shows it shortened).
 */
export function orgChartSvg(layout: OrgChartLayout, title: string): string {
  const out: string[] = [];
  const w = Math.ceil(layout.width);
  const h = Math.ceil(layout.height);
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="${escapeXml(FONT)}" font-size="12">`);
  out.push(`<title>${escapeXml(title)}</title>`);
  out.push(`<rect x="0" y="0" width="${w}" height="${h}" fill="#ffffff"/>`);
  for (const group of layout.groups) {
    const colors = TYPE_COLORS[group.type];
    out.push(`<g class="group" data-type="${group.type}">`);
    out.push(`<title>${escapeXml(group.typeLabel)}</title>`);
    out.push(`<rect x="${group.x}" y="${group.y}" width="${group.width}" height="${group.height}" rx="8" fill="#f7f8fa" stroke="#dde1e7"/>`);
    out.push(`<text x="${group.x + CHART.groupPadding}" y="${group.y + 18}" font-size="11" font-weight="700" fill="#5c6675" letter-spacing="0.4">${escapeXml(group.label.toUpperCase())}</text>`);
    for (const team of group.teams) {
      out.push(`<g class="team" data-team-id="${escapeXml(team.id)}">`);
      out.push(`<title>${escapeXml(team.name)}</title>`);
      out.push(`<rect x="${team.x}" y="${team.y}" width="${team.width}" height="${team.height}" rx="6" fill="${colors.fill}" stroke="${colors.stroke}"/>`);
      out.push(`<text x="${team.x + 10}" y="${team.y + 19}" font-size="13" font-weight="700" fill="#1c2330">${escapeXml(team.shownName)}</text>`);
      const warn = team.warnings > 0 ? ` · ⚠ ${team.warnings}` : '';
      out.push(`<text x="${team.x + 10}" y="${team.y + 36}" font-size="11" fill="#5c6675">${escapeXml(`${team.summary}${team.collapsed ? ' (collapsed)' : ''}${warn}`)}</text>`);
      for (const line of team.lines) {
        const attrs = line.open ? ' fill="#a86700" font-style="italic"' : line.owner ? ' fill="#1c2330" font-weight="600"' : ' fill="#1c2330"';
        out.push(`<text x="${team.x + 10}" y="${line.y + 13}"${attrs}>${escapeXml(line.text)}</text>`);
      }
      if (!team.collapsed && team.lines.length === 0) out.push(`<text x="${team.x + 10}" y="${team.y + CHART.headerHeight + 13}" fill="#5c6675">No positions</text>`);
      out.push('</g>');
    }
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('\n');
}
