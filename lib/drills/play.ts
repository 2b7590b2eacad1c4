// A participant playing a drill alone, over HTTP: opening their link, starting a run,
// moving on from an inject, answering a decision (a confidence of 1–5 and, where the
// scenario asks, one or two sentences of reasoning), a timer running out, and the view to
// resume from. Each write locks the run's row and commits before it is acknowledged; a
// retried request for a position already left changes nothing and returns the current view.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { applyEvent, currentNode, startScenario, TIMEOUT_CHOICE, type EngineEvent, type EngineState, type TScenario } from "@/lib/scenario";
import { DomainError } from "@/lib/errors/domain-error";
import { visitOf } from "@/lib/session/lifecycle";
import type { Tx } from "@/lib/session/store";
import { DRILL_LIMITS, ZDrillAction, type DrillAction } from "@/lib/drills/inputs";
import { drillPhase, drillTimeLimit, TIMER_GRACE_MS, type DrillPhase } from "@/lib/drills/lifecycle";
import { invitationWhere, resolveRunKey, type RunKey } from "@/lib/drills/run-key";
import { isDrillToken, newDrillToken, openLinkHash, progressTime, runHash } from "@/lib/drills/tokens";
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

type DrillRow = { sessionId: string; opensAt: Date; closesAt: Date; closedAt: Date | null; timerScale: number | null; title: string; anonymous: boolean; scenarioId: string };
type RunRow = { id: string; sessionId: string; invitationId: string | null; state: unknown; nodeEnteredAt: Date; deadlineAt: Date | null; finishedAt: Date | null };
type Ctx = { key: RunKey; run: RunRow; drill: DrillRow; scenario: TScenario; state: EngineState; now: Date };

async function drillOf(db: Tx | PrismaClient, sessionId: string): Promise<DrillRow> {
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

async function viewOf(deps: DrillDeps, drill: DrillRow, run: RunRow | null, now: Date, timedOut?: boolean): Promise<DrillPlayView> {
  const scenario = await deps.scenario(drill.scenarioId);
  const phase = drillPhase(drill, now);
  const decisions = scenario.nodes.filter((n) => n.type === "decision").length;
  const head = { id: drill.sessionId, title: drill.title, anonymous: drill.anonymous, phase, opensAt: drill.opensAt.toISOString(), closesAt: drill.closesAt.toISOString(), decisions };
  if (!run) return { drill: head, stage: "welcome", step: null, result: null };
  const state = run.state as unknown as EngineState;
  if (state.status === "ended" || phase === "closed") {
    const answers = await deps.prisma.drillAnswer.findMany({ where: { runId: run.id }, select: { nodeId: true, visit: true, confidence: true, reasoning: true } });
    return { drill: head, stage: "result", step: null, result: drillResult(scenario, state, answers), timedOut };
  }
  const { seconds } = timerFor(scenario, state, drill, now);
  return { drill: head, stage: "playing", step: drillStep(scenario, state, { seconds: run.deadlineAt ? seconds : null, deadlineAt: run.deadlineAt }), result: null, timedOut };
}

/**
 * The view for a key: its run, or the invitation it opens (marked opened). Each call is a
 * new sitting: a timed decision gets its full time again, so a participant who left
 * mid-decision finds it open.
 */
export async function openDrill(deps: DrillDeps, key: RunKey): Promise<DrillPlayView> {
  const now = new Date();
  const { sessionId, run, invitation } = await resolveRunKey(deps.prisma, key);
  const drill = await drillOf(deps.prisma, sessionId);
  if (!run) {
    if (invitation && !invitation.openedAt) await deps.prisma.drillInvitation.updateMany({ where: { id: invitation.id, openedAt: null }, data: { openedAt: progressTime(now, drill.anonymous) } });
    return viewOf(deps, drill, null, now);
  }
  if (!run.finishedAt && drillPhase(drill, now) === "open") {
    const { deadlineAt } = timerFor(await deps.scenario(drill.scenarioId), run.state as unknown as EngineState, drill, now);
    if (deadlineAt || run.deadlineAt) return viewOf(deps, drill, await deps.prisma.drillRun.update({ where: { id: run.id }, data: { deadlineAt, nodeEnteredAt: now } }), now);
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
  return withRun(deps, key, action, (tx, ctx) => {
    if (action.type === "advance") return step(tx, ctx, { type: "advance" });
    if (action.type === "timeout") {
      if (!ctx.run.deadlineAt) throw new DomainError("NO_TIMEOUT", "this decision has no timer in this drill");
      if (ctx.run.deadlineAt.getTime() > ctx.now.getTime()) throw new DomainError("DECISION_CLOSED", "the timer has not run out yet");
      return recordTimeout(tx, ctx);
    }
    return recordAnswer(tx, ctx, action);
  });
}

/** Starts the run (a second start returns the running one). */
async function startRun(deps: DrillDeps, key: RunKey): Promise<DrillPlayView> {
  const now = new Date();
  const { sessionId, run, invitation } = await resolveRunKey(deps.prisma, key);
  if (run) return openDrill(deps, key);
  if (!invitation) throw new DomainError("DRILL_LINK_UNKNOWN", "this drill link is not valid");
  const drill = await drillOf(deps.prisma, sessionId);
  assertOpen(drill, now);
  const scenario = await deps.scenario(drill.scenarioId);
  const state = startScenario(scenario);
  const userId = drill.anonymous ? null : "user" in key ? key.user.id : ((await deps.prisma.user.findUnique({ where: { email: invitation.email }, select: { id: true } }))?.id ?? null);
  try {
    await deps.prisma.$transaction(async (tx) => {
      await tx.drillRun.create({
        data: {
          sessionId,
          // Signed in, there is no token: the run gets one nobody holds, and is found by its invitation.
          tokenHash: runHash("token" in key ? key.token : newDrillToken()),
          // In an anonymous drill the run keeps neither the invitation nor the account.
          invitationId: drill.anonymous ? null : invitation.id,
          userId,
          teamId: invitation.teamId,
          state: state as object,
          nodeEnteredAt: now,
          deadlineAt: timerFor(scenario, state, drill, now).deadlineAt,
          startedAt: now,
        },
      });
      const at = progressTime(now, drill.anonymous);
      await tx.drillInvitation.update({ where: { id: invitation.id }, data: { startedAt: at, openedAt: invitation.openedAt ?? at } });
    });
  } catch (e) {
    // Two tabs started at once: the other one's run stands.
    if (!/token_hash|invitation_id|Unique constraint/i.test(String((e as Error).message))) throw e;
  }
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

type Work = (tx: Tx, ctx: Ctx) => Promise<{ run: RunRow; timedOut?: boolean }>;

/** Runs `work` on the locked run while it still rests at `move`; otherwise returns the current view unchanged. */
async function withRun(deps: DrillDeps, key: RunKey, move: { nodeId: string; visit: number }, work: Work): Promise<DrillPlayView> {
  const now = new Date();
  const outcome = await deps.prisma.$transaction(async (tx) => {
    const found = await resolveRunKey(tx, key);
    if (!found.run) throw new DomainError("NOT_REACHED", "the drill has not been started with this link yet; start it first");
    await tx.$queryRaw`select id from drill_runs where id = ${found.run.id} for update`;
    const run = await tx.drillRun.findUniqueOrThrow({ where: { id: found.run.id } });
    const drill = await drillOf(tx, run.sessionId);
    const state = run.state as unknown as EngineState;
    if (state.status === "ended" || state.nodeId !== move.nodeId || visitOf(state) !== move.visit) return { drill, run, timedOut: undefined };
    assertOpen(drill, now);
    const scenario = await deps.scenario(drill.scenarioId);
    const done = await work(tx, { key, run, drill, scenario, state, now });
    return { drill, run: done.run, timedOut: done.timedOut };
  });
  return viewOf(deps, outcome.drill, outcome.run, now, outcome.timedOut);
}

/** Applies an engine event and stores the new state; a run that reached an end marks its invitation finished. */
async function step(tx: Tx, ctx: Ctx, ev: EngineEvent) {
  const result = applyEvent(ctx.scenario, ctx.state, ev);
  if (!result.ok) throw new DomainError(result.error.code, result.error.message);
  const next = result.state;
  const ended = next.status === "ended";
  const run = await tx.drillRun.update({
    where: { id: ctx.run.id },
    data: { state: next as object, revision: { increment: 1 }, nodeEnteredAt: ctx.now, deadlineAt: timerFor(ctx.scenario, next, ctx.drill, ctx.now).deadlineAt, finishedAt: ended ? ctx.now : null },
  });
  if (ended) await tx.drillInvitation.updateMany({ where: { ...invitationWhere(ctx.key, ctx.run.invitationId), finishedAt: null }, data: { finishedAt: progressTime(ctx.now, ctx.drill.anonymous) } });
  const last = next.history[next.history.length - 1];
  return { run, points: last && "points" in last ? { points: last.points, best: last.best } : { points: {}, best: {} } };
}

async function recordTimeout(tx: Tx, ctx: Ctx) {
  const { run, points } = await step(tx, ctx, { type: "timeout" });
  const visit = visitOf(ctx.state);
  await tx.drillAnswer.create({
    data: { runId: ctx.run.id, sessionId: ctx.run.sessionId, nodeId: ctx.state.nodeId, visit, optionId: TIMEOUT_CHOICE, points: points.points, bestPoints: points.best, enteredAt: ctx.run.nodeEnteredAt, answeredAt: ctx.now, idempotencyKey: `${ctx.run.id}:timeout:${ctx.state.nodeId}:${visit}` },
  });
  return { run, timedOut: true };
}

async function recordAnswer(tx: Tx, ctx: Ctx, input: Extract<DrillAction, { type: "answer" }>) {
  const node = currentNode(ctx.scenario, ctx.state);
  if (node?.type !== "decision") throw new DomainError("NOT_AT_DECISION", "the scenario is not at a decision");
  if (ctx.run.deadlineAt && ctx.now.getTime() > ctx.run.deadlineAt.getTime() + TIMER_GRACE_MS) return recordTimeout(tx, ctx);
  const reasoning = input.reasoning ? input.reasoning : null;
  if (node.justify && (!reasoning || reasoning.length < DRILL_LIMITS.reasoningMin)) {
    throw new DomainError("REASONING_REQUIRED", `reasoning: this decision asks for one or two sentences on why (at least ${DRILL_LIMITS.reasoningMin} characters)`, "/reasoning");
  }
  const { run, points } = await step(tx, ctx, { type: "choose", optionId: input.optionId });
  await tx.drillAnswer.create({
    data: {
      runId: ctx.run.id,
      sessionId: ctx.run.sessionId,
      nodeId: node.id,
      visit: input.visit,
      optionId: input.optionId,
      confidence: input.confidence,
      reasoning: node.justify ? reasoning : null,
      points: points.points,
      bestPoints: points.best,
      enteredAt: ctx.run.nodeEnteredAt,
      answeredAt: ctx.now,
      idempotencyKey: `${ctx.run.id}:${input.key}`,
    },
  });
  return { run };
}
