// One session's files in an evidence pack, shared by the session pack (pack.ts) and the period
// pack (period.ts): the AAR data and (optionally) its PDF, the decision log, attendance as counts,
// the clocks section where the scenario has clocks, and the scenario version. Every file comes
// from the same read paths as the screens, as the exporter may see them: the AAR (k-suppressed
// for anonymous sessions), and names only in a named session whose raw responses the exporter
// may view (lib/privacy/visibility.ts).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { SignedInUser } from "@/lib/auth/types";
import type { Locale } from "@/lib/i18n/config";
import { loadAar } from "@/lib/reports/aar-load";
import type { AarReport } from "@/lib/reports/aar";
import { renderAarPdfOffThread } from "@/lib/reports/pdf/off-thread";
import { sessionVisibility } from "@/lib/privacy/visibility";
import { readDisplayNames } from "@/lib/privacy/crypto/personal-fields";
import type { PackFile } from "./manifest";

export const jsonBytes = (value: unknown): Uint8Array => Buffer.from(JSON.stringify(value, null, 2) + "\n", "utf8");

/** Each team's decisions with their times, or a note that the team's breakdown is withheld. */
function decisionLog(report: AarReport) {
  return {
    sessionId: report.overview.sessionId,
    teams: report.teams.map((t) => {
      if (t.breakdown.suppressed) return { teamId: t.id, team: t.name, withheld: "fewer respondents than the anonymity threshold" };
      return {
        teamId: t.id,
        team: t.name,
        decisions: t.breakdown.value.timeline.flatMap((e) =>
          e.kind === "decision"
            ? [{ enteredAt: e.enteredAt, decidedAt: e.at, durationMs: e.durationMs, nodeId: e.nodeId, title: e.title, choice: e.optionLabel, timedOut: e.timedOut, method: e.method, votes: e.withheld ? null : e.votes, earned: e.earned, best: e.best }]
            : [],
        ),
      };
    }),
  };
}

type SessionFacts = { id: string; anonymous: boolean; facilitatorId: string | null; grants: Array<{ userId: string }> };

async function attendance(prisma: PrismaClient, report: AarReport, session: SessionFacts, viewer: SignedInUser) {
  const k = report.privacy.minGroupSize;
  const visibility = sessionVisibility(viewer, { facilitatorId: session.facilitatorId, grantedUserIds: session.grants.map((g) => g.userId), anonymous: session.anonymous });
  const withNames = !session.anonymous && visibility?.names === true;
  const names = new Map<string, string[]>();
  if (withNames) {
    const rows = await prisma.participant.findMany({ where: { sessionId: session.id }, select: { id: true, displayName: true, sessionTeamId: true }, orderBy: { joinedAt: "asc" } });
    const plain = await readDisplayNames(prisma, rows);
    for (const r of rows) names.set(r.sessionTeamId ?? "", [...(names.get(r.sessionTeamId ?? "") ?? []), plain.get(r.id) ?? ""]);
  }
  const small = (n: number) => session.anonymous && n < k;
  return {
    anonymous: session.anonymous,
    minGroupSize: k,
    names: withNames ? "included: a named session, and the exporter may view its raw responses" : "not included",
    participants: small(report.overview.participants) ? null : report.overview.participants,
    teams: report.teams.map((t) => ({
      teamId: t.id,
      team: t.name,
      members: small(t.members) ? null : t.members,
      ...(small(t.members) ? { withheld: `fewer than ${k} people` } : {}),
      ...(withNames ? { names: names.get(t.id) ?? [] } : {}),
    })),
  };
}

export type ScenarioVersion = { slug: string; title: string; contentHash: string };
export type SessionEvidence = { report: AarReport; scenario: ScenarioVersion; files: PackFile[]; pdf: boolean };

/**
 * The session's files, each path under `dir` ("" for a session pack). `pdfLocale` null leaves the
 * PDF out (a period pack renders PDFs up to a limit; rendering is the slow part).
 */
export async function sessionEvidenceFiles(prisma: PrismaClient, sessionId: string, viewer: SignedInUser, opts: { dir: string; pdfLocale: Locale | null; now: Date }): Promise<SessionEvidence> {
  const report = await loadAar(prisma, sessionId, viewer, opts.now);
  const session = await prisma.exerciseSession.findUniqueOrThrow({
    where: { id: sessionId },
    select: { id: true, anonymous: true, facilitatorId: true, grants: { select: { userId: true } }, scenario: { select: { slug: true, title: true, contentHash: true, document: true } } },
  });
  const [pdf, people] = await Promise.all([opts.pdfLocale ? renderAarPdfOffThread(report, opts.pdfLocale, opts.now) : Promise.resolve(null), attendance(prisma, report, session, viewer)]);
  const at = (name: string) => `${opts.dir}${name}`;
  const files: PackFile[] = [];
  if (pdf) files.push({ path: at("aar.pdf"), bytes: new Uint8Array(pdf), purpose: "the after-action report as read by people" });
  files.push(
    { path: at("aar.json"), bytes: jsonBytes(report), purpose: "the after-action report's data" },
    { path: at("decision-log.json"), bytes: jsonBytes(decisionLog(report)), purpose: "every team decision with the time it was entered and locked" },
    { path: at("attendance.json"), bytes: jsonBytes(people), purpose: "how many took part (counts under the anonymity threshold withheld)" },
  );
  if (report.clocks) files.push({ path: at("clocks.json"), bytes: jsonBytes(report.clocks), purpose: "the scenario's regulatory clocks and each team's notifications, as the AAR shows them" });
  const { slug, title, contentHash, document } = session.scenario;
  files.push({ path: at("scenario.json"), bytes: jsonBytes({ slug, title, contentHash, document }), purpose: "the scenario version exercised" });
  return { report, scenario: { slug, title, contentHash }, files, pdf: pdf !== null };
}
