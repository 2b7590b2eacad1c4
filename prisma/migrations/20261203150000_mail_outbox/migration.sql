-- The mail outbox (lib/mail, docs/mail.md): a durable queue of e-mail to send, claimed by the
-- mail worker with a lease (FOR UPDATE SKIP LOCKED), retried with back-off, and kept 30 days
-- after its final state so that failures and bounces can be shown where they matter.

CREATE TABLE "mail_outbox" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "to_address" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "vars" JSONB NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "scope" TEXT,
    "status" TEXT NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lease_until" TIMESTAMP(3),
    "handed_over_at" TIMESTAMP(3),
    "last_error" TEXT,
    "sent_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mail_outbox_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "mail_outbox_status_check" CHECK ("status" IN ('QUEUED', 'SENDING', 'SENT', 'UNCONFIRMED', 'FAILED', 'BOUNCED'))
);
CREATE UNIQUE INDEX "mail_outbox_dedupe_key_key" ON "mail_outbox"("dedupe_key");
CREATE INDEX "mail_outbox_status_next_attempt_at_idx" ON "mail_outbox"("status", "next_attempt_at");
CREATE INDEX "mail_outbox_scope_idx" ON "mail_outbox"("scope");
