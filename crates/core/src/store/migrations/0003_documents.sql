-- Attached documents. The file lives in the documents folder under its
-- SHA-256; a row here exists only once the file is safely in place.

CREATE TABLE documents (
    id             INTEGER PRIMARY KEY,
    sha256         TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
    size           INTEGER NOT NULL CHECK (size > 0),
    media_type     TEXT NOT NULL,
    original_name  TEXT NOT NULL,
    title          TEXT NOT NULL CHECK (length(trim(title)) > 0),
    kind           TEXT NOT NULL CHECK (kind IN ('decree', 'extension_decree', 'evaluation',
                       'meeting_paper', 'presentation', 'other')),
    added_at       TEXT NOT NULL
);

CREATE TABLE document_links (
    id            INTEGER PRIMARY KEY,
    document_id   INTEGER NOT NULL REFERENCES documents(id),
    term_id       INTEGER REFERENCES terms(id),
    meeting_id    INTEGER REFERENCES meetings(id),
    subject_id    INTEGER REFERENCES subjects(id),
    confidential  INTEGER NOT NULL DEFAULT 0 CHECK (confidential IN (0, 1)),
    linked_at     TEXT NOT NULL,
    CHECK ((term_id IS NOT NULL) + (meeting_id IS NOT NULL) + (subject_id IS NOT NULL) = 1)
);
-- One link per document and target (NULLs would not collide in a UNIQUE).
CREATE UNIQUE INDEX document_links_once ON document_links
    (document_id, coalesce(term_id, 0), coalesce(meeting_id, 0), coalesce(subject_id, 0));
CREATE INDEX document_links_by_term ON document_links(term_id);
CREATE INDEX document_links_by_meeting ON document_links(meeting_id);
CREATE INDEX document_links_by_subject ON document_links(subject_id);
