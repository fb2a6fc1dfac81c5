-- Reminders to action owners (issue 29): each action a reminder lists is
-- noted in its own history as 'reminded', so what was reminded and when is
-- kept where the action's other changes are. SQLite changes a CHECK only
-- by making the table anew; action_events has no triggers of its own (it
-- is itself history, not in the audit log).
CREATE TABLE action_events_new (
    id          INTEGER PRIMARY KEY,
    action_id   INTEGER NOT NULL REFERENCES actions(id),
    kind        TEXT NOT NULL CHECK (kind IN ('created', 'postponed', 'done', 'dropped', 'reopened', 'reminded')),
    at          TEXT NOT NULL,
    due_before  TEXT,
    due_after   TEXT,
    note        TEXT
);
INSERT INTO action_events_new (id, action_id, kind, at, due_before, due_after, note)
    SELECT id, action_id, kind, at, due_before, due_after, note FROM action_events;
DROP TABLE action_events;
ALTER TABLE action_events_new RENAME TO action_events;
CREATE INDEX action_events_by_action ON action_events(action_id);
