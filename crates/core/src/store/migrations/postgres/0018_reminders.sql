-- Reminders to action owners: the file's migrations/0018_reminders.sql on
-- the server ('reminded' in an action's history).
ALTER TABLE action_events DROP CONSTRAINT action_events_kind_check;
ALTER TABLE action_events ADD CONSTRAINT action_events_kind_check
    CHECK (kind IN ('created', 'postponed', 'done', 'dropped', 'reopened', 'reminded'));
