-- A hash chain over the audit log (lib/audit/chain.ts, docs/evidence.md). Each audit row
-- gets one link: its place in one order (seq, taken under a lock on the single chain-head
-- row, so writers on several nodes share one order) and the SHA-256 that ties it to the
-- link before it. Links live beside the rows rather than in them, so the rows written
-- before this migration stay untouched (audit_log refuses UPDATE); the app chains those on
-- its first start, in id order, up to legacy_max_id.

CREATE TABLE "audit_chain" (
    "seq" BIGINT NOT NULL,
    "audit_id" BIGINT NOT NULL,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "audit_chain_pkey" PRIMARY KEY ("seq")
);
CREATE UNIQUE INDEX "audit_chain_audit_id_key" ON "audit_chain"("audit_id");
-- No foreign key to audit_log on purpose: the append-only triggers already refuse removing a
-- row, and a key would make TRUNCATE audit_log fail on the key instead of on the trigger that
-- says why. A missing row is found by audit:verify (a link whose row is gone).

CREATE TABLE "audit_chain_head" (
    "id" INTEGER NOT NULL,
    "seq" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,
    "legacy_max_id" BIGINT NOT NULL,
    "legacy_chained" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "audit_chain_head_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "audit_chain_head_single" CHECK ("id" = 1)
);
INSERT INTO "audit_chain_head" ("id", "seq", "hash", "legacy_max_id", "legacy_chained")
  SELECT 1, 0, repeat('0', 64), coalesce(max("id"), 0), false FROM "audit_log";

-- Signed statements "the chain had this hash at this seq" (Ed25519, the instance key).
CREATE TABLE "audit_checkpoint" (
    "id" BIGSERIAL NOT NULL,
    "seq" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "key_id" TEXT NOT NULL,
    "public_key" TEXT NOT NULL,
    "signature" TEXT NOT NULL,

    CONSTRAINT "audit_checkpoint_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "audit_checkpoint_seq_idx" ON "audit_checkpoint"("seq");

CREATE TRIGGER audit_chain_append_only BEFORE UPDATE OR DELETE ON "audit_chain"
  FOR EACH ROW EXECUTE FUNCTION readyroom_refuse_change();
CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON "audit_chain"
  FOR EACH STATEMENT EXECUTE FUNCTION readyroom_refuse_change();
CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON "audit_checkpoint"
  FOR EACH ROW EXECUTE FUNCTION readyroom_refuse_change();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON "audit_checkpoint"
  FOR EACH STATEMENT EXECUTE FUNCTION readyroom_refuse_change();
