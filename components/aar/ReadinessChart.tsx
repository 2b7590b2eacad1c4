// The readiness chart on the AAR page: readiness % per capability, one bar per team, with the
// rating thresholds as guides. Drawn as SVG from the same layout as the PDF's chart.
import { getFormatter, getTranslations } from "next-intl/server";
import type { AarReport } from "@/lib/reports/aar";
import { layoutReadinessChart } from "@/lib/reports/aar-chart";
import { percentText } from "@/lib/reports/aar-format";

export async function ReadinessChart({ report }: { report: AarReport }) {
  const t = await getTranslations("aar");
  const format = await getFormatter();
  const chart = layoutReadinessChart(report, { width: 780, labelWidth: 260, barHeight: 14, rowGap: 12, maxLabel: 34 });
  if (chart.rows.length === 0) return <p className="muted" data-testid="aar-chart-empty">{t("chart.empty")}</p>;
  return (
    <figure className="aar-chart" data-testid="aar-chart">
      <svg viewBox={`0 0 ${chart.width} ${chart.height}`} role="img" aria-label={t("chart.label")} width="100%">
        {chart.ticks.map((tick) => (
          <g key={tick.value}>
            <line x1={tick.x} x2={tick.x} y1={chart.plotTop} y2={chart.plotBottom} stroke="#e4e7ec" strokeWidth={1} />
            <text x={tick.x} y={chart.plotBottom + 13} fontSize={11} textAnchor="middle" fill="#667085">{percentText(format, tick.value)}</text>
          </g>
        ))}
        {chart.guides.map((guide) => (
          <g key={guide.rating}>
            <line x1={guide.x} x2={guide.x} y1={chart.plotTop} y2={chart.plotBottom} stroke="#98a2b3" strokeWidth={1} strokeDasharray="3 3" />
            <text x={guide.x} y={chart.plotTop - 2} fontSize={10} textAnchor="middle" fill="#667085">{guide.rating}</text>
          </g>
        ))}
        {chart.rows.map((row) => (
          <g key={row.capabilityId}>
            <text x={chart.plotX - 8} y={row.labelY + 4} fontSize={12} textAnchor="end" fill="#1d2939">{row.label}</text>
            {row.bars.map((bar) => (
              <rect key={bar.teamId} x={bar.x} y={bar.y} width={bar.width} height={bar.height} fill={bar.colour} rx={2}>
                <title>{percentText(format, bar.percent)}</title>
              </rect>
            ))}
          </g>
        ))}
      </svg>
      <figcaption className="row small">
        {chart.legend.map((entry) => (
          <span key={entry.teamId} className="aar-legend"><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" rx="2" fill={entry.colour} /></svg>{entry.name}</span>
        ))}
      </figcaption>
    </figure>
  );
}
