-- Decisions and actions under their agenda item: the file's
-- migrations/0019_agenda_item_links.sql on the server.
ALTER TABLE decisions ADD COLUMN agenda_item_id bigint REFERENCES agenda_items(id);
ALTER TABLE actions ADD COLUMN agenda_item_id bigint REFERENCES agenda_items(id);
CREATE INDEX decisions_by_item ON decisions(agenda_item_id);
CREATE INDEX actions_by_item ON actions(agenda_item_id);
