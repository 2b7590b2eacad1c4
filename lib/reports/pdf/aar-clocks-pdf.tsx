// The AAR PDF's "Clocks and notifications" section: per team, one row per clock (start, due,
// sent, missing fields, result) and a strip that places start, deadline and notice on the
// team's story time. The report's own heading and table components are passed in, so the
// section looks like the rest of the PDF without importing the document module back.
import React from "react";
import { Circle, Line, Rect, Svg, Text, View } from "@react-pdf/renderer";
import { lateText, type AarClockRow, type AarClockSection } from "../aar-clocks";

type T = (key: string, values?: Record<string, string | number>) => string;
type Col = { label: string; width: string; align?: "right" };
export type PdfKit = {
  H2: (p: { children: React.ReactNode }) => React.ReactElement;
  H3: (p: { children: React.ReactNode }) => React.ReactElement;
  Table: (p: { cols: Col[]; rows: Array<Array<React.ReactNode>>; title?: React.ReactNode }) => React.ReactElement;
};

const COLOUR: Record<string, string> = { "on-time": "#1f7a47", late: "#a15c00", never: "#b42318", open: "#b42318", "not-started": "#667085", stopped: "#667085" };
const WIDTH = 120;

function Strip({ row }: { row: AarClockRow }) {
  const x = (f: number | null) => (f === null ? null : 2 + f * (WIDTH - 4));
  const [start, due, sent] = [x(row.strip.start), x(row.strip.deadline), x(row.strip.submitted)];
  const colour = COLOUR[row.timeliness] ?? "#667085";
  return (
    <Svg width={WIDTH} height={12}>
      <Line x1={2} y1={6} x2={WIDTH - 2} y2={6} strokeWidth={0.5} stroke="#d0d5dd" />
      {start !== null && due !== null && <Rect x={start} y={4} width={Math.max(1, due - start)} height={4} fill="#e0e7ff" />}
      {start !== null && <Rect x={start - 1} y={2} width={2} height={8} fill="#2447b3" />}
      {due !== null && <Line x1={due} y1={0} x2={due} y2={12} strokeWidth={1} stroke="#b42318" />}
      {sent !== null && <Circle cx={sent} cy={6} r={2.5} fill={colour} />}
    </Svg>
  );
}

function resultText(row: AarClockRow, t: T): string {
  const base = t(`aar.timeliness.${row.timeliness}`);
  return row.lateByMinutes !== null ? `${base}, ${t("aar.lateBy", { time: lateText(row.lateByMinutes) })}` : base;
}

export function ClocksPdfSection({ section, t, kit }: { section: AarClockSection; t: T; kit: PdfKit }) {
  const { H2, H3, Table } = kit;
  const cols: Col[] = [
    { label: t("aar.clock"), width: "22%" },
    { label: t("aar.started"), width: "12%" },
    { label: t("aar.deadline"), width: "12%" },
    { label: t("aar.submitted"), width: "12%" },
    { label: t("aar.missing"), width: "12%" },
    { label: t("aar.result"), width: "30%" },
  ];
  const dash = t("aar.notYet");
  return (
    <>
      {section.teams.map((team, index) => {
        const title = (
          <>
            {index === 0 && (
              <>
                <H2>{t("aar.title")}</H2>
                <Text style={{ fontSize: 8, color: "#667085", marginBottom: 4 }}>{`${t("aar.hint", { timeZone: section.timeZone })} ${t("aar.strip")}`}</Text>
              </>
            )}
            <H3>{team.teamName}</H3>
          </>
        );
        if (team.withheld) return <View key={team.teamId}>{title}<Text style={{ fontSize: 8, color: "#667085" }}>{t("aar.withheld")}</Text></View>;
        const rows = team.clocks.map((c) => [
          <View key="clock"><Text style={{ fontWeight: 700 }}>{c.label}</Text><Text style={{ fontSize: 7, color: "#667085" }}>{c.law}</Text></View>,
          c.started ?? dash,
          c.deadline ?? dash,
          c.submitted ?? dash,
          c.missingFields.length ? c.missingFields.join(", ") : dash,
          <View key="result"><Text style={{ color: COLOUR[c.timeliness] }}>{resultText(c, t)}</Text><Strip row={c} /></View>,
        ]);
        return <Table key={team.teamId} title={title} cols={cols} rows={rows} />;
      })}
    </>
  );
}
