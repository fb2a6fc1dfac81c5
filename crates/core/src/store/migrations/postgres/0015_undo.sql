-- Undo on the server (*Ongedaan maken*), as the file has it: every row a
-- write of the app changes is noted before and after, and the app takes
-- the notes back before it commits, as one step it can undo later
-- (store/server/undo.rs). The file keeps this journal in a temporary table
-- of its connection; a colleague's login may create no temporary tables
-- here (see the grants in store/server/schema.rs), so the journal is one
-- table that no login may read or write, filled and emptied only through
-- the two functions below, each transaction seeing only its own notes.
--
-- A note is written only while the app's write asks for it
-- (`taskforce.undo`, set for that transaction), and a note can never be
-- committed: a deferred check refuses the commit of a transaction that
-- leaves any behind. So the journal holds no data beyond a transaction —
-- it is always empty to anyone who looks.

CREATE TABLE undo_journal (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    txid    bigint NOT NULL DEFAULT txid_current(),
    tbl     text NOT NULL,
    key     jsonb NOT NULL,
    before  jsonb,
    after   jsonb
);
CREATE INDEX undo_journal_by_transaction ON undo_journal(txid);
REVOKE ALL ON undo_journal FROM PUBLIC;

-- The row's key columns are the trigger's arguments.
CREATE FUNCTION undo_note() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    r jsonb;
    k jsonb := '{}';
    c text;
BEGIN
    IF coalesce(current_setting('taskforce.undo', true), '') <> 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN r := to_jsonb(OLD); ELSE r := to_jsonb(NEW); END IF;
    FOREACH c IN ARRAY TG_ARGV LOOP
        k := k || jsonb_build_object(c, r -> c);
    END LOOP;
    INSERT INTO undo_journal (tbl, key, before, after)
    VALUES (TG_TABLE_NAME, k,
            CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD) END,
            CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE to_jsonb(NEW) END);
    RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION undo_note() FROM PUBLIC;

-- The notes of the calling transaction, in the order they were made, and
-- none left behind.
CREATE FUNCTION undo_take() RETURNS TABLE (tbl text, key text, before text, after text)
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    WITH taken AS (
        DELETE FROM undo_journal WHERE txid = txid_current()
        RETURNING id, tbl, key, before, after
    )
    SELECT tbl, key::text, before::text, after::text FROM taken ORDER BY id
$$;
REVOKE ALL ON FUNCTION undo_take() FROM PUBLIC;

CREATE FUNCTION undo_journal_left() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM undo_journal WHERE id = NEW.id) THEN
        RAISE EXCEPTION 'the undo journal is taken before commit'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER undo_journal_taken AFTER INSERT ON undo_journal
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION undo_journal_left();

-- The undo's own entry in the log (the reverted rows are logged by their
-- tables' triggers, as any change): which rows it put back, by whom.
CREATE FUNCTION undo_recorded(undone text) RETURNS void LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    PERFORM audit_append('audit_log', 0, 'update', undone, '{"undo":true}');
END $$;

-- Every table of the record but the log, the register of erasures (an
-- erasure is final), the documents' content (content-addressed, tidied
-- when nothing names it) and the search index (kept by its own triggers).
-- A test holds every later table to having the trigger or a reason.
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN
        SELECT c.table_name::text AS name,
               string_agg(quote_literal(k.column_name), ', ' ORDER BY k.ordinal_position) AS keys
          FROM information_schema.table_constraints c
          JOIN information_schema.key_column_usage k
            ON k.constraint_schema = c.constraint_schema AND k.constraint_name = c.constraint_name
               AND k.table_name = c.table_name
         WHERE c.constraint_type = 'PRIMARY KEY' AND c.table_schema = current_schema()
           AND c.table_name NOT IN ('audit_log', 'erasures', 'document_chunks', 'undo_journal',
                                    'schema_version')
           AND c.table_name NOT LIKE 'search_index%'
         GROUP BY c.table_name
    LOOP
        EXECUTE format('CREATE TRIGGER undo_note AFTER INSERT OR UPDATE OR DELETE ON %I
                        FOR EACH ROW EXECUTE FUNCTION undo_note(%s)', t.name, t.keys);
    END LOOP;
END $$;
