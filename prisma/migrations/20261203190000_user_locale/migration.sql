-- Each user's language for the interface and their e-mail (the weekly digest and any other
-- per-user message). Null until the person chooses one (the language switch, signed in) or
-- is invited to a drill in a language: until then the app's default language applies.

-- AlterTable
ALTER TABLE "users" ADD COLUMN "locale" TEXT;
