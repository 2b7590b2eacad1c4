-- Drills wired to e-mail (lib/drills/mail.ts, docs/drills.md): the automatic reminder's
-- lead time, the manual reminder counter, when the closing notes were queued, and each
-- invitation's token sealed with the session's data key while the drill may still mail it.

-- AlterTable
ALTER TABLE "drills" ADD COLUMN "reminder_days" INTEGER NOT NULL DEFAULT 2,
ADD COLUMN "reminders_sent" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "closing_notes_at" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "drill_invitations" ADD COLUMN "token_sealed" TEXT;
