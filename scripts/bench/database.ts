// The benchmark's direct database work: a scratch Postgres database per run, the check
// that stored votes match the acknowledged ones, and the raw `pg` ingest baseline.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { migrateDatabase } from "@/lib/db/migrate";
import type { VoteReply } from "./protocol";
import { DECISION } from "./scenario";
import { now } from "./stats";
import { withPg } from "../../tests/helpers/live";

export type DatabaseCheck = {
  voteRows: number;
  participantsWithRow: number;
  voteEvents: number;
  idempotencyRecords: number;
  submitted: number;
  acked: number;
  /** Acknowledged votes whose row is missing or holds another option. */
  lost: number;
  /** Extra rows for one participant, or more events or idempotency records than votes submitted. */
  duplicated: number;
};

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

export async function createScratchDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const server = new URL(serverUrl);
  if (!LOOPBACK.has(server.hostname)) throw new Error(`the benchmark only uses a Postgres on this machine; ${server.hostname} is not a loopback address`);
  const name = `rr_bench_${crypto.randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * A migrated scratch database for one benchmark run: embedded (a temporary PGlite folder) or a
 * new database on a local Postgres server; `close()` stops and removes it.
 */
export async function openBenchDatabase(
  kind: "embedded" | "postgres",
  url: string | undefined,
  tmpPrefix: string,
  opts: { keep?: boolean } = {},
): Promise<{ url: string; location: string; close(): Promise<void> }> {
  if (kind === "embedded") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), tmpPrefix));
    const db = await startEmbeddedDatabase(dir);
    await migrateDatabase(db.url);
    return {
      url: db.url,
      location: dir,
      close: async () => {
        await db.stop();
        if (!opts.keep) fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const db = await createScratchDatabase(url ?? process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test");
  await migrateDatabase(db.url);
  return { url: db.url, location: db.url, close: () => (opts.keep ? Promise.resolve() : db.drop()) };
}

/** A database kept by an earlier run (`location`: the embedded folder or the Postgres URL), opened again and left in place. */
export async function reopenBenchDatabase(kept: { database: "embedded" | "postgres"; location: string }): Promise<{ url: string; location: string; close(): Promise<void> }> {
  if (kept.database === "postgres") return { url: kept.location, location: kept.location, close: async () => undefined };
  const db = await startEmbeddedDatabase(kept.location);
  return { url: db.url, location: kept.location, close: () => db.stop() };
}

/** Compares what the database holds with what the clients were told was committed. */
export async function checkVotes(url: string, sessionId: string, rounds: VoteReply[][]): Promise<DatabaseCheck> {
  const lastAcked = new Map<string, string>();
  for (const round of rounds) for (const reply of round) for (const [participantId, optionId] of reply.lastAcked) lastAcked.set(participantId, optionId);
  const submitted = rounds.flat().reduce((n, r) => n + r.sent, 0);
  const acked = rounds.flat().reduce((n, r) => n + r.ok, 0);
  return withPg(url, async (c) => {
    const rows = (
      await c.query<{ participant_id: string; option_id: string }>(
        "select participant_id, option_id from votes where session_id = $1 and node_id = $2 and visit = $3",
        [sessionId, DECISION.nodeId, DECISION.visit],
      )
    ).rows;
    const events = Number((await c.query("select count(*) from session_events where session_id = $1 and type = 'vote.cast'", [sessionId])).rows[0].count);
    const records = Number((await c.query("select count(*) from processed_commands where session_id = $1 and key like 'vote:%'", [sessionId])).rows[0].count);
    const byParticipant = new Map<string, string[]>();
    for (const r of rows) byParticipant.set(r.participant_id, [...(byParticipant.get(r.participant_id) ?? []), r.option_id]);
    let lost = 0;
    for (const [participantId, optionId] of lastAcked) {
      const stored = byParticipant.get(participantId);
      if (!stored || !stored.includes(optionId)) lost++;
    }
    const duplicated = rows.length - byParticipant.size + Math.max(0, events - submitted) + Math.max(0, records - submitted);
    return { voteRows: rows.length, participantsWithRow: byParticipant.size, voteEvents: events, idempotencyRecords: records, submitted, acked, lost, duplicated };
  });
}

/**
 * One ingest baseline run: how fast raw `pg` on one connection writes the rows of N votes.
 * - `same-rows`: what the app writes for each vote, in tables shaped like its own (same
 *   columns and indexes, no foreign keys or triggers): the `votes` row, the `vote.cast`
 *   row in `session_events` and the idempotency record in `processed_commands`. One
 *   transaction of three multi-row INSERTs per batch, as atomic as the app's batches.
 * - `vote-rows`: the `votes` rows alone, one multi-row INSERT per batch.
 */
export type RawShape = "same-rows" | "vote-rows";
export type RawIngest = { shape: RawShape; votes: number; rowsPerVote: number; batchSize: number; wallMs: number; votesPerSecond: number; rowsPerSecond: number; runs: number[] };

type RawVote = { participantId: string; teamId: string; sessionId: string; optionId: string };

function valuesList(rows: unknown[][], casts: string[] = []): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const sql = rows
    .map((row) => `(${row.map((v) => (params.push(v), `$${params.length}`)).map((p, i) => (casts[i] ? `${p}::${casts[i]}` : p)).join(", ")}, now())`)
    .join(", ");
  return { sql, params };
}

async function rawRun(c: pg.Client, shape: RawShape, rows: RawVote[], batchSize: number): Promise<number> {
  await c.query("drop table if exists bench_raw_votes, bench_raw_events, bench_raw_commands");
  await c.query("create table bench_raw_votes (like votes including defaults including constraints including indexes)");
  await c.query("create table bench_raw_events (like session_events including defaults including constraints including indexes)");
  await c.query("create table bench_raw_commands (like processed_commands including defaults including constraints including indexes)");
  try {
    const started = now();
    for (let i = 0; i < rows.length; i += batchSize) {
      const batch = rows.slice(i, i + batchSize);
      const keys = batch.map(() => crypto.randomUUID());
      const votes = valuesList(batch.map((r, j) => [crypto.randomUUID(), r.sessionId, r.teamId, r.participantId, DECISION.nodeId, DECISION.visit, r.optionId, `${r.participantId}:${keys[j]}`]));
      const insertVotes = `insert into bench_raw_votes (id, session_id, session_team_id, participant_id, node_id, visit, option_id, idempotency_key, updated_at) values ${votes.sql}`;
      if (shape === "vote-rows") {
        await c.query(insertVotes, votes.params);
        continue;
      }
      const events = valuesList(
        batch.map((r) => [r.sessionId, r.teamId, "vote.cast", JSON.stringify({ participantId: r.participantId, nodeId: DECISION.nodeId, visit: DECISION.visit, optionId: r.optionId }), "participant", r.participantId]),
        ["", "", "", "jsonb"],
      );
      const commands = valuesList(
        batch.map((r, j) => [`vote:${r.participantId}:${keys[j]}`, r.sessionId, JSON.stringify({ nodeId: DECISION.nodeId, visit: DECISION.visit, optionId: r.optionId })]),
        ["", "", "jsonb"],
      );
      await c.query("begin");
      await c.query(insertVotes, votes.params);
      await c.query(`insert into bench_raw_events (session_id, session_team_id, type, payload, actor_type, actor_id, created_at) values ${events.sql}`, events.params);
      await c.query(`insert into bench_raw_commands (key, session_id, result, created_at) values ${commands.sql}`, commands.params);
      await c.query("commit");
    }
    return now() - started;
  } finally {
    await c.query("drop table if exists bench_raw_votes, bench_raw_events, bench_raw_commands");
  }
}

/** The median of `runs` runs, so one unlucky run on a shared machine does not set the ratio. */
export async function rawInsert(url: string, shape: RawShape, rows: RawVote[], batchSize: number, runs = 3): Promise<RawIngest> {
  return withPg(url, async (c) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(await rawRun(c, shape, rows, batchSize));
    const wallMs = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
    const rowsPerVote = shape === "same-rows" ? 3 : 1;
    const votesPerSecond = rows.length / (wallMs / 1000);
    return { shape, votes: rows.length, rowsPerVote, batchSize, wallMs, votesPerSecond, rowsPerSecond: votesPerSecond * rowsPerVote, runs: times };
  });
}
