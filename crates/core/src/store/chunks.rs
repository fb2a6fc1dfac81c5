//! Stored documents on the shared server: the content of each document in
//! the database itself, as chunks addressed by the document's SHA-256 and
//! their place in it (`document_chunks`) — not as large objects, which
//! `pg_dump` and the privileges treat apart from the record. The file keeps
//! the same content as files in the data folder (`crate::content`); the
//! `documents` rows are the same on both.
//!
//! Content is written before the record that names it, in a transaction of
//! its own (a document added twice is stored once); content that no
//! document names any more is tidied away with the unlinked documents.

use super::sql::{values, Executor, Queries, Value};
use super::Store;
use crate::content::{changed, read_error, StoredFile};
use crate::error::{Error, Result};
use crate::message::MessageKey;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::Path;

/// The size of one chunk: big enough that a paper is a few rows, small
/// enough that no single value strains the connection.
const CHUNK: usize = 1 << 20;

/// The SHA-256 (hex) and size of the file at `path`, read once.
fn hash_file(path: &Path) -> Result<(String, u64)> {
    let mut file = std::fs::File::open(path).map_err(|e| read_error(path, e))?;
    let mut hash = Sha256::new();
    let mut size = 0u64;
    let mut buffer = vec![0; CHUNK];
    loop {
        let read = file.read(&mut buffer).map_err(|e| read_error(path, e))?;
        if read == 0 {
            break;
        }
        hash.update(&buffer[..read]);
        size += read as u64;
    }
    Ok((format!("{:x}", hash.finalize()), size))
}

/// Fills `buffer` as far as the file goes: a short read is the end.
fn read_chunk(file: &mut std::fs::File, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match file.read(&mut buffer[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

impl Store {
    /// Stores the file at `source` on the server, unless the same content
    /// is there already. A file that changes while it is read is refused
    /// (its chunks would not be the content its hash names).
    pub(crate) fn store_chunks(&self, source: &Path) -> Result<StoredFile> {
        let (sha256, size) = hash_file(source)?;
        let stored: i64 = self.read(|db| {
            db.one(
                "SELECT count(*) FROM document_chunks WHERE sha256 = ?1 AND n = 0",
                &values![&sha256],
                "looking for a document's content",
                |r| r.get(0),
            )
        })?;
        if stored > 0 {
            return Ok(StoredFile {
                sha256,
                size,
                newly_stored: false,
            });
        }
        self.write_unjournaled(|db| {
            let mut file = std::fs::File::open(source).map_err(|e| read_error(source, e))?;
            let mut hash = Sha256::new();
            let mut buffer = vec![0; CHUNK];
            let mut n = 0i64;
            loop {
                let read = read_chunk(&mut file, &mut buffer).map_err(|e| read_error(source, e))?;
                // An empty file is one empty chunk: its content exists.
                if read == 0 && n > 0 {
                    break;
                }
                hash.update(&buffer[..read]);
                insert_chunk(db, &sha256, n, &buffer[..read])?;
                n += 1;
                if read < CHUNK {
                    break;
                }
            }
            if format!("{:x}", hash.finalize()) != sha256 {
                return Err(changed(source));
            }
            Ok(())
        })?;
        Ok(StoredFile {
            sha256,
            size,
            newly_stored: true,
        })
    }
}

/// The content stored for `sha256`, checked against it: `None` when none
/// is stored; an error when what is stored is not that content.
pub(crate) fn read_chunks(db: &dyn Executor, sha256: &str) -> Result<Option<Vec<u8>>> {
    let chunks: Vec<Vec<u8>> = db.rows(
        "SELECT bytes FROM document_chunks WHERE sha256 = ?1 ORDER BY n",
        &values![sha256],
        "reading a document from the server",
        |r| r.get(0),
    )?;
    if chunks.is_empty() {
        return Ok(None);
    }
    let bytes = chunks.concat();
    if format!("{:x}", Sha256::digest(&bytes)) != sha256 {
        return Err(Error::Damaged(MessageKey::DocumentSealBroken.into()));
    }
    Ok(Some(bytes))
}

/// Writes `bytes` as the content of `sha256` (a copy onto the server).
pub(crate) fn write_chunks(db: &dyn Executor, sha256: &str, bytes: &[u8]) -> Result<()> {
    let mut parts: Vec<&[u8]> = bytes.chunks(CHUNK).collect();
    if parts.is_empty() {
        parts.push(&[]);
    }
    for (n, part) in (0i64..).zip(parts) {
        insert_chunk(db, sha256, n, part)?;
    }
    Ok(())
}

/// One chunk of the content named `sha256`; one already there (the same
/// content stored by a colleague meanwhile) is left as it is.
fn insert_chunk(db: &dyn Executor, sha256: &str, n: i64, bytes: &[u8]) -> Result<()> {
    db.run(
        "INSERT INTO document_chunks (sha256, n, bytes) VALUES (?1, ?2, ?3)
         ON CONFLICT (sha256, n) DO NOTHING",
        &[
            Value::Text(sha256.to_string()),
            Value::Integer(n),
            Value::Blob(bytes.to_vec()),
        ],
        "storing a document on the server",
    )?;
    Ok(())
}

/// Removes content no document names; how many documents' content went.
pub(crate) fn tidy_chunks(db: &dyn Executor) -> Result<u32> {
    let removed = db.run(
        "DELETE FROM document_chunks WHERE n = 0 AND sha256 NOT IN (SELECT sha256 FROM documents)",
        &values![],
        "tidying documents on the server",
    )?;
    db.run(
        "DELETE FROM document_chunks WHERE sha256 NOT IN (SELECT sha256 FROM documents)",
        &values![],
        "tidying documents on the server",
    )?;
    Ok(u32::try_from(removed).unwrap_or(u32::MAX))
}
