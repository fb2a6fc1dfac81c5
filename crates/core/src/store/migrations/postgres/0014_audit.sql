-- The audit log on the shared server, generated from
-- crates/core/src/store/audited.rs by `audited::server_audit_sql`: the same
-- entries as the file's triggers write, chained with the same framing.

CREATE FUNCTION audit_frame(field text) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN field IS NULL THEN '\x4e'::bytea
                ELSE '\x53'::bytea || int8send(octet_length(convert_to(field, 'UTF8'))::bigint)
                     || convert_to(field, 'UTF8') END
$$;

CREATE FUNCTION audit_hash(VARIADIC fields text[]) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT encode(sha256(coalesce(string_agg(audit_frame(f), ''::bytea ORDER BY n), ''::bytea)), 'hex')
      FROM unnest(fields) WITH ORDINALITY AS u(f, n)
$$;

CREATE FUNCTION audit_text(field text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT char_length(field)::text
$$;

CREATE FUNCTION audit_append(tbl text, row_id bigint, action text, before text, after text)
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
    INSERT INTO audit_log (id, at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    VALUES (entry, at, who, tbl, row_id, action, before, after, prev,
            audit_hash(entry::text, prev, at, who, tbl, row_id::text, action, before, after));
    -- Other windows refresh: delivered at commit, once per transaction.
    PERFORM pg_notify('taskforce_changed', '');
END $$;

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
REVOKE ALL ON audit_log FROM PUBLIC;
REVOKE ALL ON FUNCTION audit_append(text, bigint, text, text, text) FROM PUBLIC;

CREATE FUNCTION audit_terms() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM audit_append('terms', NEW.id, 'insert', NULL,
            json_build_object('id', NEW.id, 'number', NEW.number, 'starts_on', NEW.starts_on, 'ends_on', NEW.ends_on, 'goals', NEW.goals, 'decree_date', NEW.decree_date, 'decree_reference', NEW.decree_reference, 'decree_url', NEW.decree_url)::text);
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM audit_append('terms', NEW.id, 'update',
            json_build_object('id', OLD.id, 'number', OLD.number, 'starts_on', OLD.starts_on, 'ends_on', OLD.ends_on, 'goals', OLD.goals, 'decree_date', OLD.decree_date, 'decree_reference', OLD.decree_reference, 'decree_url', OLD.decree_url)::text,
            json_build_object('id', NEW.id, 'number', NEW.number, 'starts_on', NEW.starts_on, 'ends_on', NEW.ends_on, 'goals', NEW.goals, 'decree_date', NEW.decree_date, 'decree_reference', NEW.decree_reference, 'decree_url', NEW.decree_url)::text);
    ELSE
        PERFORM audit_append('terms', OLD.id, 'delete',
            json_build_object('id', OLD.id, 'number', OLD.number, 'starts_on', OLD.starts_on, 'ends_on', OLD.ends_on, 'goals', OLD.goals, 'decree_date', OLD.decree_date, 'decree_reference', OLD.decree_reference, 'decree_url', OLD.decree_url)::text, NULL);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER audit_terms AFTER INSERT OR UPDATE OR DELETE ON terms
    FOR EACH ROW EXECUTE FUNCTION audit_terms();

CREATE FUNCTION audit_seats() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM audit_append('seats', NEW.id, 'insert', NULL,
            json_build_object('id', NEW.id, 'term_id', NEW.term_id, 'position', NEW.position, 'organisation', NEW.organisation, 'role', NEW.role, 'chair', NEW.chair, 'seat_type', NEW.seat_type, 'region', NEW.region, 'previous_seat_id', NEW.previous_seat_id, 'ends_on', NEW.ends_on)::text);
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM audit_append('seats', NEW.id, 'update',
            json_build_object('id', OLD.id, 'term_id', OLD.term_id, 'position', OLD.position, 'organisation', OLD.organisation, 'role', OLD.role, 'chair', OLD.chair, 'seat_type', OLD.seat_type, 'region', OLD.region, 'previous_seat_id', OLD.previous_seat_id, 'ends_on', OLD.ends_on)::text,
            json_build_object('id', NEW.id, 'term_id', NEW.term_id, 'position', NEW.position, 'organisation', NEW.organisation, 'role', NEW.role, 'chair', NEW.chair, 'seat_type', NEW.seat_type, 'region', NEW.region, 'previous_seat_id', NEW.previous_seat_id, 'ends_on', NEW.ends_on)::text);
    ELSE
        PERFORM audit_append('seats', OLD.id, 'delete',
            json_build_object('id', OLD.id, 'term_id', OLD.term_id, 'position', OLD.position, 'organisation', OLD.organisation, 'role', OLD.role, 'chair', OLD.chair, 'seat_type', OLD.seat_type, 'region', OLD.region, 'previous_seat_id', OLD.previous_seat_id, 'ends_on', OLD.ends_on)::text, NULL);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER audit_seats AFTER INSERT OR UPDATE OR DELETE ON seats
    FOR EACH ROW EXECUTE FUNCTION audit_seats();

CREATE FUNCTION audit_partners() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM audit_append('partners', NEW.id, 'insert', NULL,
            json_build_object('id', NEW.id, 'organisation', NEW.organisation, 'erased_at', NEW.erased_at)::text);
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM audit_append('partners', NEW.id, 'update',
            json_build_object('id', OLD.id, 'organisation', OLD.organisation, 'erased_at', OLD.erased_at)::text,
            json_build_object('id', NEW.id, 'organisation', NEW.organisation, 'erased_at', NEW.erased_at)::text);
    ELSE
        PERFORM audit_append('partners', OLD.id, 'delete',
            json_build_object('id', OLD.id, 'organisation', OLD.organisation, 'erased_at', OLD.erased_at)::text, NULL);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER audit_partners AFTER INSERT OR UPDATE OR DELETE ON partners
    FOR EACH ROW EXECUTE FUNCTION audit_partners();

CREATE FUNCTION audit_subjects() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM audit_append('subjects', NEW.id, 'insert', NULL,
            json_build_object('id', NEW.id, 'kind', NEW.kind, 'confidential', NEW.confidential, 'status', NEW.status, 'archived_at', NEW.archived_at, 'title', audit_text(NEW.title), 'description', audit_text(NEW.description))::text);
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM audit_append('subjects', NEW.id, 'update',
            json_build_object('id', OLD.id, 'kind', OLD.kind, 'confidential', OLD.confidential, 'status', OLD.status, 'archived_at', OLD.archived_at, 'title', audit_text(OLD.title), 'description', audit_text(OLD.description))::text,
            json_build_object('id', NEW.id, 'kind', NEW.kind, 'confidential', NEW.confidential, 'status', NEW.status, 'archived_at', NEW.archived_at, 'title', audit_text(NEW.title), 'description', audit_text(NEW.description))::text);
    ELSE
        PERFORM audit_append('subjects', OLD.id, 'delete',
            json_build_object('id', OLD.id, 'kind', OLD.kind, 'confidential', OLD.confidential, 'status', OLD.status, 'archived_at', OLD.archived_at, 'title', audit_text(OLD.title), 'description', audit_text(OLD.description))::text, NULL);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER audit_subjects AFTER INSERT OR UPDATE OR DELETE ON subjects
    FOR EACH ROW EXECUTE FUNCTION audit_subjects();

CREATE FUNCTION audit_subject_tags() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM audit_append('subject_tags', NEW.subject_id, 'insert', NULL,
            json_build_object('subject_id', NEW.subject_id, 'tag_id', NEW.tag_id)::text);
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM audit_append('subject_tags', NEW.subject_id, 'update',
            json_build_object('subject_id', OLD.subject_id, 'tag_id', OLD.tag_id)::text,
            json_build_object('subject_id', NEW.subject_id, 'tag_id', NEW.tag_id)::text);
    ELSE
        PERFORM audit_append('subject_tags', OLD.subject_id, 'delete',
            json_build_object('subject_id', OLD.subject_id, 'tag_id', OLD.tag_id)::text, NULL);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER audit_subject_tags AFTER INSERT OR UPDATE OR DELETE ON subject_tags
    FOR EACH ROW EXECUTE FUNCTION audit_subject_tags();

CREATE FUNCTION audit_partner_tags() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM audit_append('partner_tags', NEW.partner_id, 'insert', NULL,
            json_build_object('partner_id', NEW.partner_id, 'tag_id', NEW.tag_id)::text);
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM audit_append('partner_tags', NEW.partner_id, 'update',
            json_build_object('partner_id', OLD.partner_id, 'tag_id', OLD.tag_id)::text,
            json_build_object('partner_id', NEW.partner_id, 'tag_id', NEW.tag_id)::text);
    ELSE
        PERFORM audit_append('partner_tags', OLD.partner_id, 'delete',
            json_build_object('partner_id', OLD.partner_id, 'tag_id', OLD.tag_id)::text, NULL);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER audit_partner_tags AFTER INSERT OR UPDATE OR DELETE ON partner_tags
    FOR EACH ROW EXECUTE FUNCTION audit_partner_tags();

CREATE FUNCTION audit_meetings() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM audit_append('meetings', NEW.id, 'insert', NULL,
            json_build_object('id', NEW.id, 'term_id', NEW.term_id, 'starts_at', NEW.starts_at, 'ends_at', NEW.ends_at, 'location', NEW.location, 'status', NEW.status, 'subject_id', NEW.subject_id, 'sequence', NEW.sequence)::text);
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM audit_append('meetings', NEW.id, 'update',
            json_build_object('id', OLD.id, 'term_id', OLD.term_id, 'starts_at', OLD.starts_at, 'ends_at', OLD.ends_at, 'location', OLD.location, 'status', OLD.status, 'subject_id', OLD.subject_id, 'sequence', OLD.sequence)::text,
            json_build_object('id', NEW.id, 'term_id', NEW.term_id, 'starts_at', NEW.starts_at, 'ends_at', NEW.ends_at, 'location', NEW.location, 'status', NEW.status, 'subject_id', NEW.subject_id, 'sequence', NEW.sequence)::text);
    ELSE
        PERFORM audit_append('meetings', OLD.id, 'delete',
            json_build_object('id', OLD.id, 'term_id', OLD.term_id, 'starts_at', OLD.starts_at, 'ends_at', OLD.ends_at, 'location', OLD.location, 'status', OLD.status, 'subject_id', OLD.subject_id, 'sequence', OLD.sequence)::text, NULL);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER audit_meetings AFTER INSERT OR UPDATE OR DELETE ON meetings
    FOR EACH ROW EXECUTE FUNCTION audit_meetings();

CREATE FUNCTION audit_agenda_items() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM audit_append('agenda_items', NEW.id, 'insert', NULL,
            json_build_object('id', NEW.id, 'meeting_id', NEW.meeting_id, 'position', NEW.position, 'kind', NEW.kind, 'duration_minutes', NEW.duration_minutes, 'confidential', NEW.confidential, 'title', audit_text(NEW.title))::text);
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM audit_append('agenda_items', NEW.id, 'update',
            json_build_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'position', OLD.position, 'kind', OLD.kind, 'duration_minutes', OLD.duration_minutes, 'confidential', OLD.confidential, 'title', audit_text(OLD.title))::text,
            json_build_object('id', NEW.id, 'meeting_id', NEW.meeting_id, 'position', NEW.position, 'kind', NEW.kind, 'duration_minutes', NEW.duration_minutes, 'confidential', NEW.confidential, 'title', audit_text(NEW.title))::text);
    ELSE
        PERFORM audit_append('agenda_items', OLD.id, 'delete',
            json_build_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'position', OLD.position, 'kind', OLD.kind, 'duration_minutes', OLD.duration_minutes, 'confidential', OLD.confidential, 'title', audit_text(OLD.title))::text, NULL);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER audit_agenda_items AFTER INSERT OR UPDATE OR DELETE ON agenda_items
    FOR EACH ROW EXECUTE FUNCTION audit_agenda_items();

CREATE FUNCTION audit_invitations() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM audit_append('invitations', NEW.id, 'insert', NULL,
            json_build_object('id', NEW.id, 'meeting_id', NEW.meeting_id, 'partner_id', NEW.partner_id, 'status', NEW.status, 'withdrawn_at', NEW.withdrawn_at, 'reason', audit_text(NEW.reason))::text);
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM audit_append('invitations', NEW.id, 'update',
            json_build_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'partner_id', OLD.partner_id, 'status', OLD.status, 'withdrawn_at', OLD.withdrawn_at, 'reason', audit_text(OLD.reason))::text,
            json_build_object('id', NEW.id, 'meeting_id', NEW.meeting_id, 'partner_id', NEW.partner_id, 'status', NEW.status, 'withdrawn_at', NEW.withdrawn_at, 'reason', audit_text(NEW.reason))::text);
    ELSE
        PERFORM audit_append('invitations', OLD.id, 'delete',
            json_build_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'partner_id', OLD.partner_id, 'status', OLD.status, 'withdrawn_at', OLD.withdrawn_at, 'reason', audit_text(OLD.reason))::text, NULL);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER audit_invitations AFTER INSERT OR UPDATE OR DELETE ON invitations
    FOR EACH ROW EXECUTE FUNCTION audit_invitations();

CREATE FUNCTION audit_attendance() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM audit_append('attendance', NEW.meeting_id, 'insert', NULL,
            json_build_object('meeting_id', NEW.meeting_id, 'seat_id', NEW.seat_id, 'status', NEW.status)::text);
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM audit_append('attendance', NEW.meeting_id, 'update',
            json_build_object('meeting_id', OLD.meeting_id, 'seat_id', OLD.seat_id, 'status', OLD.status)::text,
            json_build_object('meeting_id', NEW.meeting_id, 'seat_id', NEW.seat_id, 'status', NEW.status)::text);
    ELSE
        PERFORM audit_append('attendance', OLD.meeting_id, 'delete',
            json_build_object('meeting_id', OLD.meeting_id, 'seat_id', OLD.seat_id, 'status', OLD.status)::text, NULL);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER audit_attendance AFTER INSERT OR UPDATE OR DELETE ON attendance
    FOR EACH ROW EXECUTE FUNCTION audit_attendance();

CREATE FUNCTION audit_minutes() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM audit_append('minutes', NEW.meeting_id, 'insert', NULL,
            json_build_object('meeting_id', NEW.meeting_id, 'status', NEW.status, 'adopted_in_meeting_id', NEW.adopted_in_meeting_id, 'body_length', length(NEW.body))::text);
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM audit_append('minutes', NEW.meeting_id, 'update',
            json_build_object('meeting_id', OLD.meeting_id, 'status', OLD.status, 'adopted_in_meeting_id', OLD.adopted_in_meeting_id, 'body_length', length(OLD.body))::text,
            json_build_object('meeting_id', NEW.meeting_id, 'status', NEW.status, 'adopted_in_meeting_id', NEW.adopted_in_meeting_id, 'body_length', length(NEW.body))::text);
    ELSE
        PERFORM audit_append('minutes', OLD.meeting_id, 'delete',
            json_build_object('meeting_id', OLD.meeting_id, 'status', OLD.status, 'adopted_in_meeting_id', OLD.adopted_in_meeting_id, 'body_length', length(OLD.body))::text, NULL);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER audit_minutes AFTER INSERT OR UPDATE OR DELETE ON minutes
    FOR EACH ROW EXECUTE FUNCTION audit_minutes();

CREATE FUNCTION audit_decisions() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM audit_append('decisions', NEW.id, 'insert', NULL,
            json_build_object('id', NEW.id, 'meeting_id', NEW.meeting_id, 'code', NEW.code, 'amends_decision_id', NEW.amends_decision_id, 'text', audit_text(NEW.text))::text);
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM audit_append('decisions', NEW.id, 'update',
            json_build_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'code', OLD.code, 'amends_decision_id', OLD.amends_decision_id, 'text', audit_text(OLD.text))::text,
            json_build_object('id', NEW.id, 'meeting_id', NEW.meeting_id, 'code', NEW.code, 'amends_decision_id', NEW.amends_decision_id, 'text', audit_text(NEW.text))::text);
    ELSE
        PERFORM audit_append('decisions', OLD.id, 'delete',
            json_build_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'code', OLD.code, 'amends_decision_id', OLD.amends_decision_id, 'text', audit_text(OLD.text))::text, NULL);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER audit_decisions AFTER INSERT OR UPDATE OR DELETE ON decisions
    FOR EACH ROW EXECUTE FUNCTION audit_decisions();

CREATE FUNCTION audit_actions() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM audit_append('actions', NEW.id, 'insert', NULL,
            json_build_object('id', NEW.id, 'meeting_id', NEW.meeting_id, 'owner_kind', NEW.owner_kind, 'owner_seat_id', NEW.owner_seat_id, 'owner_partner_id', NEW.owner_partner_id, 'due_on', NEW.due_on, 'status', NEW.status, 'times_postponed', NEW.times_postponed, 'description', audit_text(NEW.description))::text);
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM audit_append('actions', NEW.id, 'update',
            json_build_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'owner_kind', OLD.owner_kind, 'owner_seat_id', OLD.owner_seat_id, 'owner_partner_id', OLD.owner_partner_id, 'due_on', OLD.due_on, 'status', OLD.status, 'times_postponed', OLD.times_postponed, 'description', audit_text(OLD.description))::text,
            json_build_object('id', NEW.id, 'meeting_id', NEW.meeting_id, 'owner_kind', NEW.owner_kind, 'owner_seat_id', NEW.owner_seat_id, 'owner_partner_id', NEW.owner_partner_id, 'due_on', NEW.due_on, 'status', NEW.status, 'times_postponed', NEW.times_postponed, 'description', audit_text(NEW.description))::text);
    ELSE
        PERFORM audit_append('actions', OLD.id, 'delete',
            json_build_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'owner_kind', OLD.owner_kind, 'owner_seat_id', OLD.owner_seat_id, 'owner_partner_id', OLD.owner_partner_id, 'due_on', OLD.due_on, 'status', OLD.status, 'times_postponed', OLD.times_postponed, 'description', audit_text(OLD.description))::text, NULL);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER audit_actions AFTER INSERT OR UPDATE OR DELETE ON actions
    FOR EACH ROW EXECUTE FUNCTION audit_actions();

CREATE FUNCTION audit_documents() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM audit_append('documents', NEW.id, 'insert', NULL,
            json_build_object('id', NEW.id, 'sha256', NEW.sha256, 'kind', NEW.kind, 'title', audit_text(NEW.title))::text);
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM audit_append('documents', NEW.id, 'update',
            json_build_object('id', OLD.id, 'sha256', OLD.sha256, 'kind', OLD.kind, 'title', audit_text(OLD.title))::text,
            json_build_object('id', NEW.id, 'sha256', NEW.sha256, 'kind', NEW.kind, 'title', audit_text(NEW.title))::text);
    ELSE
        PERFORM audit_append('documents', OLD.id, 'delete',
            json_build_object('id', OLD.id, 'sha256', OLD.sha256, 'kind', OLD.kind, 'title', audit_text(OLD.title))::text, NULL);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER audit_documents AFTER INSERT OR UPDATE OR DELETE ON documents
    FOR EACH ROW EXECUTE FUNCTION audit_documents();

CREATE FUNCTION audit_document_links() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM audit_append('document_links', NEW.id, 'insert', NULL,
            json_build_object('id', NEW.id, 'document_id', NEW.document_id, 'term_id', NEW.term_id, 'meeting_id', NEW.meeting_id, 'subject_id', NEW.subject_id, 'confidential', NEW.confidential, 'agenda_item_id', NEW.agenda_item_id)::text);
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM audit_append('document_links', NEW.id, 'update',
            json_build_object('id', OLD.id, 'document_id', OLD.document_id, 'term_id', OLD.term_id, 'meeting_id', OLD.meeting_id, 'subject_id', OLD.subject_id, 'confidential', OLD.confidential, 'agenda_item_id', OLD.agenda_item_id)::text,
            json_build_object('id', NEW.id, 'document_id', NEW.document_id, 'term_id', NEW.term_id, 'meeting_id', NEW.meeting_id, 'subject_id', NEW.subject_id, 'confidential', NEW.confidential, 'agenda_item_id', NEW.agenda_item_id)::text);
    ELSE
        PERFORM audit_append('document_links', OLD.id, 'delete',
            json_build_object('id', OLD.id, 'document_id', OLD.document_id, 'term_id', OLD.term_id, 'meeting_id', OLD.meeting_id, 'subject_id', OLD.subject_id, 'confidential', OLD.confidential, 'agenda_item_id', OLD.agenda_item_id)::text, NULL);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER audit_document_links AFTER INSERT OR UPDATE OR DELETE ON document_links
    FOR EACH ROW EXECUTE FUNCTION audit_document_links();

CREATE FUNCTION audit_term_extensions() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM audit_append('term_extensions', NEW.id, 'insert', NULL,
            json_build_object('id', NEW.id, 'term_id', NEW.term_id, 'previous_ends_on', NEW.previous_ends_on, 'new_ends_on', NEW.new_ends_on, 'decree_date', NEW.decree_date, 'decree_reference', NEW.decree_reference, 'decree_url', NEW.decree_url, 'recorded_at', NEW.recorded_at)::text);
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM audit_append('term_extensions', NEW.id, 'update',
            json_build_object('id', OLD.id, 'term_id', OLD.term_id, 'previous_ends_on', OLD.previous_ends_on, 'new_ends_on', OLD.new_ends_on, 'decree_date', OLD.decree_date, 'decree_reference', OLD.decree_reference, 'decree_url', OLD.decree_url, 'recorded_at', OLD.recorded_at)::text,
            json_build_object('id', NEW.id, 'term_id', NEW.term_id, 'previous_ends_on', NEW.previous_ends_on, 'new_ends_on', NEW.new_ends_on, 'decree_date', NEW.decree_date, 'decree_reference', NEW.decree_reference, 'decree_url', NEW.decree_url, 'recorded_at', NEW.recorded_at)::text);
    ELSE
        PERFORM audit_append('term_extensions', OLD.id, 'delete',
            json_build_object('id', OLD.id, 'term_id', OLD.term_id, 'previous_ends_on', OLD.previous_ends_on, 'new_ends_on', OLD.new_ends_on, 'decree_date', OLD.decree_date, 'decree_reference', OLD.decree_reference, 'decree_url', OLD.decree_url, 'recorded_at', OLD.recorded_at)::text, NULL);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER audit_term_extensions AFTER INSERT OR UPDATE OR DELETE ON term_extensions
    FOR EACH ROW EXECUTE FUNCTION audit_term_extensions();

CREATE FUNCTION audit_mail_settings() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM audit_append('mail_settings', NEW.id, 'insert', NULL,
            json_build_object('id', NEW.id, 'member_subject', NEW.member_subject, 'member_body', NEW.member_body, 'partner_subject', NEW.partner_subject, 'partner_body', NEW.partner_body)::text);
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM audit_append('mail_settings', NEW.id, 'update',
            json_build_object('id', OLD.id, 'member_subject', OLD.member_subject, 'member_body', OLD.member_body, 'partner_subject', OLD.partner_subject, 'partner_body', OLD.partner_body)::text,
            json_build_object('id', NEW.id, 'member_subject', NEW.member_subject, 'member_body', NEW.member_body, 'partner_subject', NEW.partner_subject, 'partner_body', NEW.partner_body)::text);
    ELSE
        PERFORM audit_append('mail_settings', OLD.id, 'delete',
            json_build_object('id', OLD.id, 'member_subject', OLD.member_subject, 'member_body', OLD.member_body, 'partner_subject', OLD.partner_subject, 'partner_body', OLD.partner_body)::text, NULL);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER audit_mail_settings AFTER INSERT OR UPDATE OR DELETE ON mail_settings
    FOR EACH ROW EXECUTE FUNCTION audit_mail_settings();

CREATE FUNCTION audit_agenda_template_items() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM audit_append('agenda_template_items', NEW.id, 'insert', NULL,
            json_build_object('id', NEW.id, 'term_id', NEW.term_id, 'position', NEW.position, 'kind', NEW.kind, 'title', NEW.title, 'duration_minutes', NEW.duration_minutes)::text);
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM audit_append('agenda_template_items', NEW.id, 'update',
            json_build_object('id', OLD.id, 'term_id', OLD.term_id, 'position', OLD.position, 'kind', OLD.kind, 'title', OLD.title, 'duration_minutes', OLD.duration_minutes)::text,
            json_build_object('id', NEW.id, 'term_id', NEW.term_id, 'position', NEW.position, 'kind', NEW.kind, 'title', NEW.title, 'duration_minutes', NEW.duration_minutes)::text);
    ELSE
        PERFORM audit_append('agenda_template_items', OLD.id, 'delete',
            json_build_object('id', OLD.id, 'term_id', OLD.term_id, 'position', OLD.position, 'kind', OLD.kind, 'title', OLD.title, 'duration_minutes', OLD.duration_minutes)::text, NULL);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER audit_agenda_template_items AFTER INSERT OR UPDATE OR DELETE ON agenda_template_items
    FOR EACH ROW EXECUTE FUNCTION audit_agenda_template_items();
