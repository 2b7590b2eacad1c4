-- The vote distribution a facilitator revealed to the room (issue 17): the team's phones show it too.
ALTER TABLE "session_teams" ADD COLUMN "reveal" JSONB;
