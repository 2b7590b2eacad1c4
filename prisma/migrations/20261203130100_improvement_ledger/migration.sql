-- Improvement items as a ledger (lib/improvements, docs/evidence.md): an owner who may be a
-- user, the finding an item came from, "verified by exercise" (a later session of the same
-- team rated the capability P or S, and a person confirmed it), comments, and a status
-- history written by the database itself, so every path that changes an item leaves one.

ALTER TABLE "improvement_items" ADD COLUMN "owner_user_id" TEXT;
ALTER TABLE "improvement_items" ADD COLUMN "finding_id" TEXT;
ALTER TABLE "improvement_items" ADD COLUMN "verified_at" TIMESTAMP(3);
ALTER TABLE "improvement_items" ADD COLUMN "verified_by_session_id" TEXT;
ALTER TABLE "improvement_items" ADD COLUMN "verified_by_id" TEXT;
ALTER TABLE "improvement_items" ADD CONSTRAINT "improvement_items_owner_user_id_fkey" FOREIGN KEY ("owner_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "improvement_items" ADD CONSTRAINT "improvement_items_finding_id_fkey" FOREIGN KEY ("finding_id") REFERENCES "aar_findings"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "improvement_items" ADD CONSTRAINT "improvement_items_verified_by_session_id_fkey" FOREIGN KEY ("verified_by_session_id") REFERENCES "exercise_sessions"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "improvement_items" ADD CONSTRAINT "improvement_items_verified_by_id_fkey" FOREIGN KEY ("verified_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "improvement_items_status_due_date_idx" ON "improvement_items"("status", "due_date");

CREATE TABLE "improvement_status_changes" (
    "id" BIGSERIAL NOT NULL,
    "item_id" TEXT NOT NULL,
    "from_status" TEXT,
    "to_status" TEXT NOT NULL,
    "actor_id" TEXT,
    "session_id" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "improvement_status_changes_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "improvement_status_changes_item_id_idx" ON "improvement_status_changes"("item_id", "id");
ALTER TABLE "improvement_status_changes" ADD CONSTRAINT "improvement_status_changes_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "improvement_items"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "improvement_comments" (
    "id" TEXT NOT NULL,
    "item_id" TEXT NOT NULL,
    "author_id" TEXT,
    "text" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "improvement_comments_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "improvement_comments_item_id_idx" ON "improvement_comments"("item_id", "created_at");
ALTER TABLE "improvement_comments" ADD CONSTRAINT "improvement_comments_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "improvement_items"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "improvement_comments" ADD CONSTRAINT "improvement_comments_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A status change that does not itself verify the item withdraws an earlier verification
-- (an item reopened after it was verified is no longer verified).
CREATE FUNCTION readyroom_improvement_unverify() RETURNS trigger AS $$
BEGIN
  IF NEW."status" IS DISTINCT FROM OLD."status" AND NEW."verified_at" IS NOT DISTINCT FROM OLD."verified_at" THEN
    NEW."verified_at" := NULL;
    NEW."verified_by_session_id" := NULL;
    NEW."verified_by_id" := NULL;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER improvement_items_unverify BEFORE UPDATE ON "improvement_items"
  FOR EACH ROW EXECUTE FUNCTION readyroom_improvement_unverify();

-- One history row per change of the ledger state (the status, or VERIFIED). The actor is
-- the app's transaction-local setting readyroom.actor_id when it set one.
CREATE FUNCTION readyroom_improvement_history() RETURNS trigger AS $$
DECLARE
  before_state TEXT;
  after_state TEXT;
BEGIN
  after_state := CASE WHEN NEW."verified_at" IS NOT NULL THEN 'VERIFIED' ELSE NEW."status"::text END;
  IF TG_OP = 'UPDATE' THEN
    before_state := CASE WHEN OLD."verified_at" IS NOT NULL THEN 'VERIFIED' ELSE OLD."status"::text END;
  END IF;
  IF before_state IS DISTINCT FROM after_state THEN
    INSERT INTO "improvement_status_changes" ("item_id", "from_status", "to_status", "actor_id", "session_id", "at")
    VALUES (NEW."id", before_state, after_state, nullif(current_setting('readyroom.actor_id', true), ''),
            CASE WHEN after_state = 'VERIFIED' THEN NEW."verified_by_session_id" ELSE NULL END, CURRENT_TIMESTAMP);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER improvement_items_history AFTER INSERT OR UPDATE ON "improvement_items"
  FOR EACH ROW EXECUTE FUNCTION readyroom_improvement_history();

-- Items written before the ledger start their history at their creation.
INSERT INTO "improvement_status_changes" ("item_id", "from_status", "to_status", "actor_id", "at")
  SELECT "id", NULL, "status"::text, "author_id", "created_at" FROM "improvement_items";
