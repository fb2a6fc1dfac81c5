-- Decisions and actions under their agenda item (issue 29): optional, so
-- the minutes show them under the item they were taken at. A link to an
-- item of the decision's or action's own meeting only (store::decisions,
-- store::actions); an item removed while planning takes its links along.
ALTER TABLE decisions ADD COLUMN agenda_item_id INTEGER REFERENCES agenda_items(id);
ALTER TABLE actions ADD COLUMN agenda_item_id INTEGER REFERENCES agenda_items(id);
CREATE INDEX decisions_by_item ON decisions(agenda_item_id);
CREATE INDEX actions_by_item ON actions(agenda_item_id);
