-- Full-text search on the server: the file's FTS5 index (migration 2) as
-- a table with a tsvector column, kept by the same triggers. The key
-- encodes the source as the file's rowid does: id * 8 + kind (1 subject,
-- 2 minutes, 3 decision, 4 action, 5 partner). Accents are folded by an
-- `unaccent` text search configuration on `simple` (no stemming, no stop
-- words), so 'coordinatie' finds 'coördinatie' as remove_diacritics does in
-- the file; prefixes are matched by the query (`word:*`).

CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION taskforce_search (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION taskforce_search
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;

CREATE TABLE search_index (
    key       bigint PRIMARY KEY,
    title     text NOT NULL,
    body      text NOT NULL,
    document  tsvector NOT NULL
);
CREATE INDEX search_index_document ON search_index USING gin (document);

-- The triggers write the index as its owner: a colleague's login reads it
-- and changes it only through the record's own tables. pg_temp comes last
-- in the functions' search path: a temporary table of a colleague's session
-- can never stand in for the index (or, in audit_append, for the log).
CREATE FUNCTION search_index_put(entry bigint, new_title text, new_body text)
RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    INSERT INTO search_index (key, title, body, document)
    VALUES (entry, new_title, new_body,
            to_tsvector('taskforce_search', new_title || ' ' || new_body))
    ON CONFLICT (key) DO UPDATE
        SET title = excluded.title, body = excluded.body, document = excluded.document
$$;

CREATE FUNCTION subjects_search() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM search_index WHERE key = OLD.id * 8 + 1;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM search_index_put(NEW.id * 8 + 1, NEW.title, NEW.description);
    END IF;
    RETURN NULL;
END $$;
-- Only its triggers write the index.
REVOKE ALL ON FUNCTION search_index_put(bigint, text, text) FROM PUBLIC;

CREATE TRIGGER subjects_search AFTER INSERT OR DELETE OR UPDATE OF title, description ON subjects
    FOR EACH ROW EXECUTE FUNCTION subjects_search();

CREATE FUNCTION minutes_search() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM search_index WHERE key = OLD.meeting_id * 8 + 2;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM search_index_put(NEW.meeting_id * 8 + 2, '', NEW.body);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER minutes_search AFTER INSERT OR DELETE OR UPDATE OF body ON minutes
    FOR EACH ROW EXECUTE FUNCTION minutes_search();

CREATE FUNCTION decisions_search() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM search_index WHERE key = OLD.id * 8 + 3;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM search_index_put(NEW.id * 8 + 3, NEW.code, NEW.text);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER decisions_search AFTER INSERT OR DELETE OR UPDATE OF code, text ON decisions
    FOR EACH ROW EXECUTE FUNCTION decisions_search();

CREATE FUNCTION actions_search() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM search_index WHERE key = OLD.id * 8 + 4;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM search_index_put(NEW.id * 8 + 4, '', NEW.description);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER actions_search AFTER INSERT OR DELETE OR UPDATE OF description ON actions
    FOR EACH ROW EXECUTE FUNCTION actions_search();

CREATE FUNCTION partners_search() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM search_index WHERE key = OLD.id * 8 + 5;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM search_index_put(NEW.id * 8 + 5, NEW.organisation, coalesce(NEW.contact_name, '') || ' ' || NEW.notes);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER partners_search AFTER INSERT OR DELETE OR UPDATE OF organisation, contact_name, notes ON partners
    FOR EACH ROW EXECUTE FUNCTION partners_search();
