//! Which columns the audit log records, declared once. The triggers that
//! write the log are generated from this list ([`triggers_sql`]): a
//! migration that adds or changes audited columns pastes the generated SQL
//! (shipped migrations stay frozen), and `check` compares the triggers in a
//! database with what this list generates. Every column of every table is
//! either logged or left out here with the reason, so a new column cannot be
//! forgotten silently (crates/core/tests/store/audit.rs).

/// A table whose changes are logged.
#[derive(Debug)]
pub struct AuditedTable {
    pub table: &'static str,
    /// The column the log files an entry under (`row_id`).
    pub key: &'static str,
    /// Copied into the entry's before/after JSON, in this order.
    pub logged: &'static [&'static str],
    /// Not copied, each with the reason.
    pub left_out: &'static [(&'static str, &'static str)],
    /// Logged as a function of a column instead: (name in the entry,
    /// SQL function, column), e.g. the length of the minutes' text.
    pub derived: &'static [(&'static str, &'static str, &'static str)],
}

const PERSONAL: &str =
    "personal data (a name, an address, a file's own name): erasable on request (GDPR art. 17), so never copied into the append-only log";
const CLOCK: &str = "the time of the change, which the entry records itself";
const TEXT: &str =
    "long text kept in full in its own table; the log records its length and who changed it when";
/// Free text (a case description names victims and suspects): logged as its
/// length and a keyed fingerprint, never verbatim, so editing a name out
/// leaves nothing of it in the permanent log.
const FINGERPRINT: &str = "audit_text";

/// Why the agenda item a decision or action stands under is not logged:
/// it is where the minutes print it (added in migration 19, after the
/// server's audit baseline was frozen); the change itself is logged, as an
/// update of the row.
const UNDER_ITEM: &str =
    "where the minutes print it, under an item of its own meeting; the change is logged as an update of the row";

pub const AUDITED: &[AuditedTable] = &[
    AuditedTable {
        table: "terms",
        key: "id",
        logged: &[
            "id",
            "number",
            "starts_on",
            "ends_on",
            "goals",
            "decree_date",
            "decree_reference",
            "decree_url",
        ],
        left_out: &[],
        derived: &[],
    },
    AuditedTable {
        table: "seats",
        key: "id",
        logged: &[
            "id",
            "term_id",
            "position",
            "organisation",
            "role",
            "chair",
            "seat_type",
            "region",
            "previous_seat_id",
            "ends_on",
        ],
        left_out: &[
            ("person", PERSONAL),
            ("deputy", PERSONAL),
            ("email", PERSONAL),
            ("deputy_email", PERSONAL),
        ],
        derived: &[],
    },
    AuditedTable {
        table: "partners",
        key: "id",
        logged: &["id", "organisation", "erased_at"],
        left_out: &[
            ("contact_name", PERSONAL),
            ("email", PERSONAL),
            ("phone", PERSONAL),
            ("notes", PERSONAL),
            ("created_at", CLOCK),
        ],
        derived: &[],
    },
    AuditedTable {
        table: "subjects",
        key: "id",
        logged: &["id", "kind", "confidential", "status", "archived_at"],
        left_out: &[("created_at", CLOCK)],
        derived: &[
            ("title", FINGERPRINT, "title"),
            ("description", FINGERPRINT, "description"),
        ],
    },
    AuditedTable {
        table: "subject_tags",
        key: "subject_id",
        logged: &["subject_id", "tag_id"],
        left_out: &[],
        derived: &[],
    },
    AuditedTable {
        table: "partner_tags",
        key: "partner_id",
        logged: &["partner_id", "tag_id"],
        left_out: &[],
        derived: &[],
    },
    AuditedTable {
        table: "meetings",
        key: "id",
        logged: &[
            "id",
            "term_id",
            "starts_at",
            "ends_at",
            "location",
            "status",
            "subject_id",
            "sequence",
        ],
        left_out: &[
            ("created_at", CLOCK),
            ("members_draft_at", CLOCK),
            ("members_sent_at", CLOCK),
            (
                "drafts_sequence",
                "follows the logged sequence when drafts are prepared",
            ),
        ],
        derived: &[],
    },
    AuditedTable {
        table: "agenda_items",
        key: "id",
        logged: &[
            "id",
            "meeting_id",
            "position",
            "kind",
            "duration_minutes",
            "confidential",
        ],
        left_out: &[("presenter", PERSONAL)],
        derived: &[("title", FINGERPRINT, "title")],
    },
    AuditedTable {
        table: "invitations",
        key: "id",
        logged: &["id", "meeting_id", "partner_id", "status", "withdrawn_at"],
        left_out: &[
            ("draft_prepared_at", CLOCK),
            ("proposed_at", CLOCK),
            ("invited_at", CLOCK),
            ("responded_at", CLOCK),
            ("updated_at", CLOCK),
        ],
        derived: &[("reason", FINGERPRINT, "reason")],
    },
    AuditedTable {
        table: "attendance",
        key: "meeting_id",
        logged: &["meeting_id", "seat_id", "status"],
        left_out: &[("represented_by", PERSONAL)],
        derived: &[],
    },
    AuditedTable {
        table: "minutes",
        key: "meeting_id",
        logged: &["meeting_id", "status", "adopted_in_meeting_id"],
        left_out: &[("body", TEXT), ("adopted_at", CLOCK), ("updated_at", CLOCK)],
        derived: &[("body_length", "length", "body")],
    },
    AuditedTable {
        table: "decisions",
        key: "id",
        logged: &["id", "meeting_id", "code", "amends_decision_id"],
        left_out: &[
            (
                "term_id",
                "follows from the meeting; the code names the term",
            ),
            ("sequence", "part of the logged code (TF5-2021-07)"),
            ("created_at", CLOCK),
            ("agenda_item_id", UNDER_ITEM),
        ],
        derived: &[("text", FINGERPRINT, "text")],
    },
    AuditedTable {
        table: "actions",
        key: "id",
        logged: &[
            "id",
            "meeting_id",
            "owner_kind",
            "owner_seat_id",
            "owner_partner_id",
            "due_on",
            "status",
            "times_postponed",
        ],
        left_out: &[
            ("created_at", CLOCK),
            ("closed_at", CLOCK),
            ("agenda_item_id", UNDER_ITEM),
        ],
        derived: &[("description", FINGERPRINT, "description")],
    },
    AuditedTable {
        table: "documents",
        key: "id",
        logged: &["id", "sha256", "kind"],
        left_out: &[
            ("original_name", PERSONAL),
            (
                "size",
                "follows from the content, which the logged SHA-256 names",
            ),
            (
                "media_type",
                "follows from the content, which the logged SHA-256 names",
            ),
            ("added_at", CLOCK),
        ],
        derived: &[("title", FINGERPRINT, "title")],
    },
    AuditedTable {
        table: "document_links",
        key: "id",
        logged: &[
            "id",
            "document_id",
            "term_id",
            "meeting_id",
            "subject_id",
            "confidential",
            "agenda_item_id",
        ],
        left_out: &[("linked_at", CLOCK)],
        derived: &[],
    },
    AuditedTable {
        table: "term_extensions",
        key: "id",
        logged: &[
            "id",
            "term_id",
            "previous_ends_on",
            "new_ends_on",
            "decree_date",
            "decree_reference",
            "decree_url",
            "recorded_at",
        ],
        left_out: &[],
        derived: &[],
    },
    AuditedTable {
        table: "mail_settings",
        key: "id",
        logged: &[
            "id",
            "member_subject",
            "member_body",
            "partner_subject",
            "partner_body",
        ],
        left_out: &[
            ("sender_name", PERSONAL),
            ("sender_email", PERSONAL),
            ("signature", PERSONAL),
        ],
        derived: &[],
    },
    AuditedTable {
        table: "agenda_template_items",
        key: "id",
        logged: &[
            "id",
            "term_id",
            "position",
            "kind",
            "title",
            "duration_minutes",
        ],
        left_out: &[],
        derived: &[],
    },
];

/// Tables without audit triggers, each with the reason. A table listed by
/// its prefix (`search_index%`) covers FTS5's own shadow tables.
pub const NOT_AUDITED: &[(&str, &str)] = &[
    ("audit_log", "the log itself: append-only and chained by hash"),
    ("seat_changes", "itself the history of seat edits, written with the audited seat update"),
    ("invitation_events", "itself the history of an invitation, written with the audited status change"),
    ("action_events", "itself the history of an action, written with the audited change"),
    ("erasures", "the register of erasures itself: kinds, ids and dates, written with the erasure"),
    ("seat_replies", "itself the history of a seat's replies to a meeting, each appended with its date; the attendance it leads to is logged"),
    ("import_layouts", "the list import's remembered column mappings: a preference, not the record"),
    ("minutes_rounds", "itself the dated history of the minutes sent round; the minutes are logged"),
    ("minutes_comments", "itself the dated history of comments received on the minutes; the minutes are logged"),
    ("tags", "a shared vocabulary; giving a subject or partner a tag is logged (subject_tags, partner_tags)"),
    ("search_index%", "derived from audited tables by triggers; rebuilt, never edited"),
];

/// Migration 16's step: the attendance table was made anew (a new status
/// in its CHECK), and its audit triggers went with it; they are made again
/// as declared above.
pub(crate) fn attendance_triggers_again(tx: &rusqlite::Connection) -> crate::error::Result<()> {
    use crate::error::StorageContext;
    // A test holds `check`'s audit coverage: were attendance ever left
    // out of the list, it would report the triggers missing.
    for attendance in AUDITED.iter().filter(|t| t.table == "attendance") {
        for statement in trigger_statements(attendance) {
            tx.execute_batch(&statement)
                .context("logging attendance again")?;
        }
    }
    Ok(())
}

/// The three triggers (insert, update, delete) that log changes to `t`, as
/// migrations install them.
pub fn triggers_sql(t: &AuditedTable) -> String {
    triggers(t, &[]).join("\n")
}

/// The same triggers one statement each, as SQLite keeps them in its schema
/// (without the final `;`).
pub fn trigger_statements(t: &AuditedTable) -> Vec<String> {
    triggers(t, &[])
        .iter()
        .map(|sql| sql.trim_end().trim_end_matches(';').to_string())
        .collect()
}

/// The triggers of `t`, leaving out the logged columns in `not_yet` (those a
/// later migration added, for generating an earlier migration as shipped).
fn triggers(t: &AuditedTable, not_yet: &[&str]) -> Vec<String> {
    let object = |row: &str| {
        let mut pairs: Vec<String> = t
            .logged
            .iter()
            .filter(|c| !not_yet.contains(c))
            .map(|c| format!("'{c}', {row}.{c}"))
            .collect();
        pairs.extend(
            t.derived
                .iter()
                .map(|(name, function, column)| format!("'{name}', {function}({row}.{column})")),
        );
        format!("json_object({})", pairs.join(", "))
    };
    [
        ("insert", "NEW", "NULL".to_string(), object("NEW")),
        ("update", "NEW", object("OLD"), object("NEW")),
        ("delete", "OLD", object("OLD"), "NULL".to_string()),
    ]
    .iter()
    .map(|(action, row, before, after)| {
        let table = t.table;
        let key = t.key;
        let event = action.to_uppercase();
        format!(
            "CREATE TRIGGER audit_{table}_{action} AFTER {event} ON {table} BEGIN
    INSERT INTO audit_log (id, at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    SELECT e.id, e.at, e.os_user, '{table}', {row}.{key}, '{action}', e.before, e.after, e.prev_hash,
           audit_hash(e.id, e.prev_hash, e.at, e.os_user, '{table}', {row}.{key}, '{action}', e.before, e.after)
    FROM (SELECT (SELECT coalesce(max(id), 0) + 1 FROM audit_log) AS id,
                 audit_now() AS at, audit_user() AS os_user,
                 {before} AS before,
                 {after} AS after,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e;
END;
"
        )
    })
    .collect()
}

/// Migration 12 as generated from this list: earlier entries' free text
/// replaced by its fingerprint, every audit trigger made anew (the entry id
/// in the chain, free text fingerprinted). Written to the migration file by
/// `UPDATE_MIGRATIONS=1 cargo test -p taskforce-cli --test core
/// audit::migration_12`; the file is then frozen like every shipped one.
pub fn migration_12_sql() -> String {
    let mut sql = String::from(
        "-- The audit log keyed and without free text (issue 25). Earlier entries'
-- free text (a subject's title and description, agenda item titles, an
-- invitation's reason, decisions, actions, document titles) is replaced by
-- its length and keyed fingerprint (`audit_text`); every audit trigger is made
-- anew from crates/core/src/store/audited.rs, putting the entry's id into its
-- hash. The chain is then computed anew by the migration's Rust step — keyed
-- with the folder's key when it is encrypted — which records the change
-- (crates/core/src/store/audit.rs, `rechain_keyed`). Generated by
-- `audited::migration_12_sql`; never edited after it shipped.

DROP TRIGGER audit_log_no_update;
DROP TRIGGER audit_log_no_delete;
",
    );
    for table in AUDITED.iter().filter(|t| !t.derived.is_empty()) {
        let fingerprinted: Vec<&str> = table
            .derived
            .iter()
            .filter(|(_, function, _)| *function == FINGERPRINT)
            .map(|(name, _, _)| *name)
            .collect();
        if fingerprinted.is_empty() {
            continue;
        }
        let replace = |side: &str| {
            let pairs: Vec<String> = fingerprinted
                .iter()
                .map(|name| format!("'$.{name}', audit_text(json_extract({side}, '$.{name}'))"))
                .collect();
            format!(
                "{side} = CASE WHEN {side} IS NULL THEN NULL ELSE json_replace({side}, {}) END",
                pairs.join(", ")
            )
        };
        sql.push_str(&format!(
            "\nUPDATE audit_log SET {},\n    {}\n    WHERE table_name = '{}';\n",
            replace("before"),
            replace("after"),
            table.table
        ));
    }
    for table in AUDITED {
        sql.push('\n');
        for action in ["insert", "update", "delete"] {
            sql.push_str(&format!("DROP TRIGGER audit_{}_{action};\n", table.table));
        }
        sql.push('\n');
        let not_yet: Vec<&str> = ADDED_IN_13
            .iter()
            .filter(|(t, _)| *t == table.table)
            .map(|(_, c)| *c)
            .collect();
        sql.push_str(&triggers(table, &not_yet).join("\n"));
    }
    sql
}

/// The logged columns migration 13 added: migration 12 shipped without them.
const ADDED_IN_13: &[(&str, &str)] = &[
    ("seats", "ends_on"),
    ("subjects", "archived_at"),
    ("invitations", "withdrawn_at"),
    ("decisions", "amends_decision_id"),
];

/// Migration 13 as generated: the columns corrections need, and the audit
/// triggers of their tables made anew from this list so the new columns are
/// logged. Written by `UPDATE_MIGRATIONS=1 cargo test -p taskforce-cli
/// --test core audit::migration_13`; frozen once shipped.
pub fn migration_13_sql() -> String {
    let mut sql = String::from(
        "-- Corrections (issue 26): a seat ends on a date (a member who resigns),
-- a subject is archived (no longer current, still searchable), an
-- invitation is withdrawn, a decision amends an adopted one, and the
-- reason an action was reopened is kept in its history. The audit triggers
-- of the changed tables are made anew from crates/core/src/store/audited.rs
-- so the new columns are logged. Generated by `audited::migration_13_sql`;
-- never edited after it shipped.

ALTER TABLE seats ADD COLUMN ends_on TEXT;
ALTER TABLE subjects ADD COLUMN archived_at TEXT;
ALTER TABLE invitations ADD COLUMN withdrawn_at TEXT;
ALTER TABLE decisions ADD COLUMN amends_decision_id INTEGER REFERENCES decisions(id);
CREATE INDEX decisions_by_amended ON decisions(amends_decision_id) WHERE amends_decision_id IS NOT NULL;
ALTER TABLE action_events ADD COLUMN note TEXT;
-- Whether a seat or partner was used anywhere (before removing it).
CREATE INDEX attendance_by_seat ON attendance(seat_id);
CREATE INDEX actions_by_owner_seat ON actions(owner_seat_id) WHERE owner_seat_id IS NOT NULL;
CREATE INDEX actions_by_owner_partner ON actions(owner_partner_id) WHERE owner_partner_id IS NOT NULL;
",
    );
    // The tables whose columns migration 13 added, in the list's order.
    for table in AUDITED
        .iter()
        .filter(|t| ADDED_IN_13.iter().any(|(added, _)| *added == t.table))
    {
        sql.push('\n');
        for action in ["insert", "update", "delete"] {
            sql.push_str(&format!("DROP TRIGGER audit_{}_{action};\n", table.table));
        }
        sql.push('\n');
        sql.push_str(&triggers_sql(table));
    }
    sql
}

/// SQL text with its whitespace folded, to compare a stored trigger with a
/// generated one.
pub(crate) fn folded(sql: &str) -> String {
    sql.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(';')
        .to_string()
}

/// The advisory lock the server's writes take (see `store::server`): the
/// log's own append takes it too, so a change made past the app (psql)
/// never forks the chain either.
pub const SERVER_WRITE_LOCK: i64 = 0x5446_5302;

/// The channel on which the server tells every connected window that the
/// record changed (`LISTEN`; see `store::server::changes`).
pub const CHANGES_CHANNEL: &str = "taskforce_changed";

/// The audit log on the shared server, generated from the same list as the
/// file's triggers and chained with exactly the same framing, so one
/// verifier checks both (`store::audit`): each field a tag (`N` for none,
/// `S`, its length as 8 bytes big-endian, its UTF-8 bytes), SHA-256 over
/// the entry's id, the previous hash and every field. The server has no
/// folder key, so its chain is the plain one and free text is logged as its
/// length. The time is the app's clock (`taskforce.now`, set by every write
/// of the app), the user the session's login. Every change is also
/// announced on [`CHANGES_CHANNEL`], so other windows refresh. The log is
/// append-only by
/// its triggers; entries are written only through `audit_append`, which
/// runs as the schema's owner. Written to
/// `migrations/postgres/0014_audit.sql` by `UPDATE_MIGRATIONS=1 cargo test
/// -p taskforce --test store audit::server_audit`.
pub fn server_audit_sql() -> String {
    let mut sql = format!(
        "-- The audit log on the shared server, generated from
-- crates/core/src/store/audited.rs by `audited::server_audit_sql`: the same
-- entries as the file's triggers write, chained with the same framing.

CREATE FUNCTION audit_frame(field text) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN field IS NULL THEN '\\x4e'::bytea
                ELSE '\\x53'::bytea || int8send(octet_length(convert_to(field, 'UTF8'))::bigint)
                     || convert_to(field, 'UTF8') END
$$;

CREATE FUNCTION audit_hash(VARIADIC fields text[]) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT encode(sha256(coalesce(string_agg(audit_frame(f), ''::bytea ORDER BY n), ''::bytea)), 'hex')
      FROM unnest(fields) WITH ORDINALITY AS u(f, n)
$$;

CREATE FUNCTION audit_text(field text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT char_length(field)::text
$$;

CREATE FUNCTION audit_append(tbl text, row_id bigint, action text, before text, after text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    entry bigint;
    prev text;
    at text;
    who text := session_user;
BEGIN
    PERFORM pg_advisory_xact_lock({SERVER_WRITE_LOCK});
    SELECT id, hash INTO entry, prev FROM audit_log ORDER BY id DESC LIMIT 1;
    entry := coalesce(entry, 0) + 1;
    prev := coalesce(prev, '');
    -- The app's clock; the server's when none (or no time) was given.
    at := current_setting('taskforce.now', true);
    IF at IS NULL OR at !~ '^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}T[0-9]{{2}}:[0-9]{{2}}:[0-9]{{2}}Z$' THEN
        at := to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"');
    END IF;
    INSERT INTO audit_log (id, at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
    VALUES (entry, at, who, tbl, row_id, action, before, after, prev,
            audit_hash(entry::text, prev, at, who, tbl, row_id::text, action, before, after));
    -- Other windows refresh: delivered at commit, once per transaction.
    PERFORM pg_notify('{CHANGES_CHANNEL}', '');
END $$;

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
REVOKE ALL ON audit_log FROM PUBLIC;
REVOKE ALL ON FUNCTION audit_append(text, bigint, text, text, text) FROM PUBLIC;
"
    );
    for t in AUDITED {
        let object =
            |row: &str| {
                let mut pairs: Vec<String> = t
                    .logged
                    .iter()
                    .map(|c| format!("'{c}', {row}.{c}"))
                    .collect();
                pairs.extend(t.derived.iter().map(|(name, function, column)| {
                    format!("'{name}', {function}({row}.{column})")
                }));
                format!("json_build_object({})::text", pairs.join(", "))
            };
        let (table, key) = (t.table, t.key);
        sql.push_str(&format!(
            "
CREATE FUNCTION audit_{table}() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM audit_append('{table}', NEW.{key}, 'insert', NULL,
            {new});
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM audit_append('{table}', NEW.{key}, 'update',
            {old},
            {new});
    ELSE
        PERFORM audit_append('{table}', OLD.{key}, 'delete',
            {old}, NULL);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER audit_{table} AFTER INSERT OR UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION audit_{table}();
",
            old = object("OLD"),
            new = object("NEW"),
        ));
    }
    sql
}
