-- The minutes sent round for comments (issue 29): concept → rondgestuurd
-- (ter becommentariëring, with a deadline) → vastgesteld. A round is noted
-- when its drafts are made; the minutes stay concept text until adopted,
-- so the stage is read from the rounds and the adoption, and the minutes
-- table keeps its shape. Comments received are noted per member seat, as
-- a history with the date each came in. Neither is in the audit log
-- (each is itself dated history, as seat_replies); the minutes are.
CREATE TABLE minutes_rounds (
    id           INTEGER PRIMARY KEY,
    meeting_id   INTEGER NOT NULL REFERENCES meetings(id),
    sent_on      TEXT NOT NULL,
    comments_by  TEXT NOT NULL CHECK (comments_by >= sent_on),
    recorded_at  TEXT NOT NULL
);
CREATE INDEX minutes_rounds_by_meeting ON minutes_rounds(meeting_id, id);

CREATE TABLE minutes_comments (
    id           INTEGER PRIMARY KEY,
    meeting_id   INTEGER NOT NULL REFERENCES meetings(id),
    seat_id      INTEGER NOT NULL REFERENCES seats(id),
    received_on  TEXT NOT NULL,
    comment      TEXT NOT NULL CHECK (length(trim(comment)) > 0),
    recorded_at  TEXT NOT NULL
);
CREATE INDEX minutes_comments_by_meeting ON minutes_comments(meeting_id, id);
CREATE INDEX minutes_comments_by_seat ON minutes_comments(seat_id);
