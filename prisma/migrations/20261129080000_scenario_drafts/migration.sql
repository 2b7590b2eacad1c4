-- CreateTable
CREATE TABLE "scenario_drafts" (
    "id" TEXT NOT NULL,
    "owner_id" TEXT NOT NULL,
    "base_scenario_id" TEXT,
    "title" TEXT NOT NULL,
    "document" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "scenario_drafts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "scenario_drafts_owner_id_updated_at_idx" ON "scenario_drafts"("owner_id", "updated_at");

-- AddForeignKey
ALTER TABLE "scenario_drafts" ADD CONSTRAINT "scenario_drafts_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scenario_drafts" ADD CONSTRAINT "scenario_drafts_base_scenario_id_fkey" FOREIGN KEY ("base_scenario_id") REFERENCES "scenarios"("id") ON DELETE SET NULL ON UPDATE CASCADE;

