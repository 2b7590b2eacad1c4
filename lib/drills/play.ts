// A participant playing a drill alone, over HTTP: opening their link, starting a run,
// moving on from an inject, answering a decision (a confidence of 1–5 and, where the
// scenario asks, one or two sentences of reasoning), a timer running out, and the view to
// resume from. An action reads the run once and writes its step in one statement that applies
// only while the run is still where it was read (./play-store.ts); the write commits before
// it is acknowledged. A retried request for a position already left changes nothing and
// returns the current view.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { applyEvent, currentNode, startScenario, TIMEOUT_CHOICE, type EngineEvent, type EngineState, type TScenario } from "@/lib/scenario";
import { DomainError } from "@/lib/errors/domain-error";
import { visitOf } from "@/lib/session/lifecycle";
import { poolOf } from "@/lib/db/connect";
import { DRILL_LIMITS, ZDrillAction, type DrillAction } from "@/lib/drills/inputs";
import { drillPhase, drillTimeLimit, TIMER_GRACE_MS, type DrillPhase } from "@/lib/drills/lifecycle";
import { invitationMatch, resolveRunKey, type RunKey } from "@/lib/drills/run-key";
import { createRun, invitationByTokenHash, markInvitationOpened, rearmRun, runAnswers, runById, runByTokenHash, writeRunStep, type DecisionRecord, type DrillRow, type InvitationRow, type RunRow, type RunStep, type RunWithDrill } from "@/lib/drills/play-store";
import { invitationHash, isDrillToken, newDrillToken, openLinkHash, progressTime, runHash } from "@/lib/drills/tokens";
import { drillResult, drillStep, type DrillResult, type DrillStep } from "@/lib/drills/views";

export type DrillDeps = { prisma: PrismaClient; scenario: (scenarioId: string) => Promise<TScenario> };

export type DrillPlayView = {
  drill: { id: string; title: string; anonymous: boolean; phase: DrillPhase; opensAt: string; closesAt: string; decisions: number };
  /** "welcome" before the run starts; "playing"; "result" once finished, or once the drill closed. */
  stage: "welcome" | "playing" | "result";
  step: DrillStep | null;
  result: DrillResult | null;
  /** Set when an answer came after the timer: the timeout was recorded instead. */
  timedOut?: boolean;
};

type Ctx = { key: RunKey; run: RunRow; drill: DrillRow; scenario: TScenario; state: EngineState; now: Date };

async function drillOf(db: PrismaClient, sessionId: string): Promise<DrillRow> {
  const row = await db.drill.findUnique({ where: { sessionId }, include: { session: { select: { title: true, anonymous: true, scenarioId: true } } } });
  if (!row) throw new DomainError("DRILL_LINK_UNKNOWN", "this drill link is not valid");
  return { ...row, title: row.session.title, anonymous: row.session.anonymous, scenarioId: row.session.scenarioId };
}

/** A timed decision's limit in this drill, and its deadline counted from `from` (this sitting). */
function timerFor(scenario: TScenario, state: EngineState, drill: DrillRow, from: Date) {
  const node = currentNode(scenario, state);
  const seconds = node?.type === "decision" && state.status === "running" ? drillTimeLimit(node, drill.timerScale) : null;
  return { seconds, deadlineAt: seconds ? new Date(from.getTime() + seconds * 1000) : null };
}

async function viewOf(deps: DrillDeps, drill: DrillRow, run: Pick<RunRow, "id" | "state" | "deadlineAt"> | null, now: Date, timedOut?: boolean): Promise<DrillPlayView> {
  const scenario = await deps.scenario(drill.scenarioId);
  const phase = drillPhase(drill, now);
  const decisions = scenario.nodes.filter((n) => n.type === "decision").length;
  const head = { id: drill.sessionId, title: drill.title, anonymous: drill.anonymous, phase, opensAt: drill.opensAt.toISOString(), closesAt: drill.closesAt.toISOString(), decisions };
  if (!run) return { drill: head, stage: "welcome", step: null, result: null };
  const state = run.state as unknown as EngineState;
  if (state.status === "ended" || phase === "closed") {
    const answers = await runAnswers(poolOf(deps.prisma), run.id);
    return { drill: head, stage: "result", step: null, result: drillResult(scenario, state, answers), timedOut };
  }
  const { seconds } = timerFor(scenario, state, drill, now);
  return { drill: head, stage: "playing", step: drillStep(scenario, state, { seconds: run.deadlineAt ? seconds : null, deadlineAt: run.deadlineAt }), result: null, timedOut };
}

type Located = { run: RunWithDrill } | { run: null; drill: DrillRow; invitation: InvitationRow | null };

/**
 * What a key leads to: its run with the drill (one statement when the token names a run, the
 * common case), or the drill and the invitation not started yet. A named drill's run started
 * signed in is found through its invitation.
 */
async function locate(deps: DrillDeps, key: RunKey): Promise<Located> {
  const pool = poolOf(deps.prisma);
  if ("token" in key && isDrillToken(key.token)) {
    const found = await runByTokenHash(pool, runHash(key.token));
    if (found) return { run: found };
    const invited = await invitationByTokenHash(pool, invitationHash(key.token));
    if (!invited) throw new DomainError("DRILL_LINK_UNKNOWN", "this drill link is not valid (a newer link may have replaced it)", "/params/token");
    const run = invited.runId ? await runById(pool, invited.runId) : null;
    return run ? { run } : { run: null, drill: invited.drill, invitation: invited.invitation };
  }
  const { sessionId, run, invitation } = await resolveRunKey(deps.prisma, key);
  const found = run ? await runById(pool, run.id) : null;
  if (found) return { run: found };
  return { run: null, drill: await drillOf(deps.prisma, sessionId), invitation };
}

/**
 * The view for a key: its run, or the invitation it opens (marked opened). Each call is a
 * new sitting: a timed decision gets its full time again, so a participant who left
 * mid-decision finds it open.
 */
export async function openDrill(deps: DrillDeps, key: RunKey): Promise<DrillPlayView> {
  const now = new Date();
  const found = await locate(deps, key);
  if (found.run) return openRun(deps, found.run, now);
  const { drill, invitation } = found;
  if (invitation && !invitation.openedAt) await markInvitationOpened(poolOf(deps.prisma), invitation.id, progressTime(now, drill.anonymous));
  return viewOf(deps, drill, null, now);
}

async function openRun(deps: DrillDeps, { run, drill }: RunWithDrill, now: Date): Promise<DrillPlayView> {
  if (!run.finishedAt && drillPhase(drill, now) === "open") {
    const { deadlineAt } = timerFor(await deps.scenario(drill.scenarioId), run.state as unknown as EngineState, drill, now);
    if (deadlineAt || run.deadlineAt) {
      const rearmed = await rearmRun(poolOf(deps.prisma), run, deadlineAt, now);
      // Moved on meanwhile (another device answered): show where it is now.
      const current = rearmed ?? (await runById(poolOf(deps.prisma), run.id))?.run ?? run;
      return viewOf(deps, drill, current, now);
    }
  }
  return viewOf(deps, drill, run, now);
}

function assertOpen(drill: DrillRow, now: Date): void {
  const phase = drillPhase(drill, now);
  if (phase === "scheduled") throw new DomainError("DRILL_NOT_OPEN", `the drill opens at ${drill.opensAt.toISOString()}`);
  if (phase === "closed") throw new DomainError("DRILL_CLOSED", "the drill has closed; your result is on this page");
}

/** One action of the participant behind `key`; answers with the view after it. */
export async function actInDrill(deps: DrillDeps, key: RunKey, raw: unknown): Promise<DrillPlayView> {
  const action = ZDrillAction.parse(raw);
  if (action.type === "start") return startRun(deps, key);
  return withRun(deps, key, action, (ctx) => {
    if (action.type === "advance") return { step: planStep(ctx, { type: "advance" }, () => null) };
    if (action.type === "timeout") {
      if (!ctx.run.deadlineAt) throw new DomainError("NO_TIMEOUT", "this decision has no timer in this drill");
      if (ctx.run.deadlineAt.getTime() > ctx.now.getTime()) throw new DomainError("DECISION_CLOSED", "the timer has not run out yet");
      return planTimeout(ctx);
    }
    return planAnswer(ctx, action);
  });
}

/** Starts the run (a second start returns the running one). */
async function startRun(deps: DrillDeps, key: RunKey): Promise<DrillPlayView> {
  const now = new Date();
  const found = await locate(deps, key);
  if (found.run) return openRun(deps, found.run, now);
  const { drill, invitation } = found;
  if (!invitation) throw new DomainError("DRILL_LINK_UNKNOWN", "this drill link is not valid");
  assertOpen(drill, now);
  const scenario = await deps.scenario(drill.scenarioId);
  const state = startScenario(scenario);
  const userId = drill.anonymous ? null : "user" in key ? key.user.id : ((await deps.prisma.user.findUnique({ where: { email: invitation.email }, select: { id: true } }))?.id ?? null);
  // Two tabs started at once: the other one's run stands, and both show it.
  await createRun(poolOf(deps.prisma), {
    sessionId: drill.sessionId,
    // Signed in, there is no token: the run gets one nobody holds, and is found by its invitation.
    tokenHash: runHash("token" in key ? key.token : newDrillToken()),
    // In an anonymous drill the run keeps neither the invitation nor the account.
    invitationId: drill.anonymous ? null : invitation.id,
    userId,
    teamId: invitation.teamId,
    state,
    now,
    deadlineAt: timerFor(scenario, state, drill, now).deadlineAt,
    invitation: { id: invitation.id, at: progressTime(now, drill.anonymous) },
  });
  return openDrill(deps, key);
}

/** The open link: a new personal token for whoever follows it; it is their resume link. */
export async function joinOpenLink(deps: DrillDeps, openToken: string, userId: string | null): Promise<{ token: string }> {
  if (!isDrillToken(openToken)) throw new DomainError("DRILL_LINK_UNKNOWN", "this open drill link is not valid; check that it was copied whole", "/params/token");
  const now = new Date();
  const row = await deps.prisma.drill.findUnique({ where: { openTokenHash: openLinkHash(openToken) } });
  if (!row) throw new DomainError("DRILL_LINK_UNKNOWN", "this open drill link is not valid (a newer link may have replaced it)", "/params/token");
  const drill = await drillOf(deps.prisma, row.sessionId);
  assertOpen(drill, now);
  const scenario = await deps.scenario(drill.scenarioId);
  const state = startScenario(scenario);
  const token = newDrillToken();
  await deps.prisma.drillRun.create({
    data: { sessionId: drill.sessionId, tokenHash: runHash(token), userId: drill.anonymous ? null : userId, state: state as object, nodeEnteredAt: now, deadlineAt: timerFor(scenario, state, drill, now).deadlineAt, startedAt: now },
  });
  return { token };
}

/** What an action will write, decided from the run as read. */
type Plan = { step: RunStep; timedOut?: boolean };

/** A write that found the run moved on is decided again from a fresh read, at most this many times. */
const ATTEMPTS = 5;

/**
 * Decides `plan` from the run while it still rests at `move` and writes it if the run has not
 * changed since it was read; otherwise reads again. A run already elsewhere returns the
 * current view unchanged.
 */
async function withRun(deps: DrillDeps, key: RunKey, move: { nodeId: string; visit: number }, plan: (ctx: Ctx) => Plan): Promise<DrillPlayView> {
  for (let attempt = 1; ; attempt++) {
    const now = new Date();
    const located = await locate(deps, key);
    const found = located.run;
    if (!found) throw new DomainError("NOT_REACHED", "the drill has not been started with this link yet; start it first");
    const { run, drill } = found;
    const state = run.state as unknown as EngineState;
    if (state.status === "ended" || state.nodeId !== move.nodeId || visitOf(state) !== move.visit) return viewOf(deps, drill, run, now);
    assertOpen(drill, now);
    const scenario = await deps.scenario(drill.scenarioId);
    const decided = plan({ key, run, drill, scenario, state, now });
    const written = await writeRunStep(poolOf(deps.prisma), decided.step);
    if (written) return viewOf(deps, drill, written, now, decided.timedOut);
    if (attempt === ATTEMPTS) throw new DomainError("DATABASE_BUSY", "this drill run kept changing while the answer was saved, and nothing was saved; try again in a few seconds");
  }
}

/** Applies an engine event; a run that reaches an end also marks its invitation finished. */
function planStep(ctx: Ctx, ev: EngineEvent, decision: (points: { points: object; best: object }) => DecisionRecord | null): RunStep {
  const result = applyEvent(ctx.scenario, ctx.state, ev);
  if (!result.ok) throw new DomainError(result.error.code, result.error.message);
  const next = result.state;
  const last = next.history[next.history.length - 1];
  const points = last && "points" in last ? { points: last.points, best: last.best } : { points: {}, best: {} };
  return {
    run: ctx.run,
    state: next,
    now: ctx.now,
    deadlineAt: timerFor(ctx.scenario, next, ctx.drill, ctx.now).deadlineAt,
    finishedAt: next.status === "ended" ? progressTime(ctx.now, ctx.drill.anonymous) : null,
    invitation: invitationMatch(ctx.key, ctx.run.invitationId),
    decision: decision(points),
  };
}

function planTimeout(ctx: Ctx): Plan {
  const visit = visitOf(ctx.state);
  const step = planStep(ctx, { type: "timeout" }, (p) => ({
    nodeId: ctx.state.nodeId,
    visit,
    optionId: TIMEOUT_CHOICE,
    confidence: null,
    reasoning: null,
    points: p.points,
    bestPoints: p.best,
    idempotencyKey: `${ctx.run.id}:timeout:${ctx.state.nodeId}:${visit}`,
  }));
  return { step, timedOut: true };
}

function planAnswer(ctx: Ctx, input: Extract<DrillAction, { type: "answer" }>): Plan {
  const node = currentNode(ctx.scenario, ctx.state);
  if (node?.type !== "decision") throw new DomainError("NOT_AT_DECISION", "the scenario is not at a decision");
  if (ctx.run.deadlineAt && ctx.now.getTime() > ctx.run.deadlineAt.getTime() + TIMER_GRACE_MS) return planTimeout(ctx);
  const reasoning = input.reasoning ? input.reasoning : null;
  if (node.justify && (!reasoning || reasoning.length < DRILL_LIMITS.reasoningMin)) {
    throw new DomainError("REASONING_REQUIRED", `reasoning: this decision asks for one or two sentences on why (at least ${DRILL_LIMITS.reasoningMin} characters)`, "/reasoning");
  }
  const step = planStep(ctx, { type: "choose", optionId: input.optionId }, (p) => ({
    nodeId: node.id,
    visit: input.visit,
    optionId: input.optionId,
    confidence: input.confidence,
    reasoning: node.justify ? reasoning : null,
    points: p.points,
    bestPoints: p.best,
    idempotencyKey: `${ctx.run.id}:${input.key}`,
  }));
  return { step };
}
