-- The server's own clock beside the app's (see the file's
-- migrations/0015_audit_recorded_at.sql): `at` stays the app's time, in the
-- chain; `recorded_at` is when the server wrote the entry, with
-- microseconds, outside the chain, set here and nowhere else (the log takes
-- inserts only through this function, run as the owner).
ALTER TABLE audit_log ADD COLUMN recorded_at text;

CREATE OR REPLACE FUNCTION audit_append(tbl text, row_id bigint, action text, before text, after text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    entry bigint;
    prev text;
    at text;
    who text := session_user;
BEGIN
    PERFORM pg_advisory_xact_lock(1413894914);
    SELECT id, hash INTO entry, prev FROM audit_log ORDER BY id DESC LIMIT 1;
    entry := coalesce(entry, 0) + 1;
    prev := coalesce(prev, '');
    -- The app's clock; the server's when none (or no time) was given.
    at := current_setting('taskforce.now', true);
    IF at IS NULL OR at !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$' THEN
        at := to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');
    END IF;
    INSERT INTO audit_log (id, at, os_user, table_name, row_id, action, before, after, prev_hash, hash,
                           recorded_at)
    VALUES (entry, at, who, tbl, row_id, action, before, after, prev,
            audit_hash(entry::text, prev, at, who, tbl, row_id::text, action, before, after),
            to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'));
    -- Other windows refresh: delivered at commit, once per transaction.
    PERFORM pg_notify('taskforce_changed', '');
END $$;
REVOKE ALL ON FUNCTION audit_append(text, bigint, text, text, text) FROM PUBLIC;
