// The facilitator's "advance" (a team moves on from an inject) with group commit. A room
// advances its teams together: the console's "advance all" and a facilitator clicking
// through teams send one command per team within milliseconds. Each command used to be its
// own transaction of seven statements, committed one after another, so the last team's
// screen waited behind every other team's commit. Now the advances that arrive while a
// batch commits wait for the next one, and a batch is the same five statements whatever
// its size: the replay records read, the teams' rows locked and read, one update, one
// insert of events, one insert of replay records (and, when a view shows an earlier
// decision, one read of those decisions' methods).
//
// Each command keeps what it had alone: it commits with its event and its replay record
// before it is acknowledged; a retry with the same key returns the stored result and acts
// not at all; a command that cannot apply (the team has not started, the session is not
// running, the engine refuses) is refused alone and the rest of its batch goes through. A
// batch that fails in the database (a retry committed the same key on another node
// meanwhile) is rolled back whole and its commands run again one by one.
//
// Runs on the `pg` pool under the app's Prisma client (lib/db/connect.ts), as the vote
// batcher does, without the Prisma client's per-statement work on the main thread.
import type pg from "pg";
import { applyEvent, type EngineState, type TScenario } from "@/lib/scenario";
import { DomainError } from "@/lib/errors/domain-error";
import { poolTransaction } from "@/lib/db/pool-transaction";
import { asState, visitOf } from "@/lib/session/lifecycle";
import { teamFromSql, TEAM_COLUMNS, type Actor, type TeamSqlRow } from "@/lib/session/store";
import { timing } from "@/lib/session/timing";
import { lastDecisionView, teamView, type TeamView } from "@/lib/session/views";

export type AdvanceRequest = {
  sessionId: string;
  teamId: string;
  /** The replay record's key (`cmd:<session>:<idempotency key>`). */
  key: string;
  actor: Actor;
  scenario: TScenario;
};

/** Where the team now rests: what the command answers, stored as its replay record. */
export type AdvanceResult = { nodeId: string; visit: number; status: string; deadlineAt: string | null };

export type AdvanceOutcome = { result: AdvanceResult; replayed: boolean; view?: TeamView };

type Pending = AdvanceRequest & { resolve(o: AdvanceOutcome): void; reject(e: unknown): void };

type Moved = { p: Pending; next: EngineState; from: string; times: { nodeEnteredAt: Date; deadlineAt: Date | null }; team: ReturnType<typeof teamFromSql>; status: string; result: AdvanceResult };

export class AdvanceBatcher {
  private queue: Pending[] = [];
  private scheduled = false;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly pool: () => pg.Pool,
    private readonly maxBatch = 200,
  ) {}

  submit(request: AdvanceRequest): Promise<AdvanceOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...request, resolve, reject });
      this.kick();
    });
  }

  /** The first advance starts a batch at once (no waiting window); those arriving meanwhile form the next. */
  private kick() {
    if (this.flushing || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flushing = this.flush().finally(() => {
        this.flushing = null;
        if (this.queue.length) this.kick();
      });
    });
  }

  private async flush(): Promise<void> {
    // One command per team in a batch: a second one for the same team waits for the next,
    // so it starts from the state the first left (the caller's per-team lock makes this rare).
    const batch: Pending[] = [];
    const teams = new Set<string>();
    const rest: Pending[] = [];
    for (const p of this.queue) {
      if (batch.length < this.maxBatch && !teams.has(p.teamId)) {
        batch.push(p);
        teams.add(p.teamId);
      } else rest.push(p);
    }
    this.queue = rest;
    if (!batch.length) return;
    try {
      await this.commit(batch);
    } catch {
      // Rolled back whole: each command runs again alone, and answers with its own outcome.
      for (const p of batch) {
        await this.commit([p]).catch(async (e) => {
          const replay = await this.replay(p.key).catch(() => null);
          if (replay) p.resolve({ result: replay, replayed: true });
          else p.reject(e);
        });
      }
    }
  }

  private async replay(key: string): Promise<AdvanceResult | null> {
    const r = await this.pool().query<{ result: AdvanceResult }>("select result from processed_commands where key = $1", [key]);
    return r.rows[0]?.result ?? null;
  }

  /** Commits one batch; each command is answered only after the commit. Throws (rolled back, nobody answered) if the database refuses it. */
  private async commit(batch: Pending[]): Promise<void> {
    const replays = new Map<string, AdvanceResult>();
    const refused = new Map<Pending, Error>();
    const moved: Moved[] = [];
    const methods = new Map<string, string>();
    await poolTransaction(this.pool(), async (client) => {
      const done = await client.query<{ key: string; result: AdvanceResult }>("select key, result from processed_commands where key = any($1::text[])", [batch.map((p) => p.key)]);
      for (const r of done.rows) replays.set(r.key, r.result);
      const fresh = batch.filter((p) => !replays.has(p.key));
      if (fresh.length) {
        // Locked in id order, so two batches (or a vote batch) never deadlock.
        const rows = (
          await client.query<TeamSqlRow & { status: string }>(
            `select ${TEAM_COLUMNS.sql}, s.status::text as status
             from session_teams t join exercise_sessions s on s.id = t.session_id
             where t.id = any($1::text[]) order by t.id for update of t`,
            [fresh.map((p) => p.teamId)],
          )
        ).rows;
        const byId = new Map(rows.map((r) => [r.id, r]));
        const now = new Date();
        for (const p of fresh) {
          const row = byId.get(p.teamId);
          const team = row ? teamFromSql(row) : null;
          const state = team ? asState(team.state) : null;
          if (!row || !team || team.sessionId !== p.sessionId) refused.set(p, new DomainError("TEAM_NOT_FOUND", "that team is not part of this session"));
          else if (row.status !== "RUNNING") refused.set(p, new DomainError("SESSION_NOT_RUNNING", `the session is ${row.status.toLowerCase()}; start or resume it first`));
          else if (!state) refused.set(p, new DomainError("INVALID_STATE", "the team has not started"));
          else {
            const r = applyEvent(p.scenario, state, { type: "advance" });
            if (!r.ok) refused.set(p, new DomainError(r.error.code, r.error.message));
            else {
              const next = r.state;
              const result = { nodeId: next.nodeId, visit: visitOf(next), status: next.status, deadlineAt: null as string | null };
              const times = timing(p.scenario, next, now);
              result.deadlineAt = times.deadlineAt?.toISOString() ?? null;
              moved.push({ p, next, from: state.nodeId, times, team, status: row.status, result });
            }
          }
        }
      }
      if (moved.length) {
        await client.query(
          `with moved as (
             update session_teams t
             set state = m.state::jsonb, node_entered_at = m.entered_at, deadline_at = m.deadline_at, timer_remaining_ms = null, revision = t.revision + 1
             from unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[]) as m(id, state, entered_at, deadline_at)
             where t.id = m.id
             returning 1
           ), events as (
             insert into session_events (session_id, session_team_id, type, payload, actor_type, actor_id, created_at)
             select e.session_id, e.team_id, 'team.advanced', e.payload::jsonb, e.actor_type, e.actor_id, now()
             from unnest($5::text[], $1::text[], $6::text[], $7::text[], $8::text[]) as e(session_id, team_id, payload, actor_type, actor_id)
             returning 1
           )
           insert into processed_commands (key, session_id, result, created_at)
           select c.key, c.session_id, c.result::jsonb, now()
           from unnest($9::text[], $5::text[], $10::text[]) as c(key, session_id, result)`,
          [
            moved.map((m) => m.p.teamId),
            moved.map((m) => JSON.stringify(m.next)),
            moved.map((m) => m.times.nodeEnteredAt),
            moved.map((m) => m.times.deadlineAt),
            moved.map((m) => m.p.sessionId),
            moved.map((m) => JSON.stringify({ from: m.from, to: m.next.nodeId, visit: visitOf(m.next) })),
            moved.map((m) => m.p.actor.type),
            moved.map((m) => m.p.actor.id ?? null),
            moved.map((m) => m.p.key),
            moved.map((m) => JSON.stringify(m.result)),
          ],
        );
        // A view that still shows the team's last decision (after an inject that followed it) needs that decision's method.
        const needMethod = moved.filter((m) => lastDecisionView(m.p.scenario, m.next, null)).map((m) => m.p.teamId);
        if (needMethod.length) {
          const r = await client.query<{ team_id: string; method: string }>(
            `select distinct on (session_team_id) session_team_id as team_id, method
             from decisions where session_team_id = any($1::text[]) order by session_team_id, decided_at desc`,
            [needMethod],
          );
          for (const row of r.rows) methods.set(row.team_id, row.method);
        }
      }
    });

    for (const p of batch) {
      const replay = replays.get(p.key);
      const refusal = refused.get(p);
      if (replay) p.resolve({ result: replay, replayed: true });
      else if (refusal) p.reject(refusal);
    }
    for (const m of moved) {
      const view = teamView(
        { status: m.status },
        { ...m.team, state: m.next, ...m.times, timerRemainingMs: null, revision: m.team.revision + 1 },
        m.p.scenario,
        methods.get(m.p.teamId) ?? null,
      );
      m.p.resolve({ result: m.result, replayed: false, view });
    }
  }
}
