-- An append-only audit log of every change, each entry chained to the one
-- before by a SHA-256 over its content. The log is written by triggers, so no
-- write can forget it; `audit_now()`, `audit_user()` and `audit_hash()` are
-- functions the app registers on every connection (the time comes from the
-- app's clock). Personal data of partners is never copied into the log, so
-- erasing it (GDPR art. 17) leaves nothing behind here.
-- Generated once from the schema; like every migration, never edited after.

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    os_user     TEXT NOT NULL,
    table_name  TEXT NOT NULL,
    row_id      INTEGER NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    before      TEXT,
    after       TEXT,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_log_by_record ON audit_log(table_name, row_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_terms_insert AFTER INSERT ON terms BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'terms', NEW.id, 'insert', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'terms', NEW.id, 'insert', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 NULL AS before,
                 json_object('id', NEW.id, 'number', NEW.number, 'starts_on', NEW.starts_on, 'ends_on', NEW.ends_on, 'goals', NEW.goals) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_terms_update AFTER UPDATE ON terms BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'terms', NEW.id, 'update', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'terms', NEW.id, 'update', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'number', OLD.number, 'starts_on', OLD.starts_on, 'ends_on', OLD.ends_on, 'goals', OLD.goals) AS before,
                 json_object('id', NEW.id, 'number', NEW.number, 'starts_on', NEW.starts_on, 'ends_on', NEW.ends_on, 'goals', NEW.goals) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_terms_delete AFTER DELETE ON terms BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'terms', OLD.id, 'delete', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'terms', OLD.id, 'delete', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'number', OLD.number, 'starts_on', OLD.starts_on, 'ends_on', OLD.ends_on, 'goals', OLD.goals) AS before,
                 NULL AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_seats_insert AFTER INSERT ON seats BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'seats', NEW.id, 'insert', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'seats', NEW.id, 'insert', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 NULL AS before,
                 json_object('id', NEW.id, 'term_id', NEW.term_id, 'position', NEW.position, 'organisation', NEW.organisation, 'role', NEW.role, 'person', NEW.person, 'deputy', NEW.deputy, 'chair', NEW.chair) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_seats_update AFTER UPDATE ON seats BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'seats', NEW.id, 'update', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'seats', NEW.id, 'update', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'term_id', OLD.term_id, 'position', OLD.position, 'organisation', OLD.organisation, 'role', OLD.role, 'person', OLD.person, 'deputy', OLD.deputy, 'chair', OLD.chair) AS before,
                 json_object('id', NEW.id, 'term_id', NEW.term_id, 'position', NEW.position, 'organisation', NEW.organisation, 'role', NEW.role, 'person', NEW.person, 'deputy', NEW.deputy, 'chair', NEW.chair) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_seats_delete AFTER DELETE ON seats BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'seats', OLD.id, 'delete', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'seats', OLD.id, 'delete', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'term_id', OLD.term_id, 'position', OLD.position, 'organisation', OLD.organisation, 'role', OLD.role, 'person', OLD.person, 'deputy', OLD.deputy, 'chair', OLD.chair) AS before,
                 NULL AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_partners_insert AFTER INSERT ON partners BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'partners', NEW.id, 'insert', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'partners', NEW.id, 'insert', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 NULL AS before,
                 json_object('id', NEW.id, 'organisation', NEW.organisation, 'erased_at', NEW.erased_at) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_partners_update AFTER UPDATE ON partners BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'partners', NEW.id, 'update', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'partners', NEW.id, 'update', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'organisation', OLD.organisation, 'erased_at', OLD.erased_at) AS before,
                 json_object('id', NEW.id, 'organisation', NEW.organisation, 'erased_at', NEW.erased_at) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_partners_delete AFTER DELETE ON partners BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'partners', OLD.id, 'delete', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'partners', OLD.id, 'delete', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'organisation', OLD.organisation, 'erased_at', OLD.erased_at) AS before,
                 NULL AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_subjects_insert AFTER INSERT ON subjects BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'subjects', NEW.id, 'insert', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'subjects', NEW.id, 'insert', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 NULL AS before,
                 json_object('id', NEW.id, 'title', NEW.title, 'kind', NEW.kind, 'description', NEW.description, 'confidential', NEW.confidential, 'status', NEW.status) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_subjects_update AFTER UPDATE ON subjects BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'subjects', NEW.id, 'update', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'subjects', NEW.id, 'update', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'title', OLD.title, 'kind', OLD.kind, 'description', OLD.description, 'confidential', OLD.confidential, 'status', OLD.status) AS before,
                 json_object('id', NEW.id, 'title', NEW.title, 'kind', NEW.kind, 'description', NEW.description, 'confidential', NEW.confidential, 'status', NEW.status) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_subjects_delete AFTER DELETE ON subjects BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'subjects', OLD.id, 'delete', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'subjects', OLD.id, 'delete', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'title', OLD.title, 'kind', OLD.kind, 'description', OLD.description, 'confidential', OLD.confidential, 'status', OLD.status) AS before,
                 NULL AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_subject_tags_insert AFTER INSERT ON subject_tags BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'subject_tags', NEW.subject_id, 'insert', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'subject_tags', NEW.subject_id, 'insert', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 NULL AS before,
                 json_object('subject_id', NEW.subject_id, 'tag_id', NEW.tag_id) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_subject_tags_update AFTER UPDATE ON subject_tags BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'subject_tags', NEW.subject_id, 'update', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'subject_tags', NEW.subject_id, 'update', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('subject_id', OLD.subject_id, 'tag_id', OLD.tag_id) AS before,
                 json_object('subject_id', NEW.subject_id, 'tag_id', NEW.tag_id) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_subject_tags_delete AFTER DELETE ON subject_tags BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'subject_tags', OLD.subject_id, 'delete', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'subject_tags', OLD.subject_id, 'delete', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('subject_id', OLD.subject_id, 'tag_id', OLD.tag_id) AS before,
                 NULL AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_partner_tags_insert AFTER INSERT ON partner_tags BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'partner_tags', NEW.partner_id, 'insert', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'partner_tags', NEW.partner_id, 'insert', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 NULL AS before,
                 json_object('partner_id', NEW.partner_id, 'tag_id', NEW.tag_id) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_partner_tags_update AFTER UPDATE ON partner_tags BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'partner_tags', NEW.partner_id, 'update', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'partner_tags', NEW.partner_id, 'update', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('partner_id', OLD.partner_id, 'tag_id', OLD.tag_id) AS before,
                 json_object('partner_id', NEW.partner_id, 'tag_id', NEW.tag_id) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_partner_tags_delete AFTER DELETE ON partner_tags BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'partner_tags', OLD.partner_id, 'delete', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'partner_tags', OLD.partner_id, 'delete', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('partner_id', OLD.partner_id, 'tag_id', OLD.tag_id) AS before,
                 NULL AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_meetings_insert AFTER INSERT ON meetings BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'meetings', NEW.id, 'insert', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'meetings', NEW.id, 'insert', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 NULL AS before,
                 json_object('id', NEW.id, 'term_id', NEW.term_id, 'starts_at', NEW.starts_at, 'ends_at', NEW.ends_at, 'location', NEW.location, 'status', NEW.status, 'subject_id', NEW.subject_id, 'sequence', NEW.sequence) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_meetings_update AFTER UPDATE ON meetings BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'meetings', NEW.id, 'update', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'meetings', NEW.id, 'update', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'term_id', OLD.term_id, 'starts_at', OLD.starts_at, 'ends_at', OLD.ends_at, 'location', OLD.location, 'status', OLD.status, 'subject_id', OLD.subject_id, 'sequence', OLD.sequence) AS before,
                 json_object('id', NEW.id, 'term_id', NEW.term_id, 'starts_at', NEW.starts_at, 'ends_at', NEW.ends_at, 'location', NEW.location, 'status', NEW.status, 'subject_id', NEW.subject_id, 'sequence', NEW.sequence) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_meetings_delete AFTER DELETE ON meetings BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'meetings', OLD.id, 'delete', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'meetings', OLD.id, 'delete', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'term_id', OLD.term_id, 'starts_at', OLD.starts_at, 'ends_at', OLD.ends_at, 'location', OLD.location, 'status', OLD.status, 'subject_id', OLD.subject_id, 'sequence', OLD.sequence) AS before,
                 NULL AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_agenda_items_insert AFTER INSERT ON agenda_items BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'agenda_items', NEW.id, 'insert', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'agenda_items', NEW.id, 'insert', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 NULL AS before,
                 json_object('id', NEW.id, 'meeting_id', NEW.meeting_id, 'position', NEW.position, 'kind', NEW.kind, 'title', NEW.title, 'duration_minutes', NEW.duration_minutes, 'presenter', NEW.presenter, 'confidential', NEW.confidential) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_agenda_items_update AFTER UPDATE ON agenda_items BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'agenda_items', NEW.id, 'update', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'agenda_items', NEW.id, 'update', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'position', OLD.position, 'kind', OLD.kind, 'title', OLD.title, 'duration_minutes', OLD.duration_minutes, 'presenter', OLD.presenter, 'confidential', OLD.confidential) AS before,
                 json_object('id', NEW.id, 'meeting_id', NEW.meeting_id, 'position', NEW.position, 'kind', NEW.kind, 'title', NEW.title, 'duration_minutes', NEW.duration_minutes, 'presenter', NEW.presenter, 'confidential', NEW.confidential) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_agenda_items_delete AFTER DELETE ON agenda_items BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'agenda_items', OLD.id, 'delete', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'agenda_items', OLD.id, 'delete', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'position', OLD.position, 'kind', OLD.kind, 'title', OLD.title, 'duration_minutes', OLD.duration_minutes, 'presenter', OLD.presenter, 'confidential', OLD.confidential) AS before,
                 NULL AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_invitations_insert AFTER INSERT ON invitations BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'invitations', NEW.id, 'insert', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'invitations', NEW.id, 'insert', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 NULL AS before,
                 json_object('id', NEW.id, 'meeting_id', NEW.meeting_id, 'partner_id', NEW.partner_id, 'status', NEW.status) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_invitations_update AFTER UPDATE ON invitations BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'invitations', NEW.id, 'update', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'invitations', NEW.id, 'update', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'partner_id', OLD.partner_id, 'status', OLD.status) AS before,
                 json_object('id', NEW.id, 'meeting_id', NEW.meeting_id, 'partner_id', NEW.partner_id, 'status', NEW.status) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_invitations_delete AFTER DELETE ON invitations BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'invitations', OLD.id, 'delete', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'invitations', OLD.id, 'delete', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'partner_id', OLD.partner_id, 'status', OLD.status) AS before,
                 NULL AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_attendance_insert AFTER INSERT ON attendance BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'attendance', NEW.meeting_id, 'insert', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'attendance', NEW.meeting_id, 'insert', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 NULL AS before,
                 json_object('meeting_id', NEW.meeting_id, 'seat_id', NEW.seat_id, 'status', NEW.status, 'represented_by', NEW.represented_by) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_attendance_update AFTER UPDATE ON attendance BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'attendance', NEW.meeting_id, 'update', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'attendance', NEW.meeting_id, 'update', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('meeting_id', OLD.meeting_id, 'seat_id', OLD.seat_id, 'status', OLD.status, 'represented_by', OLD.represented_by) AS before,
                 json_object('meeting_id', NEW.meeting_id, 'seat_id', NEW.seat_id, 'status', NEW.status, 'represented_by', NEW.represented_by) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_attendance_delete AFTER DELETE ON attendance BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'attendance', OLD.meeting_id, 'delete', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'attendance', OLD.meeting_id, 'delete', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('meeting_id', OLD.meeting_id, 'seat_id', OLD.seat_id, 'status', OLD.status, 'represented_by', OLD.represented_by) AS before,
                 NULL AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_minutes_insert AFTER INSERT ON minutes BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'minutes', NEW.meeting_id, 'insert', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'minutes', NEW.meeting_id, 'insert', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 NULL AS before,
                 json_object('meeting_id', NEW.meeting_id, 'status', NEW.status, 'adopted_in_meeting_id', NEW.adopted_in_meeting_id, 'body_length', length(NEW.body)) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_minutes_update AFTER UPDATE ON minutes BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'minutes', NEW.meeting_id, 'update', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'minutes', NEW.meeting_id, 'update', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('meeting_id', OLD.meeting_id, 'status', OLD.status, 'adopted_in_meeting_id', OLD.adopted_in_meeting_id, 'body_length', length(OLD.body)) AS before,
                 json_object('meeting_id', NEW.meeting_id, 'status', NEW.status, 'adopted_in_meeting_id', NEW.adopted_in_meeting_id, 'body_length', length(NEW.body)) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_minutes_delete AFTER DELETE ON minutes BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'minutes', OLD.meeting_id, 'delete', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'minutes', OLD.meeting_id, 'delete', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('meeting_id', OLD.meeting_id, 'status', OLD.status, 'adopted_in_meeting_id', OLD.adopted_in_meeting_id, 'body_length', length(OLD.body)) AS before,
                 NULL AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_decisions_insert AFTER INSERT ON decisions BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'decisions', NEW.id, 'insert', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'decisions', NEW.id, 'insert', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 NULL AS before,
                 json_object('id', NEW.id, 'meeting_id', NEW.meeting_id, 'code', NEW.code, 'text', NEW.text) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_decisions_update AFTER UPDATE ON decisions BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'decisions', NEW.id, 'update', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'decisions', NEW.id, 'update', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'code', OLD.code, 'text', OLD.text) AS before,
                 json_object('id', NEW.id, 'meeting_id', NEW.meeting_id, 'code', NEW.code, 'text', NEW.text) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_decisions_delete AFTER DELETE ON decisions BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'decisions', OLD.id, 'delete', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'decisions', OLD.id, 'delete', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'code', OLD.code, 'text', OLD.text) AS before,
                 NULL AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_actions_insert AFTER INSERT ON actions BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'actions', NEW.id, 'insert', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'actions', NEW.id, 'insert', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 NULL AS before,
                 json_object('id', NEW.id, 'meeting_id', NEW.meeting_id, 'description', NEW.description, 'owner_kind', NEW.owner_kind, 'owner_seat_id', NEW.owner_seat_id, 'owner_partner_id', NEW.owner_partner_id, 'due_on', NEW.due_on, 'status', NEW.status, 'times_postponed', NEW.times_postponed) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_actions_update AFTER UPDATE ON actions BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'actions', NEW.id, 'update', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'actions', NEW.id, 'update', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'description', OLD.description, 'owner_kind', OLD.owner_kind, 'owner_seat_id', OLD.owner_seat_id, 'owner_partner_id', OLD.owner_partner_id, 'due_on', OLD.due_on, 'status', OLD.status, 'times_postponed', OLD.times_postponed) AS before,
                 json_object('id', NEW.id, 'meeting_id', NEW.meeting_id, 'description', NEW.description, 'owner_kind', NEW.owner_kind, 'owner_seat_id', NEW.owner_seat_id, 'owner_partner_id', NEW.owner_partner_id, 'due_on', NEW.due_on, 'status', NEW.status, 'times_postponed', NEW.times_postponed) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_actions_delete AFTER DELETE ON actions BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'actions', OLD.id, 'delete', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'actions', OLD.id, 'delete', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'description', OLD.description, 'owner_kind', OLD.owner_kind, 'owner_seat_id', OLD.owner_seat_id, 'owner_partner_id', OLD.owner_partner_id, 'due_on', OLD.due_on, 'status', OLD.status, 'times_postponed', OLD.times_postponed) AS before,
                 NULL AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_documents_insert AFTER INSERT ON documents BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'documents', NEW.id, 'insert', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'documents', NEW.id, 'insert', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 NULL AS before,
                 json_object('id', NEW.id, 'sha256', NEW.sha256, 'title', NEW.title, 'kind', NEW.kind, 'original_name', NEW.original_name) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_documents_update AFTER UPDATE ON documents BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'documents', NEW.id, 'update', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'documents', NEW.id, 'update', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'sha256', OLD.sha256, 'title', OLD.title, 'kind', OLD.kind, 'original_name', OLD.original_name) AS before,
                 json_object('id', NEW.id, 'sha256', NEW.sha256, 'title', NEW.title, 'kind', NEW.kind, 'original_name', NEW.original_name) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_documents_delete AFTER DELETE ON documents BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'documents', OLD.id, 'delete', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'documents', OLD.id, 'delete', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'sha256', OLD.sha256, 'title', OLD.title, 'kind', OLD.kind, 'original_name', OLD.original_name) AS before,
                 NULL AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_document_links_insert AFTER INSERT ON document_links BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'document_links', NEW.id, 'insert', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'document_links', NEW.id, 'insert', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 NULL AS before,
                 json_object('id', NEW.id, 'document_id', NEW.document_id, 'term_id', NEW.term_id, 'meeting_id', NEW.meeting_id, 'subject_id', NEW.subject_id, 'confidential', NEW.confidential) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_document_links_update AFTER UPDATE ON document_links BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'document_links', NEW.id, 'update', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'document_links', NEW.id, 'update', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'document_id', OLD.document_id, 'term_id', OLD.term_id, 'meeting_id', OLD.meeting_id, 'subject_id', OLD.subject_id, 'confidential', OLD.confidential) AS before,
                 json_object('id', NEW.id, 'document_id', NEW.document_id, 'term_id', NEW.term_id, 'meeting_id', NEW.meeting_id, 'subject_id', NEW.subject_id, 'confidential', NEW.confidential) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_document_links_delete AFTER DELETE ON document_links BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'document_links', OLD.id, 'delete', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'document_links', OLD.id, 'delete', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'document_id', OLD.document_id, 'term_id', OLD.term_id, 'meeting_id', OLD.meeting_id, 'subject_id', OLD.subject_id, 'confidential', OLD.confidential) AS before,
                 NULL AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;
