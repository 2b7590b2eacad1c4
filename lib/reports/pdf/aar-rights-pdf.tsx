// The AAR PDF's "Decision rights" section: per team, one row per decision taken without its
// owner or against a consulted role's vote. Uses the report's own heading and table kit
// (aar-clocks-pdf.tsx's PdfKit), so it looks like the rest of the PDF.
import React from "react";
import { Text, View } from "@react-pdf/renderer";
import { rightsFindings, type AarRightsSection } from "../aar-rights";
import type { PdfKit } from "./aar-clocks-pdf";

type T = (key: string, values?: Record<string, string | number>) => string;

export function RightsPdfSection({ section, t, kit }: { section: AarRightsSection; t: T; kit: PdfKit }) {
  const { H2, H3, Table } = kit;
  const cols = [
    { label: t("aar.decision"), width: "38%" },
    { label: t("aar.chosen"), width: "22%" },
    { label: t("aar.finding"), width: "40%" },
  ];
  const muted = { fontSize: 8, color: "#667085" };
  return (
    <>
      {section.teams.map((team, index) => {
        const title = (
          <>
            {index === 0 && (
              <>
                <H2>{t("aar.title")}</H2>
                <Text style={{ ...muted, marginBottom: 4 }}>{t("aar.hint")}</Text>
              </>
            )}
            <H3>{team.teamName}</H3>
          </>
        );
        if (team.withheld || team.rows.length === 0) {
          return <View key={team.teamId} wrap={false}>{title}<Text style={muted}>{t(team.withheld ? "aar.withheld" : "aar.none")}</Text></View>;
        }
        const rows = team.rows.map((r) => [
          r.decision,
          r.chosen,
          <View key="finding">{rightsFindings(r, (key, values) => t(`aar.${key}`, values), section.minGroupSize ?? 0).map((line) => <Text key={line} style={{ color: "#a15c00", marginBottom: 2 }}>{line}</Text>)}</View>,
        ]);
        return <Table key={team.teamId} title={title} cols={cols} rows={rows} />;
      })}
    </>
  );
}
