-- Cryptographic erasure: data keys wrapped by a key-encryption key that lives outside
-- the database. Display names and answers are encrypted by the application; rows written
-- before this migration are encrypted at the next start (lib/privacy/crypto/backfill.ts).

CREATE TABLE "data_keys" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "session_id" TEXT NOT NULL,
    "participant_id" TEXT,
    "kek_id" TEXT NOT NULL,
    "wrapped" BYTEA NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "data_keys_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "data_keys_participant_id_key" ON "data_keys"("participant_id");
CREATE INDEX "data_keys_session_id_idx" ON "data_keys"("session_id");
CREATE INDEX "data_keys_kek_id_idx" ON "data_keys"("kek_id");
-- One key per session (the participants' keys have a participant id).
CREATE UNIQUE INDEX "data_keys_session_key" ON "data_keys"("session_id") WHERE "participant_id" IS NULL;

ALTER TABLE "data_keys" ADD CONSTRAINT "data_keys_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "exercise_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "data_keys" ADD CONSTRAINT "data_keys_participant_id_fkey" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Names are unique per session through their keyed index, since the stored name is
-- ciphertext (a fresh nonce each time). Rows from before have no index until the backfill.
ALTER TABLE "participants" ADD COLUMN "name_index" BYTEA;
DROP INDEX "participants_session_id_display_name_key";
CREATE UNIQUE INDEX "participants_session_id_name_index_key" ON "participants"("session_id", "name_index");
