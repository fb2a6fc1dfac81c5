-- The list import's column mappings, remembered per layout (issue 29): the
-- kind of list and its headings, so the next sheet of the same layout
-- starts from what the user confirmed. A preference, not the record: not
-- in the audit log.
CREATE TABLE import_layouts (
    layout    TEXT PRIMARY KEY,
    mapping   TEXT NOT NULL,
    saved_at  TEXT NOT NULL
);
