-- Full-text search over subjects, minutes, decisions, actions and partners.
-- remove_diacritics 2 makes 'coordinatie' find 'coördinatie'.
-- The rowid encodes the source: id * 8 + kind (1 subject, 2 minutes,
-- 3 decision, 4 action, 5 partner), so triggers update by rowid, not by scan.

CREATE VIRTUAL TABLE search_index USING fts5(
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO search_index (rowid, title, body)
    SELECT id * 8 + 1, title, description FROM subjects;
INSERT INTO search_index (rowid, title, body)
    SELECT meeting_id * 8 + 2, '', body FROM minutes;
INSERT INTO search_index (rowid, title, body)
    SELECT id * 8 + 3, code, text FROM decisions;
INSERT INTO search_index (rowid, title, body)
    SELECT id * 8 + 4, '', description FROM actions;
INSERT INTO search_index (rowid, title, body)
    SELECT id * 8 + 5, organisation, coalesce(contact_name, '') || ' ' || notes FROM partners;

CREATE TRIGGER subjects_ai AFTER INSERT ON subjects BEGIN
    INSERT INTO search_index (rowid, title, body) VALUES (NEW.id * 8 + 1, NEW.title, NEW.description);
END;
CREATE TRIGGER subjects_au AFTER UPDATE OF title, description ON subjects BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 1;
    INSERT INTO search_index (rowid, title, body) VALUES (NEW.id * 8 + 1, NEW.title, NEW.description);
END;
CREATE TRIGGER subjects_ad AFTER DELETE ON subjects BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 1;
END;

CREATE TRIGGER minutes_ai AFTER INSERT ON minutes BEGIN
    INSERT INTO search_index (rowid, title, body) VALUES (NEW.meeting_id * 8 + 2, '', NEW.body);
END;
CREATE TRIGGER minutes_au AFTER UPDATE OF body ON minutes BEGIN
    DELETE FROM search_index WHERE rowid = OLD.meeting_id * 8 + 2;
    INSERT INTO search_index (rowid, title, body) VALUES (NEW.meeting_id * 8 + 2, '', NEW.body);
END;
CREATE TRIGGER minutes_ad AFTER DELETE ON minutes BEGIN
    DELETE FROM search_index WHERE rowid = OLD.meeting_id * 8 + 2;
END;

CREATE TRIGGER decisions_ai AFTER INSERT ON decisions BEGIN
    INSERT INTO search_index (rowid, title, body) VALUES (NEW.id * 8 + 3, NEW.code, NEW.text);
END;
CREATE TRIGGER decisions_au AFTER UPDATE OF code, text ON decisions BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 3;
    INSERT INTO search_index (rowid, title, body) VALUES (NEW.id * 8 + 3, NEW.code, NEW.text);
END;
CREATE TRIGGER decisions_ad AFTER DELETE ON decisions BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 3;
END;

CREATE TRIGGER actions_ai AFTER INSERT ON actions BEGIN
    INSERT INTO search_index (rowid, title, body) VALUES (NEW.id * 8 + 4, '', NEW.description);
END;
CREATE TRIGGER actions_au AFTER UPDATE OF description ON actions BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 4;
    INSERT INTO search_index (rowid, title, body) VALUES (NEW.id * 8 + 4, '', NEW.description);
END;
CREATE TRIGGER actions_ad AFTER DELETE ON actions BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 4;
END;

CREATE TRIGGER partners_ai AFTER INSERT ON partners BEGIN
    INSERT INTO search_index (rowid, title, body)
        VALUES (NEW.id * 8 + 5, NEW.organisation, coalesce(NEW.contact_name, '') || ' ' || NEW.notes);
END;
CREATE TRIGGER partners_au AFTER UPDATE OF organisation, contact_name, notes ON partners BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 5;
    INSERT INTO search_index (rowid, title, body)
        VALUES (NEW.id * 8 + 5, NEW.organisation, coalesce(NEW.contact_name, '') || ' ' || NEW.notes);
END;
CREATE TRIGGER partners_ad AFTER DELETE ON partners BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 5;
END;
