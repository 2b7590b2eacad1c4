// The SQL of the live clocks: one session's clock rows in a handful of queries (teams, roles,
// manual starts and stops, recorded breaches, drafts, notices, the session's run/pause events),
// the draft upsert where the last write per field wins, and recording a breach once.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { ManualClockEvent } from "@/lib/scoring/clocks";
import type { DraftField, DraftRow, NoticeRow } from "@/lib/session/clock-views";
import type { Db, Tx } from "@/lib/session/store";

export type ClockTeamRow = { id: string; name: string; state: unknown };
export type SessionClockRows = {
  teams: ClockTeamRow[];
  members: Array<{ id: string; teamId: string | null; roleId: string | null; displayName: string }>;
  manual: Array<ManualClockEvent & { teamId: string }>;
  breaches: Array<{ teamId: string; clockId: string }>;
  drafts: Array<DraftRow & { teamId: string }>;
  notices: Array<NoticeRow & { teamId: string }>;
  runEvents: Array<{ type: string; at: Date }>;
};

const RUN_EVENTS = ["session.started", "session.paused", "session.resumed", "session.ended"];

/** Everything the clocks of one session (or one of its teams) are judged from. */
export async function loadClockRows(db: Db, sessionId: string, teamId?: string): Promise<SessionClockRows> {
  const team = teamId ?? null;
  const [teams, members, events, drafts, notices, runEvents] = await Promise.all([
    db.$queryRaw<ClockTeamRow[]>`
      select id, name, state from session_teams where session_id = ${sessionId} and (${team}::text is null or id = ${team}) order by position, id`,
    db.$queryRaw<Array<{ id: string; team_id: string | null; role_id: string | null; display_name: string }>>`
      select id, session_team_id as team_id, role_id, display_name from participants
      where session_id = ${sessionId} and (${team}::text is null or session_team_id = ${team})`,
    db.$queryRaw<Array<{ team_id: string; clock_id: string; action: string; story_at: Date }>>`
      select session_team_id as team_id, clock_id, action, story_at from team_clock_events
      where session_id = ${sessionId} and (${team}::text is null or session_team_id = ${team}) order by created_at, id`,
    db.$queryRaw<Array<{ team_id: string; task_id: string; fields: Record<string, DraftField>; revision: number }>>`
      select session_team_id as team_id, task_id, fields, revision from notice_drafts
      where session_id = ${sessionId} and (${team}::text is null or session_team_id = ${team})`,
    db.$queryRaw<Array<{ id: string; team_id: string; task_id: string; fields: Record<string, string>; story_at: Date; status: NoticeRow["status"]; submitted_by: string | null }>>`
      select id, session_team_id as team_id, task_id, fields, story_at, status, submitted_by from notices
      where session_id = ${sessionId} and (${team}::text is null or session_team_id = ${team}) order by story_at, created_at`,
    db.$queryRaw<Array<{ type: string; created_at: Date }>>`
      select type, created_at from session_events
      where session_id = ${sessionId} and session_team_id is null and type = any(${RUN_EVENTS}) order by id`,
  ]);
  return {
    teams,
    members: members.map((m) => ({ id: m.id, teamId: m.team_id, roleId: m.role_id, displayName: m.display_name })),
    manual: events.filter((e) => e.action !== "breach").map((e) => ({ teamId: e.team_id, clockId: e.clock_id, action: e.action as "start" | "stop", at: e.story_at.getTime() })),
    breaches: events.filter((e) => e.action === "breach").map((e) => ({ teamId: e.team_id, clockId: e.clock_id })),
    drafts: drafts.map((d) => ({ teamId: d.team_id, taskId: d.task_id, fields: d.fields, revision: d.revision })),
    notices: notices.map((n) => ({ id: n.id, teamId: n.team_id, taskId: n.task_id, fields: n.fields, storyAt: n.story_at, status: n.status, submittedBy: n.submitted_by })),
    runEvents: runEvents.map((e) => ({ type: e.type, at: e.created_at })),
  };
}

/** Writes one draft field; concurrent writes to other fields are kept, the same field's last write wins. */
export async function writeDraftField(tx: Tx, row: { sessionId: string; teamId: string; taskId: string; fieldId: string; field: DraftField }): Promise<number> {
  const patch = JSON.stringify({ [row.fieldId]: row.field });
  const [saved] = await tx.$queryRaw<Array<{ revision: number }>>`
    insert into notice_drafts (session_team_id, task_id, session_id, fields, revision, updated_at)
    values (${row.teamId}, ${row.taskId}, ${row.sessionId}, ${patch}::jsonb, 1, now())
    on conflict (session_team_id, task_id) do update
      set fields = notice_drafts.fields || excluded.fields, revision = notice_drafts.revision + 1, updated_at = now()
    returning revision`;
  return saved.revision;
}

/** A manual start or stop, or a breach; a breach already recorded for the team and clock is not recorded again (returns false). */
export async function recordClockEvent(tx: Tx, row: { sessionId: string; teamId: string; clockId: string; action: "start" | "stop" | "breach"; storyAt: Date; actorId: string | null }): Promise<boolean> {
  const inserted = await tx.$executeRaw`
    insert into team_clock_events (id, session_id, session_team_id, clock_id, action, story_at, actor_id, created_at)
    values (${crypto.randomUUID()}, ${row.sessionId}, ${row.teamId}, ${row.clockId}, ${row.action}, ${row.storyAt}, ${row.actorId}, now())
    on conflict (session_team_id, clock_id) where action = 'breach' do nothing`;
  return inserted > 0;
}

/** Running sessions whose scenario declares clocks: their timers are armed on restart and takeover. */
export async function runningSessionsWithClocks(prisma: PrismaClient, sessionId?: string): Promise<string[]> {
  const only = sessionId ?? null;
  const rows = await prisma.$queryRaw<Array<{ id: string }>>`
    select s.id from exercise_sessions s join scenarios sc on sc.id = s.scenario_id
    where s.status = 'RUNNING' and (${only}::text is null or s.id = ${only})
      and jsonb_typeof(sc.document->'clocks') = 'array' and jsonb_array_length(sc.document->'clocks') > 0`;
  return rows.map((r) => r.id);
}

/**
 * What was recorded about clocks, in the shapes lib/scoring/clocks.ts judges: for one session
 * (the after-action report) or for a set of team runs (the dashboard's on-time rate).
 */
export async function recordedClocks(db: Pick<PrismaClient, "$queryRaw">, of: { sessionId: string } | { sessionTeamIds: readonly string[] }) {
  if ("sessionTeamIds" in of && of.sessionTeamIds.length === 0) return { notices: [], manual: [] };
  const where = "sessionId" in of ? Prisma.sql`session_id = ${of.sessionId}` : Prisma.sql`session_team_id in (${Prisma.join([...of.sessionTeamIds])})`;
  const [notices, manual] = await Promise.all([
    db.$queryRaw<Array<{ team_id: string; task_id: string; fields: Record<string, string>; story_at: Date; status: NoticeRow["status"] }>>`
      select session_team_id as team_id, task_id, fields, story_at, status from notices where ${where} order by story_at, created_at`,
    db.$queryRaw<Array<{ team_id: string; clock_id: string; action: "start" | "stop"; story_at: Date }>>`
      select session_team_id as team_id, clock_id, action, story_at from team_clock_events
      where ${where} and action <> 'breach' order by created_at, id`,
  ]);
  return {
    notices: notices.map((n) => ({ sessionTeamId: n.team_id, taskId: n.task_id, fields: n.fields, at: n.story_at.getTime(), status: n.status })),
    manual: manual.map((m) => ({ sessionTeamId: m.team_id, clockId: m.clock_id, action: m.action, at: m.story_at.getTime() })),
  };
}
