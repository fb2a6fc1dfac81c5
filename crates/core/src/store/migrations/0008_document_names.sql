-- A stored document is named by its SHA-256: 64 lowercase hex digits, and
-- nothing else ever becomes a path (issue 14). SQLite cannot add a CHECK to
-- an existing column, so these triggers are the check. Never edited after it
-- shipped.

CREATE TRIGGER documents_sha256_insert BEFORE INSERT ON documents
WHEN length(NEW.sha256) <> 64 OR NEW.sha256 GLOB '*[^0-9a-f]*'
BEGIN
    SELECT RAISE(ABORT, 'documents.sha256 is not a SHA-256');
END;

CREATE TRIGGER documents_sha256_update BEFORE UPDATE OF sha256 ON documents
WHEN length(NEW.sha256) <> 64 OR NEW.sha256 GLOB '*[^0-9a-f]*'
BEGIN
    SELECT RAISE(ABORT, 'documents.sha256 is not a SHA-256');
END;
