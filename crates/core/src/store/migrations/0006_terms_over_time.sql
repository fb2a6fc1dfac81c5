-- Terms over time (issue 11): a term's decree as data, the history of its
-- extensions, seats carried from one term to the next with a type and a
-- region, and an agenda template per term.
-- The audit triggers of terms and seats are replaced so the new columns are
-- logged too; the new tables get their own. Like every migration, never
-- edited after it shipped.

ALTER TABLE terms ADD COLUMN decree_date TEXT;
ALTER TABLE terms ADD COLUMN decree_reference TEXT;
ALTER TABLE terms ADD COLUMN decree_url TEXT;

-- Every change of a term's end, oldest first; the first row's previous end
-- is the end the founding decree set.
CREATE TABLE term_extensions (
    id                INTEGER PRIMARY KEY,
    term_id           INTEGER NOT NULL REFERENCES terms(id),
    previous_ends_on  TEXT NOT NULL,
    new_ends_on       TEXT NOT NULL,
    decree_date       TEXT,
    decree_reference  TEXT,
    decree_url        TEXT,
    recorded_at       TEXT NOT NULL
);
CREATE INDEX term_extensions_by_term ON term_extensions(term_id, id);

ALTER TABLE seats ADD COLUMN seat_type TEXT CHECK (seat_type IN ('central_government',
    'municipality', 'executive_agency', 'civil_society', 'private_sector'));
ALTER TABLE seats ADD COLUMN region TEXT;
-- The seat of the previous term this one continues.
ALTER TABLE seats ADD COLUMN previous_seat_id INTEGER REFERENCES seats(id);
CREATE INDEX seats_by_previous ON seats(previous_seat_id);

-- The standard agenda of a term's new meetings; a term without rows uses the
-- built-in standard agenda.
CREATE TABLE agenda_template_items (
    id                INTEGER PRIMARY KEY,
    term_id           INTEGER NOT NULL REFERENCES terms(id),
    position          INTEGER NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('opening', 'announcements', 'previous_minutes',
                          'action_list', 'central_subject', 'aob', 'closing', 'other')),
    title             TEXT NOT NULL CHECK (length(trim(title)) > 0),
    duration_minutes  INTEGER NOT NULL CHECK (duration_minutes BETWEEN 0 AND 480),
    UNIQUE (term_id, position)
);

-- The seats the app shipped for the 5th term get their type; municipalities
-- their city as region. Other seats keep no type until the user gives one.
UPDATE seats SET seat_type = 'municipality', region = trim(substr(organisation, 10))
    WHERE organisation LIKE 'Gemeente %';
UPDATE seats SET seat_type = 'central_government' WHERE organisation LIKE 'Ministerie van %'
    OR organisation IN ('Openbaar Ministerie', 'Rechtspraak',
        'Nationaal Rapporteur Mensenhandel en Seksueel Geweld tegen Kinderen');
UPDATE seats SET seat_type = 'executive_agency' WHERE organisation IN (
    'Immigratie- en naturalisatiedienst', 'Inspectie Sociale Zaken en Werkgelegenheid',
    'Koninklijke Marechaussee (KMar)', 'Politie', 'Landelijk Informatie en Expertisecentrum (LIEC)');
UPDATE seats SET seat_type = 'civil_society' WHERE organisation IN (
    'Jeugdzorg Nederland', 'CoMensha', 'Strategisch overleg Mensenhandel');
UPDATE seats SET seat_type = 'private_sector' WHERE organisation = 'Kamer van Koophandel';

DROP TRIGGER audit_terms_insert;
DROP TRIGGER audit_terms_update;
DROP TRIGGER audit_terms_delete;
DROP TRIGGER audit_seats_insert;
DROP TRIGGER audit_seats_update;
DROP TRIGGER audit_seats_delete;

CREATE TRIGGER audit_terms_insert AFTER INSERT ON terms BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'terms', NEW.id, 'insert', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'terms', NEW.id, 'insert', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 NULL AS before,
                 json_object('id', NEW.id, 'number', NEW.number, 'starts_on', NEW.starts_on, 'ends_on', NEW.ends_on, 'goals', NEW.goals, 'decree_date', NEW.decree_date, 'decree_reference', NEW.decree_reference, 'decree_url', NEW.decree_url) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_terms_update AFTER UPDATE ON terms BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'terms', NEW.id, 'update', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'terms', NEW.id, 'update', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'number', OLD.number, 'starts_on', OLD.starts_on, 'ends_on', OLD.ends_on, 'goals', OLD.goals, 'decree_date', OLD.decree_date, 'decree_reference', OLD.decree_reference, 'decree_url', OLD.decree_url) AS before,
                 json_object('id', NEW.id, 'number', NEW.number, 'starts_on', NEW.starts_on, 'ends_on', NEW.ends_on, 'goals', NEW.goals, 'decree_date', NEW.decree_date, 'decree_reference', NEW.decree_reference, 'decree_url', NEW.decree_url) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_terms_delete AFTER DELETE ON terms BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'terms', OLD.id, 'delete', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'terms', OLD.id, 'delete', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'number', OLD.number, 'starts_on', OLD.starts_on, 'ends_on', OLD.ends_on, 'goals', OLD.goals, 'decree_date', OLD.decree_date, 'decree_reference', OLD.decree_reference, 'decree_url', OLD.decree_url) AS before,
                 NULL AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_seats_insert AFTER INSERT ON seats BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'seats', NEW.id, 'insert', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'seats', NEW.id, 'insert', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 NULL AS before,
                 json_object('id', NEW.id, 'term_id', NEW.term_id, 'position', NEW.position, 'organisation', NEW.organisation, 'role', NEW.role, 'person', NEW.person, 'deputy', NEW.deputy, 'chair', NEW.chair, 'seat_type', NEW.seat_type, 'region', NEW.region, 'previous_seat_id', NEW.previous_seat_id) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_seats_update AFTER UPDATE ON seats BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'seats', NEW.id, 'update', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'seats', NEW.id, 'update', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'term_id', OLD.term_id, 'position', OLD.position, 'organisation', OLD.organisation, 'role', OLD.role, 'person', OLD.person, 'deputy', OLD.deputy, 'chair', OLD.chair, 'seat_type', OLD.seat_type, 'region', OLD.region, 'previous_seat_id', OLD.previous_seat_id) AS before,
                 json_object('id', NEW.id, 'term_id', NEW.term_id, 'position', NEW.position, 'organisation', NEW.organisation, 'role', NEW.role, 'person', NEW.person, 'deputy', NEW.deputy, 'chair', NEW.chair, 'seat_type', NEW.seat_type, 'region', NEW.region, 'previous_seat_id', NEW.previous_seat_id) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_seats_delete AFTER DELETE ON seats BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'seats', OLD.id, 'delete', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'seats', OLD.id, 'delete', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'term_id', OLD.term_id, 'position', OLD.position, 'organisation', OLD.organisation, 'role', OLD.role, 'person', OLD.person, 'deputy', OLD.deputy, 'chair', OLD.chair, 'seat_type', OLD.seat_type, 'region', OLD.region, 'previous_seat_id', OLD.previous_seat_id) AS before,
                 NULL AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_term_extensions_insert AFTER INSERT ON term_extensions BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'term_extensions', NEW.id, 'insert', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'term_extensions', NEW.id, 'insert', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 NULL AS before,
                 json_object('id', NEW.id, 'term_id', NEW.term_id, 'previous_ends_on', NEW.previous_ends_on, 'new_ends_on', NEW.new_ends_on, 'decree_date', NEW.decree_date, 'decree_reference', NEW.decree_reference, 'decree_url', NEW.decree_url, 'recorded_at', NEW.recorded_at) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_term_extensions_update AFTER UPDATE ON term_extensions BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'term_extensions', NEW.id, 'update', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'term_extensions', NEW.id, 'update', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'term_id', OLD.term_id, 'previous_ends_on', OLD.previous_ends_on, 'new_ends_on', OLD.new_ends_on, 'decree_date', OLD.decree_date, 'decree_reference', OLD.decree_reference, 'decree_url', OLD.decree_url, 'recorded_at', OLD.recorded_at) AS before,
                 json_object('id', NEW.id, 'term_id', NEW.term_id, 'previous_ends_on', NEW.previous_ends_on, 'new_ends_on', NEW.new_ends_on, 'decree_date', NEW.decree_date, 'decree_reference', NEW.decree_reference, 'decree_url', NEW.decree_url, 'recorded_at', NEW.recorded_at) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_term_extensions_delete AFTER DELETE ON term_extensions BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'term_extensions', OLD.id, 'delete', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'term_extensions', OLD.id, 'delete', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'term_id', OLD.term_id, 'previous_ends_on', OLD.previous_ends_on, 'new_ends_on', OLD.new_ends_on, 'decree_date', OLD.decree_date, 'decree_reference', OLD.decree_reference, 'decree_url', OLD.decree_url, 'recorded_at', OLD.recorded_at) AS before,
                 NULL AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_agenda_template_items_insert AFTER INSERT ON agenda_template_items BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'agenda_template_items', NEW.id, 'insert', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'agenda_template_items', NEW.id, 'insert', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 NULL AS before,
                 json_object('id', NEW.id, 'term_id', NEW.term_id, 'position', NEW.position, 'kind', NEW.kind, 'title', NEW.title, 'duration_minutes', NEW.duration_minutes) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_agenda_template_items_update AFTER UPDATE ON agenda_template_items BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'agenda_template_items', NEW.id, 'update', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'agenda_template_items', NEW.id, 'update', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'term_id', OLD.term_id, 'position', OLD.position, 'kind', OLD.kind, 'title', OLD.title, 'duration_minutes', OLD.duration_minutes) AS before,
                 json_object('id', NEW.id, 'term_id', NEW.term_id, 'position', NEW.position, 'kind', NEW.kind, 'title', NEW.title, 'duration_minutes', NEW.duration_minutes) AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;

CREATE TRIGGER audit_agenda_template_items_delete AFTER DELETE ON agenda_template_items BEGIN
    INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.at, e.os_user, 'agenda_template_items', OLD.id, 'delete', e.before, e.after, e.prev_hash,
           audit_hash(e.prev_hash, e.at, e.os_user, 'agenda_template_items', OLD.id, 'delete', e.before, e.after)
    FROM (SELECT audit_now() AS at, audit_user() AS os_user,
                 json_object('id', OLD.id, 'term_id', OLD.term_id, 'position', OLD.position, 'kind', OLD.kind, 'title', OLD.title, 'duration_minutes', OLD.duration_minutes) AS before,
                 NULL AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;
