// One locked decision, read-only, for the drill-down: what the team was asked, what was on
// offer, what it chose and how, the points against the best, the vote counts (hidden for a
// small group) and, where the viewer may see raw responses, the answers given on the way there.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { withParticipant } from "@/lib/privacy/crypto/personal-fields";
import { canViewReport } from "@/lib/auth/permissions";
import { loadSessionScope } from "@/lib/auth/session-scope";
import type { SignedInUser } from "@/lib/auth/types";
import { ZScenario, TIMEOUT_CHOICE, type TDecisionNode, type TInjectNode } from "@/lib/scenario";
import { ZPoints } from "@/lib/scoring";
import { suppressSmallGroup, type Suppressible } from "@/lib/privacy/suppression";
import { sessionVisibility } from "@/lib/privacy/visibility";
import { figures, type Figures } from "./dashboard";

export type DecisionDetail = {
  id: string;
  session: { id: string; title: string; status: string; anonymous: boolean; scenarioTitle: string };
  team: { sessionTeamId: string; name: string; teamId: string | null };
  nodeId: string;
  visit: number;
  title: string | null;
  prompt: string | null;
  optionId: string;
  timedOut: boolean;
  method: string;
  reason: string | null;
  enteredAt: Date;
  decidedAt: Date;
  options: Array<{ id: string; label: string; chosen: boolean; total: number }>;
  capabilities: Array<{ id: string; name: string } & Figures>;
  votes: Suppressible<Array<{ optionId: string; count: number }>>;
  /** null: the viewer may not see raw responses of this session; []: none kept (or retention deleted them). */
  answers: Array<{ questionId: string; question: string; author: string; text: string | null; value: number | null }> | null;
};

export type DecisionLoad = { kind: "missing" } | { kind: "forbidden" } | { kind: "ok"; detail: DecisionDetail };

export async function loadDecision(prisma: PrismaClient, user: SignedInUser, id: string, minGroupSize: number): Promise<DecisionLoad> {
  const d = await prisma.decision.findUnique({
    where: { id },
    include: {
      sessionTeam: { select: { id: true, name: true, teamId: true } },
      session: { select: { id: true, title: true, status: true, anonymous: true, scenario: { select: { title: true, document: true } } } },
    },
  });
  if (!d) return { kind: "missing" };
  const scope = await loadSessionScope(d.session.id, prisma);
  if (!canViewReport(user, scope)) return { kind: "forbidden" };

  const scenario = ZScenario.safeParse(d.session.scenario.document);
  const nodes = scenario.success ? scenario.data.nodes : [];
  const node = nodes.find((n): n is TDecisionNode => n.type === "decision" && n.id === d.nodeId);
  const names = new Map((scenario.success ? scenario.data.capabilities : []).map((c) => [c.id, c.name]));
  const points = ZPoints.safeParse(d.points).data ?? {};
  const best = ZPoints.safeParse(d.bestPoints).data ?? {};
  const ids = [...new Set([...Object.keys(best), ...Object.keys(points)])];
  const order = [...names.keys()];
  ids.sort((a, b) => (order.indexOf(a) + 1 || 1e9) - (order.indexOf(b) + 1 || 1e9) || a.localeCompare(b));

  const tally = (d.tally ?? {}) as { counts?: Record<string, unknown>; total?: unknown };
  const total = typeof tally.total === "number" ? tally.total : 0;
  const counts = Object.entries(tally.counts ?? {}).flatMap(([optionId, n]) => (typeof n === "number" ? [{ optionId, count: n }] : []));

  let answers: DecisionDetail["answers"] = null;
  if (sessionVisibility(user, scope)?.answers) {
    // Questions sit on injects: the answers beside a decision are those to the injects that lead to it.
    const injects = nodes.filter((n): n is TInjectNode => n.type === "inject" && n.next === d.nodeId);
    const questions = new Map(injects.flatMap((n) => (n.questions ?? []).map((q) => [`${n.id}\u0000${q.id}`, q.text] as const)));
    const rows = injects.length
      ? await withParticipant(
          prisma,
          await prisma.response.findMany({
            where: { sessionId: d.sessionId, sessionTeamId: d.sessionTeamId, visit: d.visit, nodeId: { in: injects.map((n) => n.id) } },
            include: { participant: { select: { id: true, displayName: true } } },
            orderBy: { createdAt: "asc" },
          }),
        )
      : [];
    answers = rows.map((r) => ({ questionId: r.questionId, question: questions.get(`${r.nodeId}\u0000${r.questionId}`) ?? r.questionId, author: r.participant.displayName, text: r.text, value: r.value }));
  }

  return {
    kind: "ok",
    detail: {
      id: d.id,
      session: { id: d.session.id, title: d.session.title, status: d.session.status, anonymous: d.session.anonymous, scenarioTitle: d.session.scenario.title },
      team: { sessionTeamId: d.sessionTeam.id, name: d.sessionTeam.name, teamId: d.sessionTeam.teamId },
      nodeId: d.nodeId,
      visit: d.visit,
      title: node?.title ?? null,
      prompt: node?.prompt ?? null,
      optionId: d.optionId,
      timedOut: d.optionId === TIMEOUT_CHOICE,
      method: d.method,
      reason: d.reason,
      enteredAt: d.enteredAt,
      decidedAt: d.decidedAt,
      options: (node?.options ?? []).map((o) => ({ id: o.id, label: o.label, chosen: o.id === d.optionId, total: Object.values(o.score ?? {}).reduce((a, b) => a + b, 0) })),
      capabilities: ids.map((cid) => ({ id: cid, name: names.get(cid) ?? cid, ...figures(points[cid] ?? 0, best[cid] ?? 0, 1) })),
      votes: suppressSmallGroup(total, minGroupSize, counts),
      answers,
    },
  };
}
