// The PDF's building blocks shared by its sections: the page styles, headings that keep with
// what follows, tables whose rows never split, bullets, ratings and the withheld note.
import React from "react";
import { StyleSheet, Text, View } from "@react-pdf/renderer";
import type { createFormatter } from "next-intl";
import type { translatorFor } from "@/lib/i18n/translator";
import type { Withheld } from "@/lib/privacy/suppression";
import { PDF_FONT } from "./fonts";
import { BRAND, INK, LINE, MUTED, RATING_COLOUR } from "./theme";

export const s = StyleSheet.create({
  page: { fontFamily: PDF_FONT, fontSize: 9, color: INK, paddingTop: 54, paddingBottom: 50, paddingHorizontal: 42, lineHeight: 1.35 },
  header: { position: "absolute", top: 20, left: 42, right: 42, flexDirection: "row", justifyContent: "space-between", borderBottomWidth: 0.5, borderBottomColor: LINE, paddingBottom: 4, fontSize: 7.5, color: MUTED },
  // Placed from the top: an absolutely positioned row anchored with `bottom` is dropped by the layout engine.
  footer: { position: "absolute", top: 806, left: 42, right: 42, flexDirection: "row", justifyContent: "space-between", borderTopWidth: 0.5, borderTopColor: LINE, paddingTop: 4, fontSize: 7.5, color: MUTED },
  kicker: { fontSize: 8, fontWeight: 700, color: BRAND, textTransform: "uppercase", letterSpacing: 0.6, marginBottom: 3 },
  title: { fontSize: 20, fontWeight: 700, marginBottom: 4, lineHeight: 1.2 },
  subtitle: { fontSize: 10, color: MUTED, marginBottom: 10 },
  h2: { lineHeight: 1.3, fontSize: 13, fontWeight: 700, color: BRAND, marginTop: 14, marginBottom: 6, paddingBottom: 2, borderBottomWidth: 1, borderBottomColor: BRAND },
  h3: { fontSize: 10.5, fontWeight: 700, marginTop: 8, marginBottom: 4 },
  h4: { fontSize: 8, fontWeight: 700, color: MUTED, textTransform: "uppercase", letterSpacing: 0.4, marginTop: 5, marginBottom: 2 },
  muted: { color: MUTED },
  small: { fontSize: 8 },
  note: { fontSize: 8.5, padding: 6, marginBottom: 6, backgroundColor: "#eef2ff", borderLeftWidth: 2, borderLeftColor: BRAND },
  warning: { fontSize: 8.5, padding: 6, marginBottom: 6, backgroundColor: "#fef3f2", borderLeftWidth: 2, borderLeftColor: "#b42318" },
  facts: { flexDirection: "row", flexWrap: "wrap", marginBottom: 6 },
  fact: { width: "33.33%", paddingRight: 8, marginBottom: 6 },
  factLabel: { fontSize: 7, color: MUTED, textTransform: "uppercase", letterSpacing: 0.4, fontWeight: 700 },
  table: { borderTopWidth: 0.5, borderTopColor: LINE },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: LINE, paddingVertical: 3 },
  headRow: { flexDirection: "row", borderBottomWidth: 0.75, borderBottomColor: INK, paddingVertical: 3, backgroundColor: "#f2f4f7" },
  th: { fontSize: 7, fontWeight: 700, color: MUTED, textTransform: "uppercase", letterSpacing: 0.3, paddingHorizontal: 3 },
  td: { paddingHorizontal: 3 },
  num: { textAlign: "right" },
  badge: { fontWeight: 700 },
  capability: { marginBottom: 8 },
  override: { fontSize: 8, marginTop: 2, marginLeft: 6, paddingLeft: 5, borderLeftWidth: 1.5, borderLeftColor: "#a15c00" },
  bullet: { flexDirection: "row", marginBottom: 2 },
  bulletMark: { width: 10 },
  bulletText: { flex: 1 },
  columns: { flexDirection: "row", gap: 12 },
  column: { flex: 1 },
  legend: { flexDirection: "row", flexWrap: "wrap", gap: 10, marginTop: 4 },
  legendItem: { flexDirection: "row", alignItems: "center", gap: 3, fontSize: 8 },
});

export type T = ReturnType<typeof translatorFor>;
export type F = ReturnType<typeof createFormatter>;
export type Col = { label: string; width: string; align?: "right" };

/** Section headings; they move to the next page rather than end one. */
export function H2({ children }: { children: React.ReactNode }) {
  return <Text style={s.h2} minPresenceAhead={90}>{children}</Text>;
}
export function H3({ children }: { children: React.ReactNode }) {
  return <Text style={s.h3} minPresenceAhead={60}>{children}</Text>;
}

/**
 * A table whose rows never split across pages. Its parts are laid out flat in the page's flow
 * (no wrapping view), so a heading's minPresenceAhead sees the rows that follow it.
 */
export function Table({ cols, rows, title }: { cols: Col[]; rows: Array<Array<React.ReactNode>>; title?: React.ReactNode }) {
  return (
    <>
      {title}
      {cols.some((c) => c.label) ? (
        <View style={s.headRow} wrap={false} minPresenceAhead={30}>
          {cols.map((c, i) => <Text key={i} style={[s.th, { width: c.width }, c.align === "right" ? s.num : {}]}>{c.label}</Text>)}
        </View>
      ) : (
        <View style={s.table} />
      )}
      {rows.map((cells, r) => (
        <View key={r} style={s.row} wrap={false}>
          {cells.map((cell, i) => (
            // A row with fewer cells than columns: its last cell spans the rest.
            <View key={i} style={[s.td, { width: i === cells.length - 1 && cells.length < cols.length ? `${cols.slice(i).reduce((sum, c) => sum + parseFloat(c.width), 0)}%` : (cols[i]?.width ?? "auto") }]}>
              {typeof cell === "string" || typeof cell === "number" ? <Text style={cols[i]?.align === "right" ? s.num : {}}>{cell}</Text> : cell}
            </View>
          ))}
        </View>
      ))}
      <View style={{ height: 6 }} />
    </>
  );
}

export function Bullets({ items, empty }: { items: string[]; empty: string }) {
  if (!items.length) return <Text style={[s.muted, s.small]}>{empty}</Text>;
  return (
    <View>
      {items.map((text, i) => (
        <View key={i} style={s.bullet} wrap={false}>
          <Text style={s.bulletMark}>•</Text>
          <Text style={s.bulletText}>{text}</Text>
        </View>
      ))}
    </View>
  );
}

export function withheldText(t: T, w: Withheld): string {
  return t("privacy.withheld", { respondents: w.respondents, k: w.minGroupSize });
}

export function Rating({ rating }: { rating: string | null | undefined }) {
  if (!rating) return <Text style={s.muted}>—</Text>;
  return <Text style={[s.badge, { color: RATING_COLOUR[rating] ?? INK }]}>{rating}</Text>;
}
