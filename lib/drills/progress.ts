// The facilitator's drill page data: the funnel (invited, opened, started, finished) per
// organisation team, each team's row withheld below k where the viewer's visibility says so
// or the drill is anonymous, and, per decision, the options chosen with the confidence and
// reasoning given, as lib/privacy/visibility.ts allows. SQL aggregates, no per-team loop.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { TScenario } from "@/lib/scenario";
import { suppressSmallGroup, type Suppressible } from "@/lib/privacy/suppression";
import type { SessionVisibility } from "@/lib/privacy/visibility";
import { drillPhase, type DrillPhase } from "@/lib/drills/lifecycle";

export type Funnel = { invited: number; opened: number; started: number; finished: number };
export type FunnelRow = { teamId: string | null; team: string | null; funnel: Suppressible<Funnel> };

export type DecisionSummary = {
  nodeId: string;
  prompt: string;
  justify: boolean;
  options: Suppressible<Array<{ optionId: string; label: string; count: number; meanConfidence: number | null }>>;
  /** Reasoning texts (raw visibility only), with the invitee's name in named drills. */
  reasoning: Array<{ optionId: string; text: string; confidence: number | null; who: string | null }> | null;
};

export type DrillProgress = {
  sessionId: string;
  title: string;
  anonymous: boolean;
  phase: DrillPhase;
  opensAt: string;
  closesAt: string;
  timerScale: number | null;
  openLink: boolean;
  total: Funnel;
  /** Runs started from the open link (no invitation). */
  openLinkRuns: { started: number; finished: number } | null;
  byTeam: FunnelRow[];
  decisions: DecisionSummary[];
  minGroupSize: number;
};

type FunnelSql = { team_id: string | null; team: string | null; invited: number; opened: number; started: number; finished: number };

export async function drillProgress(prisma: PrismaClient, sessionId: string, scenario: TScenario, visibility: SessionVisibility, k: number): Promise<DrillProgress> {
  const drill = await prisma.drill.findUniqueOrThrow({ where: { sessionId }, include: { session: { select: { title: true, anonymous: true } } } });
  const anonymous = drill.session.anonymous;
  const rows = await prisma.$queryRaw<FunnelSql[]>`
    select i.team_id, t.name as team, count(*)::int as invited, count(i.opened_at)::int as opened,
           count(i.started_at)::int as started, count(i.finished_at)::int as finished
    from drill_invitations i left join teams t on t.id = i.team_id
    where i.session_id = ${sessionId}
    group by i.team_id, t.name order by t.name nulls last`;
  // Every run, invited or not: in an anonymous drill a run does not say which invitation it came from.
  const [runs] = await prisma.$queryRaw<Array<{ started: number; finished: number }>>`
    select count(*)::int as started, count(finished_at)::int as finished from drill_runs where session_id = ${sessionId}`;
  const total: Funnel = { invited: 0, opened: 0, started: 0, finished: 0 };
  for (const r of rows) for (const key of ["invited", "opened", "started", "finished"] as const) total[key] += r[key];
  // Who finished, per small team, is about named people: withheld for aggregate viewers and in every anonymous drill.
  const withhold = visibility.withholdSmallGroups || anonymous;
  const byTeam = rows.map((r) => {
    const funnel = { invited: r.invited, opened: r.opened, started: r.started, finished: r.finished };
    return { teamId: r.team_id, team: r.team, funnel: withhold ? suppressSmallGroup(r.invited, k, funnel) : ({ suppressed: false, respondents: r.invited, value: funnel } as const) };
  });
  return {
    sessionId,
    title: drill.session.title,
    anonymous,
    phase: drillPhase(drill, new Date()),
    opensAt: drill.opensAt.toISOString(),
    closesAt: drill.closesAt.toISOString(),
    timerScale: drill.timerScale,
    openLink: drill.openTokenHash !== null,
    total,
    openLinkRuns: drill.openTokenHash ? { started: Math.max(0, (runs?.started ?? 0) - total.started), finished: Math.max(0, (runs?.finished ?? 0) - total.finished) } : null,
    byTeam,
    decisions: await decisionSummaries(prisma, sessionId, scenario, visibility, k, anonymous),
    minGroupSize: k,
  };
}

type OptionSql = { node_id: string; option_id: string; count: number; mean_confidence: number | null };
type ReasonSql = { node_id: string; option_id: string; reasoning: string; confidence: number | null; who: string | null };

async function decisionSummaries(prisma: PrismaClient, sessionId: string, scenario: TScenario, visibility: SessionVisibility, k: number, anonymous: boolean): Promise<DecisionSummary[]> {
  const counts = await prisma.$queryRaw<OptionSql[]>`
    select node_id, option_id, count(*)::int as count, avg(confidence)::float as mean_confidence
    from drill_answers where session_id = ${sessionId} group by node_id, option_id`;
  const reasons = visibility.answers
    ? await prisma.$queryRaw<ReasonSql[]>`
        select a.node_id, a.option_id, a.reasoning, a.confidence, coalesce(i.name, i.email) as who
        from drill_answers a join drill_runs r on r.id = a.run_id left join drill_invitations i on i.id = r.invitation_id
        where a.session_id = ${sessionId} and a.reasoning is not null order by a.answered_at`
    : [];
  const out: DecisionSummary[] = [];
  for (const node of scenario.nodes) {
    if (node.type !== "decision") continue;
    const mine = counts.filter((c) => c.node_id === node.id);
    const respondents = mine.reduce((a, c) => a + c.count, 0);
    if (respondents === 0) continue;
    const options = node.options.map((o) => {
      const c = mine.find((m) => m.option_id === o.id);
      return { optionId: o.id, label: o.label, count: c?.count ?? 0, meanConfidence: c?.mean_confidence ?? null };
    });
    const timeouts = mine.find((m) => m.option_id === "@timeout");
    if (timeouts) options.push({ optionId: "@timeout", label: "", count: timeouts.count, meanConfidence: null });
    out.push({
      nodeId: node.id,
      prompt: node.title ?? node.prompt,
      justify: node.justify === true,
      options: visibility.withholdSmallGroups ? suppressSmallGroup(respondents, k, options) : { suppressed: false, respondents, value: options },
      reasoning: visibility.answers
        ? reasons.filter((r) => r.node_id === node.id).map((r) => ({ optionId: r.option_id, text: r.reasoning, confidence: r.confidence, who: anonymous || !visibility.names ? null : r.who }))
        : null,
    });
  }
  return out;
}
