-- Erasure that removes the bytes (issue 14): FTS5 overwrites a deleted
-- row's tokens instead of leaving them in its segments, and a register of
-- what was erased (ids and dates, no personal data) so a restore of an
-- older backup erases them again. Never edited after it shipped.

INSERT INTO search_index (search_index, rank) VALUES ('secure-delete', 1);

CREATE TABLE erasures (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('partner')),
    record_id  INTEGER NOT NULL,
    erased_at  TEXT NOT NULL,
    UNIQUE (kind, record_id)
);
