-- CreateEnum
CREATE TYPE "AarFindingKind" AS ENUM ('STRENGTH', 'AREA_FOR_IMPROVEMENT');

-- CreateEnum
CREATE TYPE "ImprovementStatus" AS ENUM ('OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED');

-- CreateTable
CREATE TABLE "rating_overrides" (
    "id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "session_team_id" TEXT NOT NULL,
    "capability_id" TEXT NOT NULL,
    "proposed" TEXT,
    "rating" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,
    "author_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "rating_overrides_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "aar_findings" (
    "id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "session_team_id" TEXT,
    "capability_id" TEXT NOT NULL,
    "kind" "AarFindingKind" NOT NULL,
    "text" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "author_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "aar_findings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "improvement_items" (
    "id" TEXT NOT NULL,
    "origin_session_id" TEXT,
    "team_id" TEXT,
    "capability_id" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "due_date" DATE,
    "status" "ImprovementStatus" NOT NULL DEFAULT 'OPEN',
    "author_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "closed_at" TIMESTAMP(3),

    CONSTRAINT "improvement_items_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "rating_overrides_session_id_idx" ON "rating_overrides"("session_id");

-- CreateIndex
CREATE UNIQUE INDEX "rating_overrides_session_team_id_capability_id_key" ON "rating_overrides"("session_team_id", "capability_id");

-- CreateIndex
CREATE INDEX "aar_findings_session_id_capability_id_idx" ON "aar_findings"("session_id", "capability_id");

-- CreateIndex
CREATE INDEX "improvement_items_team_id_capability_id_idx" ON "improvement_items"("team_id", "capability_id");

-- CreateIndex
CREATE INDEX "improvement_items_origin_session_id_idx" ON "improvement_items"("origin_session_id");

-- AddForeignKey
ALTER TABLE "rating_overrides" ADD CONSTRAINT "rating_overrides_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "exercise_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rating_overrides" ADD CONSTRAINT "rating_overrides_session_team_id_fkey" FOREIGN KEY ("session_team_id") REFERENCES "session_teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "aar_findings" ADD CONSTRAINT "aar_findings_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "exercise_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "aar_findings" ADD CONSTRAINT "aar_findings_session_team_id_fkey" FOREIGN KEY ("session_team_id") REFERENCES "session_teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "improvement_items" ADD CONSTRAINT "improvement_items_origin_session_id_fkey" FOREIGN KEY ("origin_session_id") REFERENCES "exercise_sessions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "improvement_items" ADD CONSTRAINT "improvement_items_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE CASCADE;

