// Reads everything one session's after-action report needs from the database and hands it
// to assembleAar (aar.ts). Earlier sessions of the same organisation teams are read too, so
// the report can show whether a team improved and which plan items are still open; but only
// sessions whose report the viewer may open themselves: a team is shared across the
// organisation, another facilitator's sessions with it are not.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ZScenario } from "@/lib/scenario";
import { getSettings } from "@/lib/privacy/settings";
import type { SignedInUser } from "@/lib/auth/types";
import { DomainError } from "@/lib/errors/domain-error";
import { reportScope, scopeWhere } from "./scope";
import { recordedClocks } from "@/lib/session/clock-store";
import { assembleAar, type AarInput, type AarReport, type SessionStatusName } from "./aar";

/** How many earlier sessions per organisation team are compared against. */
const HISTORY_LIMIT = 20;

function label(user: { name: string | null; email: string } | null | undefined): string | null {
  return user ? (user.name ?? user.email) : null;
}

/**
 * The report of one session as `viewer` sees it. The caller has checked that the viewer may open
 * this session's report (sessionRoute, or the page's requireSessionScope); carried-over items and history come only from earlier
 * sessions the viewer may open too. An item whose session was deleted is shown to those who see
 * every session's report.
 */
export async function loadAar(prisma: PrismaClient, sessionId: string, viewer: Pick<SignedInUser, "id" | "role">, now: Date = new Date()): Promise<AarReport> {
  const scope = reportScope(viewer);
  if (!scope) throw new DomainError("FORBIDDEN", "you may not open after-action reports");
  const visible = scopeWhere(scope);
  const session = await prisma.exerciseSession.findUnique({
    where: { id: sessionId },
    include: {
      scenario: { select: { document: true } },
      facilitator: { select: { name: true, email: true } },
      teams: { orderBy: { position: "asc" }, include: { _count: { select: { participants: true } } } },
    },
  });
  if (!session) throw new DomainError("SESSION_NOT_FOUND", `session ${sessionId} does not exist`);
  const scenario = ZScenario.parse(session.scenario.document);
  const orgTeamIds = session.teams.flatMap((t) => (t.teamId ? [t.teamId] : []));
  const capabilityIds = scenario.capabilities.map((c) => c.id);

  const [decisions, votes, responses, events, participantRows, notes, overrides, findings, planRows, settings, earlierTeams] = await Promise.all([
    prisma.decision.findMany({ where: { sessionId }, orderBy: { decidedAt: "asc" } }),
    prisma.vote.findMany({ where: { sessionId }, select: { sessionTeamId: true, participantId: true, nodeId: true, visit: true, optionId: true } }),
    prisma.response.findMany({ where: { sessionId }, select: { sessionTeamId: true, participantId: true, nodeId: true, visit: true, questionId: true } }),
    prisma.sessionEvent.findMany({
      where: { sessionId, type: { in: ["team.entered", "team.advanced", "decision.locked", "participant.joined", "participant.assigned"] } },
      orderBy: { id: "asc" },
      select: { sessionTeamId: true, type: true, payload: true, createdAt: true },
    }),
    prisma.participant.count({ where: { sessionId } }),
    prisma.note.findMany({ where: { sessionId }, orderBy: { createdAt: "asc" } }),
    prisma.ratingOverride.findMany({ where: { sessionId } }),
    prisma.aarFinding.findMany({ where: { sessionId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] }),
    prisma.improvementItem.findMany({
      where: {
        OR: [
          { originSessionId: sessionId },
          // Carried over: this session's teams' items on its capabilities from earlier sessions,
          // still open, or closed since this session began.
          {
            teamId: { in: orgTeamIds },
            capabilityId: { in: capabilityIds },
            NOT: { originSessionId: sessionId },
            AND: [
              scope.kind === "all"
                ? { OR: [{ originSessionId: null }, { originSession: { createdAt: { lt: session.createdAt } } }] }
                : { originSession: { createdAt: { lt: session.createdAt }, ...visible } },
              { OR: [{ status: { in: ["OPEN", "IN_PROGRESS"] } }, { closedAt: { gte: session.createdAt } }] },
            ],
          },
        ],
      },
      include: { team: { select: { name: true } }, originSession: { select: { title: true, createdAt: true } } },
    }),
    getSettings(prisma),
    orgTeamIds.length
      ? prisma.sessionTeam.findMany({
          where: { teamId: { in: orgTeamIds }, sessionId: { not: sessionId }, session: { createdAt: { lt: session.createdAt }, status: { not: "LOBBY" }, ...visible } },
          orderBy: { session: { createdAt: "desc" } },
          take: HISTORY_LIMIT * orgTeamIds.length,
          select: {
            teamId: true,
            session: { select: { id: true, title: true, createdAt: true, startedAt: true } },
            decisions: { select: { points: true, bestPoints: true } },
            ratingOverrides: { select: { capabilityId: true, rating: true } },
          },
        })
      : Promise.resolve([]),
  ]);

  const authorIds = [...new Set([...notes, ...overrides, ...findings].flatMap((r) => (r.authorId ? [r.authorId] : [])))];
  const authors = new Map(
    (authorIds.length ? await prisma.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true, email: true } }) : []).map((u) => [u.id, label(u)]),
  );
  const author = (id: string | null) => (id ? (authors.get(id) ?? null) : null);

  // Members per team: the participant rows, or after retention the last team the event log assigned each person to.
  const memberCount = new Map<string, number>();
  const joined = new Set<string>();
  const lastTeam = new Map<string, string | null>();
  for (const e of events) {
    if (e.type !== "participant.joined" && e.type !== "participant.assigned") continue;
    const payload = (e.payload ?? {}) as { participantId?: unknown; teamId?: unknown };
    if (typeof payload.participantId !== "string") continue;
    joined.add(payload.participantId);
    lastTeam.set(payload.participantId, typeof payload.teamId === "string" ? payload.teamId : null);
  }
  for (const team of session.teams) {
    memberCount.set(team.id, participantRows > 0 ? team._count.participants : [...lastTeam.values()].filter((t) => t === team.id).length);
  }

  const clockRecords = scenario.clocks.length > 0 ? await recordedClocks(prisma, { sessionId }) : undefined;
  const input: AarInput = {
    session: {
      id: session.id,
      title: session.title,
      status: session.status as SessionStatusName,
      anonymous: session.anonymous,
      locale: session.locale,
      createdAt: session.createdAt,
      startedAt: session.startedAt,
      endedAt: session.endedAt,
      facilitator: label(session.facilitator),
    },
    scenario,
    teams: session.teams.map((t) => {
      const state = (t.state ?? null) as { nodeId?: string; outcome?: string | null } | null;
      return { id: t.id, name: t.name, orgTeamId: t.teamId, memberCount: memberCount.get(t.id) ?? 0, currentNodeId: state?.nodeId ?? null, outcome: state?.outcome ?? null };
    }),
    decisions,
    clockRecords,
    votes,
    responses,
    events: events.filter((e) => e.type !== "participant.joined" && e.type !== "participant.assigned"),
    participantsJoined: Math.max(joined.size, participantRows),
    notes: notes.map((n) => ({ id: n.id, sessionTeamId: n.sessionTeamId, nodeId: n.nodeId, text: n.text, author: author(n.authorId), createdAt: n.createdAt })),
    overrides: overrides.map((o) => ({ sessionTeamId: o.sessionTeamId, capabilityId: o.capabilityId, proposed: o.proposed, rating: o.rating, rationale: o.rationale, author: author(o.authorId), updatedAt: o.updatedAt })),
    findings: findings.map((f) => ({ id: f.id, sessionTeamId: f.sessionTeamId, capabilityId: f.capabilityId, kind: f.kind, text: f.text, position: f.position, author: author(f.authorId), updatedAt: f.updatedAt })),
    plan: planRows.map((p) => ({
      id: p.id,
      originSessionId: p.originSessionId,
      originTitle: p.originSession?.title ?? null,
      originDate: p.originSession?.createdAt ?? null,
      teamId: p.teamId,
      teamName: p.team?.name ?? null,
      capabilityId: p.capabilityId,
      action: p.action,
      owner: p.owner,
      dueDate: p.dueDate,
      status: p.status,
      closedAt: p.closedAt,
      updatedAt: p.updatedAt,
    })),
    history: earlierTeams.flatMap((t) =>
      t.teamId
        ? [{ sessionId: t.session.id, title: t.session.title, date: t.session.startedAt ?? t.session.createdAt, orgTeamId: t.teamId, decisions: t.decisions, overrides: t.ratingOverrides }]
        : [],
    ),
    minGroupSize: settings.minGroupSize,
    now,
  };
  return assembleAar(input);
}
