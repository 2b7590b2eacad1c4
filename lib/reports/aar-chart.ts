// Geometry of the AAR's readiness chart (readiness % per capability, one bar per team), in
// abstract units. The web page draws it as SVG and the PDF as vector paths from the same
// layout, so both show the same chart. Pure.
import type { AarReport } from "./aar";

/** Team colours: distinct in print and for common colour-vision deficiencies (Okabe–Ito). */
export const TEAM_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"] as const;

export interface ChartBar {
  teamId: string;
  colour: string;
  x: number;
  y: number;
  width: number;
  height: number;
  percent: number;
}

export interface ChartRow {
  capabilityId: string;
  label: string;
  /** Vertical centre of the row's label. */
  labelY: number;
  bars: ChartBar[];
}

export interface ChartLayout {
  width: number;
  height: number;
  /** Left edge and width of the plotting area. */
  plotX: number;
  plotWidth: number;
  plotTop: number;
  plotBottom: number;
  rows: ChartRow[];
  ticks: Array<{ x: number; value: number }>;
  /** Rating thresholds as vertical guides (P, S, M). */
  guides: Array<{ x: number; rating: "P" | "S" | "M"; value: number }>;
  legend: Array<{ teamId: string; name: string; colour: string }>;
}

export interface ChartOptions {
  width?: number;
  labelWidth?: number;
  barHeight?: number;
  rowGap?: number;
  /** Longest capability label, in characters, before it is shortened with an ellipsis. */
  maxLabel?: number;
}

/**
 * Rows are the assessed capabilities; each row has one bar per team whose breakdown is shown
 * and that has a percentage there. Teams withheld for privacy have no bars and no legend entry.
 */
export function layoutReadinessChart(report: Pick<AarReport, "capabilities" | "teams" | "thresholds">, options: ChartOptions = {}): ChartLayout {
  const width = options.width ?? 520;
  const labelWidth = options.labelWidth ?? 150;
  const barHeight = options.barHeight ?? 9;
  const rowGap = options.rowGap ?? 8;
  const maxLabel = options.maxLabel ?? 28;
  const shown = report.teams.filter((t) => !t.breakdown.suppressed);
  const colour = new Map(report.teams.map((t, i) => [t.id, TEAM_COLOURS[i % TEAM_COLOURS.length]]));
  const plotX = labelWidth;
  const plotWidth = width - labelWidth - 12;
  // Room above the bars for the threshold labels.
  const plotTop = 12;
  const scale = (value: number) => plotX + (plotWidth * Math.max(0, Math.min(100, value))) / 100;

  const rows: ChartRow[] = [];
  let y = plotTop + rowGap / 2;
  for (const capability of report.capabilities) {
    const bars = capability.teams.flatMap((row) => {
      const team = shown.find((t) => t.id === row.teamId);
      const percent = row.readiness?.percent;
      return team && percent != null ? [{ teamId: row.teamId, percent }] : [];
    });
    if (!bars.length) continue;
    const rowHeight = Math.max(shown.length, 1) * barHeight;
    const positioned = shown.flatMap((team, index) => {
      const bar = bars.find((b) => b.teamId === team.id);
      if (!bar) return [];
      // A sliver for 0 %, so the bar is seen to exist.
      const w = Math.max(scale(bar.percent) - plotX, 1.2);
      return [{ teamId: team.id, colour: colour.get(team.id)!, x: plotX, y: y + index * barHeight + 0.75, width: w, height: barHeight - 1.5, percent: bar.percent }];
    });
    const label = capability.name.length > maxLabel ? `${capability.name.slice(0, maxLabel - 1)}…` : capability.name;
    rows.push({ capabilityId: capability.id, label, labelY: y + rowHeight / 2, bars: positioned });
    y += rowHeight + rowGap;
  }
  const plotBottom = y - rowGap / 2;
  return {
    width,
    height: plotBottom + 16,
    plotX,
    plotWidth,
    plotTop,
    plotBottom,
    rows,
    ticks: [0, 25, 50, 75, 100].map((value) => ({ x: scale(value), value })),
    guides: (["P", "S", "M"] as const).map((rating) => ({ rating, value: report.thresholds[rating], x: scale(report.thresholds[rating]) })),
    legend: shown.map((t) => ({ teamId: t.id, name: t.name, colour: colour.get(t.id)! })),
  };
}
