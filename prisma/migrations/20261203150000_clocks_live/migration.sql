-- Regulatory clocks in a live session (lib/session/clocks.ts): the facilitator's manual clock
-- starts and stops and each recorded breach, the teams' shared notice drafts, and submitted
-- notices with the facilitator's verdict. `story_at` columns hold fictional instants.

CREATE TABLE "team_clock_events" (
    "id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "session_team_id" TEXT NOT NULL,
    "clock_id" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "story_at" TIMESTAMP(3) NOT NULL,
    "actor_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "team_clock_events_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "team_clock_events_session_team_id_created_at_idx" ON "team_clock_events"("session_team_id", "created_at");
-- A breach is recorded once per team and clock, whichever node or restart notices it first.
CREATE UNIQUE INDEX "team_clock_events_one_breach" ON "team_clock_events"("session_team_id", "clock_id") WHERE "action" = 'breach';
ALTER TABLE "team_clock_events" ADD CONSTRAINT "team_clock_events_session_team_id_fkey" FOREIGN KEY ("session_team_id") REFERENCES "session_teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "notice_drafts" (
    "session_team_id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "fields" JSONB NOT NULL DEFAULT '{}',
    "revision" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notice_drafts_pkey" PRIMARY KEY ("session_team_id", "task_id")
);
ALTER TABLE "notice_drafts" ADD CONSTRAINT "notice_drafts_session_team_id_fkey" FOREIGN KEY ("session_team_id") REFERENCES "session_teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "notices" (
    "id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "session_team_id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "fields" JSONB NOT NULL,
    "story_at" TIMESTAMP(3) NOT NULL,
    "submitted_by" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "verdict_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notices_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "notices_session_id_idx" ON "notices"("session_id");
CREATE INDEX "notices_session_team_id_task_id_idx" ON "notices"("session_team_id", "task_id");
ALTER TABLE "notices" ADD CONSTRAINT "notices_session_team_id_fkey" FOREIGN KEY ("session_team_id") REFERENCES "session_teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;
