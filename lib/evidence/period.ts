// Builds the evidence pack of a period and team(s): every ended session in the exporter's report
// scope (lib/reports/scope.ts) that matches the dashboard's filters (lib/reports/sql.ts), each in
// its own folder with the same files as a session pack (session-files.ts); index.json and
// README.txt summarising the period (period-index.ts); the improvement items of those teams that
// the exporter may see, with status history; and the audit rows about those sessions chained to
// a signed checkpoint. seal.ts signs and zips, so the same verifier checks it.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { SignedInUser } from "@/lib/auth/types";
import type { Locale } from "@/lib/i18n/config";
import { aboutSessions, loadSegment } from "@/lib/audit/segment";
import type { SigningKey } from "@/lib/audit/signing-key";
import { DomainError } from "@/lib/errors/domain-error";
import { visibleItems } from "@/lib/improvements/ledger";
import type { TReportFilters } from "@/lib/reports/filters";
import { PdfBusyError } from "@/lib/reports/pdf/render-gate";
import { reportScope } from "@/lib/reports/scope";
import { sessionConditions } from "@/lib/reports/sql";
import { SEGMENT_FILE, type PackFile } from "./manifest";
import { improvementRecords } from "./improvements";
import { packReadme } from "./pack";
import { buildPeriodIndex, periodSummaryText, type IndexedSession } from "./period-index";
import { fileStem, sealPack, type EvidencePack } from "./seal";
import { jsonBytes, sessionEvidenceFiles, type ScenarioVersion } from "./session-files";

/** Sessions one pack takes: each is a full AAR load; more is a request for a shorter period. */
const PERIOD_SESSION_LIMIT = 100;
/** AAR PDFs rendered into one pack when READYROOM_EVIDENCE_PDFS is not set (a render takes seconds). */
const DEFAULT_PDF_LIMIT = 5;

/** READYROOM_EVIDENCE_PDFS: AAR PDFs in one period pack, the most recent sessions first (0: none). */
function periodPdfLimit(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.READYROOM_EVIDENCE_PDFS;
  if (raw === undefined || raw.trim() === "") return DEFAULT_PDF_LIMIT;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > PERIOD_SESSION_LIMIT) throw new Error(`READYROOM_EVIDENCE_PDFS must be a whole number from 0 to ${PERIOD_SESSION_LIMIT}, not "${raw}"`);
  return n;
}

export type PeriodFilters = Pick<TReportFilters, "team" | "from" | "to" | "scenario">;

/**
 * The ended live sessions in scope and period, oldest first, that include one of the teams (or
 * any team); and how many closed drills the same filters leave out. A drill (mode DRILL) has no
 * team decisions, votes or attendance for the AAR to show (each person plays alone; its results
 * are per person, docs/drills.md), so its session files would be empty: the pack leaves drills
 * out and index.json says how many (period-index.ts).
 */
async function periodSessions(prisma: PrismaClient, viewer: SignedInUser, filters: PeriodFilters): Promise<{ ids: string[]; drills: number }> {
  const scope = reportScope(viewer);
  if (!scope) throw new DomainError("FORBIDDEN", "your role may not view reports, so it may not export their evidence");
  const conditions = sessionConditions(scope, { ...filters, bucket: "month", mode: "all" });
  const teams = filters.team.length ? Prisma.join(filters.team) : null;
  const teamCondition = teams ? Prisma.sql`and exists (select 1 from session_teams st where st.session_id = s.id and st.team_id in (${teams}))` : Prisma.empty;
  // A drill's people carry their organisation team on their invitation and run.
  const drillTeamCondition = teams
    ? Prisma.sql`and (exists (select 1 from drill_runs r where r.session_id = s.id and r.team_id in (${teams})) or exists (select 1 from drill_invitations i where i.session_id = s.id and i.team_id in (${teams})))`
    : Prisma.empty;
  const [rows, drills] = await Promise.all([
    prisma.$queryRaw<Array<{ id: string }>>`
      select s.id from exercise_sessions s join scenarios sc on sc.id = s.scenario_id
      where ${conditions} and s.mode = 'LIVE' ${teamCondition}
      order by coalesce(s.started_at, s.created_at) asc, s.id asc
      limit ${PERIOD_SESSION_LIMIT + 1}`,
    prisma.$queryRaw<Array<{ n: number }>>`
      select count(*)::int as n from exercise_sessions s join scenarios sc on sc.id = s.scenario_id
      where ${conditions} and s.mode = 'DRILL' ${drillTeamCondition}`,
  ]);
  return { ids: rows.map((r) => r.id), drills: drills[0]?.n ?? 0 };
}

function periodTitle(teams: Array<{ name: string }>, filters: PeriodFilters): string {
  const who = teams.length ? teams.map((t) => t.name).join(", ") : "All teams";
  const when = filters.from || filters.to ? `${filters.from ?? "…"} – ${filters.to ?? "…"}` : "all dates";
  return `${who}, ${when}`;
}

export async function buildPeriodEvidence(prisma: PrismaClient, viewer: SignedInUser, filters: PeriodFilters, locale: Locale, key: SigningKey, now = new Date()): Promise<EvidencePack> {
  const teams = filters.team.length ? await prisma.team.findMany({ where: { id: { in: filters.team } }, select: { id: true, name: true }, orderBy: { name: "asc" } }) : [];
  const unknown = filters.team.filter((id) => !teams.some((t) => t.id === id));
  if (unknown.length) throw new DomainError("TEAM_NOT_FOUND", `team: no organisation team has the id ${unknown.join(", ")}`, "/team");
  const { ids, drills } = await periodSessions(prisma, viewer, filters);
  const title = periodTitle(teams, filters);
  if (ids.length === 0) {
    const drillNote = drills ? ` (${drills} closed drill(s) match, but drills are not in evidence packs)` : "";
    throw new DomainError("EVIDENCE_EMPTY", `no ended session you may see falls in ${title}${filters.scenario ? ` (scenario ${filters.scenario})` : ""}${drillNote}: widen the dates or choose other teams`);
  }
  if (ids.length > PERIOD_SESSION_LIMIT) throw new DomainError("EVIDENCE_TOO_LARGE", `${title} holds more than ${PERIOD_SESSION_LIMIT} sessions; one pack takes at most ${PERIOD_SESSION_LIMIT}: choose a shorter period (from, to) or fewer teams`);

  // One session at a time: each is a full AAR load, and PDFs queue on one renderer anyway.
  const sessions: IndexedSession[] = [];
  const files: PackFile[] = [];
  const scenarios: ScenarioVersion[] = [];
  const pdfLimit = periodPdfLimit();
  const firstWithPdf = ids.length - pdfLimit;
  for (const [i, id] of ids.entries()) {
    const dir = `sessions/${String(i + 1).padStart(3, "0")}-${id}/`;
    const opts = { dir, now, pdfLocale: i >= firstWithPdf ? locale : null };
    let pdfBusy = false;
    const one = await sessionEvidenceFiles(prisma, id, viewer, opts).catch((e: unknown) => {
      // A busy renderer costs the pack a PDF, not the whole export; the index says which are missing.
      if (!PdfBusyError.is(e)) throw e;
      pdfBusy = true;
      return sessionEvidenceFiles(prisma, id, viewer, { ...opts, pdfLocale: null });
    });
    sessions.push({ report: one.report, dir, pdf: one.pdf, pdfBusy, scenario: one.scenario });
    files.push(...one.files);
    scenarios.push(one.scenario);
  }

  const teamIds = filters.team.length ? filters.team : [...new Set(sessions.flatMap((s) => s.report.teams.flatMap((t) => (t.orgTeamId ? [t.orgTeamId] : []))))];
  const visible = visibleItems(viewer) ?? { id: { in: [] } };
  const [items, segment] = await Promise.all([improvementRecords(prisma, { AND: [visible, { teamId: { in: teamIds } }] }, now), loadSegment(prisma, aboutSessions(ids), key)]);
  const index = buildPeriodIndex({
    period: { from: filters.from ?? null, to: filters.to ?? null, teams, scenario: filters.scenario ?? null },
    sessions,
    items,
    pdfLimit,
    drills,
    now,
  });
  files.unshift(
    { path: "index.json", bytes: jsonBytes(index), purpose: "the period: sessions, dates, ratings per capability, and what the pack shows per requirement" },
    { path: "README.txt", bytes: packReadme("these sessions", `\n${periodSummaryText(index)}`), purpose: "how to check this pack, and the period in words" },
  );
  files.push(
    { path: "improvements.json", bytes: jsonBytes({ teams: teamIds, items }), purpose: "improvement items of these teams with their status history" },
    { path: SEGMENT_FILE, bytes: jsonBytes(segment), purpose: "the audit rows about these sessions, chained to a signed checkpoint" },
  );
  const dates = index.sessions.map((s) => s.date);
  return sealPack({
    files,
    scope: { kind: "period", sessionIds: ids, title, from: filters.from ?? dates[0] ?? null, to: filters.to ?? dates.at(-1) ?? null },
    scenarios,
    viewer,
    key,
    now,
    fileName: `evidence-${fileStem(teams.map((t) => t.name).join("-"), "all-teams")}-${filters.from ?? dates[0]}-${filters.to ?? dates.at(-1)}.zip`,
  });
}
