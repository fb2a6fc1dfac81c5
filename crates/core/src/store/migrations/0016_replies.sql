-- Replies before the meeting (issue 29): per member seat, *komt*,
-- *afgemeld* or *vervangen door* a named person, with the date of the
-- reply. A history: each reply is appended, the newest counts, so a member
-- who first sent apologies and then came is on record as both. Not in the
-- audit log (itself a history, as invitation_events is); the attendance it
-- leads to is.
CREATE TABLE seat_replies (
    id           INTEGER PRIMARY KEY,
    meeting_id   INTEGER NOT NULL REFERENCES meetings(id),
    seat_id      INTEGER NOT NULL REFERENCES seats(id),
    reply        TEXT NOT NULL CHECK (reply IN ('coming', 'apologies', 'substituted')),
    substitute   TEXT,
    replied_on   TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    CHECK ((reply = 'substituted') = (substitute IS NOT NULL))
);
CREATE INDEX seat_replies_by_meeting ON seat_replies(meeting_id, seat_id, id);
CREATE INDEX seat_replies_by_seat ON seat_replies(seat_id);

-- *Afgemeld* (apologies sent) becomes an attendance status of its own,
-- beside *afwezig*. SQLite changes a CHECK only by making the table anew;
-- its audit triggers, gone with it, are made again from
-- store/audited.rs by the migration's step in Rust.
CREATE TABLE attendance_new (
    meeting_id      INTEGER NOT NULL REFERENCES meetings(id),
    seat_id         INTEGER NOT NULL REFERENCES seats(id),
    status          TEXT NOT NULL CHECK (status IN ('present', 'absent', 'represented', 'apologies')),
    represented_by  TEXT,
    PRIMARY KEY (meeting_id, seat_id),
    CHECK (status <> 'represented' OR represented_by IS NOT NULL)
) WITHOUT ROWID;
INSERT INTO attendance_new (meeting_id, seat_id, status, represented_by)
    SELECT meeting_id, seat_id, status, represented_by FROM attendance;
DROP TABLE attendance;
ALTER TABLE attendance_new RENAME TO attendance;
CREATE INDEX attendance_by_seat ON attendance(seat_id);
