-- Every dashboard view at scale (issue 18 §4): two more aggregates, kept by triggers.
-- * report_rollup_all: report_rollup summed over scenarios, per organisation team × day, week
--   or month × capability. The unfiltered heat-map and trends (no scenario chosen) read it in
--   index order, without grouping or sorting. Kept by statement triggers on report_rollup, so
--   every path that refreshes the rollup (decisions, sessions ending or re-dated, team merges,
--   deletions) refreshes it too.
-- * report_cell_sessions: session_team_scores with the team session's organisation team,
--   session, scenario, status and date beside it, indexed (team, capability, date desc), so a
--   heat-map cell's latest sessions (the drill-down) are an index scan of the rows listed.
CREATE TABLE "report_rollup_all" (
    "grain" TEXT NOT NULL,
    "team_id" TEXT NOT NULL,
    "period" DATE NOT NULL,
    "capability_id" TEXT NOT NULL,
    "earned" DOUBLE PRECISION NOT NULL,
    "best" DOUBLE PRECISION NOT NULL,
    "decisions" INTEGER NOT NULL,
    "sessions" INTEGER NOT NULL,
    "respondents" INTEGER NOT NULL,

    CONSTRAINT "report_rollup_all_pkey" PRIMARY KEY ("grain", "period", "team_id", "capability_id")
);

CREATE TABLE "report_cell_sessions" (
    "session_team_id" TEXT NOT NULL,
    "capability_id" TEXT NOT NULL,
    "team_id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "scenario_slug" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "earned" DOUBLE PRECISION NOT NULL,
    "best" DOUBLE PRECISION NOT NULL,
    "decisions" INTEGER NOT NULL,
    "respondents" INTEGER NOT NULL,

    CONSTRAINT "report_cell_sessions_pkey" PRIMARY KEY ("session_team_id", "capability_id")
);

CREATE INDEX "report_cell_sessions_cell_idx" ON "report_cell_sessions"("team_id", "capability_id", "at" DESC, "session_id", "session_team_id");
CREATE INDEX "report_cell_sessions_session_idx" ON "report_cell_sessions"("session_id");

-- Recomputes the scenario-free rows of the (grain, team, period) keys a statement on
-- report_rollup touched.
CREATE FUNCTION readyroom_rollup_all_on_change() RETURNS trigger AS $$
BEGIN
  DELETE FROM report_rollup_all a USING (SELECT DISTINCT grain, team_id, period FROM changed_rollup) k
  WHERE a.grain = k.grain AND a.team_id = k.team_id AND a.period = k.period;
  INSERT INTO report_rollup_all (grain, team_id, period, capability_id, earned, best, decisions, sessions, respondents)
  SELECT r.grain, r.team_id, r.period, r.capability_id, sum(r.earned), sum(r.best), sum(r.decisions), sum(r.sessions), max(r.respondents)
  FROM report_rollup r JOIN (SELECT DISTINCT grain, team_id, period FROM changed_rollup) k
    ON r.grain = k.grain AND r.team_id = k.team_id AND r.period = k.period
  GROUP BY r.grain, r.team_id, r.period, r.capability_id;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER report_rollup_all_insert AFTER INSERT ON "report_rollup"
  REFERENCING NEW TABLE AS changed_rollup FOR EACH STATEMENT EXECUTE FUNCTION readyroom_rollup_all_on_change();
CREATE TRIGGER report_rollup_all_delete AFTER DELETE ON "report_rollup"
  REFERENCING OLD TABLE AS changed_rollup FOR EACH STATEMENT EXECUTE FUNCTION readyroom_rollup_all_on_change();

-- One team session's row of one capability, from session_team_scores and its session.
CREATE FUNCTION readyroom_cell_sessions_refresh(p_session_team TEXT, p_capability TEXT) RETURNS void AS $$
BEGIN
  DELETE FROM report_cell_sessions WHERE session_team_id = p_session_team AND (p_capability IS NULL OR capability_id = p_capability);
  INSERT INTO report_cell_sessions (session_team_id, capability_id, team_id, session_id, scenario_slug, status, at, earned, best, decisions, respondents)
  SELECT ts.session_team_id, ts.capability_id, st.team_id, s.id, sc.slug, s.status::text, coalesce(s.started_at, s.created_at), ts.earned, ts.best, ts.decisions, ts.respondents
  FROM session_team_scores ts
  JOIN session_teams st ON st.id = ts.session_team_id
  JOIN exercise_sessions s ON s.id = st.session_id
  JOIN scenarios sc ON sc.id = s.scenario_id
  WHERE ts.session_team_id = p_session_team AND (p_capability IS NULL OR ts.capability_id = p_capability) AND st.team_id IS NOT NULL;
END $$ LANGUAGE plpgsql;

CREATE FUNCTION readyroom_cell_sessions_on_scores() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM report_cell_sessions WHERE session_team_id = OLD.session_team_id AND capability_id = OLD.capability_id;
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND (OLD.session_team_id, OLD.capability_id) IS DISTINCT FROM (NEW.session_team_id, NEW.capability_id) THEN
    DELETE FROM report_cell_sessions WHERE session_team_id = OLD.session_team_id AND capability_id = OLD.capability_id;
  END IF;
  PERFORM readyroom_cell_sessions_refresh(NEW.session_team_id, NEW.capability_id);
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER session_team_scores_cell_sessions AFTER INSERT OR UPDATE OR DELETE ON "session_team_scores"
  FOR EACH ROW EXECUTE FUNCTION readyroom_cell_sessions_on_scores();

-- A session changed status, date or scenario: its rows follow.
CREATE FUNCTION readyroom_cell_sessions_on_session() RETURNS trigger AS $$
BEGIN
  IF OLD.status IS DISTINCT FROM NEW.status OR OLD.started_at IS DISTINCT FROM NEW.started_at
     OR OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.scenario_id IS DISTINCT FROM NEW.scenario_id THEN
    UPDATE report_cell_sessions c SET status = NEW.status::text, at = coalesce(NEW.started_at, NEW.created_at),
      scenario_slug = (SELECT slug FROM scenarios WHERE id = NEW.scenario_id)
    WHERE c.session_id = NEW.id;
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER exercise_sessions_cell_sessions AFTER UPDATE ON "exercise_sessions"
  FOR EACH ROW EXECUTE FUNCTION readyroom_cell_sessions_on_session();

-- A team session changed organisation team (a merge) or left one.
CREATE FUNCTION readyroom_cell_sessions_on_session_team() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM report_cell_sessions WHERE session_team_id = OLD.id;
    RETURN OLD;
  END IF;
  PERFORM readyroom_cell_sessions_refresh(NEW.id, NULL);
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER session_teams_cell_sessions AFTER UPDATE OF team_id ON "session_teams"
  FOR EACH ROW EXECUTE FUNCTION readyroom_cell_sessions_on_session_team();
CREATE TRIGGER session_teams_cell_sessions_delete BEFORE DELETE ON "session_teams"
  FOR EACH ROW EXECUTE FUNCTION readyroom_cell_sessions_on_session_team();

-- Both rebuilt in set-based SQL, for bulk loads that ran with triggers off and as a repair.
CREATE FUNCTION readyroom_report_views_rebuild() RETURNS void AS $$
BEGIN
  DELETE FROM report_rollup_all;
  INSERT INTO report_rollup_all (grain, team_id, period, capability_id, earned, best, decisions, sessions, respondents)
  SELECT grain, team_id, period, capability_id, sum(earned), sum(best), sum(decisions), sum(sessions), max(respondents)
  FROM report_rollup GROUP BY grain, team_id, period, capability_id;
  DELETE FROM report_cell_sessions;
  INSERT INTO report_cell_sessions (session_team_id, capability_id, team_id, session_id, scenario_slug, status, at, earned, best, decisions, respondents)
  SELECT ts.session_team_id, ts.capability_id, st.team_id, s.id, sc.slug, s.status::text, coalesce(s.started_at, s.created_at), ts.earned, ts.best, ts.decisions, ts.respondents
  FROM session_team_scores ts
  JOIN session_teams st ON st.id = ts.session_team_id
  JOIN exercise_sessions s ON s.id = st.session_id
  JOIN scenarios sc ON sc.id = s.scenario_id
  WHERE st.team_id IS NOT NULL;
END $$ LANGUAGE plpgsql;

-- The bulk rebuild of every report aggregate now ends with these two.
CREATE OR REPLACE FUNCTION readyroom_rebuild_report_aggregates() RETURNS void AS $$
BEGIN
  DELETE FROM report_rollup;
  DELETE FROM report_rollup_teams;
  DELETE FROM session_team_totals;
  DELETE FROM session_team_scores;
  DELETE FROM decision_scores;
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
  PERFORM readyroom_rollup_rebuild();
  PERFORM readyroom_gap_rollup_rebuild();
  PERFORM readyroom_report_views_rebuild();
END $$ LANGUAGE plpgsql;

-- Fill them from what was recorded before this migration.
SELECT readyroom_report_views_rebuild();
