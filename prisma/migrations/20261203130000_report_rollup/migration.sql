-- Reports at scale: a rollup of ended sessions per organisation team × scenario × period ×
-- capability (report_rollup) and per team × scenario × period (report_rollup_teams), at three
-- grains: day, ISO week and month (period = the first day). The dashboard reads whole months
-- or weeks where the date range covers them and days only at its edges, so the unscoped
-- heat-map and trends read a few thousand rows instead of grouping every team session. A
-- session's day is the UTC date of coalesce(started_at, created_at), the date the filters
-- compare, so a from/to filter and a week or month bucket are whole days.
CREATE TABLE "report_rollup" (
    "grain" TEXT NOT NULL,
    "team_id" TEXT NOT NULL,
    "scenario_slug" TEXT NOT NULL,
    "period" DATE NOT NULL,
    "capability_id" TEXT NOT NULL,
    "earned" DOUBLE PRECISION NOT NULL,
    "best" DOUBLE PRECISION NOT NULL,
    "decisions" INTEGER NOT NULL,
    "sessions" INTEGER NOT NULL,
    "respondents" INTEGER NOT NULL,

    CONSTRAINT "report_rollup_pkey" PRIMARY KEY ("grain", "team_id", "scenario_slug", "period", "capability_id")
);

CREATE TABLE "report_rollup_teams" (
    "grain" TEXT NOT NULL,
    "team_id" TEXT NOT NULL,
    "scenario_slug" TEXT NOT NULL,
    "period" DATE NOT NULL,
    "sessions" INTEGER NOT NULL,
    "decisions" INTEGER NOT NULL,
    "respondents" INTEGER NOT NULL,

    CONSTRAINT "report_rollup_teams_pkey" PRIMARY KEY ("grain", "team_id", "scenario_slug", "period")
);

CREATE INDEX "report_rollup_grain_period_idx" ON "report_rollup"("grain", "period");
CREATE INDEX "report_rollup_teams_grain_period_idx" ON "report_rollup_teams"("grain", "period");
-- The rollup refresh finds one day's sessions by the date the reports use.
CREATE INDEX "exercise_sessions_report_at_idx" ON "exercise_sessions"((coalesce("started_at", "created_at")));

-- Recomputes one key (team, scenario slug, day) from the per-team-session sums, leaving out
-- a session or team session that is being deleted. Recomputing instead of adding keeps the
-- maxima (respondents) exact when a decision is rewritten or a session leaves the rollup.
CREATE FUNCTION readyroom_rollup_refresh(p_team TEXT, p_slug TEXT, p_day DATE, p_skip_session TEXT, p_skip_session_team TEXT) RETURNS void AS $$
BEGIN
  IF p_team IS NULL OR p_slug IS NULL OR p_day IS NULL THEN RETURN; END IF;
  DELETE FROM report_rollup WHERE grain = 'day' AND team_id = p_team AND scenario_slug = p_slug AND period = p_day;
  DELETE FROM report_rollup_teams WHERE grain = 'day' AND team_id = p_team AND scenario_slug = p_slug AND period = p_day;
  INSERT INTO report_rollup (grain, team_id, scenario_slug, period, capability_id, earned, best, decisions, sessions, respondents)
  SELECT 'day', p_team, p_slug, p_day, ts.capability_id, sum(ts.earned), sum(ts.best), sum(ts.decisions), count(DISTINCT s.id), max(ts.respondents)
  FROM exercise_sessions s
  JOIN scenarios sc ON sc.id = s.scenario_id
  JOIN session_teams st ON st.session_id = s.id
  JOIN session_team_scores ts ON ts.session_team_id = st.id
  WHERE s.status = 'ENDED' AND st.team_id = p_team AND sc.slug = p_slug
    AND coalesce(s.started_at, s.created_at) >= p_day AND coalesce(s.started_at, s.created_at) < p_day + 1
    AND s.id IS DISTINCT FROM p_skip_session AND st.id IS DISTINCT FROM p_skip_session_team
  GROUP BY ts.capability_id;
  INSERT INTO report_rollup_teams (grain, team_id, scenario_slug, period, sessions, decisions, respondents)
  SELECT 'day', p_team, p_slug, p_day, count(DISTINCT s.id), coalesce(sum(tt.decisions), 0), coalesce(max(tt.respondents), 0)
  FROM exercise_sessions s
  JOIN scenarios sc ON sc.id = s.scenario_id
  JOIN session_teams st ON st.session_id = s.id
  LEFT JOIN session_team_totals tt ON tt.session_team_id = st.id
  WHERE s.status = 'ENDED' AND st.team_id = p_team AND sc.slug = p_slug
    AND coalesce(s.started_at, s.created_at) >= p_day AND coalesce(s.started_at, s.created_at) < p_day + 1
    AND s.id IS DISTINCT FROM p_skip_session AND st.id IS DISTINCT FROM p_skip_session_team
  HAVING count(*) > 0;
  PERFORM readyroom_rollup_coarsen(p_team, p_slug, 'week', date_trunc('week', p_day::timestamp)::date);
  PERFORM readyroom_rollup_coarsen(p_team, p_slug, 'month', date_trunc('month', p_day::timestamp)::date);
END $$ LANGUAGE plpgsql;

-- One week or month of a team and scenario, summed from its day rows. Every session falls on
-- one day, so session counts add up; respondents are a maximum.
CREATE FUNCTION readyroom_rollup_coarsen(p_team TEXT, p_slug TEXT, p_grain TEXT, p_period DATE) RETURNS void AS $$
DECLARE
  period_end DATE := (p_period + ('1 ' || p_grain)::interval)::date;
BEGIN
  DELETE FROM report_rollup WHERE grain = p_grain AND team_id = p_team AND scenario_slug = p_slug AND period = p_period;
  DELETE FROM report_rollup_teams WHERE grain = p_grain AND team_id = p_team AND scenario_slug = p_slug AND period = p_period;
  INSERT INTO report_rollup (grain, team_id, scenario_slug, period, capability_id, earned, best, decisions, sessions, respondents)
  SELECT p_grain, p_team, p_slug, p_period, capability_id, sum(earned), sum(best), sum(decisions), sum(sessions), max(respondents)
  FROM report_rollup WHERE grain = 'day' AND team_id = p_team AND scenario_slug = p_slug AND period >= p_period AND period < period_end
  GROUP BY capability_id;
  INSERT INTO report_rollup_teams (grain, team_id, scenario_slug, period, sessions, decisions, respondents)
  SELECT p_grain, p_team, p_slug, p_period, sum(sessions), sum(decisions), max(respondents)
  FROM report_rollup_teams WHERE grain = 'day' AND team_id = p_team AND scenario_slug = p_slug AND period >= p_period AND period < period_end
  HAVING count(*) > 0;
END $$ LANGUAGE plpgsql;

-- A team session's sums changed (a decision was recorded or rewritten): refresh its key when
-- its session already counts (ended). Decisions of a running session cost one lookup here.
CREATE FUNCTION readyroom_rollup_on_team_sums() RETURNS trigger AS $$
DECLARE
  k RECORD;
BEGIN
  SELECT st.team_id, sc.slug, coalesce(s.started_at, s.created_at)::date AS day INTO k
  FROM session_teams st JOIN exercise_sessions s ON s.id = st.session_id JOIN scenarios sc ON sc.id = s.scenario_id
  WHERE st.id = (CASE WHEN TG_OP = 'DELETE' THEN OLD.session_team_id ELSE NEW.session_team_id END) AND s.status = 'ENDED';
  IF FOUND THEN PERFORM readyroom_rollup_refresh(k.team_id, k.slug, k.day, NULL, NULL); END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER session_team_scores_rollup AFTER INSERT OR UPDATE OR DELETE ON "session_team_scores"
  FOR EACH ROW EXECUTE FUNCTION readyroom_rollup_on_team_sums();
CREATE TRIGGER session_team_totals_rollup AFTER INSERT OR UPDATE OR DELETE ON "session_team_totals"
  FOR EACH ROW EXECUTE FUNCTION readyroom_rollup_on_team_sums();

-- A session ended (or was reopened, re-dated, moved to another scenario): its teams move
-- between keys.
CREATE FUNCTION readyroom_rollup_on_session() RETURNS trigger AS $$
DECLARE
  r RECORD;
  old_slug TEXT;
  new_slug TEXT;
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'ENDED' THEN
      SELECT slug INTO old_slug FROM scenarios WHERE id = OLD.scenario_id;
      FOR r IN SELECT DISTINCT team_id FROM session_teams WHERE session_id = OLD.id AND team_id IS NOT NULL LOOP
        PERFORM readyroom_rollup_refresh(r.team_id, old_slug, coalesce(OLD.started_at, OLD.created_at)::date, OLD.id, NULL);
      END LOOP;
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status IS DISTINCT FROM NEW.status OR OLD.started_at IS DISTINCT FROM NEW.started_at
     OR OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.scenario_id IS DISTINCT FROM NEW.scenario_id THEN
    IF OLD.status = 'ENDED' OR NEW.status = 'ENDED' THEN
      SELECT slug INTO old_slug FROM scenarios WHERE id = OLD.scenario_id;
      SELECT slug INTO new_slug FROM scenarios WHERE id = NEW.scenario_id;
      FOR r IN SELECT DISTINCT team_id FROM session_teams WHERE session_id = NEW.id AND team_id IS NOT NULL LOOP
        IF OLD.status = 'ENDED' THEN PERFORM readyroom_rollup_refresh(r.team_id, old_slug, coalesce(OLD.started_at, OLD.created_at)::date, NULL, NULL); END IF;
        PERFORM readyroom_rollup_refresh(r.team_id, new_slug, coalesce(NEW.started_at, NEW.created_at)::date, NULL, NULL);
      END LOOP;
    END IF;
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER exercise_sessions_rollup AFTER UPDATE ON "exercise_sessions"
  FOR EACH ROW EXECUTE FUNCTION readyroom_rollup_on_session();
-- Before the delete, while the session's teams are still there to name the keys.
CREATE TRIGGER exercise_sessions_rollup_delete BEFORE DELETE ON "exercise_sessions"
  FOR EACH ROW EXECUTE FUNCTION readyroom_rollup_on_session();

-- A team session joined an ended session, changed organisation team (a team merge) or left.
CREATE FUNCTION readyroom_rollup_on_session_team() RETURNS trigger AS $$
DECLARE
  k RECORD;
BEGIN
  SELECT sc.slug, coalesce(s.started_at, s.created_at)::date AS day INTO k
  FROM exercise_sessions s JOIN scenarios sc ON sc.id = s.scenario_id
  WHERE s.id = (CASE WHEN TG_OP = 'DELETE' THEN OLD.session_id ELSE NEW.session_id END) AND s.status = 'ENDED';
  IF NOT FOUND THEN RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NULL END; END IF;
  IF TG_OP = 'DELETE' THEN
    PERFORM readyroom_rollup_refresh(OLD.team_id, k.slug, k.day, NULL, OLD.id);
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.team_id IS DISTINCT FROM NEW.team_id THEN
    PERFORM readyroom_rollup_refresh(OLD.team_id, k.slug, k.day, NULL, NULL);
  END IF;
  PERFORM readyroom_rollup_refresh(NEW.team_id, k.slug, k.day, NULL, NULL);
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER session_teams_rollup AFTER INSERT OR UPDATE OF team_id ON "session_teams"
  FOR EACH ROW EXECUTE FUNCTION readyroom_rollup_on_session_team();
CREATE TRIGGER session_teams_rollup_delete BEFORE DELETE ON "session_teams"
  FOR EACH ROW EXECUTE FUNCTION readyroom_rollup_on_session_team();

-- Rebuilds every report aggregate from `decisions` in a few set-based statements: the score
-- tables kept by readyroom_score_decision and the rollup. For bulk loads that ran with
-- triggers off (the reports benchmark), and as a repair.
CREATE FUNCTION readyroom_rebuild_report_aggregates() RETURNS void AS $$
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
END $$ LANGUAGE plpgsql;

CREATE FUNCTION readyroom_rollup_rebuild() RETURNS void AS $$
BEGIN
  DELETE FROM report_rollup;
  DELETE FROM report_rollup_teams;
  INSERT INTO report_rollup (grain, team_id, scenario_slug, period, capability_id, earned, best, decisions, sessions, respondents)
  SELECT 'day', st.team_id, sc.slug, coalesce(s.started_at, s.created_at)::date, ts.capability_id,
         sum(ts.earned), sum(ts.best), sum(ts.decisions), count(DISTINCT s.id), max(ts.respondents)
  FROM exercise_sessions s
  JOIN scenarios sc ON sc.id = s.scenario_id
  JOIN session_teams st ON st.session_id = s.id
  JOIN session_team_scores ts ON ts.session_team_id = st.id
  WHERE s.status = 'ENDED' AND st.team_id IS NOT NULL
  GROUP BY 2, 3, 4, 5;
  INSERT INTO report_rollup_teams (grain, team_id, scenario_slug, period, sessions, decisions, respondents)
  SELECT 'day', st.team_id, sc.slug, coalesce(s.started_at, s.created_at)::date,
         count(DISTINCT s.id), coalesce(sum(tt.decisions), 0), coalesce(max(tt.respondents), 0)
  FROM exercise_sessions s
  JOIN scenarios sc ON sc.id = s.scenario_id
  JOIN session_teams st ON st.session_id = s.id
  LEFT JOIN session_team_totals tt ON tt.session_team_id = st.id
  WHERE s.status = 'ENDED' AND st.team_id IS NOT NULL
  GROUP BY 2, 3, 4;
  INSERT INTO report_rollup (grain, team_id, scenario_slug, period, capability_id, earned, best, decisions, sessions, respondents)
  SELECT g.grain, r.team_id, r.scenario_slug, date_trunc(g.grain, r.period::timestamp)::date, r.capability_id, sum(r.earned), sum(r.best), sum(r.decisions), sum(r.sessions), max(r.respondents)
  FROM report_rollup r CROSS JOIN (VALUES ('week'), ('month')) AS g(grain)
  WHERE r.grain = 'day'
  GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO report_rollup_teams (grain, team_id, scenario_slug, period, sessions, decisions, respondents)
  SELECT g.grain, r.team_id, r.scenario_slug, date_trunc(g.grain, r.period::timestamp)::date, sum(r.sessions), sum(r.decisions), max(r.respondents)
  FROM report_rollup_teams r CROSS JOIN (VALUES ('week'), ('month')) AS g(grain)
  WHERE r.grain = 'day'
  GROUP BY 1, 2, 3, 4;
END $$ LANGUAGE plpgsql;

-- Fill the rollup from the sessions recorded before this migration.
SELECT readyroom_rollup_rebuild();
