-- Training gaps at scale (issue 18): the gap views read rollups kept by triggers instead of
-- grouping every team session.
-- * report_gap_rollup: weak topics (occurrences > 0) of ended sessions per organisation team ×
--   scenario × period × training topic, at the day, week and month grains of report_rollup;
-- * report_gap_rollup_sessions: per scenario × period × topic, the sessions in which any
--   organisation team was weak on it (a session counts once however many teams were);
-- * report_team_sessions: one row per team session of an ended session with its organisation
--   team and date, indexed so a team's latest sessions are an index scan (persistent gaps);
-- * gap_analysis_queue: team sessions whose decisions changed since their gap analysis (or
--   that have none yet), so the stale check reads the queue, not every team session.
-- Keys are refreshed by readyroom_gap_refresh(team, slug, day), called wherever report_rollup
-- refreshes a key (readyroom_rollup_refresh, replaced below) and when gap topics are stored.
CREATE TABLE "report_gap_rollup" (
    "grain" TEXT NOT NULL,
    "team_id" TEXT NOT NULL,
    "scenario_slug" TEXT NOT NULL,
    "period" DATE NOT NULL,
    "training_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "occurrences" INTEGER NOT NULL,
    "cost" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "report_gap_rollup_pkey" PRIMARY KEY ("grain", "team_id", "scenario_slug", "period", "training_id")
);
CREATE INDEX "report_gap_rollup_grain_period_idx" ON "report_gap_rollup"("grain", "period");

CREATE TABLE "report_gap_rollup_sessions" (
    "grain" TEXT NOT NULL,
    "scenario_slug" TEXT NOT NULL,
    "period" DATE NOT NULL,
    "training_id" TEXT NOT NULL,
    "sessions" INTEGER NOT NULL,

    CONSTRAINT "report_gap_rollup_sessions_pkey" PRIMARY KEY ("grain", "scenario_slug", "period", "training_id")
);
CREATE INDEX "report_gap_rollup_sessions_grain_period_idx" ON "report_gap_rollup_sessions"("grain", "period");

CREATE TABLE "report_team_sessions" (
    "session_team_id" TEXT NOT NULL,
    "team_id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "scenario_slug" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "report_team_sessions_pkey" PRIMARY KEY ("session_team_id")
);
CREATE INDEX "report_team_sessions_team_at_idx" ON "report_team_sessions"("team_id", "at" DESC, "session_id" DESC);
CREATE INDEX "report_team_sessions_key_idx" ON "report_team_sessions"("team_id", "scenario_slug", (("at")::date));
-- The sessions of one scenario and day across teams (report_gap_rollup_sessions).
CREATE INDEX "report_team_sessions_day_idx" ON "report_team_sessions"("scenario_slug", (("at")::date));

CREATE TABLE "gap_analysis_queue" (
    "session_team_id" TEXT NOT NULL,

    CONSTRAINT "gap_analysis_queue_pkey" PRIMARY KEY ("session_team_id")
);
ALTER TABLE "gap_analysis_queue" ADD CONSTRAINT "gap_analysis_queue_session_team_id_fkey" FOREIGN KEY ("session_team_id") REFERENCES "session_teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One key (team, scenario slug, day) of report_team_sessions and the gap rollups, recomputed
-- from the per-session tables, leaving out a session or team session being deleted. The
-- slug × day rows of report_gap_rollup_sessions (they span every team) are recomputed with it.
CREATE FUNCTION readyroom_gap_refresh(p_team TEXT, p_slug TEXT, p_day DATE, p_skip_session TEXT, p_skip_session_team TEXT) RETURNS void AS $$
BEGIN
  IF p_team IS NULL OR p_slug IS NULL OR p_day IS NULL THEN RETURN; END IF;
  DELETE FROM report_team_sessions WHERE team_id = p_team AND scenario_slug = p_slug AND at::date = p_day;
  INSERT INTO report_team_sessions (session_team_id, team_id, session_id, scenario_slug, at)
  SELECT st.id, p_team, s.id, p_slug, coalesce(s.started_at, s.created_at)
  FROM exercise_sessions s
  JOIN scenarios sc ON sc.id = s.scenario_id
  JOIN session_teams st ON st.session_id = s.id
  WHERE s.status = 'ENDED' AND st.team_id = p_team AND sc.slug = p_slug
    AND coalesce(s.started_at, s.created_at) >= p_day AND coalesce(s.started_at, s.created_at) < p_day + 1
    AND s.id IS DISTINCT FROM p_skip_session AND st.id IS DISTINCT FROM p_skip_session_team;
  PERFORM readyroom_gap_refresh_topics(p_team, p_slug, p_day);
  PERFORM readyroom_gap_refresh_sessions(p_slug, p_day);
END $$ LANGUAGE plpgsql;

-- One team's weak topics on one day of a scenario, then its week and month.
CREATE FUNCTION readyroom_gap_refresh_topics(p_team TEXT, p_slug TEXT, p_day DATE) RETURNS void AS $$
DECLARE
  g TEXT;
  p DATE;
BEGIN
  DELETE FROM report_gap_rollup WHERE grain = 'day' AND team_id = p_team AND scenario_slug = p_slug AND period = p_day;
  INSERT INTO report_gap_rollup (grain, team_id, scenario_slug, period, training_id, title, occurrences, cost)
  SELECT 'day', p_team, p_slug, p_day, gt.training_id, max(gt.title), sum(gt.occurrences), sum(gt.cost)
  FROM gap_topics gt
  -- An array of the key's few team sessions, so gap_topics is probed by its key whatever the
  -- table's statistics say (a join was planned as a scan while analyses were being stored).
  WHERE gt.session_team_id = ANY (ARRAY(SELECT r.session_team_id FROM report_team_sessions r WHERE r.team_id = p_team AND r.scenario_slug = p_slug AND r.at::date = p_day))
    AND gt.occurrences > 0
  GROUP BY gt.training_id;
  -- A week or month sums its day rows.
  FOREACH g IN ARRAY ARRAY['week', 'month'] LOOP
    p := date_trunc(g, p_day::timestamp)::date;
    DELETE FROM report_gap_rollup WHERE grain = g AND team_id = p_team AND scenario_slug = p_slug AND period = p;
    INSERT INTO report_gap_rollup (grain, team_id, scenario_slug, period, training_id, title, occurrences, cost)
    SELECT g, p_team, p_slug, p, training_id, max(title), sum(occurrences), sum(cost)
    FROM report_gap_rollup WHERE grain = 'day' AND team_id = p_team AND scenario_slug = p_slug AND period >= p AND period < (p + ('1 ' || g)::interval)::date
    GROUP BY training_id;
  END LOOP;
END $$ LANGUAGE plpgsql;

-- The sessions of one day of a scenario in which any organisation team was weak on a topic,
-- then its week and month. Every session falls on one day, so session counts add up.
CREATE FUNCTION readyroom_gap_refresh_sessions(p_slug TEXT, p_day DATE) RETURNS void AS $$
DECLARE
  g TEXT;
  p DATE;
BEGIN
  DELETE FROM report_gap_rollup_sessions WHERE grain = 'day' AND scenario_slug = p_slug AND period = p_day;
  INSERT INTO report_gap_rollup_sessions (grain, scenario_slug, period, training_id, sessions)
  SELECT 'day', p_slug, p_day, gt.training_id, count(DISTINCT (SELECT r.session_id FROM report_team_sessions r WHERE r.session_team_id = gt.session_team_id))
  FROM gap_topics gt
  WHERE gt.session_team_id = ANY (ARRAY(SELECT r.session_team_id FROM report_team_sessions r WHERE r.scenario_slug = p_slug AND r.at::date = p_day))
    AND gt.occurrences > 0
  GROUP BY gt.training_id;
  FOREACH g IN ARRAY ARRAY['week', 'month'] LOOP
    p := date_trunc(g, p_day::timestamp)::date;
    DELETE FROM report_gap_rollup_sessions WHERE grain = g AND scenario_slug = p_slug AND period = p;
    INSERT INTO report_gap_rollup_sessions (grain, scenario_slug, period, training_id, sessions)
    SELECT g, p_slug, p, training_id, sum(sessions)
    FROM report_gap_rollup_sessions WHERE grain = 'day' AND scenario_slug = p_slug AND period >= p AND period < (p + ('1 ' || g)::interval)::date
    GROUP BY training_id;
  END LOOP;
END $$ LANGUAGE plpgsql;

-- report_rollup's key refresh, as in 20261203130000_report_rollup, now also refreshing the
-- gap rollups of the same key: every change that moves a team session between keys (a
-- session ending, reopening, re-dated, deleted; a team session joining, leaving or merged)
-- reaches both.
CREATE OR REPLACE FUNCTION readyroom_rollup_refresh(p_team TEXT, p_slug TEXT, p_day DATE, p_skip_session TEXT, p_skip_session_team TEXT) RETURNS void AS $$
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
  PERFORM readyroom_gap_refresh(p_team, p_slug, p_day, p_skip_session, p_skip_session_team);
END $$ LANGUAGE plpgsql;

-- Gap topics stored (an analysis) or deleted (its analysis deleted by a new decision, or its
-- team session deleted): refresh each key they belong to, once per statement.
CREATE FUNCTION readyroom_gap_on_topics() RETURNS trigger AS $$
DECLARE
  k RECORD;
BEGIN
  FOR k IN
    SELECT DISTINCT r.team_id, r.scenario_slug, r.at::date AS day
    FROM changed_topics c JOIN report_team_sessions r ON r.session_team_id = c.session_team_id
  LOOP
    PERFORM readyroom_gap_refresh_topics(k.team_id, k.scenario_slug, k.day);
  END LOOP;
  FOR k IN
    SELECT DISTINCT r.scenario_slug, r.at::date AS day
    FROM changed_topics c JOIN report_team_sessions r ON r.session_team_id = c.session_team_id
  LOOP
    PERFORM readyroom_gap_refresh_sessions(k.scenario_slug, k.day);
  END LOOP;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER gap_topics_rollup_insert AFTER INSERT ON "gap_topics"
  REFERENCING NEW TABLE AS changed_topics FOR EACH STATEMENT EXECUTE FUNCTION readyroom_gap_on_topics();
CREATE TRIGGER gap_topics_rollup_delete AFTER DELETE ON "gap_topics"
  REFERENCING OLD TABLE AS changed_topics FOR EACH STATEMENT EXECUTE FUNCTION readyroom_gap_on_topics();

-- A decision recorded or rewritten: its team session needs a (new) analysis. The decisions
-- trigger of 20261129040000 deletes the old analysis under the same condition.
CREATE FUNCTION readyroom_gap_enqueue() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.option_id IS DISTINCT FROM OLD.option_id OR NEW.best_points IS DISTINCT FROM OLD.best_points THEN
    INSERT INTO gap_analysis_queue (session_team_id) VALUES (NEW.session_team_id) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER decisions_gap_queue AFTER INSERT OR UPDATE OF option_id, best_points ON "decisions"
  FOR EACH ROW EXECUTE FUNCTION readyroom_gap_enqueue();

-- An analysis stored: its team session leaves the queue.
CREATE FUNCTION readyroom_gap_dequeue() RETURNS trigger AS $$
BEGIN
  DELETE FROM gap_analysis_queue WHERE session_team_id = NEW.session_team_id;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER gap_analyses_dequeue AFTER INSERT ON "gap_analyses"
  FOR EACH ROW EXECUTE FUNCTION readyroom_gap_dequeue();

-- Rebuilds the gap rollups, report_team_sessions and the queue in set-based SQL (bulk loads
-- with triggers off, and as a repair).
CREATE FUNCTION readyroom_gap_rollup_rebuild() RETURNS void AS $$
BEGIN
  DELETE FROM report_gap_rollup;
  DELETE FROM report_gap_rollup_sessions;
  DELETE FROM report_team_sessions;
  INSERT INTO report_team_sessions (session_team_id, team_id, session_id, scenario_slug, at)
  SELECT st.id, st.team_id, s.id, sc.slug, coalesce(s.started_at, s.created_at)
  FROM exercise_sessions s JOIN scenarios sc ON sc.id = s.scenario_id JOIN session_teams st ON st.session_id = s.id
  WHERE s.status = 'ENDED' AND st.team_id IS NOT NULL;
  INSERT INTO report_gap_rollup (grain, team_id, scenario_slug, period, training_id, title, occurrences, cost)
  SELECT 'day', r.team_id, r.scenario_slug, r.at::date, gt.training_id, max(gt.title), sum(gt.occurrences), sum(gt.cost)
  FROM report_team_sessions r JOIN gap_topics gt ON gt.session_team_id = r.session_team_id
  WHERE gt.occurrences > 0
  GROUP BY 2, 3, 4, 5;
  INSERT INTO report_gap_rollup_sessions (grain, scenario_slug, period, training_id, sessions)
  SELECT 'day', r.scenario_slug, r.at::date, gt.training_id, count(DISTINCT r.session_id)
  FROM report_team_sessions r JOIN gap_topics gt ON gt.session_team_id = r.session_team_id
  WHERE gt.occurrences > 0
  GROUP BY 2, 3, 4;
  INSERT INTO report_gap_rollup (grain, team_id, scenario_slug, period, training_id, title, occurrences, cost)
  SELECT g.grain, r.team_id, r.scenario_slug, date_trunc(g.grain, r.period::timestamp)::date, r.training_id, max(r.title), sum(r.occurrences), sum(r.cost)
  FROM report_gap_rollup r CROSS JOIN (VALUES ('week'), ('month')) AS g(grain)
  WHERE r.grain = 'day'
  GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO report_gap_rollup_sessions (grain, scenario_slug, period, training_id, sessions)
  SELECT g.grain, r.scenario_slug, date_trunc(g.grain, r.period::timestamp)::date, r.training_id, sum(r.sessions)
  FROM report_gap_rollup_sessions r CROSS JOIN (VALUES ('week'), ('month')) AS g(grain)
  WHERE r.grain = 'day'
  GROUP BY 1, 2, 3, 4;
  DELETE FROM gap_analysis_queue;
  INSERT INTO gap_analysis_queue (session_team_id)
  SELECT DISTINCT d.session_team_id FROM decisions d
  WHERE NOT EXISTS (SELECT 1 FROM gap_analyses ga WHERE ga.session_team_id = d.session_team_id);
END $$ LANGUAGE plpgsql;

-- The bulk rebuild of every report aggregate now ends with the gap rollups.
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
END $$ LANGUAGE plpgsql;

-- Fill them from what was recorded before this migration.
SELECT readyroom_gap_rollup_rebuild();
