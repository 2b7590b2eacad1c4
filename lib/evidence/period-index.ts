// index.json of a period evidence pack: the sessions in the period with their dates, scenario
// versions and final ratings per capability and team; which sessions' PDFs are inside; the
// improvement items' counts; and, per requirement of controls.json, a sentence saying what the
// pack shows for it ("PCI DSS 12.10.2: plan tested on 2026-05-04, within 12 months of …").
// Pure: the period pack (period.ts) hands it what it loaded.
import type { AarReport } from "@/lib/reports/aar";
import { CONTROLS } from "./controls";
import type { ImprovementRecord } from "./improvements";

/** `pdfBusy`: the session was due a PDF but the renderer's queue was full, so it went in without. */
export type IndexedSession = { report: AarReport; dir: string; pdf: boolean; pdfBusy?: boolean; scenario: { slug: string; contentHash: string } };
export type PeriodIndexInput = {
  period: { from: string | null; to: string | null; teams: Array<{ id: string; name: string }>; scenario: string | null };
  sessions: IndexedSession[];
  items: ImprovementRecord[];
  pdfLimit: number;
  /** Closed drills the same filters matched, left out of the pack (period.ts). */
  drills: number;
  now: Date;
};

/** Controls whose requirement is a test at least once every 12 months. */
const ANNUAL = new Set(["12.10.2", "Art. 11(6)"]);
/** Controls about learning from the exercises: what the improvement items show. */
const LEARNING = new Set(["5.27", "ID.IM-02", "ID.IM-04", "Art. 13", "45 CFR 164.308(a)(7)(ii)(D)"]);
const DAY_MS = 86_400_000;

const day = (iso: string) => iso.slice(0, 10);
const sessionDay = (r: AarReport) => day(r.overview.startedAt ?? r.overview.createdAt);

/** The day twelve calendar months before `isoDay` (clamped to the month's last day). */
export function twelveMonthsBefore(isoDay: string): string {
  const [y, m, d] = isoDay.split("-").map(Number);
  const last = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
  return new Date(Date.UTC(y - 1, m - 1, Math.min(d, last))).toISOString().slice(0, 10);
}

export function buildPeriodIndex(input: PeriodIndexInput) {
  const dates = input.sessions.map((s) => sessionDay(s.report)).sort();
  const latest = dates.at(-1) ?? null;
  const asOf = input.period.to ?? day(input.now.toISOString());
  const withinYear = latest !== null && latest >= twelveMonthsBefore(asOf);
  let longestGapDays = 0;
  for (let i = 1; i < dates.length; i++) longestGapDays = Math.max(longestGapDays, Math.round((Date.parse(dates[i]) - Date.parse(dates[i - 1])) / DAY_MS));
  const count = (pred: (i: ImprovementRecord) => boolean) => input.items.filter(pred).length;
  const items = {
    total: input.items.length,
    open: count((i) => i.status === "OPEN" || i.status === "IN_PROGRESS"),
    overdue: count((i) => i.overdue),
    done: count((i) => i.status === "DONE"),
    verified: count((i) => i.status === "VERIFIED"),
  };
  const withPdf = input.sessions.filter((s) => s.pdf);
  const busy = input.sessions.filter((s) => s.pdfBusy).map((s) => s.report.overview.sessionId);
  const n = input.sessions.length;

  const statement = (ref: string): string => {
    if (ANNUAL.has(ref)) {
      const gap = n > 1 ? `; longest gap between tests ${longestGapDays} days` : "";
      return `plan tested on ${dates.join(", ")}; latest test ${latest}, ${withinYear ? "within" : "NOT within"} 12 months of ${asOf}${gap}`;
    }
    if (LEARNING.has(ref)) return `${items.total} improvement item(s) of these teams: ${items.open} open (${items.overdue} overdue), ${items.done} done, ${items.verified} verified by a later exercise`;
    return `${n} exercise(s) between ${dates[0]} and ${latest}`;
  };

  return {
    period: { ...input.period, asOf },
    sessions: input.sessions.map(({ report, dir, pdf, pdfBusy, scenario }) => ({
      id: report.overview.sessionId,
      title: report.overview.title,
      date: sessionDay(report),
      startedAt: report.overview.startedAt,
      endedAt: report.overview.endedAt,
      scenario: { slug: scenario.slug, title: report.overview.scenario.title, contentHash: scenario.contentHash },
      folder: dir,
      pdf,
      ...(pdfBusy ? { pdfLeftOut: "the PDF renderer was busy when the pack was made" } : {}),
      teams: report.teams.map((t) => ({ id: t.id, name: t.name, orgTeamId: t.orgTeamId })),
      ratings: report.capabilities.map((c) => ({ capabilityId: c.id, name: c.name, ref: c.ref, teams: c.teams.map((t) => ({ team: t.teamName, final: t.withheld ? null : t.final, ...(t.withheld ? { withheld: true } : {}) })) })),
    })),
    pdfs: {
      limit: input.pdfLimit,
      included: withPdf.length,
      note:
        withPdf.length === n
          ? "every session's AAR PDF is inside"
          : `AAR PDFs of ${withPdf.length} session(s) are inside (the most recent, at most ${input.pdfLimit} per pack: rendering is slow${busy.length ? `; ${busy.length} left out because the PDF renderer was busy` : ""}); every session's aar.json holds the same report, and its PDF is in the session's own evidence pack`,
      leftOutBusy: busy,
    },
    drills: {
      excluded: input.drills,
      note: `drills (sessions each person plays alone) are not in evidence packs: they have no team decisions, votes or attendance for these files; ${input.drills} closed drill(s) matched this period and were left out, and their per-person results are on each drill's page`,
    },
    improvements: items,
    requirements: CONTROLS.map((c) => ({ framework: c.framework, ref: c.ref, title: c.title, statement: statement(c.ref) })),
  };
}

export type PeriodIndex = ReturnType<typeof buildPeriodIndex>;

/** The index as lines a person reads (README.txt of the pack). */
export function periodSummaryText(index: PeriodIndex): string {
  const lines = [
    `Period: ${index.period.from ?? "the beginning"} to ${index.period.to ?? index.period.asOf}; teams: ${index.period.teams.map((t) => t.name).join(", ") || "all"}`,
    `Sessions (${index.sessions.length}), each in its folder under sessions/:`,
    ...index.sessions.map((s) => `  ${s.date}  ${s.title} (${s.scenario.title})${s.pdf ? "" : "  [no PDF in this pack]"}`),
    `PDFs: ${index.pdfs.note}.`,
    `Drills: ${index.drills.note}.`,
    "What the pack shows per requirement:",
    ...index.requirements.map((r) => `  ${r.framework} ${r.ref}: ${r.statement}`),
  ];
  return lines.join("\n") + "\n";
}
