-- Terms, seats, partners, subjects, meetings and everything recorded about them.
-- Dates are 'YYYY-MM-DD'; instants are UTC RFC 3339 ('2021-05-12T12:00:00Z').

CREATE TABLE terms (
    id          INTEGER PRIMARY KEY,
    number      INTEGER NOT NULL UNIQUE CHECK (number BETWEEN 1 AND 99),
    starts_on   TEXT NOT NULL,
    ends_on     TEXT NOT NULL,
    goals       TEXT NOT NULL DEFAULT '',
    CHECK (ends_on > starts_on)
);

CREATE TABLE seats (
    id            INTEGER PRIMARY KEY,
    term_id       INTEGER NOT NULL REFERENCES terms(id),
    position      INTEGER NOT NULL,
    organisation  TEXT NOT NULL CHECK (length(trim(organisation)) > 0),
    role          TEXT NOT NULL CHECK (length(trim(role)) > 0),
    person        TEXT,
    deputy        TEXT,
    chair         INTEGER NOT NULL DEFAULT 0 CHECK (chair IN (0, 1)),
    UNIQUE (term_id, organisation, role)
);
-- At most one chair per term.
CREATE UNIQUE INDEX seats_one_chair ON seats(term_id) WHERE chair = 1;

-- Earlier versions of a seat, so an edit never loses who sat there before.
CREATE TABLE seat_changes (
    id            INTEGER PRIMARY KEY,
    seat_id       INTEGER NOT NULL REFERENCES seats(id),
    changed_at    TEXT NOT NULL,
    organisation  TEXT NOT NULL,
    role          TEXT NOT NULL,
    person        TEXT,
    deputy        TEXT,
    chair         INTEGER NOT NULL
);
CREATE INDEX seat_changes_by_seat ON seat_changes(seat_id);

CREATE TABLE tags (
    id        INTEGER PRIMARY KEY,
    category  TEXT NOT NULL CHECK (category IN ('exploitation', 'sector', 'region', 'theme')),
    name      TEXT NOT NULL COLLATE NOCASE,
    UNIQUE (category, name)
);
INSERT INTO tags (category, name) VALUES
    ('exploitation', 'sexual'),
    ('exploitation', 'labour'),
    ('exploitation', 'criminal'),
    ('exploitation', 'organ_removal'),
    ('exploitation', 'other');

CREATE TABLE partners (
    id            INTEGER PRIMARY KEY,
    organisation  TEXT NOT NULL CHECK (length(trim(organisation)) > 0),
    contact_name  TEXT,
    email         TEXT,
    phone         TEXT,
    notes         TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    erased_at     TEXT,
    CHECK (erased_at IS NULL OR (contact_name IS NULL AND email IS NULL AND phone IS NULL))
);

CREATE TABLE partner_tags (
    partner_id  INTEGER NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    tag_id      INTEGER NOT NULL REFERENCES tags(id),
    PRIMARY KEY (partner_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX partner_tags_by_tag ON partner_tags(tag_id);

CREATE TABLE subjects (
    id            INTEGER PRIMARY KEY,
    title         TEXT NOT NULL CHECK (length(trim(title)) > 0),
    kind          TEXT NOT NULL CHECK (kind IN ('case', 'phenomenon', 'theme')),
    description   TEXT NOT NULL DEFAULT '',
    confidential  INTEGER NOT NULL DEFAULT 0 CHECK (confidential IN (0, 1)),
    status        TEXT NOT NULL DEFAULT 'proposed'
                  CHECK (status IN ('proposed', 'planned', 'discussed', 'follow_up')),
    created_at    TEXT NOT NULL
);

CREATE TABLE subject_tags (
    subject_id  INTEGER NOT NULL REFERENCES subjects(id) ON DELETE CASCADE,
    tag_id      INTEGER NOT NULL REFERENCES tags(id),
    PRIMARY KEY (subject_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX subject_tags_by_tag ON subject_tags(tag_id);

CREATE TABLE meetings (
    id          INTEGER PRIMARY KEY,
    term_id     INTEGER NOT NULL REFERENCES terms(id),
    starts_at   TEXT NOT NULL,
    ends_at     TEXT NOT NULL,
    location    TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'concept'
                CHECK (status IN ('concept', 'scheduled', 'held', 'cancelled')),
    subject_id  INTEGER REFERENCES subjects(id),
    sequence    INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    CHECK (ends_at > starts_at),
    -- The core refuses this first; the schema makes sure nothing else can.
    CHECK (status IN ('concept', 'cancelled') OR subject_id IS NOT NULL)
);
CREATE INDEX meetings_by_term ON meetings(term_id, starts_at);
CREATE INDEX meetings_by_subject ON meetings(subject_id);
CREATE INDEX meetings_by_start ON meetings(starts_at);

CREATE TABLE agenda_items (
    id                INTEGER PRIMARY KEY,
    meeting_id        INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('opening', 'announcements', 'previous_minutes',
                          'action_list', 'central_subject', 'aob', 'closing', 'other')),
    title             TEXT NOT NULL CHECK (length(trim(title)) > 0),
    duration_minutes  INTEGER NOT NULL CHECK (duration_minutes BETWEEN 0 AND 480),
    presenter         TEXT,
    confidential      INTEGER NOT NULL DEFAULT 0 CHECK (confidential IN (0, 1))
);
CREATE INDEX agenda_items_by_meeting ON agenda_items(meeting_id, position);

CREATE TABLE invitations (
    id            INTEGER PRIMARY KEY,
    meeting_id    INTEGER NOT NULL REFERENCES meetings(id),
    partner_id    INTEGER NOT NULL REFERENCES partners(id),
    status        TEXT NOT NULL CHECK (status IN ('proposed', 'invited', 'accepted', 'declined',
                      'attended', 'no_show')),
    proposed_at   TEXT NOT NULL,
    invited_at    TEXT,
    responded_at  TEXT,
    updated_at    TEXT NOT NULL,
    UNIQUE (meeting_id, partner_id)
);
CREATE INDEX invitations_by_partner ON invitations(partner_id);

CREATE TABLE invitation_events (
    id             INTEGER PRIMARY KEY,
    invitation_id  INTEGER NOT NULL REFERENCES invitations(id),
    from_status    TEXT,
    to_status      TEXT NOT NULL,
    at             TEXT NOT NULL,
    correction     INTEGER NOT NULL DEFAULT 0,
    reason         TEXT
);
CREATE INDEX invitation_events_by_invitation ON invitation_events(invitation_id);

CREATE TABLE attendance (
    meeting_id      INTEGER NOT NULL REFERENCES meetings(id),
    seat_id         INTEGER NOT NULL REFERENCES seats(id),
    status          TEXT NOT NULL CHECK (status IN ('present', 'absent', 'represented')),
    represented_by  TEXT,
    PRIMARY KEY (meeting_id, seat_id),
    CHECK (status <> 'represented' OR represented_by IS NOT NULL)
) WITHOUT ROWID;

CREATE TABLE minutes (
    meeting_id             INTEGER PRIMARY KEY REFERENCES meetings(id),
    body                   TEXT NOT NULL,
    status                 TEXT NOT NULL DEFAULT 'concept' CHECK (status IN ('concept', 'adopted')),
    adopted_at             TEXT,
    adopted_in_meeting_id  INTEGER REFERENCES meetings(id),
    updated_at             TEXT NOT NULL,
    CHECK (status = 'concept' OR (adopted_at IS NOT NULL AND adopted_in_meeting_id IS NOT NULL))
);
-- Adopted minutes are read-only, whoever writes to the file.
CREATE TRIGGER minutes_adopted_read_only BEFORE UPDATE ON minutes
WHEN OLD.status = 'adopted'
BEGIN
    SELECT RAISE(ABORT, 'adopted minutes are read-only');
END;
CREATE TRIGGER minutes_adopted_not_deleted BEFORE DELETE ON minutes
WHEN OLD.status = 'adopted'
BEGIN
    SELECT RAISE(ABORT, 'adopted minutes are read-only');
END;

CREATE TABLE decisions (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES meetings(id),
    term_id     INTEGER NOT NULL REFERENCES terms(id),
    sequence    INTEGER NOT NULL,
    code        TEXT NOT NULL UNIQUE,
    text        TEXT NOT NULL CHECK (length(trim(text)) > 0),
    created_at  TEXT NOT NULL,
    UNIQUE (term_id, sequence)
);
CREATE INDEX decisions_by_meeting ON decisions(meeting_id);

CREATE TABLE actions (
    id                INTEGER PRIMARY KEY,
    meeting_id        INTEGER NOT NULL REFERENCES meetings(id),
    description       TEXT NOT NULL CHECK (length(trim(description)) > 0),
    owner_kind        TEXT NOT NULL CHECK (owner_kind IN ('seat', 'partner', 'secretariat')),
    owner_seat_id     INTEGER REFERENCES seats(id),
    owner_partner_id  INTEGER REFERENCES partners(id),
    due_on            TEXT,
    status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
    times_postponed   INTEGER NOT NULL DEFAULT 0,
    created_at        TEXT NOT NULL,
    closed_at         TEXT,
    CHECK ((owner_kind = 'seat') = (owner_seat_id IS NOT NULL)),
    CHECK ((owner_kind = 'partner') = (owner_partner_id IS NOT NULL)),
    CHECK ((status = 'open') = (closed_at IS NULL))
);
CREATE INDEX actions_by_meeting ON actions(meeting_id);
CREATE INDEX actions_by_status_due ON actions(status, due_on);

CREATE TABLE action_events (
    id          INTEGER PRIMARY KEY,
    action_id   INTEGER NOT NULL REFERENCES actions(id),
    kind        TEXT NOT NULL CHECK (kind IN ('created', 'postponed', 'done', 'dropped', 'reopened')),
    at          TEXT NOT NULL,
    due_before  TEXT,
    due_after   TEXT
);
CREATE INDEX action_events_by_action ON action_events(action_id);
