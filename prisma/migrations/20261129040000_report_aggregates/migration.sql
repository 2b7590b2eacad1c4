-- CreateTable
CREATE TABLE "decision_scores" (
    "decision_id" TEXT NOT NULL,
    "capability_id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "session_team_id" TEXT NOT NULL,
    "earned" DOUBLE PRECISION NOT NULL,
    "best" DOUBLE PRECISION NOT NULL,
    "respondents" INTEGER NOT NULL,

    CONSTRAINT "decision_scores_pkey" PRIMARY KEY ("decision_id","capability_id")
);

-- CreateTable
CREATE TABLE "session_team_scores" (
    "session_team_id" TEXT NOT NULL,
    "capability_id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "earned" DOUBLE PRECISION NOT NULL,
    "best" DOUBLE PRECISION NOT NULL,
    "decisions" INTEGER NOT NULL,
    "respondents" INTEGER NOT NULL,

    CONSTRAINT "session_team_scores_pkey" PRIMARY KEY ("session_team_id","capability_id")
);

-- CreateTable
CREATE TABLE "session_team_totals" (
    "session_team_id" TEXT NOT NULL,
    "decisions" INTEGER NOT NULL,
    "respondents" INTEGER NOT NULL,

    CONSTRAINT "session_team_totals_pkey" PRIMARY KEY ("session_team_id")
);

-- CreateTable
CREATE TABLE "gap_analyses" (
    "session_team_id" TEXT NOT NULL,
    "decisions" INTEGER NOT NULL,
    "total_lost" DOUBLE PRECISION NOT NULL,
    "analysed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "gap_analyses_pkey" PRIMARY KEY ("session_team_id")
);

-- CreateTable
CREATE TABLE "gap_topics" (
    "session_team_id" TEXT NOT NULL,
    "training_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "occurrences" INTEGER NOT NULL,
    "cost" DOUBLE PRECISION NOT NULL,
    "assessed" BOOLEAN NOT NULL,

    CONSTRAINT "gap_topics_pkey" PRIMARY KEY ("session_team_id","training_id")
);

-- CreateIndex
CREATE INDEX "decision_scores_session_team_id_capability_id_idx" ON "decision_scores"("session_team_id", "capability_id");

-- AddForeignKey
ALTER TABLE "decision_scores" ADD CONSTRAINT "decision_scores_decision_id_fkey" FOREIGN KEY ("decision_id") REFERENCES "decisions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session_team_scores" ADD CONSTRAINT "session_team_scores_session_team_id_fkey" FOREIGN KEY ("session_team_id") REFERENCES "session_teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session_team_totals" ADD CONSTRAINT "session_team_totals_session_team_id_fkey" FOREIGN KEY ("session_team_id") REFERENCES "session_teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gap_analyses" ADD CONSTRAINT "gap_analyses_session_team_id_fkey" FOREIGN KEY ("session_team_id") REFERENCES "session_teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gap_topics" ADD CONSTRAINT "gap_topics_session_team_id_fkey" FOREIGN KEY ("session_team_id") REFERENCES "gap_analyses"("session_team_id") ON DELETE CASCADE ON UPDATE CASCADE;


-- CreateIndex: dashboard filters join sessions by status and date, and teams by organisation team.
CREATE INDEX "exercise_sessions_status_started_at_idx" ON "exercise_sessions"("status", "started_at");

-- Reports: keep decision_scores, session_team_scores and session_team_totals in step with
-- decisions. A decision row is written once when a team locks (erasure later rewrites its
-- tally), so a row trigger costs a few small writes per decision and the dashboard never
-- expands JSON. Non-numeric values count as 0 and never block the decision itself.
CREATE FUNCTION readyroom_score_decision() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM decision_scores WHERE decision_id = OLD.id;
  END IF;
  INSERT INTO decision_scores (decision_id, capability_id, session_id, session_team_id, earned, best, respondents)
  SELECT NEW.id, k.capability_id, NEW.session_id, NEW.session_team_id,
         CASE WHEN jsonb_typeof(NEW.points -> k.capability_id) = 'number' THEN (NEW.points ->> k.capability_id)::double precision ELSE 0 END,
         CASE WHEN jsonb_typeof(NEW.best_points -> k.capability_id) = 'number' THEN (NEW.best_points ->> k.capability_id)::double precision ELSE 0 END,
         CASE WHEN jsonb_typeof(NEW.tally -> 'total') = 'number' THEN (NEW.tally ->> 'total')::double precision::integer ELSE 0 END
  FROM (
    SELECT jsonb_object_keys(CASE WHEN jsonb_typeof(NEW.best_points) = 'object' THEN NEW.best_points ELSE '{}'::jsonb END) AS capability_id
    UNION
    SELECT jsonb_object_keys(CASE WHEN jsonb_typeof(NEW.points) = 'object' THEN NEW.points ELSE '{}'::jsonb END)
  ) k;

  IF TG_OP = 'INSERT' THEN
    -- Add the new decision to its team session's sums.
    INSERT INTO session_team_scores AS t (session_team_id, capability_id, session_id, earned, best, decisions, respondents)
    SELECT session_team_id, capability_id, session_id, earned, best, 1, respondents FROM decision_scores WHERE decision_id = NEW.id
    ON CONFLICT (session_team_id, capability_id) DO UPDATE
      SET earned = t.earned + EXCLUDED.earned, best = t.best + EXCLUDED.best, decisions = t.decisions + 1, respondents = greatest(t.respondents, EXCLUDED.respondents);
    INSERT INTO session_team_totals AS t (session_team_id, decisions, respondents)
    VALUES (NEW.session_team_id, 1, CASE WHEN jsonb_typeof(NEW.tally -> 'total') = 'number' THEN (NEW.tally ->> 'total')::double precision::integer ELSE 0 END)
    ON CONFLICT (session_team_id) DO UPDATE SET decisions = t.decisions + 1, respondents = greatest(t.respondents, EXCLUDED.respondents);
  ELSE
    -- A rewritten decision (rare): recount its team session from scratch.
    DELETE FROM session_team_scores WHERE session_team_id = NEW.session_team_id;
    INSERT INTO session_team_scores (session_team_id, capability_id, session_id, earned, best, decisions, respondents)
    SELECT session_team_id, capability_id, min(session_id), sum(earned), sum(best), count(*), max(respondents)
    FROM decision_scores WHERE session_team_id = NEW.session_team_id GROUP BY session_team_id, capability_id;
    INSERT INTO session_team_totals AS t (session_team_id, decisions, respondents)
    SELECT NEW.session_team_id, count(*), coalesce(max(CASE WHEN jsonb_typeof(d.tally -> 'total') = 'number' THEN (d.tally ->> 'total')::double precision::integer ELSE 0 END), 0)
    FROM decisions d WHERE d.session_team_id = NEW.session_team_id
    ON CONFLICT (session_team_id) DO UPDATE SET decisions = EXCLUDED.decisions, respondents = EXCLUDED.respondents;
  END IF;

  IF TG_OP = 'INSERT' OR NEW.option_id IS DISTINCT FROM OLD.option_id OR NEW.best_points IS DISTINCT FROM OLD.best_points THEN
    -- The team's stored gap analysis no longer covers all its decisions; the next report redoes it.
    DELETE FROM gap_analyses WHERE session_team_id = NEW.session_team_id;
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER decisions_report_scores AFTER INSERT OR UPDATE OF points, best_points, tally, option_id ON "decisions"
  FOR EACH ROW EXECUTE FUNCTION readyroom_score_decision();

-- Backfill the decisions recorded before this migration.
INSERT INTO decision_scores (decision_id, capability_id, session_id, session_team_id, earned, best, respondents)
SELECT d.id, k.capability_id, d.session_id, d.session_team_id,
       CASE WHEN jsonb_typeof(d.points -> k.capability_id) = 'number' THEN (d.points ->> k.capability_id)::double precision ELSE 0 END,
       CASE WHEN jsonb_typeof(d.best_points -> k.capability_id) = 'number' THEN (d.best_points ->> k.capability_id)::double precision ELSE 0 END,
       CASE WHEN jsonb_typeof(d.tally -> 'total') = 'number' THEN (d.tally ->> 'total')::double precision::integer ELSE 0 END
FROM decisions d
CROSS JOIN LATERAL (
  SELECT jsonb_object_keys(CASE WHEN jsonb_typeof(d.best_points) = 'object' THEN d.best_points ELSE '{}'::jsonb END) AS capability_id
  UNION
  SELECT jsonb_object_keys(CASE WHEN jsonb_typeof(d.points) = 'object' THEN d.points ELSE '{}'::jsonb END)
) k;

INSERT INTO session_team_scores (session_team_id, capability_id, session_id, earned, best, decisions, respondents)
SELECT session_team_id, capability_id, min(session_id), sum(earned), sum(best), count(*), max(respondents)
FROM decision_scores GROUP BY session_team_id, capability_id;

INSERT INTO session_team_totals (session_team_id, decisions, respondents)
SELECT d.session_team_id, count(*), coalesce(max(CASE WHEN jsonb_typeof(d.tally -> 'total') = 'number' THEN (d.tally ->> 'total')::double precision::integer ELSE 0 END), 0)
FROM decisions d GROUP BY d.session_team_id;
