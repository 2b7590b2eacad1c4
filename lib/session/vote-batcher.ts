// Vote ingest in micro-batches: votes that arrive within a few milliseconds are
// validated together against state read once per batch (with the teams' rows locked),
// and committed in one transaction whose single statement upserts the votes and appends
// their events and idempotency records. Each voter is acknowledged only after that commit. A vote
// that fails validation is refused alone; the rest of its batch goes through.
//
// The same transaction reads the tallies its votes leave behind (one grouped count, with
// the teams' rows still locked), so the console's live tally follows the commit at once,
// with no read of its own queued behind the next batch on the database.
//
// The batch runs on the `pg` pool under the app's Prisma client (lib/db/connect.ts), not
// through the client: five statements with arrays of up to 500 values each, which the
// Prisma client would serialise and plan on the main thread every time.
import type pg from "pg";
import { currentNode, describeOptions, type EngineState, type TScenario } from "@/lib/scenario";
import { newId } from "@/lib/db/ids";
import { poolTransaction } from "@/lib/db/pool-transaction";
import { visitOf, voteRefusal } from "@/lib/session/lifecycle";
import { tallyVotes, type CastVote, type Tally } from "@/lib/session/tally";
import { decidersOf } from "@/lib/session/decision-rights";
import type { ErrorCode } from "@/lib/errors/codes";

export type VoteRequest = {
  participantId: string;
  key: string;
  nodeId: string;
  visit: number;
  optionId: string;
};

export type VoteResult = { nodeId: string; visit: number; optionId: string };

type Pending = VoteRequest & { resolve(r: VoteResult): void; reject(e: unknown): void };

export type VoteRefusal = (code: ErrorCode, message: string) => Error;

/** A team's tally at its open decision, as a commit left it (counted as the console view counts it). */
export type LiveTally = { teamId: string; nodeId: string; visit: number; tally: Tally };

export class VoteBatcher {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly pool: () => pg.Pool,
    /** Reads through the batch's own connection: the embedded database runs one connection's work at a time. */
    private readonly scenarioFor: (scenarioId: string, client: pg.PoolClient) => Promise<TScenario>,
    private readonly refuse: VoteRefusal,
    /** Told after each commit: the sessions with new votes, and in each the tallies of the teams that got them. */
    private readonly onCommitted: (tallies: Map<string, LiveTally[]>) => void,
    private readonly windowMs = 10,
    private readonly maxBatch = 500,
  ) {}

  submit(request: VoteRequest): Promise<VoteResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...request, resolve, reject });
      if (this.queue.length >= this.maxBatch) this.kick(0);
      else this.kick(this.windowMs);
    });
  }

  private kick(delay: number) {
    if (this.flushing) return; // the running flush picks the queue up when it ends
    if (this.timer && delay > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flushing = this.flush().finally(() => {
        this.flushing = null;
        if (this.queue.length) this.kick(0);
      });
    }, delay);
  }

  private async flush(): Promise<void> {
    const batch = this.queue.splice(0, this.maxBatch);
    if (!batch.length) return;
    try {
      await this.commit(batch);
    } catch (e) {
      for (const p of batch) p.reject(e);
    }
  }

  private async commit(batch: Pending[]): Promise<void> {
    const keyOf = (p: Pending) => `vote:${p.participantId}:${p.key}`;
    const done = new Map<string, VoteResult>();
    const accepted: Array<{ p: Pending; sessionId: string; teamId: string }> = [];
    const refused = new Map<Pending, Error>();
    const tallies = new Map<string, LiveTally[]>();
    // A retry that arrives in the same batch as its original is the same vote.
    const firstOfKey = new Map<string, Pending>();

    // Every read is a plain SQL statement over array parameters: the batch costs the same
    // handful of statements whether it holds one vote or five hundred.
    await poolTransaction(this.pool(), async (tx) => {
      const replays = await tx.query<{ key: string; result: VoteResult }>("select key, result from processed_commands where key = any($1::text[])", [batch.map(keyOf)]);
      for (const r of replays.rows) done.set(r.key, r.result);
      for (const p of batch) if (!done.has(keyOf(p)) && !firstOfKey.has(keyOf(p))) firstOfKey.set(keyOf(p), p);
      const fresh = [...firstOfKey.values()];
      if (!fresh.length) return;

      const participants = (
        await tx.query<{ id: string; team_id: string | null }>("select id, session_team_id as team_id from participants where id = any($1::text[])", [
          [...new Set(fresh.map((p) => p.participantId))],
        ])
      ).rows;
      const byId = new Map(participants.map((p) => [p.id, p]));
      const teamIds = [...new Set(participants.map((p) => p.team_id).filter((t): t is string => !!t))];
      // The teams' rows are locked (in id order, so two batches never deadlock) and read in
      // the same statement: a lock or an advance running meanwhile is waited for and seen.
      const teamRows = teamIds.length
        ? (
            await tx.query<{ id: string; state: EngineState | null; session_id: string; status: string; scenario_id: string }>(
              `select t.id, t.state, s.id as session_id, s.status::text as status, s.scenario_id
               from session_teams t join exercise_sessions s on s.id = t.session_id
               where t.id = any($1::text[])
               order by t.id
               for update of t`,
              [teamIds],
            )
          ).rows
        : [];
      const teams = new Map(teamRows.map((t) => [t.id, t]));
      const scenarios = new Map<string, TScenario>();
      for (const t of teams.values()) if (!scenarios.has(t.scenario_id)) scenarios.set(t.scenario_id, await this.scenarioFor(t.scenario_id, tx));

      for (const p of fresh) {
        const who = byId.get(p.participantId);
        const team = who?.team_id ? teams.get(who.team_id) : undefined;
        const closed = team ? voteRefusal(team.status) : null;
        if (!who) refused.set(p, this.refuse("PARTICIPANT_UNKNOWN", "your place in the session was not found; join again with the code"));
        else if (!team) refused.set(p, this.refuse("NO_TEAM", "join a team before voting"));
        else if (closed) refused.set(p, this.refuse(closed.code, closed.message));
        else {
          const scenario = scenarios.get(team.scenario_id)!;
          const state = team.state;
          const visit = state ? visitOf(state) : 0;
          const option = state ? describeOptions(scenario, state).find((o) => o.id === p.optionId) : undefined;
          if (!state || currentNode(scenario, state)?.type !== "decision" || state.nodeId !== p.nodeId || visit !== p.visit) {
            refused.set(p, this.refuse("DECISION_CLOSED", "this decision is no longer open: it was locked or the team moved on"));
          } else if (!option) refused.set(p, this.refuse("UNKNOWN_OPTION", `decision "${p.nodeId}" has no option "${p.optionId}"`));
          else if (!option.available) refused.set(p, this.refuse("OPTION_UNAVAILABLE", `option "${option.label}" is not available in this run`));
          else accepted.push({ p, sessionId: team.session_id, teamId: team.id });
        }
      }
      if (!accepted.length) return;

      // Within one batch, a participant's later vote for the same decision wins.
      const last = new Map<string, (typeof accepted)[number]>();
      for (const a of accepted) last.set(`${a.p.participantId}|${a.p.nodeId}|${a.p.visit}`, a);
      const rows = [...last.values()];
      // One statement for the whole batch: each column travels as one array parameter, so
      // the statement is the same whatever the batch size (cheap to parse and plan).
      const result = (a: (typeof accepted)[number]) => JSON.stringify({ nodeId: a.p.nodeId, visit: a.p.visit, optionId: a.p.optionId });
      await tx.query(
        `with cast_votes as (
           insert into votes (id, session_id, session_team_id, participant_id, node_id, visit, option_id, idempotency_key, created_at, updated_at)
           select v.id, v.session_id, v.team_id, v.participant_id, v.node_id, v.visit, v.option_id, v.key, now(), now()
           from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[])
             as v(id, session_id, team_id, participant_id, node_id, visit, option_id, key)
           on conflict (participant_id, node_id, visit)
           do update set option_id = excluded.option_id, idempotency_key = excluded.idempotency_key, updated_at = now()
           returning 1
         ), events as (
           insert into session_events (session_id, session_team_id, type, payload, actor_type, actor_id, created_at)
           select e.session_id, e.team_id, 'vote.cast', e.payload::jsonb, 'participant', e.participant_id, now()
           from unnest($9::text[], $10::text[], $11::text[], $12::text[]) as e(session_id, team_id, payload, participant_id)
           returning 1
         )
         insert into processed_commands (key, session_id, result, created_at)
         select c.key, c.session_id, c.result::jsonb, now()
         from unnest($13::text[], $14::text[], $15::text[]) as c(key, session_id, result)
         on conflict (key) do nothing`,
        [
          rows.map(() => newId()),
          rows.map((a) => a.sessionId),
          rows.map((a) => a.teamId),
          rows.map((a) => a.p.participantId),
          rows.map((a) => a.p.nodeId),
          rows.map((a) => a.p.visit),
          rows.map((a) => a.p.optionId),
          rows.map((a) => `${a.p.participantId}:${a.p.key}`),
          accepted.map((a) => a.sessionId),
          accepted.map((a) => a.teamId),
          accepted.map((a) => JSON.stringify({ participantId: a.p.participantId, nodeId: a.p.nodeId, visit: a.p.visit, optionId: a.p.optionId })),
          accepted.map((a) => a.p.participantId),
          accepted.map((a) => keyOf(a.p)),
          accepted.map((a) => a.sessionId),
          accepted.map(result),
        ],
      );
      const touched = new Map(accepted.map((a) => [a.teamId, { sessionId: a.sessionId, teamId: a.teamId, state: teams.get(a.teamId)!.state!, scenario: scenarios.get(teams.get(a.teamId)!.scenario_id)! }]));
      for (const t of await this.tallies(tx, [...touched.values()])) {
        const sessionId = touched.get(t.teamId)!.sessionId;
        tallies.set(sessionId, [...(tallies.get(sessionId) ?? []), t]);
      }
    });

    for (const p of batch) {
      const replay = done.get(keyOf(p));
      const refusal = refused.get(firstOfKey.get(keyOf(p)) ?? p);
      if (replay) p.resolve(replay);
      else if (refusal) p.reject(refusal);
      else p.resolve({ nodeId: p.nodeId, visit: p.visit, optionId: p.optionId });
    }
    if (tallies.size) this.onCommitted(tallies);
  }

  /**
   * The open decisions' tallies of the teams that just got votes, read inside the batch's
   * transaction: its own votes included, and nothing else can vote in these teams until it
   * commits (their rows are locked). One grouped count per (team, option, role) and the
   * roles the members hold, so a team of thousands costs a handful of rows, not one per vote.
   */
  private async tallies(tx: pg.PoolClient, touched: Array<{ sessionId: string; teamId: string; state: EngineState; scenario: TScenario }>): Promise<LiveTally[]> {
    // Every team here took a vote, so it stands at a decision (checked above, its row still locked).
    const open = touched.flatMap(({ sessionId, teamId, state, scenario }) => {
      const node = currentNode(scenario, state);
      return node?.type === "decision" ? [{ sessionId, teamId, node, visit: visitOf(state) }] : [];
    });
    if (!open.length) return [];
    const [counts, roles] = await Promise.all([
      tx.query<{ team_id: string; option_id: string; role_id: string | null; n: number }>(
        `select v.session_team_id as team_id, v.option_id, p.role_id, count(*)::int as n
         from unnest($1::text[], $2::text[], $3::text[], $4::int[]) as d(session_id, team_id, node_id, visit)
         join votes v on v.session_id = d.session_id and v.session_team_id = d.team_id and v.node_id = d.node_id and v.visit = d.visit
         join participants p on p.id = v.participant_id
         group by 1, 2, 3`,
        [open.map((t) => t.sessionId), open.map((t) => t.teamId), open.map((t) => t.node.id), open.map((t) => t.visit)],
      ),
      tx.query<{ team_id: string; role_id: string }>("select distinct session_team_id as team_id, role_id from participants where session_team_id = any($1::text[]) and role_id is not null", [
        open.map((t) => t.teamId),
      ]),
    ]);
    return open.map(({ teamId, node, visit }) => {
      const held = new Set(roles.rows.filter((r) => r.team_id === teamId).map((r) => r.role_id));
      // tallyVotes reads a vote's option and role only: each counted row stands for its n votes.
      const votes: CastVote[] = counts.rows.filter((r) => r.team_id === teamId).flatMap((r) => Array.from({ length: r.n }, () => ({ participantId: "", optionId: r.option_id, roleId: r.role_id })));
      return { teamId, nodeId: node.id, visit, tally: tallyVotes(votes, decidersOf(node, held), node.options.map((o) => o.id)) };
    });
  }
}
