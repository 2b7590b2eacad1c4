// Builds a session's evidence pack: a ZIP an auditor can check offline (scripts/evidence-verify.ts).
// Every file comes from the same read paths as the screens, as the exporter may see them:
// the AAR (k-suppressed for anonymous sessions), attendance as counts, and names only in a
// named session whose raw responses the exporter may view (lib/privacy/visibility.ts).
// The manifest lists each file's SHA-256 and is signed with the instance key; the audit
// rows about the session come with the chain up to a signed checkpoint.
import { zipSync } from "fflate";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { SignedInUser } from "@/lib/auth/types";
import type { Locale } from "@/lib/i18n/config";
import { loadAar } from "@/lib/reports/aar-load";
import type { AarReport } from "@/lib/reports/aar";
import { renderAarPdfOffThread } from "@/lib/reports/pdf/off-thread";
import { sessionVisibility } from "@/lib/privacy/visibility";
import { readDisplayNames } from "@/lib/privacy/crypto/personal-fields";
import { aboutSessions, loadSegment } from "@/lib/audit/segment";
import type { SigningKey } from "@/lib/audit/signing-key";
import { isOverdue, ledgerStatus, loadStatusHistory } from "@/lib/improvements/history";
import { controlMapping } from "./controls";
import { MANIFEST_FILE, PACK_FORMAT, SEGMENT_FILE, SIGNATURE_FILE, describeFiles, signManifest, type PackFile, type TManifest } from "./manifest";

const json = (value: unknown): Uint8Array => Buffer.from(JSON.stringify(value, null, 2) + "\n", "utf8");

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

async function attendance(prisma: PrismaClient, report: AarReport, session: { id: string; anonymous: boolean; facilitatorId: string | null; grants: Array<{ userId: string }> }, viewer: SignedInUser) {
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

async function improvements(prisma: PrismaClient, report: AarReport, now: Date) {
  const ids = [...report.plan.items, ...report.plan.carried].map((i) => i.id);
  const [items, history] = await Promise.all([
    prisma.improvementItem.findMany({ where: { id: { in: ids } }, include: { comments: { orderBy: { createdAt: "asc" }, select: { createdAt: true, text: true, authorId: true } } } }),
    loadStatusHistory(prisma, ids),
  ]);
  const byId = new Map(items.map((i) => [i.id, i]));
  return {
    items: [...report.plan.items, ...report.plan.carried].map((p) => {
      const row = byId.get(p.id);
      return {
        ...p,
        status: row ? ledgerStatus(row) : p.status,
        overdue: row ? isOverdue(row, now) : p.overdue,
        findingId: row?.findingId ?? null,
        verifiedBySessionId: row?.verifiedBySessionId ?? null,
        verifiedAt: row?.verifiedAt?.toISOString() ?? null,
        history: history.get(p.id) ?? [],
        comments: (row?.comments ?? []).map((c) => ({ at: c.createdAt.toISOString(), authorId: c.authorId, text: c.text })),
      };
    }),
  };
}

const README = `Readyroom evidence pack

Check it offline, without the database:  npm run -s evidence:verify <this file>.zip
- manifest.json lists every file with its SHA-256; manifest.sig is an Ed25519 signature over
  manifest.json's exact bytes, by the key named in manifest.json (compare its id with the one
  the instance's administrator publishes).
- audit-chain.json holds the audit rows about this session and, for the rows in between, their
  content hashes, up to a checkpoint signed by the instance key: the rows are in the audit log as
  it was when the checkpoint was signed, unchanged.
- controls.json says which file serves which requirement (docs/evidence.md in the source).
`;

export type EvidencePack = { zip: Uint8Array; fileName: string; manifest: TManifest };

export async function buildSessionEvidence(prisma: PrismaClient, sessionId: string, viewer: SignedInUser, locale: Locale, key: SigningKey, now = new Date()): Promise<EvidencePack> {
  const report = await loadAar(prisma, sessionId, viewer, now);
  const session = await prisma.exerciseSession.findUniqueOrThrow({
    where: { id: sessionId },
    select: { id: true, anonymous: true, facilitatorId: true, grants: { select: { userId: true } }, scenario: { select: { slug: true, title: true, contentHash: true, document: true } } },
  });
  const [pdf, people, plan, segment] = await Promise.all([
    renderAarPdfOffThread(report, locale, now),
    attendance(prisma, report, session, viewer),
    improvements(prisma, report, now),
    loadSegment(prisma, aboutSessions([sessionId]), key),
  ]);
  const files: PackFile[] = [
    { path: "aar.pdf", bytes: new Uint8Array(pdf), purpose: "the after-action report as read by people" },
    { path: "aar.json", bytes: json(report), purpose: "the after-action report's data" },
    { path: "decision-log.json", bytes: json(decisionLog(report)), purpose: "every team decision with the time it was entered and locked" },
    { path: "attendance.json", bytes: json(people), purpose: "how many took part (counts under the anonymity threshold withheld)" },
    { path: "improvements.json", bytes: json(plan), purpose: "improvement items with their status history" },
    { path: "scenario.json", bytes: json({ slug: session.scenario.slug, title: session.scenario.title, contentHash: session.scenario.contentHash, document: session.scenario.document }), purpose: "the scenario version exercised" },
    { path: SEGMENT_FILE, bytes: json(segment), purpose: "the audit rows about this session, chained to a signed checkpoint" },
    { path: "README.txt", bytes: Buffer.from(README, "utf8"), purpose: "how to check this pack" },
  ];
  files.push({ path: "controls.json", bytes: json(controlMapping(new Set(files.map((f) => f.path)))), purpose: "which file serves which requirement" });
  const manifest: TManifest = {
    format: PACK_FORMAT,
    generatedAt: now.toISOString(),
    scope: { kind: "session", sessionIds: [sessionId], title: report.overview.title, from: report.overview.startedAt, to: report.overview.endedAt },
    exportedBy: { userId: viewer.id, role: viewer.role },
    key: { id: key.id, publicKey: key.publicKey },
    scenarios: [{ slug: session.scenario.slug, title: session.scenario.title, contentHash: session.scenario.contentHash }],
    files: describeFiles(files),
  };
  const signed = signManifest(manifest, key.sign);
  const entries: Record<string, [Uint8Array, { level: 0; mtime: Date }]> = {};
  const mtime = now;
  entries[MANIFEST_FILE] = [signed.manifest, { level: 0, mtime }];
  entries[SIGNATURE_FILE] = [signed.signature, { level: 0, mtime }];
  for (const f of files) entries[f.path] = [f.bytes, { level: 0, mtime }];
  const name = report.overview.title.normalize("NFKD").replace(/[^\w.-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "session";
  return { zip: zipSync(entries), fileName: `evidence-${name}-${now.toISOString().slice(0, 10)}.zip`, manifest };
}
