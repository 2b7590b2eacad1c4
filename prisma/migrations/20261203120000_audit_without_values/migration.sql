-- The audit log records which record changed and which fields, never their values
-- (lib/audit/log.ts). Rows written before kept some values (e-mail addresses, names,
-- finding text, plan actions and owners, rationales, search text): this rewrites them to
-- the same shape as new rows.
--
-- audit_log is append-only: a trigger refuses UPDATE. This migration lifts that trigger
-- deliberately, for this one statement, inside one transaction, so no other change can
-- slip through while it is off and a failure leaves the trigger in place. It is the only
-- place that ever does; tests/integration/privacy/audit.test.ts checks the trigger is back.

BEGIN;

CREATE FUNCTION readyroom_audit_field_names(value jsonb) RETURNS jsonb AS $$
  SELECT CASE WHEN jsonb_typeof(value) = 'object'
    THEN coalesce((SELECT jsonb_agg(k ORDER BY k) FROM jsonb_object_keys(value) AS k), '[]'::jsonb)
    ELSE '[]'::jsonb END;
$$ LANGUAGE sql IMMUTABLE;

ALTER TABLE "audit_log" DISABLE TRIGGER "audit_log_append_only";

UPDATE "audit_log" SET "detail" = (
  "detail"
    - 'email' - 'name' - 'user' - 'team' - 'q' - 'filter' - 'filters' - 'changed' - 'old' - 'new' - 'role' - 'proposed'
  )
  || CASE WHEN "detail" ? 'changed' OR "detail" ? 'old' OR "detail" ? 'new' THEN jsonb_build_object('fields',
       (SELECT coalesce(jsonb_agg(DISTINCT f ORDER BY f), '[]'::jsonb) FROM (
          SELECT jsonb_array_elements_text(readyroom_audit_field_names("detail"->'changed')) AS f
          UNION SELECT jsonb_array_elements_text(readyroom_audit_field_names("detail"->'old'))
          UNION SELECT jsonb_array_elements_text(readyroom_audit_field_names("detail"->'new'))) AS names))
     ELSE '{}'::jsonb END
  || CASE WHEN jsonb_typeof("detail"->'q') = 'string' THEN '{"searched": true}'::jsonb ELSE '{}'::jsonb END
  || CASE WHEN jsonb_typeof("detail"->'filter') = 'object' THEN jsonb_build_object('filterFields', readyroom_audit_field_names("detail"->'filter')) ELSE '{}'::jsonb END
  || CASE WHEN jsonb_typeof("detail"->'filters') = 'object' THEN jsonb_build_object('filterFields', readyroom_audit_field_names("detail"->'filters')) ELSE '{}'::jsonb END
WHERE jsonb_typeof("detail") = 'object'
  AND "detail" ?| ARRAY['email', 'name', 'user', 'team', 'q', 'filter', 'filters', 'changed', 'old', 'new', 'role', 'proposed'];

ALTER TABLE "audit_log" ENABLE TRIGGER "audit_log_append_only";

DROP FUNCTION readyroom_audit_field_names(jsonb);

COMMIT;
