// The PDF's opening block, as on the page: overall readiness, the rating per capability at a
// glance, the three biggest gaps and the open improvement items with their owners.
import React from "react";
import { StyleSheet, Text, View } from "@react-pdf/renderer";
import type { createFormatter } from "next-intl";
import type { Locale } from "@/lib/i18n/config";
import { translatorFor } from "@/lib/i18n/translator";
import type { AarSummary } from "../aar-summary";
import { dayText, percentText } from "../aar-format";
import { BRAND, INK, LINE, MUTED, RATING_COLOUR } from "./theme";

const s = StyleSheet.create({
  box: { borderWidth: 0.75, borderColor: LINE, borderTopWidth: 2, borderTopColor: BRAND, padding: 8, marginTop: 4, marginBottom: 6 },
  heading: { fontSize: 13, fontWeight: 700, color: BRAND, marginBottom: 6 },
  columns: { flexDirection: "row", gap: 12 },
  overall: { width: "22%" },
  column: { flex: 1 },
  label: { fontSize: 7, color: MUTED, textTransform: "uppercase", letterSpacing: 0.4, fontWeight: 700, marginBottom: 3 },
  figure: { fontSize: 22, fontWeight: 700, lineHeight: 1.1 },
  line: { flexDirection: "row", marginBottom: 2 },
  rating: { width: 12, fontWeight: 700 },
  grow: { flex: 1 },
  muted: { color: MUTED, fontSize: 7.5 },
  overdue: { color: RATING_COLOUR.U, fontWeight: 700 },
});

function Rating({ rating }: { rating: string | null }) {
  return <Text style={[s.rating, { color: rating ? (RATING_COLOUR[rating] ?? INK) : MUTED }]}>{rating ?? "–"}</Text>;
}

export function PdfSummary({ summary, locale, format }: { summary: AarSummary; locale: Locale; format: ReturnType<typeof createFormatter> }) {
  const t = translatorFor(locale, "aarSummary");
  const ta = translatorFor(locale, "aar");
  return (
    <View style={s.box} wrap={false}>
      <Text style={s.heading}>{t("heading")}</Text>
      <View style={s.columns}>
        <View style={s.overall}>
          <Text style={s.label}>{t("overall")}</Text>
          <Text style={s.figure}>{percentText(format, summary.readiness.percent)}</Text>
          {summary.readiness.rating && <Text style={{ color: RATING_COLOUR[summary.readiness.rating] ?? INK, fontWeight: 700 }}>{summary.readiness.rating} · {ta("ratingLabel", { rating: summary.readiness.rating })}</Text>}
          {summary.withheldTeams > 0 && <Text style={s.muted}>{t("withheld", { count: summary.withheldTeams })}</Text>}
        </View>
        <View style={s.column}>
          <Text style={s.label}>{t("glance")}</Text>
          {summary.capabilities.length === 0 ? <Text style={s.muted}>{t("noneAssessed")}</Text> : summary.capabilities.map((c) => (
            <View key={c.id} style={s.line}><Rating rating={c.rating} /><Text style={s.grow}>{c.name} <Text style={s.muted}>{percentText(format, c.percent)}</Text></Text></View>
          ))}
        </View>
        <View style={s.column}>
          <Text style={s.label}>{t("gaps")}</Text>
          {summary.gaps.length === 0 ? <Text style={s.muted}>{t("noGaps")}</Text> : summary.gaps.map((g, i) => (
            <View key={g.id} style={s.line}><Text style={{ width: 10 }}>{i + 1}.</Text><Text style={s.grow}>{g.name} <Text style={{ color: RATING_COLOUR[g.rating ?? ""] ?? INK, fontWeight: 700 }}>{g.rating}</Text> <Text style={s.muted}>{percentText(format, g.percent)}{g.weakestTeam ? ` · ${t("weakestTeam", { team: g.weakestTeam })}` : ""}</Text></Text></View>
          ))}
        </View>
        <View style={s.column}>
          <Text style={s.label}>{t("openItems")}</Text>
          {summary.openItems.length === 0 ? <Text style={s.muted}>{t("noOpenItems")}</Text> : summary.openItems.map((item) => (
            <View key={item.id} style={{ marginBottom: 3 }}>
              <Text>{item.action}</Text>
              <Text style={s.muted}>{t("owner", { owner: item.owner })}{item.dueDate ? ` · ${t("due", { date: dayText(format, item.dueDate) })}` : ""}{item.overdue ? <Text style={s.overdue}> · {t("overdue")}</Text> : null}</Text>
            </View>
          ))}
        </View>
      </View>
    </View>
  );
}
