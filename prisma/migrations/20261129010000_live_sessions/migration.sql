-- AlterTable
ALTER TABLE "session_teams" ADD COLUMN     "timer_remaining_ms" INTEGER;

-- CreateTable
CREATE TABLE "decisions" (
    "id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "session_team_id" TEXT NOT NULL,
    "node_id" TEXT NOT NULL,
    "visit" INTEGER NOT NULL,
    "option_id" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "tally" JSONB NOT NULL,
    "points" JSONB NOT NULL,
    "best_points" JSONB NOT NULL,
    "reason" TEXT,
    "entered_at" TIMESTAMP(3) NOT NULL,
    "decided_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_by_id" TEXT,

    CONSTRAINT "decisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notes" (
    "id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "session_team_id" TEXT,
    "node_id" TEXT,
    "text" TEXT NOT NULL,
    "author_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "processed_commands" (
    "key" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "result" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_commands_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "decisions_session_id_idx" ON "decisions"("session_id");

-- CreateIndex
CREATE UNIQUE INDEX "decisions_session_team_id_node_id_visit_key" ON "decisions"("session_team_id", "node_id", "visit");

-- CreateIndex
CREATE INDEX "notes_session_id_created_at_idx" ON "notes"("session_id", "created_at");

-- CreateIndex
CREATE INDEX "processed_commands_session_id_idx" ON "processed_commands"("session_id");

-- AddForeignKey
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "exercise_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_session_team_id_fkey" FOREIGN KEY ("session_team_id") REFERENCES "session_teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notes" ADD CONSTRAINT "notes_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "exercise_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

