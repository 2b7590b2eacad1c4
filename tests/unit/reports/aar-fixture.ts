// Builds AarInput rows by playing a bundled scenario through the real engine: each team picks
// options by a strategy (or lets decisions time out), and the decisions, votes and events it
// leaves are what the session service would have recorded.
import fs from "node:fs";
import path from "node:path";
import { ZScenario, applyEvent, currentNode, describeOptions, startScenario, type TScenario } from "@/lib/scenario";
import type { AarInput } from "@/lib/reports/aar";

export function bundled(file: string): TScenario {
  return ZScenario.parse(JSON.parse(fs.readFileSync(path.join(__dirname, "../../../scenarios", file), "utf8")));
}

export type Strategy = "best" | "worst" | "first" | "timeout" | ((decisionId: string, optionIds: string[]) => string | "@timeout");

export type TeamPlan = {
  name: string;
  strategy: Strategy;
  members?: number;
  /** Voters per decision; 0 for a team that never voted. */
  voters?: number;
  /** Stop after this many decisions (an aborted session). */
  stopAfter?: number;
  orgTeamId?: string;
};

const T0 = Date.UTC(2026, 10, 20, 9, 0, 0);

export function play(scenario: TScenario, teams: TeamPlan[], options: { anonymous?: boolean; status?: AarInput["session"]["status"]; minGroupSize?: number; sessionId?: string } = {}): AarInput {
  const input: AarInput = {
    session: {
      id: options.sessionId ?? "s1",
      title: "Ransomware drill",
      status: options.status ?? "ENDED",
      anonymous: options.anonymous ?? false,
      locale: "en",
      createdAt: new Date(T0 - 60_000),
      startedAt: new Date(T0),
      endedAt: new Date(T0 + 3_600_000),
      facilitator: "Fran Facilitator",
    },
    scenario,
    teams: [],
    decisions: [],
    votes: [],
    responses: [],
    events: [],
    participantsJoined: 0,
    notes: [],
    overrides: [],
    findings: [],
    plan: [],
    history: [],
    minGroupSize: options.minGroupSize ?? 3,
    now: new Date(T0 + 7_200_000),
  };
  for (const [index, plan] of teams.entries()) {
    const teamId = `team-${index + 1}`;
    const members = plan.members ?? 4;
    const voters = plan.voters ?? Math.min(3, members);
    let state = startScenario(scenario);
    let clock = T0 + index * 1000;
    input.events.push({ sessionTeamId: teamId, type: "team.entered", payload: { nodeId: state.nodeId, visit: 1 }, createdAt: new Date(clock) });
    let made = 0;
    for (let guard = 0; state.status === "running" && guard < 200; guard++) {
      const node = currentNode(scenario, state)!;
      const from = state.nodeId;
      if (node.type === "inject") {
        clock += 60_000;
        const r = applyEvent(scenario, state, { type: "advance" });
        if (!r.ok) throw new Error(r.error.message);
        state = r.state;
        input.events.push({ sessionTeamId: teamId, type: "team.advanced", payload: { from, to: state.nodeId, visit: state.visits[state.nodeId] ?? 1 }, createdAt: new Date(clock) });
        continue;
      }
      if (node.type !== "decision") break;
      if (plan.stopAfter !== undefined && made >= plan.stopAfter) break;
      const available = describeOptions(scenario, state).filter((o) => o.available).map((o) => o.id);
      const total = (id: string) => Object.values(node.options.find((o) => o.id === id)?.score ?? {}).reduce((a, b) => a + b, 0);
      const choice =
        plan.strategy === "timeout" ? "@timeout"
        : plan.strategy === "first" ? available[0]
        : plan.strategy === "best" ? [...available].sort((a, b) => total(b) - total(a))[0]
        : plan.strategy === "worst" ? [...available].sort((a, b) => total(a) - total(b))[0]
        : plan.strategy(node.id, available);
      const visit = state.visits[node.id] ?? 1;
      const enteredAt = new Date(clock);
      clock += 120_000 + made * 30_000;
      const r = applyEvent(scenario, state, choice === "@timeout" ? { type: "timeout" } : { type: "choose", optionId: choice });
      if (!r.ok) throw new Error(r.error.message);
      const entry = r.state.history.slice(state.history.length).find((h) => h.event === "choose" || h.event === "timeout");
      const counts: Record<string, number> = {};
      for (let v = 0; v < voters; v++) {
        // Most voters vote for what was chosen; the last one disagrees when there is a choice.
        const optionId = choice !== "@timeout" && (v < voters - 1 || available.length === 1) ? choice : available.find((o) => o !== choice) ?? available[0];
        counts[optionId] = (counts[optionId] ?? 0) + 1;
        input.votes.push({ sessionTeamId: teamId, participantId: `${teamId}-p${v}`, nodeId: node.id, visit, optionId });
      }
      input.decisions.push({
        sessionTeamId: teamId,
        nodeId: node.id,
        visit,
        optionId: choice,
        method: choice === "@timeout" ? "timeout" : "majority",
        tally: { counts, counted: voters, total: voters },
        points: entry && "points" in entry ? entry.points : {},
        bestPoints: entry && "best" in entry ? entry.best : {},
        reason: null,
        enteredAt,
        decidedAt: new Date(clock),
      });
      state = r.state;
      made++;
      input.events.push({ sessionTeamId: teamId, type: "decision.locked", payload: { from, to: state.nodeId, visit: state.visits[state.nodeId] ?? 1, optionId: choice }, createdAt: new Date(clock) });
    }
    input.teams.push({ id: teamId, name: plan.name, orgTeamId: plan.orgTeamId ?? `org-${plan.name}`, memberCount: members, currentNodeId: state.nodeId, outcome: state.outcome ?? null });
    input.participantsJoined += members;
  }
  return input;
}
