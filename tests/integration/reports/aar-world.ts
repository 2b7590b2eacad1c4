// Plays exercises on a running app's own database through the real session service, so the
// AAR routes are tested on the rows a session really leaves: decisions, votes, events, notes.
import { createDatabaseClient } from "@/lib/db/connect";
import { attachKeyring } from "@/lib/privacy/crypto/keyring";
import { FileKekSource } from "@/lib/privacy/crypto/kek";
import { readRunningAddress } from "@/lib/db/embedded";
import { ZScenario, applyEvent, currentNode, describeOptions, startScenario, type EngineState, type TScenario } from "@/lib/scenario";
import { scoreReadiness, type ReadinessReport } from "@/lib/scoring";
import { SessionService, type ParticipantIdentity, type TimerHost } from "@/lib/session/service";
import type { SignedInUser } from "@/lib/auth/types";
import type { AppHandle } from "../../helpers/app";

class NoTimers implements TimerHost {
  schedule() {}
  cancel() {}
}

export type Choice = (decisionId: string, available: Array<{ id: string; total: number }>) => string;
export const BEST: Choice = (_, a) => [...a].sort((x, y) => y.total - x.total)[0].id;
export const WORST: Choice = (_, a) => [...a].sort((x, y) => x.total - y.total)[0].id;

type DecisionNode = Extract<TScenario["nodes"][number], { type: "decision" }>;

/** The options on offer at a decision, each with the sum of its score: what a Choice picks from. */
function onOffer(doc: TScenario, state: EngineState, node: DecisionNode): Array<{ id: string; total: number }> {
  return describeOptions(doc, state)
    .filter((o) => o.available)
    .map((o) => ({ id: o.id, total: Object.values(node.options.find((x) => x.id === o.id)?.score ?? {}).reduce((a, b) => a + b, 0) }));
}

/**
 * The readiness a team that always picks with `choose` earns, worked out by the engine and
 * lib/scoring alone, without a session: what the AAR of a played session must show for it.
 */
export function expectedReadiness(doc: TScenario, choose: Choice): ReadinessReport {
  let state = startScenario(doc);
  const decisions: Array<{ points: Record<string, number>; bestPoints: Record<string, number> }> = [];
  for (let guard = 0; state.status === "running" && guard < 100; guard++) {
    const node = currentNode(doc, state)!;
    if (node.type !== "inject" && node.type !== "decision") break;
    const event = node.type === "inject" ? ({ type: "advance" } as const) : ({ type: "choose", optionId: choose(node.id, onOffer(doc, state, node)) } as const);
    const result = applyEvent(doc, state, event);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    const made = result.state.history.slice(state.history.length).find((h) => h.event === "choose");
    if (made && "points" in made) decisions.push({ points: made.points, bestPoints: made.best });
    state = result.state;
  }
  return scoreReadiness(doc, decisions);
}

export async function openWorld(app: AppHandle) {
  const address = readRunningAddress(app.dataDir);
  if (!address) throw new Error("the app's embedded database address is not recorded");
  const prisma = createDatabaseClient(address.url);
  attachKeyring(prisma, FileKekSource.inDataDir(app.dataDir));
  const service = new SessionService(prisma, undefined, new NoTimers(), () => app.url);
  const user = async (email: string): Promise<SignedInUser> => {
    const u = await prisma.user.findUniqueOrThrow({ where: { email } });
    return { id: u.id, email: u.email, name: u.name, role: u.role };
  };
  let n = 0;
  const k = (p: string) => `${p}-${++n}-${Date.now()}`;

  async function scenario(slug: string): Promise<{ id: string; doc: TScenario }> {
    const row = await prisma.scenario.findFirstOrThrow({ where: { slug }, orderBy: { createdAt: "desc" } });
    return { id: row.id, doc: ZScenario.parse(row.document) };
  }

  /**
   * One session: each team gets `voters` participants who all vote for what `choose` picks
   * (the last one dissents when there is a choice); the facilitator locks and advances to the end.
   */
  async function play(opts: {
    facilitator: SignedInUser;
    slug: string;
    title: string;
    teams: Array<{ name: string; choose: Choice; voters: number; stopAfter?: number }>;
    anonymous?: boolean;
    end?: boolean;
    note?: string;
  }) {
    const { id: scenarioId, doc } = await scenario(opts.slug);
    const created = await service.createSession(opts.facilitator, { scenarioId, title: opts.title, teams: opts.teams.map((t) => t.name), anonymous: opts.anonymous ?? false });
    const session = await prisma.exerciseSession.findUniqueOrThrow({ where: { id: created.id }, include: { teams: true } });
    const teamIds = new Map(session.teams.map((t) => [t.name, t.id]));
    const players = new Map<string, ParticipantIdentity[]>();
    for (const team of opts.teams) {
      const list: ParticipantIdentity[] = [];
      for (let i = 0; i < team.voters; i++) {
        const j = await service.joinSession({ code: created.joinCode, displayName: `${team.name} ${i + 1}`, teamId: teamIds.get(team.name) });
        list.push(await service.participantByToken(j.token));
      }
      players.set(team.name, list);
    }
    await service.command(opts.facilitator, created.id, { type: "start" }, k("start"));
    if (opts.note) await service.command(opts.facilitator, created.id, { type: "note", teamId: teamIds.get(opts.teams[0].name), text: opts.note }, k("note"));
    for (const team of opts.teams) {
      const teamId = teamIds.get(team.name)!;
      let decisions = 0;
      for (let guard = 0; guard < 100; guard++) {
        const row = await prisma.sessionTeam.findUniqueOrThrow({ where: { id: teamId } });
        const state = row.state as unknown as EngineState;
        if (state.status !== "running") break;
        const node = currentNode(doc, state)!;
        if (node.type === "inject") {
          await service.command(opts.facilitator, created.id, { type: "advance", teamId }, k("advance"));
          continue;
        }
        if (node.type !== "decision" || (team.stopAfter !== undefined && decisions >= team.stopAfter)) break;
        const available = onOffer(doc, state, node);
        const optionId = team.choose(node.id, available);
        const visit = state.visits[node.id] ?? 1;
        const voters = players.get(team.name)!;
        for (const [i, voter] of voters.entries()) {
          const dissent = i === voters.length - 1 && voters.length > 1 ? available.find((o) => o.id !== optionId)?.id : undefined;
          await service.castVote(voter, { nodeId: node.id, visit, optionId: dissent ?? optionId }, k("vote"));
        }
        await service.command(opts.facilitator, created.id, { type: "lock", teamId, optionId }, k("lock"));
        decisions++;
      }
    }
    if (opts.end ?? true) await service.command(opts.facilitator, created.id, { type: "end" }, k("end"));
    return { sessionId: created.id, teamIds };
  }

  return { prisma, service, user, scenario, play, close: () => prisma.$disconnect() };
}
