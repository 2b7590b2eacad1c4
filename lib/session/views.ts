// What participants and facilitators see of a session: plain, serialisable views built
// from stored rows and the scenario. Participant views never carry scores or feedback
// of options not yet chosen, so nobody can read the "right answer" off the wire.
import {
  currentNode,
  describeOptions,
  TEAM_VOTE,
  type EngineState,
  type TMedia,
  type TScenario,
} from "@/lib/scenario";
import type { Withheld } from "@/lib/privacy/suppression";
import { asState, teamPhase, visitOf, type TeamPhase } from "@/lib/session/lifecycle";

export type NodeView =
  | {
      type: "inject";
      id: string;
      title: string;
      body: string;
      media: TMedia[];
      audience: string[] | null;
      /** Questions with the roles they are for (null: everyone); clients show their own. */
      questions: Array<{ id: string; text: string; kind: "text" | "scale"; roles: string[] | null }>;
    }
  | {
      type: "decision";
      id: string;
      title: string | null;
      prompt: string;
      decidedBy: string;
      /** Owner roles (format 1.1): when one is held in the team, only their votes decide; absent when none. */
      owner?: string[];
      timeLimitSeconds: number | null;
      options: Array<{ id: string; label: string; available: boolean }>;
    }
  | { type: "end"; id: string; title: string; outcome: string; debrief: string };

/** `timedOut`: time ran out and no option was chosen (shown as a warning, never as the team's decision). */
export type LastDecision = { nodeId: string; optionId: string; label: string; feedback: string | null; method: string; timedOut: boolean };

export type TeamView = {
  id: string;
  name: string;
  /** Increases with every change of the team's state; clients drop pushes older than what they show. */
  revision: number;
  phase: TeamPhase;
  node: NodeView | null;
  visit: number;
  deadlineAt: string | null;
  remainingMs: number | null;
  lastDecision: LastDecision | null;
  /**
   * How the team voted at its last locked decision, once the facilitator revealed it to the
   * room (the present screen), so every member's device shows it too; null before the
   * reveal, after it is hidden, and once the team locks another decision.
   */
  revealed: RoomReveal | null;
};

/** A revealed vote distribution: the distribution, or why it is withheld (fewer than k votes), exactly as the present screen shows it. */
export type RoomReveal = { decision: DecisionReveal; withheld: null } | { decision: null; withheld: Withheld };

/** What `session_teams.reveal` holds: the reveal as redacted for the room, and the choices the team had made then. */
export type StoredReveal = { choices: number; shown: RoomReveal };

/** Decisions a team has locked so far (each visit of a loop counts): a reveal belongs to one of them. */
export function choicesMade(state: EngineState): number {
  return state.history.filter((h) => h.event === "choose" || h.event === "timeout").length;
}

/** The stored reveal while it is still about the team's last locked decision, else null. */
export function revealedNow(stored: unknown, state: EngineState | null): RoomReveal | null {
  if (!state || !stored || typeof stored !== "object") return null;
  const reveal = stored as Partial<StoredReveal>;
  return reveal.choices === choicesMade(state) && reveal.shown ? reveal.shown : null;
}

export function nodeView(scenario: TScenario, state: EngineState): NodeView | null {
  const node = currentNode(scenario, state);
  if (!node) return null;
  switch (node.type) {
    case "inject":
      return {
        type: "inject",
        id: node.id,
        title: node.title,
        body: node.body,
        media: node.media ?? [],
        audience: node.audience ?? null,
        questions: (node.questions ?? []).map((q) => ({ id: q.id, text: q.text, kind: q.kind, roles: q.roles ?? null })),
      };
    case "decision":
      return {
        type: "decision",
        id: node.id,
        title: node.title ?? null,
        prompt: node.prompt,
        decidedBy: node.decidedBy ?? TEAM_VOTE,
        ...(node.owner?.length ? { owner: node.owner } : {}),
        timeLimitSeconds: node.timeLimitSeconds ?? null,
        options: describeOptions(scenario, state),
      };
    case "end":
      return { type: "end", id: node.id, title: node.title, outcome: node.outcome, debrief: node.debrief };
    default:
      return null;
  }
}

/** A team's view from its stored row (`state` as stored) and its session's status. */
export function teamView(
  session: { status: string },
  team: { id: string; name: string; revision: number; state: unknown; deadlineAt: Date | null; timerRemainingMs: number | null; reveal?: unknown },
  scenario: TScenario,
  lastMethod: string | null,
): TeamView {
  const state = asState(team.state);
  return {
    id: team.id,
    name: team.name,
    revision: team.revision,
    phase: teamPhase(session.status, !!state),
    node: state ? nodeView(scenario, state) : null,
    visit: state ? visitOf(state) : 0,
    deadlineAt: team.deadlineAt?.toISOString() ?? null,
    remainingMs: team.timerRemainingMs,
    lastDecision: state ? lastDecisionView(scenario, state, lastMethod) : null,
    revealed: revealedNow(team.reveal, state),
  };
}

/** The feedback the team sees after its decision was locked. */
export function lastDecisionView(scenario: TScenario, state: EngineState, method: string | null): LastDecision | null {
  for (let i = state.history.length - 1; i >= 0; i--) {
    const h = state.history[i];
    if (h.event !== "choose" && h.event !== "timeout") continue;
    const node = scenario.nodes.find((n) => n.id === h.nodeId);
    if (node?.type !== "decision") return null;
    if (h.event === "timeout") return { nodeId: node.id, optionId: h.choice, label: "Time ran out", feedback: null, method: method ?? "timeout", timedOut: true };
    const option = node.options.find((o) => o.id === h.choice);
    return { nodeId: node.id, optionId: h.choice, label: option?.label ?? h.choice, feedback: option?.feedback ?? null, method: method ?? "majority", timedOut: false };
  }
  return null;
}

export type ParticipantView = {
  session: { id: string; title: string; status: string; anonymous: boolean; selfAssign: boolean; locale: string; scenarioTitle: string; scenarioLocale: string };
  me: { id: string; displayName: string; teamId: string | null; roleId: string | null };
  teams: Array<{ id: string; name: string }>;
  roles: Array<{ id: string; name: string; description: string | null }>;
  team: TeamView | null;
  /** The option this participant voted for at the team's current decision visit. */
  myVote: string | null;
  /** This participant's answers at the team's current inject visit, by question id. */
  myAnswers: Record<string, { text: string | null; value: number | null }>;
  serverTime: string;
};

/** How a team voted at its last locked decision, for the present screen's reveal. */
export type DecisionReveal = {
  nodeId: string;
  visit: number;
  title: string | null;
  prompt: string;
  /** The option the decision went to ("@timeout" when time ran out). */
  chosenOptionId: string;
  options: Array<{ id: string; label: string; votes: number }>;
  /** Votes cast: the respondents the distribution is judged by (k). */
  total: number;
};

/** The reveal of a locked decision from its recorded tally (`{ counts, total }` as stored). */
export function decisionReveal(scenario: TScenario, last: { nodeId: string; visit: number; optionId: string; tally: unknown } | undefined): DecisionReveal | null {
  if (!last) return null;
  const node = scenario.nodes.find((n) => n.id === last.nodeId);
  if (node?.type !== "decision") return null;
  const recorded = (last.tally ?? {}) as { counts?: Record<string, unknown>; total?: unknown };
  const votes = (id: string) => (typeof recorded.counts?.[id] === "number" ? (recorded.counts[id] as number) : 0);
  const options = node.options.map((o) => ({ id: o.id, label: o.label, votes: votes(o.id) }));
  const sum = options.reduce((n, o) => n + o.votes, 0);
  const total = typeof recorded.total === "number" ? Math.max(recorded.total, sum) : sum;
  // Nobody voted (time ran out in silence): there is no distribution to reveal.
  if (total === 0) return null;
  return { nodeId: node.id, visit: last.visit, title: node.title ?? null, prompt: node.prompt, chosenOptionId: last.optionId, options, total };
}

export type ConsoleTeam = TeamView & {
  scores: Record<string, number>;
  outcome: string | null;
  members: number;
  tally: { counts: Record<string, number>; counted: number; total: number; winner: string | null; tied: string[]; method: string } | null;
  /** Who voted for what; empty in anonymous sessions. */
  voters: Array<{ participantId: string; displayName: string; optionId: string }>;
  /** Set when the viewer may not see this team's small-group figures (lib/privacy/visibility.ts). */
  withheld?: Withheld | null;
  /** How the team voted at its last locked decision; null until one is locked, or when withheld. */
  reveal: DecisionReveal | null;
  /** Set when the reveal is withheld: fewer than k votes (it is shown to the whole room). */
  revealWithheld?: Withheld | null;
  /** At a decision whose owner roles nobody in the team holds: those roles (the console warns before the lock); else []. */
  withoutOwner?: string[];
};

export type ConsoleView = {
  session: {
    id: string;
    title: string;
    status: string;
    anonymous: boolean;
    selfAssign: boolean;
    locale: string;
    joinCode: string;
    joinUrl: string;
    scenarioTitle: string;
    /** The scenario's content language (its text is not translated). */
    scenarioLocale: string;
    contentHash: string;
    startedAt: string | null;
    endedAt: string | null;
  };
  /** `decides`: the role casts the vote of at least one decision (the lobby checks each team holds it). */
  roles: Array<{ id: string; name: string; decides?: boolean }>;
  capabilities: Array<{ id: string; name: string }>;
  teams: ConsoleTeam[];
  roster: RosterEntry[];
  answers: Array<{ id: string; teamId: string; participant: string; nodeId: string; question: string; text: string | null; value: number | null; at: string }>;
  notes: Array<{ id: string; teamId: string | null; nodeId: string | null; text: string; at: string }>;
  serverTime: string;
};

export type RosterEntry = { id: string; displayName: string; teamId: string | null; roleId: string | null; connected: boolean };

/** The roster's changes since the push numbered `base`; `size` is the roster's length after them. */
export type RosterChanges = { base: number; upsert: RosterEntry[]; remove: string[]; size: number };

/**
 * What `console:state` carries: the console view with the whole roster, or only the roster
 * entries that changed since an earlier push (lib/realtime/roster-delta.ts). Each push is
 * numbered by `rosterVersion`.
 */
export type ConsoleUpdate = Omit<ConsoleView, "roster"> & { rosterVersion: number; tallySeq?: number } & (
    | { roster: RosterEntry[]; rosterChanges?: undefined }
    | { roster?: undefined; rosterChanges: RosterChanges }
  );

/**
 * One team's live tally at its open decision, pushed between console builds
 * (`console:tally`): `tally` and `withheld` exactly as the watcher's level sees them in a
 * `console:state` (lib/privacy/visibility.ts), for decision `nodeId` at `visit` only.
 */
export type TeamTally = { teamId: string; nodeId: string; visit: number; tally: ConsoleTeam["tally"]; withheld: Withheld | null };

/**
 * What `console:tally` carries. `tallySeq` orders it against `console:state` (which carries
 * the `tallySeq` of its build): a client applies it only when it is newer than what it shows.
 */
export type ConsoleTallies = { sessionId: string; tallySeq: number; teams: TeamTally[]; serverTime: string };
