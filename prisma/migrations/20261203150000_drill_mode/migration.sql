-- Asynchronous drills (lib/drills, docs/drills.md): a session mode, its settings, the
-- invitations (who was asked, how far they got) kept apart from the runs and answers.

-- CreateEnum
CREATE TYPE "SessionMode" AS ENUM ('LIVE', 'DRILL');

-- AlterTable
ALTER TABLE "exercise_sessions" ADD COLUMN "mode" "SessionMode" NOT NULL DEFAULT 'LIVE';

-- CreateTable
CREATE TABLE "drills" (
    "session_id" TEXT NOT NULL,
    "opens_at" TIMESTAMP(3) NOT NULL,
    "closes_at" TIMESTAMP(3) NOT NULL,
    "closed_at" TIMESTAMP(3),
    "open_token_hash" TEXT,
    "timer_scale" DOUBLE PRECISION,

    CONSTRAINT "drills_pkey" PRIMARY KEY ("session_id")
);

-- CreateTable
CREATE TABLE "drill_invitations" (
    "id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "team_id" TEXT,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "opened_at" TIMESTAMP(3),
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "drill_invitations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "drill_runs" (
    "id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "invitation_id" TEXT,
    "user_id" TEXT,
    "team_id" TEXT,
    "state" JSONB NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "node_entered_at" TIMESTAMP(3) NOT NULL,
    "deadline_at" TIMESTAMP(3),
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "drill_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "drill_answers" (
    "id" TEXT NOT NULL,
    "run_id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "node_id" TEXT NOT NULL,
    "visit" INTEGER NOT NULL,
    "option_id" TEXT NOT NULL,
    "confidence" INTEGER,
    "reasoning" TEXT,
    "points" JSONB NOT NULL,
    "best_points" JSONB NOT NULL,
    "entered_at" TIMESTAMP(3) NOT NULL,
    "answered_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "idempotency_key" TEXT NOT NULL,

    CONSTRAINT "drill_answers_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "drills_open_token_hash_key" ON "drills"("open_token_hash");
CREATE INDEX "drills_closes_at_idx" ON "drills"("closes_at");
CREATE UNIQUE INDEX "drill_invitations_token_hash_key" ON "drill_invitations"("token_hash");
CREATE INDEX "drill_invitations_email_idx" ON "drill_invitations"("email");
CREATE UNIQUE INDEX "drill_invitations_session_id_email_key" ON "drill_invitations"("session_id", "email");
CREATE UNIQUE INDEX "drill_runs_token_hash_key" ON "drill_runs"("token_hash");
CREATE UNIQUE INDEX "drill_runs_invitation_id_key" ON "drill_runs"("invitation_id");
CREATE INDEX "drill_runs_session_id_idx" ON "drill_runs"("session_id");
CREATE INDEX "drill_runs_user_id_idx" ON "drill_runs"("user_id");
CREATE UNIQUE INDEX "drill_answers_idempotency_key_key" ON "drill_answers"("idempotency_key");
CREATE UNIQUE INDEX "drill_answers_run_id_node_id_visit_key" ON "drill_answers"("run_id", "node_id", "visit");
CREATE INDEX "drill_answers_session_id_node_id_idx" ON "drill_answers"("session_id", "node_id");

-- AddForeignKey
ALTER TABLE "drills" ADD CONSTRAINT "drills_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "exercise_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "drill_invitations" ADD CONSTRAINT "drill_invitations_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "exercise_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "drill_runs" ADD CONSTRAINT "drill_runs_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "exercise_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "drill_answers" ADD CONSTRAINT "drill_answers_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "drill_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
