//! Saving over a colleague's change is refused. A record's revision is the
//! newest entry of its row in the audit log — every change of every audited
//! table writes one, on the file and on the server alike, and the same
//! entry says who made the change and when. A form keeps the revision of
//! the record it shows and sends it with the save; a save whose record has
//! a newer entry by then is refused with that entry's who and when, and
//! the form keeps what was typed.

use super::sql::{values, Executor, Queries, Value};
use crate::domain::Id;
use crate::error::{Error, Result};
use crate::msg;

/// The SQL for the revision of the row `$id` of `$table` (a column in a
/// select list), as a literal, so a list of columns can be a constant;
/// `$table` is the store's own name, never input.
macro_rules! revision_of {
    ($table:literal, $id:literal) => {
        concat!(
            "(SELECT CAST(coalesce(max(r.id), 0) AS BIGINT) FROM audit_log r
               WHERE r.table_name = '",
            $table,
            "' AND r.row_id = ",
            $id,
            ")"
        )
    };
}
pub(crate) use revision_of;

/// Refuses the save when the row `id` of `table` changed after revision
/// `seen` was shown; `None` (the CLI, a script) saves without looking.
pub(crate) fn check_unchanged(
    db: &dyn Executor,
    table: &'static str,
    id: i64,
    seen: Option<i64>,
) -> Result<()> {
    let Some(seen) = seen else {
        return Ok(());
    };
    let newest = db.optional(
        "SELECT id, os_user, at FROM audit_log WHERE table_name = ?1 AND row_id = ?2
          ORDER BY id DESC LIMIT 1",
        &values![table, id],
        "reading who changed a record",
        |r| Ok((r.get::<i64>(0)?, r.get::<String>(1)?, r.instant(2)?)),
    )?;
    match newest {
        Some((entry, by, at)) if entry != seen => {
            let at = crate::calendar::to_amsterdam(at).format("%d-%m-%Y %H:%M");
            Err(Error::conflict(msg!(
                EditedMeanwhile,
                by = by,
                at = at.to_string()
            )))
        }
        _ => Ok(()),
    }
}

/// The revisions of the rows `ids` of `table`, in one read: for a page of
/// a long list, where a revision in the select list would be read for every
/// row the database sorts, not only for those shown. A row without an entry
/// (none can be: every insert writes one) has revision 0.
pub(crate) fn revisions(
    db: &dyn Executor,
    table: &'static str,
    ids: impl IntoIterator<Item = Id>,
) -> Result<std::collections::HashMap<Id, i64>> {
    let mut params = vec![Value::from(table)];
    params.extend(ids.into_iter().map(Value::from));
    if params.len() == 1 {
        return Ok(std::collections::HashMap::new());
    }
    let placeholders: Vec<String> = (2..=params.len()).map(|n| format!("?{n}")).collect();
    let found = db.rows(
        &format!(
            "SELECT row_id, CAST(max(id) AS BIGINT) FROM audit_log
              WHERE table_name = ?1 AND row_id IN ({}) GROUP BY row_id",
            placeholders.join(", ")
        ),
        &params,
        "reading revisions",
        |r| Ok((r.get::<Id>(0)?, r.get::<i64>(1)?)),
    )?;
    Ok(found.into_iter().collect())
}
