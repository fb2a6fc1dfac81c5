-- The audit log keeps no personal data of anyone (issue 14): seat holders,
-- deputies, stand-ins, presenters and the own names of files are no longer
-- copied into it, and are removed from the entries made before. The hash
-- chain is then computed anew over the redacted entries by the migration's
-- Rust step, which adds an entry recording the head of the chain before it
-- (crates/core/src/store/audit.rs, `redact_chain`). Never edited after it
-- shipped.

DROP TRIGGER audit_log_no_update;
DROP TRIGGER audit_log_no_delete;

UPDATE audit_log SET before = CASE WHEN before IS NULL THEN NULL ELSE json_remove(before, '$.person', '$.deputy') END,
    after = CASE WHEN after IS NULL THEN NULL ELSE json_remove(after, '$.person', '$.deputy') END
    WHERE table_name = 'seats';
UPDATE audit_log SET before = CASE WHEN before IS NULL THEN NULL ELSE json_remove(before, '$.represented_by') END,
    after = CASE WHEN after IS NULL THEN NULL ELSE json_remove(after, '$.represented_by') END
    WHERE table_name = 'attendance';
UPDATE audit_log SET before = CASE WHEN before IS NULL THEN NULL ELSE json_remove(before, '$.presenter') END,
    after = CASE WHEN after IS NULL THEN NULL ELSE json_remove(after, '$.presenter') END
    WHERE table_name = 'agenda_items';
UPDATE audit_log SET before = CASE WHEN before IS NULL THEN NULL ELSE json_remove(before, '$.original_name') END,
    after = CASE WHEN after IS NULL THEN NULL ELSE json_remove(after, '$.original_name') END
    WHERE table_name = 'documents';

DROP TRIGGER audit_seats_insert;
DROP TRIGGER audit_seats_update;
DROP TRIGGER audit_seats_delete;

CREATE TRIGGER audit_seats_insert AFTER INSERT ON seats BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'seats', NEW.id, 'insert', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'seats', NEW.id, 'insert', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 NULL AS before,
                 json_object('id', NEW.id, 'term_id', NEW.term_id, 'position', NEW.position, 'organisation', NEW.organisation, 'role', NEW.role, 'chair', NEW.chair, 'seat_type', NEW.seat_type, 'region', NEW.region, 'previous_seat_id', NEW.previous_seat_id) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_seats_update AFTER UPDATE ON seats BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'seats', NEW.id, 'update', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'seats', NEW.id, 'update', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'term_id', OLD.term_id, 'position', OLD.position, 'organisation', OLD.organisation, 'role', OLD.role, 'chair', OLD.chair, 'seat_type', OLD.seat_type, 'region', OLD.region, 'previous_seat_id', OLD.previous_seat_id) AS before,
                 json_object('id', NEW.id, 'term_id', NEW.term_id, 'position', NEW.position, 'organisation', NEW.organisation, 'role', NEW.role, 'chair', NEW.chair, 'seat_type', NEW.seat_type, 'region', NEW.region, 'previous_seat_id', NEW.previous_seat_id) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_seats_delete AFTER DELETE ON seats BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'seats', OLD.id, 'delete', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'seats', OLD.id, 'delete', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'term_id', OLD.term_id, 'position', OLD.position, 'organisation', OLD.organisation, 'role', OLD.role, 'chair', OLD.chair, 'seat_type', OLD.seat_type, 'region', OLD.region, 'previous_seat_id', OLD.previous_seat_id) AS before,
                 NULL AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

DROP TRIGGER audit_attendance_insert;
DROP TRIGGER audit_attendance_update;
DROP TRIGGER audit_attendance_delete;

CREATE TRIGGER audit_attendance_insert AFTER INSERT ON attendance BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'attendance', NEW.meeting_id, 'insert', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'attendance', NEW.meeting_id, 'insert', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 NULL AS before,
                 json_object('meeting_id', NEW.meeting_id, 'seat_id', NEW.seat_id, 'status', NEW.status) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_attendance_update AFTER UPDATE ON attendance BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'attendance', NEW.meeting_id, 'update', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'attendance', NEW.meeting_id, 'update', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('meeting_id', OLD.meeting_id, 'seat_id', OLD.seat_id, 'status', OLD.status) AS before,
                 json_object('meeting_id', NEW.meeting_id, 'seat_id', NEW.seat_id, 'status', NEW.status) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_attendance_delete AFTER DELETE ON attendance BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'attendance', OLD.meeting_id, 'delete', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'attendance', OLD.meeting_id, 'delete', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('meeting_id', OLD.meeting_id, 'seat_id', OLD.seat_id, 'status', OLD.status) AS before,
                 NULL AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

DROP TRIGGER audit_agenda_items_insert;
DROP TRIGGER audit_agenda_items_update;
DROP TRIGGER audit_agenda_items_delete;

CREATE TRIGGER audit_agenda_items_insert AFTER INSERT ON agenda_items BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'agenda_items', NEW.id, 'insert', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'agenda_items', NEW.id, 'insert', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 NULL AS before,
                 json_object('id', NEW.id, 'meeting_id', NEW.meeting_id, 'position', NEW.position, 'kind', NEW.kind, 'title', NEW.title, 'duration_minutes', NEW.duration_minutes, 'confidential', NEW.confidential) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_agenda_items_update AFTER UPDATE ON agenda_items BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'agenda_items', NEW.id, 'update', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'agenda_items', NEW.id, 'update', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'position', OLD.position, 'kind', OLD.kind, 'title', OLD.title, 'duration_minutes', OLD.duration_minutes, 'confidential', OLD.confidential) AS before,
                 json_object('id', NEW.id, 'meeting_id', NEW.meeting_id, 'position', NEW.position, 'kind', NEW.kind, 'title', NEW.title, 'duration_minutes', NEW.duration_minutes, 'confidential', NEW.confidential) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_agenda_items_delete AFTER DELETE ON agenda_items BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'agenda_items', OLD.id, 'delete', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'agenda_items', OLD.id, 'delete', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'position', OLD.position, 'kind', OLD.kind, 'title', OLD.title, 'duration_minutes', OLD.duration_minutes, 'confidential', OLD.confidential) AS before,
                 NULL AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

DROP TRIGGER audit_documents_insert;
DROP TRIGGER audit_documents_update;
DROP TRIGGER audit_documents_delete;

CREATE TRIGGER audit_documents_insert AFTER INSERT ON documents BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'documents', NEW.id, 'insert', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'documents', NEW.id, 'insert', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 NULL AS before,
                 json_object('id', NEW.id, 'sha256', NEW.sha256, 'title', NEW.title, 'kind', NEW.kind) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_documents_update AFTER UPDATE ON documents BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'documents', NEW.id, 'update', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'documents', NEW.id, 'update', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'sha256', OLD.sha256, 'title', OLD.title, 'kind', OLD.kind) AS before,
                 json_object('id', NEW.id, 'sha256', NEW.sha256, 'title', NEW.title, 'kind', NEW.kind) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_documents_delete AFTER DELETE ON documents BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'documents', OLD.id, 'delete', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'documents', OLD.id, 'delete', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'sha256', OLD.sha256, 'title', OLD.title, 'kind', OLD.kind) AS before,
                 NULL AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;
