-- Server-side sign-out: a cookie is valid only while its version matches the user's.
ALTER TABLE "users" ADD COLUMN "session_version" INTEGER NOT NULL DEFAULT 0;
