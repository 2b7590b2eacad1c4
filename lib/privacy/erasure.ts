// A participant's rights over their own data: erasure (on an admin's request) and export
// (by the participant themselves, for named sessions). Erasure deletes the participant's
// data key (their name and answers were encrypted under it), the participant row, their
// answers, votes and replay records, and recomputes the stored tally of every decision
// they voted in, so aggregates no longer count them; then the KEK is rotated and the
// tables vacuumed (lib/privacy/crypto/shred.ts), so no copy of the key can be unwrapped.
import { z } from "zod";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { audit, type AuditActor } from "@/lib/audit/log";
import { TEAM_VOTE, ZScenario, type TDecisionNode, type TScenario } from "@/lib/scenario";
import { tallyVotes } from "@/lib/session/tally";
import { getSettings, retentionDeadline } from "@/lib/privacy/settings";
import { keyringOf } from "@/lib/privacy/crypto/keyring";
import { readAnswers, readDisplayName, readDisplayNames } from "@/lib/privacy/crypto/personal-fields";
import { shredDeletedKeys, type ShredResult } from "@/lib/privacy/crypto/shred";
import { DomainError } from "@/lib/errors/domain-error";

/** `GET /api/participants`: whom to look for, by session (and name) or by staff account. */
export const ZParticipantSearch = z.strictObject({
  sessionId: z.string().trim().min(1).max(64).optional(),
  displayName: z.string().trim().max(80).optional(),
  userId: z.string().trim().min(1).max(64).optional(),
});


const NOT_FOUND = "no participant with this id; their data may already have been erased or deleted under the retention policy";

/** Replay records of a participant's own commands are keyed `<kind>:<participantId>:<key>`. */
const PARTICIPANT_COMMAND_KINDS = ["vote", "answer", "assign"] as const;

function parseScenario(document: unknown): TScenario | null {
  const r = ZScenario.safeParse(document);
  return r.success ? r.data : null;
}

export type ErasureResult = { participantId: string; sessionId: string; responses: number; votes: number; processedCommands: number; decisionsRecomputed: number; dataKeys: number } & Partial<ShredResult>;

export async function eraseParticipant(prisma: PrismaClient, actor: AuditActor, participantId: string): Promise<ErasureResult> {
  const found = await prisma.participant.findUnique({
    where: { id: participantId },
    select: { sessionId: true, session: { select: { scenario: { select: { document: true } } } } },
  });
  if (!found) throw new DomainError("PARTICIPANT_NOT_FOUND", NOT_FOUND);
  const sessionId = found.sessionId;
  const scenario = parseScenario(found.session.scenario.document);

  const keyring = keyringOf(prisma);
  const erased = await prisma.$transaction(async (tx) => {
    // The session service locks a team row before it tallies or records votes; holding
    // every team of the session means no decision is locked with this participant's vote
    // while they are being erased (the session may be running).
    await tx.$queryRaw`select id from session_teams where session_id = ${sessionId} order by id for update`;
    const participant = await tx.participant.findUnique({ where: { id: participantId }, select: { id: true } });
    if (!participant) throw new DomainError("PARTICIPANT_NOT_FOUND", NOT_FOUND);

    const votes = await tx.vote.findMany({ where: { participantId }, select: { sessionTeamId: true, nodeId: true, visit: true } });
    // The key first: from here on nothing this person wrote can be decrypted.
    const dataKeys = await keyring.deleteParticipantKeys(tx, [participantId]);
    const responses = await tx.response.deleteMany({ where: { participantId } });
    await tx.vote.deleteMany({ where: { participantId } });
    const processedCommands = await tx.processedCommand.deleteMany({
      where: { sessionId, OR: PARTICIPANT_COMMAND_KINDS.map((kind) => ({ key: { startsWith: `${kind}:${participantId}:` } })) },
    });
    // Deleting the row (not renaming it) also voids the resume token: a connected socket's
    // next command fails with PARTICIPANT_UNKNOWN.
    await tx.participant.delete({ where: { id: participantId } });

    let decisionsRecomputed = 0;
    for (const vote of votes) {
      const decision = await tx.decision.findUnique({ where: { sessionTeamId_nodeId_visit: vote } });
      // No decision yet: the live tally is computed from the votes table and no longer sees it.
      if (!decision || !isStoredTally(decision.tally)) continue;
      const node = scenario?.nodes.find((n): n is TDecisionNode => n.id === vote.nodeId && n.type === "decision");
      if (!node) continue;
      const remaining = await tx.vote.findMany({
        where: vote,
        select: { participantId: true, optionId: true, participant: { select: { roleId: true } } },
      });
      const tally = tallyVotes(
        remaining.map((v) => ({ participantId: v.participantId, optionId: v.optionId, roleId: v.participant.roleId })),
        node.decidedBy ?? TEAM_VOTE,
        node.options.map((o) => o.id),
      );
      // The decision itself stands; only the counts behind it change.
      const stored = { ...decision.tally, counts: tally.counts, counted: tally.counted, total: tally.total };
      await tx.decision.update({ where: { id: decision.id }, data: { tally: stored as Prisma.InputJsonValue } });
      decisionsRecomputed++;
    }

    const result: ErasureResult = {
      participantId,
      sessionId,
      responses: responses.count,
      votes: votes.length,
      processedCommands: processedCommands.count,
      decisionsRecomputed,
      dataKeys,
    };
    await audit(tx, actor, "delete", "user", participantId, { kind: "participant", ...result });
    return result;
  });
  return { ...erased, ...(await shredDeletedKeys(prisma)) };
}

function isStoredTally(value: unknown): value is { counts: Record<string, number>; counted: number; total: number } {
  return !!value && typeof value === "object" && "counts" in value;
}

export type ParticipantExport = {
  format: "readyroom.participant-export.v1";
  exportedAt: string;
  participant: { id: string; displayName: string; role: { id: string; name: string } | null; team: string | null; joinedAt: string };
  session: { id: string; title: string; scenario: string; status: string; startedAt: string | null; endedAt: string | null };
  answers: Array<{ inject: string; question: string; nodeId: string; questionId: string; visit: number; text: string | null; value: number | null; answeredAt: string }>;
  votes: Array<{ decision: string; option: string; nodeId: string; optionId: string; visit: number; votedAt: string }>;
  retention: { retentionDays: number; rawDataDeletedAfter: string | null };
};

/**
 * Everything stored about one participant of a named session, with the scenario's own
 * wording for each question and option. Anonymous sessions are refused: nothing links
 * their rows to a person. The export is audited.
 */
export async function exportParticipant(
  prisma: PrismaClient,
  participantId: string,
  actor: AuditActor = { system: "participant (own data export)" },
): Promise<ParticipantExport> {
  const p = await prisma.participant.findUnique({
    where: { id: participantId },
    include: {
      session: { include: { scenario: { select: { title: true, document: true } } } },
      sessionTeam: { select: { name: true } },
      responses: { orderBy: { createdAt: "asc" } },
      votes: { orderBy: { createdAt: "asc" } },
    },
  });
  if (!p) throw new DomainError("PARTICIPANT_NOT_FOUND", NOT_FOUND);
  if (p.session.anonymous) {
    throw new DomainError(
      "ANONYMOUS_SESSION",
      "this session was anonymous: your answers are stored under a pseudonym that is not linked to you, so there is nothing personal to export beyond what your screen shows",
    );
  }
  const scenario = parseScenario(p.session.scenario.document);
  const nodes = new Map((scenario?.nodes ?? []).map((n) => [n.id, n]));
  const { retentionDays } = await getSettings(prisma);
  const endedAt = p.session.endedAt;

  const [displayName, texts] = [await readDisplayName(prisma, p.id, p.displayName), await readAnswers(prisma, p.responses)];
  const data: ParticipantExport = {
    format: "readyroom.participant-export.v1",
    exportedAt: new Date().toISOString(),
    participant: {
      id: p.id,
      displayName,
      role: p.roleId ? { id: p.roleId, name: scenario?.roles.find((r) => r.id === p.roleId)?.name ?? p.roleId } : null,
      team: p.sessionTeam?.name ?? null,
      joinedAt: p.joinedAt.toISOString(),
    },
    session: {
      id: p.session.id,
      title: p.session.title,
      scenario: p.session.scenario.title,
      status: p.session.status,
      startedAt: p.session.startedAt?.toISOString() ?? null,
      endedAt: endedAt?.toISOString() ?? null,
    },
    answers: p.responses.map((r, i) => {
      const node = nodes.get(r.nodeId);
      const inject = node?.type === "inject" ? node : undefined;
      return {
        inject: inject?.title ?? r.nodeId,
        question: inject?.questions?.find((q) => q.id === r.questionId)?.text ?? r.questionId,
        nodeId: r.nodeId,
        questionId: r.questionId,
        visit: r.visit,
        text: texts[i],
        value: r.value,
        answeredAt: r.updatedAt.toISOString(),
      };
    }),
    votes: p.votes.map((v) => {
      const node = nodes.get(v.nodeId);
      const decision = node?.type === "decision" ? node : undefined;
      return {
        decision: decision?.title ?? v.nodeId,
        option: decision?.options.find((o) => o.id === v.optionId)?.label ?? v.optionId,
        nodeId: v.nodeId,
        optionId: v.optionId,
        visit: v.visit,
        votedAt: v.updatedAt.toISOString(),
      };
    }),
    retention: { retentionDays, rawDataDeletedAfter: endedAt ? retentionDeadline(endedAt, retentionDays).toISOString() : null },
  };
  await audit(prisma, actor, "export", "responses", p.id, { kind: "participant", sessionId: p.session.id, answers: data.answers.length, votes: data.votes.length });
  return data;
}

export type ParticipantMatch = {
  id: string;
  displayName: string;
  joinedAt: string;
  team: string | null;
  linkedToAccount: boolean;
  session: { id: string; title: string; status: string; anonymous: boolean; createdAt: string };
  answers: number;
  votes: number;
};

/**
 * Finds participants to erase: in one session by display name (part of it, any case), or
 * everywhere for one staff account (rows linked to it, and named-session rows carrying
 * its name). Anonymous sessions' pseudonyms are listed only when searched by session.
 */
export async function findParticipants(
  prisma: PrismaClient,
  query: { sessionId?: string; displayName?: string; userId?: string },
): Promise<ParticipantMatch[]> {
  const name = query.displayName?.trim().toLocaleLowerCase();
  if (!query.sessionId && !query.userId) return [];
  // Names are encrypted: the candidates are read, decrypted here, and matched in memory.
  const labels: string[] = [];
  const or: Prisma.ParticipantWhereInput[] = [];
  if (query.userId) {
    const user = await prisma.user.findUnique({ where: { id: query.userId }, select: { id: true, name: true, email: true } });
    if (!user) return [];
    or.push({ userId: user.id }, { session: { anonymous: false } });
    labels.push(...[user.name, user.email].filter((v): v is string => !!v).map((l) => l.toLocaleLowerCase()));
  }
  const candidates = await prisma.participant.findMany({
    where: { ...(query.sessionId ? { sessionId: query.sessionId } : {}), ...(or.length ? { OR: or } : {}) },
    select: { id: true, displayName: true, userId: true },
    orderBy: { joinedAt: "desc" },
  });
  const names = await readDisplayNames(prisma, candidates);
  const matching = candidates.filter((c) => {
    const plain = names.get(c.id)!.toLocaleLowerCase();
    if (name && !plain.includes(name)) return false;
    return !query.userId || c.userId === query.userId || labels.includes(plain);
  });
  const rows = await prisma.participant.findMany({
    where: { id: { in: matching.slice(0, 200).map((c) => c.id) } },
    orderBy: { joinedAt: "desc" },
    include: {
      session: { select: { id: true, title: true, status: true, anonymous: true, createdAt: true } },
      sessionTeam: { select: { name: true } },
      _count: { select: { responses: true, votes: true } },
    },
  });
  return rows.map((p) => ({
    id: p.id,
    displayName: names.get(p.id)!,
    joinedAt: p.joinedAt.toISOString(),
    team: p.sessionTeam?.name ?? null,
    linkedToAccount: p.userId !== null,
    session: { id: p.session.id, title: p.session.title, status: p.session.status, anonymous: p.session.anonymous, createdAt: p.session.createdAt.toISOString() },
    answers: p._count.responses,
    votes: p._count.votes,
  }));
}

/** What the erasure page offers to search in: recent sessions and the staff accounts. */
export async function erasureSearchOptions(prisma: PrismaClient) {
  const [sessions, users] = await Promise.all([
    prisma.exerciseSession.findMany({ orderBy: { createdAt: "desc" }, take: 200, select: { id: true, title: true, createdAt: true, status: true, anonymous: true } }),
    prisma.user.findMany({ orderBy: { email: "asc" }, take: 500, select: { id: true, email: true } }),
  ]);
  return { sessions, users };
}
