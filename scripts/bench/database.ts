// The benchmark's direct database work: a scratch Postgres database per run, the check
// that stored votes match the acknowledged ones, and the raw `pg` ingest baseline.
import crypto from "node:crypto";
import pg from "pg";
import type { VoteReply } from "./protocol";
import { DECISION } from "./scenario";
import { now } from "./stats";

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

export type RawIngest = { rows: number; batchSize: number; wallMs: number; rowsPerSecond: number };

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

async function withDatabase<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

/** Compares what the database holds with what the clients were told was committed. */
export async function checkVotes(url: string, sessionId: string, rounds: VoteReply[][]): Promise<DatabaseCheck> {
  const lastAcked = new Map<string, string>();
  for (const round of rounds) for (const reply of round) for (const [participantId, optionId] of reply.lastAcked) lastAcked.set(participantId, optionId);
  const submitted = rounds.flat().reduce((n, r) => n + r.sent, 0);
  const acked = rounds.flat().reduce((n, r) => n + r.ok, 0);
  return withDatabase(url, async (c) => {
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
 * The ingest baseline: the same number of vote rows, shaped like `votes` (same columns
 * and indexes, no foreign keys), written with multi-row INSERTs on one connection.
 */
export async function rawInsert(url: string, rows: Array<{ participantId: string; teamId: string; sessionId: string; optionId: string }>, batchSize: number): Promise<RawIngest> {
  return withDatabase(url, async (c) => {
    await c.query("drop table if exists bench_raw_votes");
    await c.query("create table bench_raw_votes (like votes including defaults including constraints including indexes)");
    try {
      const started = now();
      for (let i = 0; i < rows.length; i += batchSize) {
        const batch = rows.slice(i, i + batchSize);
        const values: unknown[] = [];
        const tuples = batch.map((r, j) => {
          values.push(crypto.randomUUID(), r.sessionId, r.teamId, r.participantId, DECISION.nodeId, DECISION.visit, r.optionId, `${r.participantId}:${crypto.randomUUID()}`);
          const b = j * 8;
          return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8}, now(), now())`;
        });
        await c.query(
          `insert into bench_raw_votes (id, session_id, session_team_id, participant_id, node_id, visit, option_id, idempotency_key, created_at, updated_at) values ${tuples.join(", ")}`,
          values,
        );
      }
      const wallMs = now() - started;
      return { rows: rows.length, batchSize, wallMs, rowsPerSecond: rows.length / (wallMs / 1000) };
    } finally {
      await c.query("drop table if exists bench_raw_votes");
    }
  });
}

