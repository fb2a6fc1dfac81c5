//! Attached documents: metadata and links here, files in the documents folder
//! (see [`crate::content`]). The slow part — copying and hashing — happens
//! before the write transaction, so the database is never locked during it.
//! Order of work: file in place first, then the row; a failed row removes a
//! file it just added. A file without a row (after a crash) is removed by
//! [`Store::collect_garbage`]; a row is never written without its file.

use super::sql::{values, Executor, Queries, Row, SqlError};
use super::Store;
use crate::content;
use crate::domain::{
    required, Document, DocumentKind, DocumentTarget, GarbageReport, Id, LinkedDocument,
    VerifyReport,
};
use crate::error::Field;
use crate::error::Thing;
use crate::error::{Error, Result};
use crate::files::display_name;
use crate::message::MessageKey;
use crate::msg;
use std::path::{Path, PathBuf};

const DOCUMENT_COLUMNS: &str =
    "d.id, d.sha256, d.size, d.media_type, d.original_name, d.title, d.kind, d.added_at";

fn document_row(row: &Row) -> Result<Document, SqlError> {
    document_at(row, 0)
}

/// A document from the row's columns starting at `first` (DOCUMENT_COLUMNS).
fn document_at(row: &Row, first: usize) -> Result<Document, SqlError> {
    Ok(Document {
        id: row.get(first)?,
        sha256: row.get(first + 1)?,
        size: row.get::<i64>(first + 2)?.max(0) as u64,
        media_type: row.get(first + 3)?,
        original_name: row.get(first + 4)?,
        title: row.get(first + 5)?,
        kind: row.code(first + 6, DocumentKind::parse)?,
        added_at: row.instant(first + 7)?,
    })
}

fn document_by_id(db: &dyn Executor, id: Id) -> Result<Document> {
    db.optional(
        &format!("SELECT {DOCUMENT_COLUMNS} FROM documents d WHERE d.id = ?1"),
        &values![id],
        "reading a document",
        document_row,
    )?
    .ok_or_else(|| Error::not_found(Thing::Document, id))
}

/// The link columns' values for a target, after checking it exists.
fn target_ids(
    db: &dyn Executor,
    target: DocumentTarget,
) -> Result<(Option<Id>, Option<Id>, Option<Id>)> {
    Ok(match target {
        DocumentTarget::Term(number) => (
            Some(super::terms::term_by_number(db, number)?.id),
            None,
            None,
        ),
        DocumentTarget::Meeting(id) => {
            (None, Some(super::meetings::meeting_by_id(db, id)?.id), None)
        }
        DocumentTarget::Subject(id) => {
            (None, None, Some(super::subjects::subject_by_id(db, id)?.id))
        }
    })
}

fn linked(db: &dyn Executor, link_id: Id) -> Result<LinkedDocument> {
    db.optional(
        &format!(
            "SELECT l.id, l.confidential, l.agenda_item_id, {DOCUMENT_COLUMNS} FROM document_links l
             JOIN documents d ON d.id = l.document_id WHERE l.id = ?1"
        ),
        &values![link_id],
        "reading a document link",
        linked_row,
    )?
    .ok_or_else(|| Error::not_found(Thing::DocumentLink, link_id))
}

fn linked_row(row: &Row) -> Result<LinkedDocument, SqlError> {
    Ok(LinkedDocument {
        link_id: row.get(0)?,
        confidential: row.get(1)?,
        agenda_item_id: row.get(2)?,
        document: document_at(row, 3)?,
    })
}

fn label(document: &Document) -> String {
    format!("{} ({})", document.title, document.original_name)
}

impl Store {
    /// Copies a file into the documents folder and attaches it to a term,
    /// meeting or subject. The same file attached elsewhere is stored once;
    /// attached twice to the same target is refused.
    pub fn attach_document(
        &self,
        source: &Path,
        target: DocumentTarget,
        kind: DocumentKind,
        title: Option<&str>,
        confidential: bool,
    ) -> Result<LinkedDocument> {
        // On the server the content goes into the database (`chunks`).
        let root = match self.is_on_server() {
            true => None,
            false => Some(self.documents_dir()?.to_path_buf()),
        };
        // Check the target before the (possibly long) copy.
        self.read(|tx| target_ids(tx, target).map(|_| ()))?;
        let original_name = display_name(
            &source
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default(),
        );
        let title = match title.map(str::trim).filter(|t| !t.is_empty()) {
            Some(title) => required(Field::Title, title)?,
            None => original_name
                .rsplit_once('.')
                .map_or(original_name.as_str(), |(stem, _)| stem)
                .to_string(),
        };
        let stored = match &root {
            Some(root) => content::ingest(source, root, self.key())?,
            None => self.store_chunks(source)?,
        };
        let now = self.now();
        let result = self.write(|tx| {
            let (term, meeting, subject) = target_ids(tx, target)?;
            let existing: Option<Id> = tx.optional(
                "SELECT id FROM documents WHERE sha256 = ?1",
                &values![&stored.sha256],
                "finding a document",
                |r| r.get(0),
            )?;
            let document_id = match existing {
                Some(id) => id,
                None => tx.insert(
                    "INSERT INTO documents (sha256, size, media_type, original_name, title, kind, added_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                     RETURNING id",
                    &values![
                        &stored.sha256,
                        stored.size as i64,
                        content::media_type(&original_name),
                        &original_name,
                        &title,
                        kind.code(),
                        now
                    ],
                    "adding a document",
                )?,
            };
            // Run below `insert` to tell a refused link (attached twice)
            // from any other failure.
            let inserted = tx.inserted(
                "INSERT INTO document_links (document_id, term_id, meeting_id, subject_id, confidential, linked_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 RETURNING id",
                &values![document_id, term, meeting, subject, confidential, now],
            );
            match inserted {
                Ok(link_id) => linked(tx, link_id),
                Err(e) if e.is_constraint_violation() => {
                    let document = document_by_id(tx, document_id)?;
                    Err(Error::conflict(msg!(DocumentAlreadyAttached, document = label(&document))))
                }
                Err(e) => Err(e.into_storage("linking a document")),
            }
        });
        // Content nothing names: gone now from the folder; from the server
        // at the next tidying (a colleague may be adding the same file).
        if let (true, true, Some(root)) = (result.is_err(), stored.newly_stored, &root) {
            if let Ok(path) = content::path_for(root, &stored.sha256, self.key()) {
                let _ = std::fs::remove_file(path);
            }
        }
        result
    }

    /// Attaches several files (from a dialog or a drop); stops at the first
    /// that fails, keeping the ones before it.
    pub fn attach_documents(
        &self,
        sources: &[std::path::PathBuf],
        target: DocumentTarget,
        kind: DocumentKind,
    ) -> Result<Vec<LinkedDocument>> {
        sources
            .iter()
            .map(|source| self.attach_document(source, target, kind, None, false))
            .collect()
    }

    pub fn documents_of(&self, target: DocumentTarget) -> Result<Vec<LinkedDocument>> {
        self.read(|tx| {
            let (term, meeting, subject) = target_ids(tx, target)?;
            tx.rows(
                &format!(
                    "SELECT l.id, l.confidential, l.agenda_item_id, {DOCUMENT_COLUMNS} FROM document_links l
                     JOIN documents d ON d.id = l.document_id
                     WHERE l.term_id IS NOT DISTINCT FROM ?1 AND l.meeting_id IS NOT DISTINCT FROM ?2
                       AND l.subject_id IS NOT DISTINCT FROM ?3
                     ORDER BY d.added_at, l.id"
                ),
                &values![term, meeting, subject],
                "listing documents",
                linked_row,
            )
        })
    }

    pub fn document(&self, id: Id) -> Result<Document> {
        self.read(|tx| document_by_id(tx, id))
    }

    pub fn rename_document(&self, id: Id, title: &str) -> Result<Document> {
        let title = required(Field::Title, title)?;
        self.write(|tx| {
            document_by_id(tx, id)?;
            tx.run(
                "UPDATE documents SET title = ?1 WHERE id = ?2",
                &values![&title, id],
                "renaming a document",
            )?;
            document_by_id(tx, id)
        })
    }

    pub fn set_document_kind(&self, id: Id, kind: DocumentKind) -> Result<Document> {
        self.write(|tx| {
            document_by_id(tx, id)?;
            tx.run(
                "UPDATE documents SET kind = ?1 WHERE id = ?2",
                &values![kind.code(), id],
                "changing a document's kind",
            )?;
            document_by_id(tx, id)
        })
    }

    pub fn set_document_confidential(
        &self,
        link_id: Id,
        confidential: bool,
    ) -> Result<LinkedDocument> {
        self.write(|tx| {
            linked(tx, link_id)?;
            tx.run(
                "UPDATE document_links SET confidential = ?1 WHERE id = ?2",
                &values![confidential, link_id],
                "changing a document link",
            )?;
            linked(tx, link_id)
        })
    }

    /// Puts a meeting's paper under one of its agenda items (or none), so
    /// the meeting pack places it there.
    pub fn set_document_agenda_item(
        &self,
        link_id: Id,
        agenda_item_id: Option<Id>,
    ) -> Result<LinkedDocument> {
        self.write(|tx| {
            let meeting: Option<Id> = tx
                .optional(
                    "SELECT meeting_id FROM document_links WHERE id = ?1",
                    &values![link_id],
                    "reading a document link",
                    |r| r.get(0),
                )?
                .ok_or_else(|| Error::not_found(Thing::DocumentLink, link_id))?;
            if let Some(item) = agenda_item_id {
                let item_meeting: Option<Id> = tx.optional(
                    "SELECT meeting_id FROM agenda_items WHERE id = ?1",
                    &values![item],
                    "reading an agenda item",
                    |r| r.get(0),
                )?;
                if item_meeting.is_none() || item_meeting != meeting {
                    return Err(Error::validation(
                        Field::AgendaItem,
                        MessageKey::DocumentItemOtherMeeting,
                    ));
                }
            }
            tx.run(
                "UPDATE document_links SET agenda_item_id = ?1 WHERE id = ?2",
                &values![agenda_item_id, link_id],
                "changing a document link",
            )?;
            linked(tx, link_id)
        })
    }

    /// Removes one attachment. The stored file stays until
    /// [`Store::collect_garbage`] finds no link left to it.
    pub fn unlink_document(&self, link_id: Id) -> Result<()> {
        self.write(|tx| {
            linked(tx, link_id)?;
            tx.run(
                "DELETE FROM document_links WHERE id = ?1",
                &values![link_id],
                "unlinking a document",
            )?;
            Ok(())
        })
    }

    /// Where the stored copy of a document lies — sealed in an encrypted
    /// folder, so read it with [`Store::read_document`] or
    /// [`Store::export_document`]. Always a path inside the documents
    /// folder, built from the hash, never from a name.
    pub fn document_file(&self, id: Id) -> Result<PathBuf> {
        if self.is_on_server() {
            return Err(Error::conflict(MessageKey::ServerDocumentNoFile));
        }
        let root = self.documents_dir()?.to_path_buf();
        let document = self.document(id)?;
        let path = content::path_for(&root, &document.sha256, self.key())?;
        if !path.is_file() {
            return Err(Error::io(
                msg!(DocumentFileMissing, document = label(&document)),
                &path,
                std::io::Error::from(std::io::ErrorKind::NotFound),
            ));
        }
        Ok(path)
    }

    /// Saves a copy of a document at `destination`.
    pub fn export_document(&self, id: Id, destination: &Path) -> Result<()> {
        if self.is_on_server() {
            let bytes = self.read_document(id)?;
            return crate::files::write_atomically(
                destination,
                &bytes,
                MessageKey::DocumentSaveFailed,
            );
        }
        let path = self.document_file(id)?;
        let document = self.document(id)?;
        content::export(&path, destination, self.key(), &document.sha256)
    }

    /// The plain content of a document (decrypted, and refused if its
    /// sealed copy was altered).
    pub fn read_document(&self, id: Id) -> Result<Vec<u8>> {
        if self.is_on_server() {
            let document = self.document(id)?;
            return self
                .read(|db| super::chunks::read_chunks(db, &document.sha256))?
                .ok_or_else(|| {
                    Error::Damaged(msg!(ServerDocumentMissing, document = label(&document)))
                });
        }
        let path = self.document_file(id)?;
        let document = self.document(id)?;
        content::read_stored(&path, self.key(), &document.sha256)
    }

    /// Removes documents no longer linked anywhere and files no document
    /// refers to (left by a crash between copy and save).
    ///
    /// A stored file is kept while any backup or database set aside names
    /// it (a restore from it would otherwise find it gone), and none is
    /// removed at all after a restore or a database set aside until the
    /// user has confirmed the state restored ([`Store::confirm_restored`]):
    /// an empty or older database must never decide what the folder loses.
    pub fn collect_garbage(&self) -> Result<GarbageReport> {
        if self.is_on_server() {
            return self.write_unjournaled(|db| {
                let documents_removed = db.run(
                    "DELETE FROM documents WHERE id NOT IN (SELECT document_id FROM document_links)",
                    &[],
                    "removing unlinked documents",
                )? as u32;
                Ok(GarbageReport {
                    documents_removed,
                    files_removed: super::chunks::tidy_chunks(db)?,
                    held_back: None,
                })
            });
        }
        let root = self.documents_dir()?.to_path_buf();
        if self.path().is_some_and(super::backup::restore_unconfirmed) {
            return Ok(GarbageReport {
                documents_removed: 0,
                files_removed: 0,
                held_back: Some(MessageKey::DocumentsTidyAfterRestore.into()),
            });
        }
        let named_elsewhere = match self.path() {
            Some(database) => super::backup::documents_named_by_copies(database, self.key()),
            None => Ok(Default::default()),
        };
        let documents_removed = self.write_unjournaled(|tx| {
            tx.run(
                "DELETE FROM documents WHERE id NOT IN (SELECT document_id FROM document_links)",
                &[],
                "removing unlinked documents",
            )
        })? as u32;
        let known: std::collections::HashSet<String> = self.read(|tx| {
            let hashes: Vec<String> = tx.rows(
                "SELECT sha256 FROM documents",
                &[],
                "listing documents",
                |r| r.get(0),
            )?;
            Ok(hashes
                .iter()
                .filter_map(|hash| content::stored_name(hash, self.key()).ok())
                .collect())
        })?;
        let mut files_removed = 0;
        // Temp files of copies interrupted by a crash, a day old or more (a
        // younger one may be a copy still running in another process).
        let cutoff =
            std::time::SystemTime::from(self.now()) - std::time::Duration::from_secs(24 * 3600);
        for entry in std::fs::read_dir(&root).into_iter().flatten().flatten() {
            let is_temp = entry
                .file_name()
                .to_string_lossy()
                .starts_with(".incoming-");
            let old = entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|m| m < cutoff);
            if is_temp && old && std::fs::remove_file(entry.path()).is_ok() {
                files_removed += 1;
            }
        }
        let named_elsewhere = match named_elsewhere {
            Ok(named) => named,
            Err(why) => {
                return Ok(GarbageReport {
                    documents_removed,
                    files_removed,
                    held_back: Some(why),
                })
            }
        };
        for entry in content::stored_files(&root) {
            let name = entry
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            // A temp file of a copy still running elsewhere is left alone.
            if name.starts_with(".incoming-")
                || known.contains(&name)
                || named_elsewhere.contains(&name)
            {
                continue;
            }
            if std::fs::remove_file(&entry).is_ok() {
                files_removed += 1;
            }
        }
        Ok(GarbageReport {
            documents_removed,
            files_removed,
            held_back: None,
        })
    }

    /// Re-hashes every stored file and names the documents whose file is
    /// missing or no longer matches.
    pub fn verify_documents(&self) -> Result<VerifyReport> {
        let documents = self.all_documents()?;
        let mut report = VerifyReport {
            checked: documents.len() as u32,
            ..Default::default()
        };
        if self.is_on_server() {
            for document in &documents {
                match self.read(|db| super::chunks::read_chunks(db, &document.sha256)) {
                    Ok(Some(_)) => {}
                    Ok(None) => report.missing.push(label(document)),
                    Err(Error::Damaged(_)) => report.altered.push(label(document)),
                    Err(other) => return Err(other),
                }
            }
            return Ok(report);
        }
        let root = self.documents_dir()?.to_path_buf();
        for document in &documents {
            let path = content::path_for(&root, &document.sha256, self.key())?;
            match content::hash_of(&path, self.key(), &document.sha256) {
                Ok(None) => report.missing.push(label(document)),
                Ok(Some(hash)) if hash != document.sha256 => report.altered.push(label(document)),
                Ok(Some(_)) => {}
                // A sealed copy that fails its authentication was altered;
                // a plain one in an encrypted folder was put there by hand.
                Err(Error::Io { source, .. })
                    if source.kind() == std::io::ErrorKind::InvalidData =>
                {
                    report.altered.push(label(document))
                }
                Err(Error::Damaged(_)) => report.altered.push(label(document)),
                Err(other) => return Err(other),
            }
        }
        Ok(report)
    }

    /// A quick start-up check: linked documents whose file is gone or has the
    /// wrong size (no hashing).
    pub fn missing_documents(&self) -> Result<Vec<Document>> {
        if self.is_on_server() {
            return self.read(|db| {
                db.rows(
                    &format!(
                        "SELECT {DOCUMENT_COLUMNS} FROM documents d
                          WHERE NOT EXISTS (SELECT 1 FROM document_chunks c
                                             WHERE c.sha256 = d.sha256 AND c.n = 0)
                          ORDER BY d.id"
                    ),
                    &[],
                    "listing documents",
                    document_row,
                )
            });
        }
        let Ok(root) = self.documents_dir() else {
            return Ok(Vec::new());
        };
        let root = root.to_path_buf();
        let key = self.key();
        Ok(self
            .all_documents()?
            .into_iter()
            .filter(|d| {
                content::path_for(&root, &d.sha256, key)
                    .ok()
                    .and_then(|path| std::fs::metadata(path).ok())
                    .is_none_or(|m| m.len() != content::stored_size(d.size, key))
            })
            .collect())
    }

    /// The stored content named `sha256`, checked against it, wherever
    /// this record keeps it (for a copy of the record).
    pub(crate) fn stored_content(&self, db: &dyn Executor, sha256: &str) -> Result<Vec<u8>> {
        let missing = || Error::Damaged(msg!(ServerDocumentMissing, document = sha256));
        if self.is_on_server() {
            return super::chunks::read_chunks(db, sha256)?.ok_or_else(missing);
        }
        let path = content::path_for(self.documents_dir()?, sha256, self.key())?;
        if !path.is_file() {
            return Err(missing());
        }
        content::read_stored(&path, self.key(), sha256)
    }

    /// Keeps `bytes` as the content named `sha256` as this record keeps
    /// content (for a copy of the record): chunks in the server's
    /// transaction `db`, or a file in the folder (sealed in an encrypted
    /// one), which a copy that fails leaves for the next tidying.
    pub(crate) fn keep_content(&self, db: &dyn Executor, sha256: &str, bytes: &[u8]) -> Result<()> {
        if self.is_on_server() {
            return super::chunks::write_chunks(db, sha256, bytes);
        }
        use std::io::Write;
        let root = self.documents_dir()?;
        crate::private::create_dir(root)
            .map_err(|e| Error::io(MessageKey::DocumentsFolderFailed, root, e))?;
        // The plain content in a private temporary file of the folder
        // (gone when dropped), taken in as the folder stores documents.
        let mut incoming = crate::files::Staged::in_folder(root, MessageKey::DocumentSaveFailed)?;
        incoming
            .write_all(bytes)
            .and_then(|()| incoming.flush())
            .map_err(|e| crate::files::write_error(MessageKey::DocumentSaveFailed, root, e))?;
        let target = content::path_for(root, sha256, self.key())?;
        content::take_in(incoming.path(), &target, sha256, self.key())
    }

    /// The SHA-256 of every document, as the database names them.
    pub(crate) fn document_hashes(&self) -> Result<Vec<String>> {
        self.read(|tx| {
            tx.rows(
                "SELECT sha256 FROM documents ORDER BY id",
                &[],
                "listing documents",
                |r| r.get(0),
            )
        })
    }

    fn all_documents(&self) -> Result<Vec<Document>> {
        self.read(|tx| {
            tx.rows(
                &format!("SELECT {DOCUMENT_COLUMNS} FROM documents d ORDER BY d.id"),
                &[],
                "listing documents",
                document_row,
            )
        })
    }
}

/// The SHA-256 of every document a database file names — a backup, a copy
/// set aside, a database being encrypted — opened read-only, plain or with
/// `key` as the file is. A database from before documents existed names
/// none.
pub(crate) fn document_hashes_in(
    database: &Path,
    key: Option<&crate::encryption::DataKey>,
) -> rusqlite::Result<Vec<String>> {
    let plain = super::is_plain_sqlite(database) == Some(true);
    let conn = super::connect(
        database,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        key.filter(|_| !plain),
    )?;
    let has_documents: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = 'documents'",
        [],
        |r| r.get(0),
    )?;
    if !has_documents {
        return Ok(Vec::new());
    }
    let mut statement = conn.prepare("SELECT sha256 FROM documents ORDER BY id")?;
    let hashes = statement
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>();
    hashes
}
