// Open, overdue and verified items per team at the end of each of the last months.
import { useTranslations } from "next-intl";
import type { TeamTrend } from "@/lib/improvements/trend";
import { TableSection } from "@/components/ui/TableSection";

export function LedgerTrend({ trend }: { trend: TeamTrend[] }) {
  const t = useTranslations("evidence.trend");
  if (!trend.length) return null;
  const months = trend[0].months.map((m) => m.month);
  return (
    <TableSection
      testId="ledger-trend"
      style={{ marginTop: 24 }}
      title={t("title")}
      hint={t("legend")}
      tableClassName="table compact"
      head={
        <tr>
          <th>{t("team")}</th>
          {months.map((m) => (
            <th key={m} style={{ whiteSpace: "nowrap" }}>{m}</th>
          ))}
        </tr>
      }
    >
      {trend.map((row) => (
        <tr key={row.team} data-testid="ledger-trend-row" data-team={row.team}>
          <td>{row.team}</td>
          {row.months.map((m) => (
            <td key={m.month} data-month={m.month} title={t("cell", m)} style={{ whiteSpace: "nowrap" }}>
              {m.open} · <span style={m.overdue ? { color: "var(--danger)", fontWeight: 600 } : undefined}>{m.overdue}</span> · <span style={m.verified ? { color: "var(--ok)", fontWeight: 600 } : undefined}>{m.verified}</span>
            </td>
          ))}
        </tr>
      ))}
    </TableSection>
  );
}
