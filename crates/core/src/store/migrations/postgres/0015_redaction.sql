-- Anonymising on the server, as store/anonymise.rs does it in the file:
-- the record's free text is overwritten by the app (as the login's own
-- change), then this function — run as the owner, the only role that may
-- change the log — puts the same mark in every earlier value of those
-- columns in the log, computes the chain anew from the first entry it
-- changed and appends the redaction's own entry (who, when, which record;
-- never what it said).
--
-- It redacts only the free-text columns of a subject, a decision or an
-- action, and only of a record that already holds the mark in every one of
-- them: the log never says less than the record does.
--
-- The log's append-only guard lets this function's own updates through (a
-- setting of the transaction, honoured only for the log's owner): no
-- `ALTER TABLE … DISABLE TRIGGER`, whose exclusive lock would hold every
-- reader of the log until the colleague's transaction ends. A colleague's
-- login has no UPDATE right on the log at all, setting or not.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND current_setting('taskforce.redacting', true) = 'on'
       AND current_user = (SELECT pg_get_userbyid(c.relowner) FROM pg_class c
                            WHERE c.oid = TG_RELID) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'check_violation';
END $$;

CREATE FUNCTION audit_redact(tbl text, rid bigint, own_before text, own_after text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    mark constant text := '[geanonimiseerd]';
    cols text[];
    c text;
    held text;
    first bigint;
    prev text;
    e record;
    h text;
BEGIN
    cols := CASE tbl
        WHEN 'subjects' THEN ARRAY['title', 'description']
        WHEN 'decisions' THEN ARRAY['text']
        WHEN 'actions' THEN ARRAY['description']
    END;
    IF cols IS NULL THEN
        RAISE EXCEPTION 'only subjects, decisions and actions are anonymised'
            USING ERRCODE = 'check_violation';
    END IF;
    FOREACH c IN ARRAY cols LOOP
        EXECUTE format('SELECT %I FROM %I WHERE id = $1', c, tbl) INTO held USING rid;
        IF held IS DISTINCT FROM mark THEN
            RAISE EXCEPTION 'the record is not anonymised' USING ERRCODE = 'check_violation';
        END IF;
    END LOOP;
    PERFORM pg_advisory_xact_lock(1413894914);
    SELECT min(id) INTO first FROM audit_log WHERE table_name = tbl AND row_id = rid;
    IF first IS NOT NULL THEN
        PERFORM set_config('taskforce.redacting', 'on', true);
        FOREACH c IN ARRAY cols LOOP
            UPDATE audit_log SET before = jsonb_set(before::jsonb, ARRAY[c], to_jsonb(mark))::text
             WHERE table_name = tbl AND row_id = rid AND before IS NOT NULL AND before::jsonb ? c;
            UPDATE audit_log SET after = jsonb_set(after::jsonb, ARRAY[c], to_jsonb(mark))::text
             WHERE table_name = tbl AND row_id = rid AND after IS NOT NULL AND after::jsonb ? c;
        END LOOP;
        prev := coalesce((SELECT hash FROM audit_log WHERE id < first ORDER BY id DESC LIMIT 1), '');
        FOR e IN SELECT id, at, os_user, table_name, row_id, action, before, after
                   FROM audit_log WHERE id >= first ORDER BY id LOOP
            h := audit_hash(e.id::text, prev, e.at, e.os_user, e.table_name, e.row_id::text,
                            e.action, e.before, e.after);
            UPDATE audit_log SET prev_hash = prev, hash = h WHERE id = e.id;
            prev := h;
        END LOOP;
        PERFORM set_config('taskforce.redacting', 'off', true);
    END IF;
    PERFORM audit_append('audit_log', 0, 'update', own_before, own_after);
END $$;
