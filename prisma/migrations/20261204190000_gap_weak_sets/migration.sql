-- The gap ranking that leaves a few teams out (the dashboard leaving out teams below the
-- minimum group size) from a rollup (issue 18). Its session count, the sessions in which any
-- of the chosen teams was weak on a topic, does not add up from per-team rows. It is the
-- count over every team (report_gap_rollup_sessions) less the sessions in which only left-out
-- teams were weak. report_gap_weak_sets counts, per scenario × period × topic, the sessions
-- by the exact set of organisation teams weak in them, for sets of at most three teams: the
-- sessions whose set lies within the left-out teams, when at most three are left out.
CREATE TABLE "report_gap_weak_sets" (
    "grain" TEXT NOT NULL,
    "scenario_slug" TEXT NOT NULL,
    "period" DATE NOT NULL,
    "training_id" TEXT NOT NULL,
    "weak_key" TEXT NOT NULL,
    "weak_teams" TEXT[],
    "sessions" INTEGER NOT NULL,

    CONSTRAINT "report_gap_weak_sets_pkey" PRIMARY KEY ("grain", "scenario_slug", "period", "training_id", "weak_key")
);
CREATE INDEX "report_gap_weak_sets_topic_idx" ON "report_gap_weak_sets"("grain", "training_id", "period");

-- The earlier functions keep their bodies under new names; the names every caller uses now
-- run them and then the weak sets of the same key.
ALTER FUNCTION readyroom_gap_refresh_sessions(TEXT, DATE) RENAME TO readyroom_gap_refresh_session_counts;
ALTER FUNCTION readyroom_gap_rollup_rebuild() RENAME TO readyroom_gap_rollup_rebuild_counts;

-- One scenario day's weak sets, then its week and month (every session falls on one day).
CREATE FUNCTION readyroom_gap_refresh_weak_sets(p_slug TEXT, p_day DATE) RETURNS void AS $$
DECLARE
  g TEXT;
  p DATE;
BEGIN
  DELETE FROM report_gap_weak_sets WHERE grain = 'day' AND scenario_slug = p_slug AND period = p_day;
  INSERT INTO report_gap_weak_sets (grain, scenario_slug, period, training_id, weak_key, weak_teams, sessions)
  SELECT 'day', p_slug, p_day, w.training_id, array_to_string(w.weak_teams, ','), w.weak_teams, count(*)
  FROM (
    SELECT gt.training_id, r.session_id, array_agg(DISTINCT r.team_id ORDER BY r.team_id) AS weak_teams
    FROM gap_topics gt JOIN report_team_sessions r ON r.session_team_id = gt.session_team_id
    WHERE gt.session_team_id = ANY (ARRAY(SELECT k.session_team_id FROM report_team_sessions k WHERE k.scenario_slug = p_slug AND k.at::date = p_day))
      AND gt.occurrences > 0
    GROUP BY gt.training_id, r.session_id
    HAVING count(DISTINCT r.team_id) <= 3
  ) w
  GROUP BY w.training_id, w.weak_teams;
  FOREACH g IN ARRAY ARRAY['week', 'month'] LOOP
    p := date_trunc(g, p_day::timestamp)::date;
    DELETE FROM report_gap_weak_sets WHERE grain = g AND scenario_slug = p_slug AND period = p;
    INSERT INTO report_gap_weak_sets (grain, scenario_slug, period, training_id, weak_key, weak_teams, sessions)
    SELECT g, p_slug, p, training_id, weak_key, min(weak_teams), sum(sessions)
    FROM report_gap_weak_sets WHERE grain = 'day' AND scenario_slug = p_slug AND period >= p AND period < (p + ('1 ' || g)::interval)::date
    GROUP BY training_id, weak_key;
  END LOOP;
END $$ LANGUAGE plpgsql;

CREATE FUNCTION readyroom_gap_refresh_sessions(p_slug TEXT, p_day DATE) RETURNS void AS $$
BEGIN
  PERFORM readyroom_gap_refresh_session_counts(p_slug, p_day);
  PERFORM readyroom_gap_refresh_weak_sets(p_slug, p_day);
END $$ LANGUAGE plpgsql;

-- Every weak set in set-based SQL (bulk loads with triggers off, and as a repair).
CREATE FUNCTION readyroom_gap_weak_sets_rebuild() RETURNS void AS $$
BEGIN
  DELETE FROM report_gap_weak_sets;
  INSERT INTO report_gap_weak_sets (grain, scenario_slug, period, training_id, weak_key, weak_teams, sessions)
  SELECT 'day', w.scenario_slug, w.day, w.training_id, array_to_string(w.weak_teams, ','), w.weak_teams, count(*)
  FROM (
    SELECT r.scenario_slug, r.at::date AS day, gt.training_id, r.session_id, array_agg(DISTINCT r.team_id ORDER BY r.team_id) AS weak_teams
    FROM report_team_sessions r JOIN gap_topics gt ON gt.session_team_id = r.session_team_id
    WHERE gt.occurrences > 0
    GROUP BY 1, 2, 3, 4
    HAVING count(DISTINCT r.team_id) <= 3
  ) w
  GROUP BY w.scenario_slug, w.day, w.training_id, w.weak_teams;
  INSERT INTO report_gap_weak_sets (grain, scenario_slug, period, training_id, weak_key, weak_teams, sessions)
  SELECT g.grain, r.scenario_slug, date_trunc(g.grain, r.period::timestamp)::date, r.training_id, r.weak_key, min(r.weak_teams), sum(r.sessions)
  FROM report_gap_weak_sets r CROSS JOIN (VALUES ('week'), ('month')) AS g(grain)
  WHERE r.grain = 'day'
  GROUP BY 1, 2, 3, 4, 5;
END $$ LANGUAGE plpgsql;

CREATE FUNCTION readyroom_gap_rollup_rebuild() RETURNS void AS $$
BEGIN
  PERFORM readyroom_gap_rollup_rebuild_counts();
  PERFORM readyroom_gap_weak_sets_rebuild();
END $$ LANGUAGE plpgsql;

-- Fill it from what was recorded before this migration.
SELECT readyroom_gap_weak_sets_rebuild();
