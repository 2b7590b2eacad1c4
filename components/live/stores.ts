// Client state of a live exercise: a participant store and a console store, fed only
// by what the server pushes (participant:state, team:state, console:state) and by acks.
// The exported functions are the only way components change them.
import { create } from "zustand";
import type { ConsoleCommand } from "@/lib/realtime/contract";
import { RequestError, type ConnectionState, type RealtimeClient } from "@/lib/realtime/client";
import type { ConsoleTallies, ConsoleUpdate, ConsoleView, ParticipantView, TeamView } from "@/lib/session/views";
import { applyRosterUpdate } from "@/lib/realtime/roster-delta";

/** A refusal or failure: `code` is stable (the interface shows its own text for it); `message` is the server's English. */
export type Problem = { code: string; message: string; path?: string };
export type SaveStatus = { state: "saving" | "saved" | "error"; problem?: Problem };
export type CommandResult = { ok: true; result: unknown } | { ok: false; code: string; message: string; path?: string };

/** Identifies one visit of one node, so state of an earlier visit is never shown for a later one. */
export function nodeKey(team: Pick<TeamView, "node" | "visit"> | null | undefined): string | null {
  return team?.node ? `${team.node.id}#${team.visit}` : null;
}

function offsetFrom(serverTime: string | undefined): number | null {
  const t = serverTime ? Date.parse(serverTime) : NaN;
  return Number.isFinite(t) ? t - Date.now() : null;
}

function describeFailure(e: unknown): Problem {
  if (e instanceof RequestError) return { code: e.code, message: e.message, ...(e.path ? { path: e.path } : {}) };
  return { code: "UNKNOWN", message: "something went wrong; try again" };
}

const PHASE_STATUS: Record<TeamView["phase"], string> = { lobby: "LOBBY", running: "RUNNING", paused: "PAUSED", ended: "ENDED" };

// ---------------------------------------------------------------- participant

type ParticipantState = {
  client: RealtimeClient | null;
  connection: ConnectionState;
  view: ParticipantView | null;
  /** Server clock minus this clock, for countdowns. */
  clockOffsetMs: number;
  /** Why this browser cannot take part (never joined here, or its place is gone). */
  problem: Problem | null;
  /** The option whose vote is on its way; the confirmation shows only after the ack. */
  pendingVote: string | null;
  voteError: Problem | null;
  /** Save state of answers at the current node visit, by question id. */
  answers: Record<string, SaveStatus>;
  teamError: Problem | null;
};

export const useParticipantStore = create<ParticipantState>()(() => ({
  client: null,
  connection: "connecting",
  view: null,
  clockOffsetMs: 0,
  problem: null,
  pendingVote: null,
  voteError: null,
  answers: {},
  teamError: null,
}));

const freshVisit = { pendingVote: null, voteError: null, answers: {} } as const;

export function attachParticipantClient(client: RealtimeClient | null) {
  useParticipantStore.setState({ client, ...(client ? {} : { view: null }) });
}

export function setParticipantConnection(connection: ConnectionState) {
  useParticipantStore.setState({ connection });
}

export function setParticipantProblem(problem: Problem | null) {
  useParticipantStore.setState({ problem });
}

export function setParticipantClock(serverTime: string) {
  const offset = offsetFrom(serverTime);
  if (offset !== null) useParticipantStore.setState({ clockOffsetMs: offset });
}

/** A complete view (resume, join, participant:state): replaces what we had. */
export function applyParticipantView(view: ParticipantView) {
  const before = useParticipantStore.getState().view;
  const moved = nodeKey(before?.team) !== nodeKey(view.team);
  useParticipantStore.setState({
    view,
    problem: null,
    clockOffsetMs: offsetFrom(view.serverTime) ?? useParticipantStore.getState().clockOffsetMs,
    ...(moved ? freshVisit : {}),
  });
}

/** The team's shared state moved on (new node, lock, pause, timer). */
export function applyTeamState(payload: TeamView & { sessionId: string; serverTime: string }) {
  const { sessionId, serverTime, ...team } = payload;
  const { view, clockOffsetMs } = useParticipantStore.getState();
  if (!view || view.session.id !== sessionId || view.me.teamId !== team.id) return;
  // Pushes can overtake each other; an older revision never replaces a newer one.
  if (view.team && view.team.id === team.id && team.revision < view.team.revision) return;
  const moved = nodeKey(view.team) !== nodeKey(team);
  useParticipantStore.setState({
    view: {
      ...view,
      session: { ...view.session, status: PHASE_STATUS[team.phase] },
      team,
      myVote: moved ? null : view.myVote,
      myAnswers: moved ? {} : view.myAnswers,
    },
    clockOffsetMs: offsetFrom(serverTime) ?? clockOffsetMs,
    ...(moved ? freshVisit : {}),
  });
}

export async function castVote(optionId: string) {
  const { client, view, pendingVote } = useParticipantStore.getState();
  const node = view?.team?.node;
  if (!client || !view?.team || node?.type !== "decision" || pendingVote) return;
  const key = nodeKey(view.team);
  useParticipantStore.setState({ pendingVote: optionId, voteError: null });
  try {
    const { vote } = await client.send("vote:cast", { nodeId: node.id, visit: view.team.visit, optionId });
    const now = useParticipantStore.getState();
    if (!now.view || nodeKey(now.view.team) !== key) return;
    useParticipantStore.setState({ view: { ...now.view, myVote: vote.optionId }, pendingVote: null });
  } catch (e) {
    if (nodeKey(useParticipantStore.getState().view?.team) !== key) return;
    useParticipantStore.setState({ pendingVote: null, voteError: describeFailure(e) });
  }
}

export async function submitAnswer(questionId: string, answer: { text: string } | { value: number }) {
  const { client, view } = useParticipantStore.getState();
  const node = view?.team?.node;
  if (!client || !view?.team || node?.type !== "inject") return;
  const key = nodeKey(view.team);
  const setStatus = (status: SaveStatus) =>
    useParticipantStore.setState((s) => ({ answers: { ...s.answers, [questionId]: status } }));
  setStatus({ state: "saving" });
  try {
    await client.send("answer:submit", { nodeId: node.id, visit: view.team.visit, questionId, ...answer });
    const now = useParticipantStore.getState();
    if (!now.view || nodeKey(now.view.team) !== key) return;
    const saved = { text: "text" in answer ? answer.text : null, value: "value" in answer ? answer.value : null };
    useParticipantStore.setState({ view: { ...now.view, myAnswers: { ...now.view.myAnswers, [questionId]: saved } } });
    setStatus({ state: "saved" });
  } catch (e) {
    if (nodeKey(useParticipantStore.getState().view?.team) !== key) return;
    setStatus({ state: "error", problem: describeFailure(e) });
  }
}

export async function chooseTeam(teamId: string, roleId: string | null): Promise<boolean> {
  const { client } = useParticipantStore.getState();
  if (!client) return false;
  useParticipantStore.setState({ teamError: null });
  try {
    const { view } = await client.send("participant:team", { teamId, roleId });
    applyParticipantView(view);
    return true;
  } catch (e) {
    useParticipantStore.setState({ teamError: describeFailure(e) });
    return false;
  }
}

// ---------------------------------------------------------------- console

type ConsoleState = {
  client: RealtimeClient | null;
  connection: ConnectionState;
  view: ConsoleView | null;
  /** The number of the push the roster came from (null: from console:watch, outside the chain). */
  rosterVersion: number | null;
  /** The tally sequence number of what the tallies show (console:state's or console:tally's); older pushes are dropped. */
  tallySeq: number;
  clockOffsetMs: number;
  problem: Problem | null;
};

export const useConsoleStore = create<ConsoleState>()(() => ({
  client: null,
  connection: "connecting",
  view: null,
  rosterVersion: null,
  tallySeq: 0,
  clockOffsetMs: 0,
  problem: null,
}));

export function attachConsoleClient(client: RealtimeClient | null) {
  useConsoleStore.setState({ client });
}

export function setConsoleConnection(connection: ConnectionState) {
  useConsoleStore.setState({ connection });
}

export function setConsoleProblem(problem: Problem | null) {
  useConsoleStore.setState({ problem });
}

export function applyConsoleView(view: ConsoleView, rosterVersion: number | null = null, tallySeq = 0) {
  useConsoleStore.setState((s) => ({ view, rosterVersion, tallySeq, problem: null, clockOffsetMs: offsetFrom(view.serverTime) ?? s.clockOffsetMs }));
}

/**
 * A pushed console:tally: each team's tally (and what is withheld of it) at the decision
 * it is for, when the console still shows that decision. A push read before the view
 * held (an older `tallySeq`) changes nothing.
 */
export function applyConsoleTallies(update: ConsoleTallies): void {
  const s = useConsoleStore.getState();
  if (!s.view || s.view.session.id !== update.sessionId || update.tallySeq <= s.tallySeq) return;
  const byTeam = new Map(update.teams.map((t) => [t.teamId, t]));
  const teams = s.view.teams.map((team) => {
    const live = byTeam.get(team.id);
    if (!live || team.node?.type !== "decision" || team.node.id !== live.nodeId || team.visit !== live.visit) return team;
    return { ...team, tally: live.tally, withheld: live.withheld };
  });
  useConsoleStore.setState({ view: { ...s.view, teams }, tallySeq: update.tallySeq });
}

/**
 * A pushed console:state. Returns "resync" when its roster changes were made against
 * another roster than the one held; the caller then fetches the whole view again.
 */
export function applyConsoleUpdate(update: ConsoleUpdate): "applied" | "resync" {
  const s = useConsoleStore.getState();
  const next = applyRosterUpdate(s.view ? { roster: s.view.roster, version: s.rosterVersion } : null, update);
  if (next === "resync") return "resync";
  const { roster: _whole, rosterChanges: _changes, rosterVersion: _version, tallySeq, ...rest } = update;
  // A build that started reading before the tallies shown were read keeps those tallies.
  const teams = (tallySeq ?? 0) < s.tallySeq && s.view ? keepNewerTallies(rest.teams, s.view.teams) : rest.teams;
  useConsoleStore.setState({
    view: { ...rest, teams, roster: next.roster },
    rosterVersion: next.version,
    tallySeq: Math.max(s.tallySeq, tallySeq ?? 0),
    problem: null,
    clockOffsetMs: offsetFrom(update.serverTime) ?? s.clockOffsetMs,
  });
  return "applied";
}

function keepNewerTallies(built: ConsoleView["teams"], held: ConsoleView["teams"]): ConsoleView["teams"] {
  const heldById = new Map(held.map((t) => [t.id, t]));
  return built.map((team) => {
    const mine = heldById.get(team.id);
    const same = mine && team.node?.type === "decision" && mine.node?.id === team.node.id && mine.visit === team.visit;
    return same ? { ...team, tally: mine.tally, withheld: mine.withheld } : team;
  });
}

/** Sends a facilitator command; failures come back as values, since some (TIE) ask for a choice. */
export async function runCommand(command: ConsoleCommand): Promise<CommandResult> {
  const { client, view } = useConsoleStore.getState();
  if (!client || !view) return { ok: false, code: "NOT_CONNECTED", message: "the console is not connected yet" };
  try {
    const { result } = await client.send("console:command", { sessionId: view.session.id, command });
    return { ok: true, result };
  } catch (e) {
    return { ok: false, ...describeFailure(e) };
  }
}
