// The read models of a live session, built from stored rows and the scenario: the team
// view pushed to a team, a participant's own view, the facilitator's console, the join
// form's facts, and the results of a session. Personal fields are decrypted here
// (lib/privacy/crypto); redaction by viewer is lib/session/viewer.ts.
import { currentNode } from "@/lib/scenario";
import { readAnswers, readDisplayName, readDisplayNames, withAnswers } from "@/lib/privacy/crypto/personal-fields";
import { formatJoinCode } from "@/lib/session/join-code";
import { joinUrlOf } from "@/lib/session/join-link";
import { tallyVotes, type Tally } from "@/lib/session/tally";
import { decidersOf, missingOwners } from "@/lib/session/decision-rights";
import { DomainError } from "@/lib/errors/domain-error";
import { asState, visitOf } from "@/lib/session/lifecycle";
import { decidingRoleIds } from "@/lib/session/readiness";
import { decisionVotes, lastDecisions, lastMethod, sessionTeams, TEAM_COLUMNS, teamFromSql, type TeamSqlRow } from "@/lib/session/store";
import { decisionReveal, teamView, type ConsoleView, type ParticipantView, type TeamView } from "@/lib/session/views";
import type { SessionContext } from "@/lib/session/context";

export class ReadModels {
  constructor(private readonly ctx: SessionContext) {}

  /** Who must hear about a session-wide change: its teams, and participants not yet in one. */
  async sessionAudience(sessionId: string): Promise<{ teamIds: string[]; unassignedParticipantIds: string[] }> {
    const [teams, unassigned] = await Promise.all([
      this.ctx.prisma.sessionTeam.findMany({ where: { sessionId }, select: { id: true } }),
      this.ctx.prisma.participant.findMany({ where: { sessionId, sessionTeamId: null }, select: { id: true } }),
    ]);
    return { teamIds: teams.map((t) => t.id), unassignedParticipantIds: unassigned.map((p) => p.id) };
  }

  /** What the join form needs before someone joins: anonymity, and teams and roles to pick. */
  async joinInfo(sessionId: string) {
    const session = await this.ctx.prisma.exerciseSession.findUniqueOrThrow({ where: { id: sessionId }, include: { teams: { orderBy: { position: "asc" }, select: { id: true, name: true } } } });
    const scenario = await this.ctx.scenarios.get(session.scenarioId);
    return {
      id: session.id,
      title: session.title,
      anonymous: session.anonymous,
      selfAssign: session.selfAssign,
      locale: session.locale,
      scenarioLocale: scenario.locale,
      teams: session.teams,
      roles: scenario.roles.map((r) => ({ id: r.id, name: r.name })),
    };
  }

  /** The team-wide view pushed to everyone in a team (no personal data). */
  async teamBroadcastView(teamId: string): Promise<TeamView & { sessionId: string }> {
    const [row] = await this.ctx.prisma.$queryRaw<Array<TeamSqlRow & { status: string; scenario_id: string }>>`
      select ${TEAM_COLUMNS}, s.status::text as status, s.scenario_id
      from session_teams t join exercise_sessions s on s.id = t.session_id where t.id = ${teamId}`;
    if (!row) throw new DomainError("TEAM_NOT_FOUND", `team ${teamId} does not exist`);
    const scenario = await this.ctx.scenarios.get(row.scenario_id);
    return { sessionId: row.session_id, ...teamView({ status: row.status }, teamFromSql(row), scenario, await lastMethod(this.ctx.prisma, row.id)) };
  }

  async participantView(participantId: string): Promise<ParticipantView> {
    const [p] = await this.ctx.prisma.$queryRaw<
      Array<{ id: string; display_name: string; team_id: string | null; role_id: string | null; session_id: string; title: string; status: string; anonymous: boolean; self_assign: boolean; locale: string; scenario_id: string; scenario_title: string; scenario_locale: string }>
    >`select p.id, p.display_name, p.session_team_id as team_id, p.role_id,
             s.id as session_id, s.title, s.status::text as status, s.anonymous, s.self_assign, s.locale, s.scenario_id,
             sc.title as scenario_title, sc.locale as scenario_locale
      from participants p join exercise_sessions s on s.id = p.session_id join scenarios sc on sc.id = s.scenario_id
      where p.id = ${participantId}`;
    if (!p) throw new DomainError("PARTICIPANT_UNKNOWN", "your place in the session was not found; join again with the code");
    const teams = await sessionTeams(this.ctx.prisma, p.session_id);
    const scenario = await this.ctx.scenarios.get(p.scenario_id);
    const team = teams.find((t) => t.id === p.team_id) ?? null;
    const mine = team ? teamView({ status: p.status }, team, scenario, await lastMethod(this.ctx.prisma, team.id)) : null;
    let myVote: string | null = null;
    const myAnswers: Record<string, { text: string | null; value: number | null }> = {};
    if (mine?.node) {
      if (mine.node.type === "decision") {
        const [v] = await this.ctx.prisma.$queryRaw<Array<{ option_id: string }>>`
          select option_id from votes where participant_id = ${p.id} and node_id = ${mine.node.id} and visit = ${mine.visit}`;
        myVote = v?.option_id ?? null;
      }
      const answers = await this.ctx.prisma.$queryRaw<Array<{ question_id: string; text: string | null; value: number | null }>>`
        select question_id, text, value from responses where participant_id = ${p.id} and node_id = ${mine.node.id} and visit = ${mine.visit}`;
      const texts = await readAnswers(this.ctx.prisma, answers.map((a) => ({ participantId: p.id, text: a.text })));
      answers.forEach((a, i) => (myAnswers[a.question_id] = { text: texts[i], value: a.value === null ? null : Number(a.value) }));
    }
    return {
      session: { id: p.session_id, title: p.title, status: p.status, anonymous: p.anonymous, selfAssign: p.self_assign, locale: p.locale, scenarioTitle: p.scenario_title, scenarioLocale: p.scenario_locale },
      me: { id: p.id, displayName: await readDisplayName(this.ctx.prisma, p.id, p.display_name), teamId: p.team_id, roleId: p.role_id },
      teams: teams.map((t) => ({ id: t.id, name: t.name })),
      roles: scenario.roles.map((r) => ({ id: r.id, name: r.name, description: r.description ?? null })),
      team: mine,
      myVote,
      myAnswers,
      serverTime: new Date().toISOString(),
    };
  }

  async consoleView(sessionId: string, connected: (participantId: string) => boolean = () => false): Promise<ConsoleView> {
    const [row] = await this.ctx.prisma.$queryRaw<
      Array<{ id: string; title: string; status: string; anonymous: boolean; self_assign: boolean; locale: string; join_code: string; scenario_id: string; scenario_title: string; content_hash: string; started_at: Date | null; ended_at: Date | null }>
    >`select s.id, s.title, s.status::text as status, s.anonymous, s.self_assign, s.locale, s.join_code, s.scenario_id, s.started_at, s.ended_at,
             sc.title as scenario_title, sc.content_hash
      from exercise_sessions s join scenarios sc on sc.id = s.scenario_id where s.id = ${sessionId}`;
    if (!row) throw new DomainError("SESSION_NOT_FOUND", `session ${sessionId} does not exist`);
    const session = { status: row.status };
    const teamRows = await sessionTeams(this.ctx.prisma, sessionId);
    // The roster and the open decisions' votes are the parts that grow with the session
    // (thousands of rows in a company-wide drill): read as plain rows, not model objects.
    const participants = await this.ctx.prisma.$queryRaw<Array<{ id: string; display_name: string; team_id: string | null; role_id: string | null }>>`
      select id, display_name, session_team_id as team_id, role_id from participants where session_id = ${sessionId} order by joined_at, id`;
    const scenario = await this.ctx.scenarios.get(row.scenario_id);
    const names = await readDisplayNames(this.ctx.prisma, participants.map((p) => ({ id: p.id, displayName: p.display_name })));
    const members = new Map<string, number>();
    for (const p of participants) if (p.team_id) members.set(p.team_id, (members.get(p.team_id) ?? 0) + 1);
    const heldRoles = new Map<string, Set<string>>();
    for (const p of participants) if (p.team_id && p.role_id) heldRoles.set(p.team_id, (heldRoles.get(p.team_id) ?? new Set<string>()).add(p.role_id));
    const locked = await lastDecisions(this.ctx.prisma, sessionId);
    const teams = [];
    for (const team of teamRows) {
      const state = asState(team.state);
      const node = state ? currentNode(scenario, state) : undefined;
      let tally: Tally | null = null;
      let voters: Array<{ participantId: string; displayName: string; optionId: string }> = [];
      let withoutOwner: string[] = [];
      const held = heldRoles.get(team.id) ?? new Set<string>();
      if (state && node?.type === "decision") {
        const votes = await decisionVotes(this.ctx.prisma, team.id, node.id, visitOf(state));
        tally = tallyVotes(votes, decidersOf(node, held), node.options.map((o) => o.id));
        withoutOwner = missingOwners(node, held);
        voters = votes.map((v) => ({ participantId: v.participantId, displayName: names.get(v.participantId) ?? "—", optionId: v.optionId }));
      }
      teams.push({
        ...teamView(session, team, scenario, await lastMethod(this.ctx.prisma, team.id)),
        scores: state?.scores ?? {},
        outcome: state?.outcome ?? null,
        members: members.get(team.id) ?? 0,
        tally,
        voters: row.anonymous ? [] : voters,
        reveal: decisionReveal(scenario, locked.get(team.id)),
        withoutOwner,
      });
    }
    const answers = await this.ctx.prisma.$queryRaw<Array<{ id: string; team_id: string; participant_id: string; node_id: string; question_id: string; text: string | null; value: number | null; updated_at: Date }>>`
      select id, session_team_id as team_id, participant_id, node_id, question_id, text, value, updated_at
      from responses where session_id = ${sessionId} order by updated_at desc limit 200`;
    const answerTexts = await readAnswers(this.ctx.prisma, answers.map((a) => ({ participantId: a.participant_id, text: a.text })));
    const notes = await this.ctx.prisma.$queryRaw<Array<{ id: string; team_id: string | null; node_id: string | null; text: string; created_at: Date }>>`
      select id, session_team_id as team_id, node_id, text, created_at from notes where session_id = ${sessionId} order by created_at desc limit 200`;
    const deciding = decidingRoleIds(scenario);
    const questionText = new Map<string, string>();
    for (const n of scenario.nodes) if (n.type === "inject") for (const q of n.questions ?? []) questionText.set(`${n.id}/${q.id}`, q.text);
    return {
      session: {
        id: row.id,
        title: row.title,
        status: row.status,
        anonymous: row.anonymous,
        selfAssign: row.self_assign,
        locale: row.locale,
        joinCode: formatJoinCode(row.join_code),
        joinUrl: joinUrlOf(this.ctx.publicUrl(), formatJoinCode(row.join_code)),
        scenarioTitle: row.scenario_title,
        scenarioLocale: scenario.locale,
        contentHash: row.content_hash,
        startedAt: row.started_at?.toISOString() ?? null,
        endedAt: row.ended_at?.toISOString() ?? null,
      },
      roles: scenario.roles.map((r) => ({ id: r.id, name: r.name, decides: deciding.includes(r.id) })),
      capabilities: scenario.capabilities.map((c) => ({ id: c.id, name: c.name })),
      teams,
      roster: participants.map((p) => ({ id: p.id, displayName: names.get(p.id) ?? "—", teamId: p.team_id, roleId: p.role_id, connected: connected(p.id) })),
      answers: answers.map((a, i) => ({
        id: a.id,
        teamId: a.team_id,
        participant: names.get(a.participant_id) ?? "—",
        nodeId: a.node_id,
        question: questionText.get(`${a.node_id}/${a.question_id}`) ?? a.question_id,
        text: answerTexts[i],
        value: a.value === null ? null : Number(a.value),
        at: a.updated_at.toISOString(),
      })),
      notes: notes.map((n) => ({ id: n.id, teamId: n.team_id, nodeId: n.node_id, text: n.text, at: n.created_at.toISOString() })),
      serverTime: new Date().toISOString(),
    };
  }

  /** Everything a team did, for the results API and the admin CLI. */
  async results(sessionId: string) {
    const session = await this.ctx.prisma.exerciseSession.findUniqueOrThrow({ where: { id: sessionId }, include: { teams: { orderBy: { position: "asc" } }, scenario: true } });
    const scenario = await this.ctx.scenarios.get(session.scenarioId);
    const [decisions, votes, sealedResponses, participants] = await Promise.all([
      this.ctx.prisma.decision.findMany({ where: { sessionId }, orderBy: { decidedAt: "asc" } }),
      this.ctx.prisma.vote.findMany({ where: { sessionId }, orderBy: { createdAt: "asc" } }),
      this.ctx.prisma.response.findMany({ where: { sessionId }, orderBy: { createdAt: "asc" } }),
      this.ctx.prisma.participant.findMany({ where: { sessionId } }),
    ]);
    const name = await readDisplayNames(this.ctx.prisma, participants);
    const responses = await withAnswers(this.ctx.prisma, sealedResponses);
    return {
      session: { id: session.id, title: session.title, status: session.status, anonymous: session.anonymous, startedAt: session.startedAt, endedAt: session.endedAt },
      scenario: { id: session.scenarioId, slug: session.scenario.slug, title: scenario.title, contentHash: session.scenario.contentHash },
      teams: session.teams.map((team) => {
        const state = asState(team.state);
        return {
          id: team.id,
          name: team.name,
          path: state?.history.filter((h) => h.event === "enter").map((h) => h.nodeId) ?? [],
          currentNode: state?.nodeId ?? null,
          outcome: state?.outcome ?? null,
          scores: state?.scores ?? {},
          decisions: decisions.filter((d) => d.sessionTeamId === team.id).map((d) => ({ nodeId: d.nodeId, visit: d.visit, optionId: d.optionId, method: d.method, tally: d.tally, points: d.points, bestPoints: d.bestPoints, reason: d.reason, enteredAt: d.enteredAt, decidedAt: d.decidedAt })),
          votes: votes.filter((v) => v.sessionTeamId === team.id).map((v) => ({ participant: name.get(v.participantId), nodeId: v.nodeId, visit: v.visit, optionId: v.optionId, at: v.updatedAt })),
          answers: responses.filter((r) => r.sessionTeamId === team.id).map((r) => ({ participant: name.get(r.participantId), nodeId: r.nodeId, visit: r.visit, questionId: r.questionId, text: r.text, value: r.value, at: r.updatedAt })),
        };
      }),
    };
  }
}
