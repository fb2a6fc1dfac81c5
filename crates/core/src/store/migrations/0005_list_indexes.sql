-- Indexes found missing by the query-plan test on ten years of data
-- (tests/core/plans.rs, docs/benchmarks.md).

-- The partners screen pages through partners by name.
CREATE INDEX partners_by_name ON partners(organisation COLLATE NOCASE, id);

-- The subjects screen pages through subjects, newest first.
CREATE INDEX subjects_by_created ON subjects(created_at, id);

-- The action list pages through actions in its display order: open first,
-- then by due date (none last). The expressions match the ORDER BY exactly,
-- so a page is read from the index without sorting 20,000 rows.
CREATE INDEX actions_in_list_order ON actions((status <> 'open'), (due_on IS NULL), due_on, id);

-- A meeting's action list: actions still open, or closed after it started.
CREATE INDEX actions_by_closed_at ON actions(closed_at);
