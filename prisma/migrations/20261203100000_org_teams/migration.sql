-- Organisation teams become explicit records: archiving, who created them, when they last
-- changed. Every existing team keeps its row and id, so the sessions, improvement items and
-- history linked to it stay linked; nothing is matched by name again.

-- AlterTable
ALTER TABLE "teams" ADD COLUMN "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN "archived_at" TIMESTAMP(3),
ADD COLUMN "created_by_id" TEXT;

-- CreateIndex
CREATE INDEX "teams_archived_at_idx" ON "teams"("archived_at");

-- AddForeignKey
ALTER TABLE "teams" ADD CONSTRAINT "teams_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
