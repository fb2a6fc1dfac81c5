-- The list import's remembered column mappings: the file's
-- migrations/0020_import_layouts.sql on the server.
CREATE TABLE import_layouts (
    layout    text PRIMARY KEY,
    mapping   text NOT NULL,
    saved_at  text NOT NULL
);
-- Undo follows it as every record table (migrations/postgres/0015_undo.sql).
CREATE TRIGGER undo_note AFTER INSERT OR UPDATE OR DELETE ON import_layouts
    FOR EACH ROW EXECUTE FUNCTION undo_note('layout');
