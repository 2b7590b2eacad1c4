// The closing note's summary of one person's own drill result, in their language: readiness,
// how many decisions matched the best option, and calibration in words. Scored with the same
// pure rules as the drill report (lib/reports/drill-aggregate.ts, lib/scoring/calibration.ts),
// from this person's answers only. The loader reaches a run through the personal token alone,
// so an anonymous drill's invitation stays unlinked from its run in the database.
import type { Locale } from "@/lib/i18n/config";
import { translatorFor } from "@/lib/i18n/translator";
import { scoreDrillPerson } from "@/lib/reports/drill-aggregate";
import { ZScenario, type TScenario } from "@/lib/scenario";
import type { TDrillDecision } from "@/lib/scoring";
import type { Tx } from "@/lib/session/store";
import { runHash } from "@/lib/drills/tokens";

/** Overconfidence (mean stated probability − share best) within ± this reads as "well calibrated". */
const CALIBRATED_WITHIN = 0.1;

/** One person's summary sentence from their own decisions, in order. Pure. */
export function closingSummary(scenario: TScenario, decisions: readonly TDrillDecision[], locale: Locale): string {
  const t = translatorFor(locale, "drillSummary");
  const person = scoreDrillPerson(scenario, { participantId: "self", teamId: null, decisions: [...decisions] });
  const assessed = person.readiness.capabilities.flatMap((c) => (c.percent === null ? [] : [c.percent]));
  const parts: string[] = [];
  if (assessed.length > 0) parts.push(t("readiness", { percent: Math.round(assessed.reduce((a, b) => a + b, 0) / assessed.length) }));
  const reviews = person.gaps.decisions;
  parts.push(t("matched", { best: reviews.filter((r) => r.lost === 0).length, total: reviews.length }));
  const { overconfidence, confidentlyWrong } = person.calibration;
  const calibration =
    overconfidence === null ? "none" : overconfidence > CALIBRATED_WITHIN ? "over" : overconfidence < -CALIBRATED_WITHIN ? "under" : "calibrated";
  parts.push(t(`calibration.${calibration}`));
  if (confidentlyWrong > 0) parts.push(t("confidentlyWrong", { count: confidentlyWrong }));
  return t("sentence", { parts: parts.join(t("separator")) });
}

type Recipient = { id: string; token: string; locale: Locale };

/**
 * Each recipient's summary by invitation id, from the run their token reaches (or, in a named
 * drill started signed in, the run of their invitation). A person without a run gets none.
 */
export async function closingSummaries(tx: Tx, sessionId: string, recipients: readonly Recipient[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (recipients.length === 0) return out;
  const session = await tx.exerciseSession.findUnique({ where: { id: sessionId }, select: { scenario: { select: { document: true } } } });
  if (!session) return out;
  const scenario = ZScenario.parse(session.scenario.document);
  for (const r of recipients) {
    const run =
      (await tx.drillRun.findUnique({ where: { tokenHash: runHash(r.token) }, select: { id: true } })) ??
      (await tx.drillRun.findUnique({ where: { invitationId: r.id }, select: { id: true } }));
    if (!run) continue;
    const answers = await tx.drillAnswer.findMany({ where: { runId: run.id }, orderBy: [{ answeredAt: "asc" }, { id: "asc" }], select: { nodeId: true, optionId: true, confidence: true, reasoning: true } });
    const decisions = answers.map((a): TDrillDecision => ({ nodeId: a.nodeId, optionId: a.optionId, confidence: a.confidence, ...(a.reasoning ? { reasoning: a.reasoning } : {}) }));
    out.set(r.id, closingSummary(scenario, decisions, r.locale));
  }
  return out;
}
