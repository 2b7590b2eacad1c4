-- The gap analysis queue (20261203150000_reports_gap_rollup) holds only team sessions that an
-- analysis can still cover. Gap analyses cover ended sessions; an aborted session never ends
-- (ABORTED is final: no command or job moves a session out of it), so its team sessions stayed
-- queued for ever, and every dashboard load's stale check read them again (2,000 of them in
-- the 10,000-session benchmark: 150 ms of a 160 ms gap section on Postgres).

-- A session aborted (abandoned, or its data erased): its team sessions leave the queue.
CREATE FUNCTION readyroom_gap_queue_on_abort() RETURNS trigger AS $$
BEGIN
  DELETE FROM gap_analysis_queue q USING session_teams st WHERE st.session_id = NEW.id AND q.session_team_id = st.id;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER exercise_sessions_gap_queue_abort AFTER UPDATE OF status ON "exercise_sessions"
  FOR EACH ROW WHEN (NEW.status = 'ABORTED' AND OLD.status IS DISTINCT FROM 'ABORTED')
  EXECUTE FUNCTION readyroom_gap_queue_on_abort();

-- A decision recorded or rewritten in an aborted session is not queued.
CREATE OR REPLACE FUNCTION readyroom_gap_enqueue() RETURNS trigger AS $$
BEGIN
  IF (TG_OP = 'INSERT' OR NEW.option_id IS DISTINCT FROM OLD.option_id OR NEW.best_points IS DISTINCT FROM OLD.best_points)
     AND NOT EXISTS (SELECT 1 FROM exercise_sessions s WHERE s.id = NEW.session_id AND s.status = 'ABORTED') THEN
    INSERT INTO gap_analysis_queue (session_team_id) VALUES (NEW.session_team_id) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

-- The bulk rebuild queues the same team sessions the triggers would.
CREATE OR REPLACE FUNCTION readyroom_gap_rollup_rebuild() RETURNS void AS $$
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
  SELECT DISTINCT d.session_team_id FROM decisions d JOIN exercise_sessions s ON s.id = d.session_id
  WHERE s.status <> 'ABORTED'
    AND NOT EXISTS (SELECT 1 FROM gap_analyses ga WHERE ga.session_team_id = d.session_team_id);
END $$ LANGUAGE plpgsql;

-- Team sessions of sessions aborted before this migration leave the queue.
DELETE FROM gap_analysis_queue q USING session_teams st, exercise_sessions s
WHERE q.session_team_id = st.id AND s.id = st.session_id AND s.status = 'ABORTED';
