// The pooled view in the PDF, as on the page (components/reports/PooledTeams.tsx): all teams
// together where some are withheld as small groups, or why the pool itself stays hidden
// (docs/privacy.md, "Pooled view of small teams"). Text from the `pooled` messages.
import React from "react";
import { Text, View } from "@react-pdf/renderer";
import type { PooledView } from "../pooled";
import { percentText } from "../aar-format";
import { H2, Rating, Table, s, type F, type T } from "./aar-pdf-kit";

export function PooledPdfSection({ pooled, t, format }: { pooled: PooledView; t: T; format: F }) {
  const { decision } = pooled;
  if (!decision.offered)
    return (
      <View wrap={false}>
        <H2>{t("heading")}</H2>
        <Text style={s.muted}>
          {decision.withheldGroups === 1
            ? t("refusedOne", { k: decision.minGroupSize })
            : t("refusedMany", { count: decision.withheldGroups, respondents: decision.withheldRespondents, k: decision.minGroupSize })}
        </Text>
      </View>
    );
  return (
    <Table
      title={
        <>
          <H2>{t("heading")}</H2>
          <Text style={[s.muted, s.small, { marginBottom: 4 }]}>{t("leadSession", { count: decision.withheldGroups })}</Text>
          {pooled.overall?.shown && (
            <Text style={{ marginBottom: 4 }}>
              {t("overall")} <Text style={s.badge}>{percentText(format, pooled.overall.percent)}</Text> <Rating rating={pooled.overall.rating} />
            </Text>
          )}
        </>
      }
      cols={[{ label: t("capability"), width: "60%" }, { label: t("readiness"), width: "40%", align: "right" }]}
      rows={pooled.capabilities.map((c) => [
        <View key="c"><Text>{c.name}</Text>{c.figure.shown && <Text style={[s.muted, s.small]}>{t("teamsCount", { count: c.figure.teams })}</Text>}</View>,
        c.figure.shown ? (
          <Text key="p" style={s.num}>{percentText(format, c.figure.percent)} <Rating rating={c.figure.rating} /></Text>
        ) : (
          <Text key="w" style={[s.muted, s.small, s.num]}>{t("figureWithheld", { k: c.figure.decision.minGroupSize })}</Text>
        ),
      ])}
    />
  );
}
