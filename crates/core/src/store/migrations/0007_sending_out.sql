-- Sending out (issue 13): e-mail addresses for member seats and their
-- deputies, why a partner is invited, when drafts were prepared and when the
-- members' invitation went out, and the secretariat's sender and templates.
-- Addresses are personal data: they are left out of the audit log (as the
-- partners' are) and removed by clearing them. Never edited after it shipped.

ALTER TABLE seats ADD COLUMN email TEXT;
ALTER TABLE seats ADD COLUMN deputy_email TEXT;

-- The partner's own reason for being invited, said in their invitation.
ALTER TABLE invitations ADD COLUMN reason TEXT NOT NULL DEFAULT '';
ALTER TABLE invitations ADD COLUMN draft_prepared_at TEXT;

ALTER TABLE meetings ADD COLUMN members_draft_at TEXT;
ALTER TABLE meetings ADD COLUMN members_sent_at TEXT;
-- The SEQUENCE the last prepared invitation carried, so a moved or
-- cancelled meeting knows its update is due.
ALTER TABLE meetings ADD COLUMN drafts_sequence INTEGER;

-- A meeting's paper may belong to one of its agenda items, so the meeting
-- pack puts it there (and leaves it out with a confidential item).
ALTER TABLE document_links ADD COLUMN agenda_item_id INTEGER REFERENCES agenda_items(id);
CREATE INDEX document_links_by_agenda_item ON document_links(agenda_item_id);

-- One row: who the drafts come from and what they say. NULL templates mean
-- the built-in ones.
CREATE TABLE mail_settings (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    sender_name      TEXT NOT NULL DEFAULT '',
    sender_email     TEXT NOT NULL DEFAULT '',
    signature        TEXT NOT NULL DEFAULT '',
    member_subject   TEXT,
    member_body      TEXT,
    partner_subject  TEXT,
    partner_body     TEXT
);

DROP TRIGGER audit_invitations_insert;
DROP TRIGGER audit_invitations_update;
DROP TRIGGER audit_invitations_delete;

CREATE TRIGGER audit_invitations_insert AFTER INSERT ON invitations BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'invitations', NEW.id, 'insert', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'invitations', NEW.id, 'insert', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 NULL AS before,
                 json_object('id', NEW.id, 'meeting_id', NEW.meeting_id, 'partner_id', NEW.partner_id, 'status', NEW.status, 'reason', NEW.reason) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_invitations_update AFTER UPDATE ON invitations BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'invitations', NEW.id, 'update', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'invitations', NEW.id, 'update', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'partner_id', OLD.partner_id, 'status', OLD.status, 'reason', OLD.reason) AS before,
                 json_object('id', NEW.id, 'meeting_id', NEW.meeting_id, 'partner_id', NEW.partner_id, 'status', NEW.status, 'reason', NEW.reason) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_invitations_delete AFTER DELETE ON invitations BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'invitations', OLD.id, 'delete', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'invitations', OLD.id, 'delete', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'partner_id', OLD.partner_id, 'status', OLD.status, 'reason', OLD.reason) AS before,
                 NULL AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_mail_settings_insert AFTER INSERT ON mail_settings BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'mail_settings', NEW.id, 'insert', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'mail_settings', NEW.id, 'insert', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 NULL AS before,
                 json_object('id', NEW.id, 'member_subject', NEW.member_subject, 'member_body', NEW.member_body, 'partner_subject', NEW.partner_subject, 'partner_body', NEW.partner_body) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_mail_settings_update AFTER UPDATE ON mail_settings BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'mail_settings', NEW.id, 'update', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'mail_settings', NEW.id, 'update', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'member_subject', OLD.member_subject, 'member_body', OLD.member_body, 'partner_subject', OLD.partner_subject, 'partner_body', OLD.partner_body) AS before,
                 json_object('id', NEW.id, 'member_subject', NEW.member_subject, 'member_body', NEW.member_body, 'partner_subject', NEW.partner_subject, 'partner_body', NEW.partner_body) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_mail_settings_delete AFTER DELETE ON mail_settings BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'mail_settings', OLD.id, 'delete', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'mail_settings', OLD.id, 'delete', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'member_subject', OLD.member_subject, 'member_body', OLD.member_body, 'partner_subject', OLD.partner_subject, 'partner_body', OLD.partner_body) AS before,
                 NULL AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

DROP TRIGGER audit_document_links_insert;
DROP TRIGGER audit_document_links_update;
DROP TRIGGER audit_document_links_delete;

CREATE TRIGGER audit_document_links_insert AFTER INSERT ON document_links BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'document_links', NEW.id, 'insert', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'document_links', NEW.id, 'insert', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 NULL AS before,
                 json_object('id', NEW.id, 'document_id', NEW.document_id, 'term_id', NEW.term_id, 'meeting_id', NEW.meeting_id, 'subject_id', NEW.subject_id, 'confidential', NEW.confidential, 'agenda_item_id', NEW.agenda_item_id) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_document_links_update AFTER UPDATE ON document_links BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'document_links', NEW.id, 'update', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'document_links', NEW.id, 'update', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'document_id', OLD.document_id, 'term_id', OLD.term_id, 'meeting_id', OLD.meeting_id, 'subject_id', OLD.subject_id, 'confidential', OLD.confidential, 'agenda_item_id', OLD.agenda_item_id) AS before,
                 json_object('id', NEW.id, 'document_id', NEW.document_id, 'term_id', NEW.term_id, 'meeting_id', NEW.meeting_id, 'subject_id', NEW.subject_id, 'confidential', NEW.confidential, 'agenda_item_id', NEW.agenda_item_id) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_document_links_delete AFTER DELETE ON document_links BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'document_links', OLD.id, 'delete', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'document_links', OLD.id, 'delete', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'document_id', OLD.document_id, 'term_id', OLD.term_id, 'meeting_id', OLD.meeting_id, 'subject_id', OLD.subject_id, 'confidential', OLD.confidential, 'agenda_item_id', OLD.agenda_item_id) AS before,
                 NULL AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;
