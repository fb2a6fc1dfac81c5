-- The partners list pages in an order both SQLite and PostgreSQL write the
-- same way: lower(organisation), then id (SQLite's lower() folds ASCII as
-- COLLATE NOCASE did, so the order is the same). Its index follows it, so a
-- page is still read from the index, never the whole table.
DROP INDEX partners_by_name;
CREATE INDEX partners_by_name ON partners(lower(organisation), id);
