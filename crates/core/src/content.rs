//! Content-addressed copies of attached documents.
//!
//! A file is copied into the documents folder under its SHA-256
//! (`ab/abcdef…`), so the same file attached twice is stored once and a
//! stored copy can be verified later. The copy streams in fixed-size chunks
//! (constant memory, whatever the file size), goes to a temp file in the same
//! folder first, is synced, and only then renamed into place: a failure at any
//! point (disk full, a read error, the source changing underneath) leaves no
//! partial file behind. The user's file name is never used as a path.
//!
//! In an encrypted folder the copy is sealed ([`crate::encryption::sealed`])
//! with the folder's documents key; its name is still the SHA-256 of the
//! plain content. Reading tells sealed from plain by the file's first bytes,
//! so a folder half-way through being encrypted reads as it is.

use crate::encryption::{sealed, DataKey};
use crate::error::Field;
use crate::error::{Error, Result};
use crate::message::MessageKey;
use crate::msg;
use sha2::{Digest, Sha256};
use std::fs::{self, File};
use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

const CHUNK: usize = 256 * 1024;

/// A file as it lies in the documents folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    pub sha256: String,
    pub size: u64,
    /// False when an identical file was already stored.
    pub newly_stored: bool,
}

/// Where the copy of a file with this hash lives.
pub fn path_for(root: &Path, sha256: &str) -> Result<PathBuf> {
    if !is_hash(sha256) {
        // Only a tampered database holds such a "hash"; it never becomes a
        // path (`../…`, a short string).
        return Err(Error::Damaged(MessageKey::DocumentHashInvalid.into()));
    }
    Ok(root.join(&sha256[..2]).join(sha256))
}

/// 64 lowercase hexadecimal digits: what SHA-256 names a stored file by.
pub fn is_hash(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Copies `source` into `root` under its hash, sealed with `key` when given.
pub fn ingest(source: &Path, root: &Path, key: Option<&DataKey>) -> Result<StoredFile> {
    let before = source_metadata(source)?;
    crate::private::create_dir(root)
        .and_then(|_| crate::private::restrict_dir(root))
        .map_err(|e| Error::io(MessageKey::DocumentsFolderFailed, root, e))?;
    let mut temp = TempFile::create(root)?;
    let (sha256, size) = {
        let mut input = File::open(source).map_err(|e| read_error(source, e))?;
        match key {
            Some(key) => {
                let documents_key = key.documents_key();
                let mut sealing = sealed::SealWriter::new(&mut temp, &documents_key)
                    .map_err(|e| write_error(root, e))?;
                let copied = copy_hashing(&mut input, source, Some(&mut sealing))?;
                sealing.finish().map_err(|e| write_error(root, e))?;
                copied
            }
            None => copy_hashing(&mut input, source, Some(&mut temp))?,
        }
    };
    temp.sync()?;

    // The source must not have changed while it was copied: same size and
    // modification time, and the same content when read once more.
    let after = source_metadata(source)?;
    if after.len() != before.len() || modified(&after) != modified(&before) || size != before.len()
    {
        return Err(changed(source));
    }
    let mut again = File::open(source).map_err(|e| read_error(source, e))?;
    let (second, _) = copy_hashing(&mut again, source, None)?;
    if second != sha256 {
        return Err(changed(source));
    }

    let target = path_for(root, &sha256)?;
    if target.exists() {
        return Ok(StoredFile {
            sha256,
            size,
            newly_stored: false,
        });
    }
    let parent = target.parent().unwrap_or(root);
    crate::private::create_dir(parent)
        .map_err(|e| Error::io(MessageKey::DocumentsFolderFailed, parent, e))?;
    temp.persist(&target)?;
    Ok(StoredFile {
        sha256,
        size,
        newly_stored: true,
    })
}

/// Re-hashes the plain content of a stored copy; `None` when it is missing.
/// A sealed copy that was altered or cut off is an error, not a hash.
pub fn hash_of(path: &Path, key: Option<&DataKey>) -> Result<Option<String>> {
    match open_stored(path, key) {
        Ok(mut reader) => Ok(Some(copy_hashing(&mut reader, path, None)?.0)),
        Err(Error::Io { source, .. }) if source.kind() == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// A reader of a stored copy's plain content: sealed copies are decrypted
/// as they are read (and refused if altered), plain ones read as they are.
pub fn open_stored(path: &Path, key: Option<&DataKey>) -> Result<Box<dyn Read>> {
    let mut file = File::open(path).map_err(|e| read_error(path, e))?;
    let mut start = [0u8; sealed::MAGIC.len()];
    let mut read = 0;
    while read < start.len() {
        match file.read(&mut start[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(read_error(path, e)),
        }
    }
    let head = std::io::Cursor::new(start[..read].to_vec());
    if sealed::looks_sealed(&start[..read]) {
        let Some(key) = key else {
            return Err(Error::Locked(MessageKey::DataLocked.into()));
        };
        let reader = sealed::SealReader::new(head.chain(file), &key.documents_key())
            .map_err(|e| read_error(path, e))?;
        Ok(Box::new(reader))
    } else {
        Ok(Box::new(head.chain(file)))
    }
}

/// The whole plain content of a stored copy (papers placed in a pack).
pub fn read_stored(path: &Path, key: Option<&DataKey>) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    open_stored(path, key)?
        .read_to_end(&mut bytes)
        .map_err(|e| read_error(path, e))?;
    Ok(bytes)
}

/// The size a stored copy of `plain` bytes has on disk.
pub fn stored_size(plain: u64, key: Option<&DataKey>) -> u64 {
    match key {
        Some(_) => sealed::sealed_size(plain),
        None => plain,
    }
}

/// Copies the plain content of a stored file to `destination` through a temp
/// file beside it, so the destination is either complete or untouched.
pub fn export(stored: &Path, destination: &Path, key: Option<&DataKey>) -> Result<()> {
    let folder = destination
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let mut temp = TempFile::create(folder)?;
    let mut input = open_stored(stored, key)?;
    copy_hashing(&mut input, stored, Some(&mut temp))?;
    temp.sync()?;
    temp.persist(destination)
}

/// Takes a document file from an unpacked full backup into the documents
/// folder at `target`: its plain content must hash to `sha256`, the name it
/// came under, and it is stored as this folder stores documents (sealed
/// with `key`, or plain). A file sealed with another key is refused.
pub fn take_in(from: &Path, target: &Path, sha256: &str, key: Option<&DataKey>) -> Result<()> {
    let folder = target.parent().unwrap_or_else(|| Path::new("."));
    let mut temp = TempFile::create(folder)?;
    let mut input = open_stored(from, key)?;
    let hash = match key {
        Some(key) => {
            let documents_key = key.documents_key();
            let mut sealing = sealed::SealWriter::new(&mut temp, &documents_key)
                .map_err(|e| write_error(folder, e))?;
            let (hash, _) = copy_hashing(&mut input, from, Some(&mut sealing))?;
            sealing.finish().map_err(|e| write_error(folder, e))?;
            hash
        }
        None => copy_hashing(&mut input, from, Some(&mut temp))?.0,
    };
    if hash != sha256 {
        return Err(Error::Damaged(MessageKey::DocumentSealBroken.into()));
    }
    temp.sync()?;
    temp.persist(target)
}

/// Seals a plain stored copy in place (encrypting an existing folder): the
/// sealed copy is written beside it, read back and checked against the
/// hash it is named by, and only then renamed over the plain one. A copy
/// already sealed is left alone.
pub fn seal_in_place(path: &Path, sha256: &str, key: &DataKey) -> Result<bool> {
    let mut start = [0u8; sealed::MAGIC.len()];
    let read = File::open(path)
        .and_then(|mut f| f.read(&mut start))
        .map_err(|e| read_error(path, e))?;
    if sealed::looks_sealed(&start[..read]) {
        return Ok(false);
    }
    let folder = path.parent().unwrap_or_else(|| Path::new("."));
    let mut temp = TempFile::create(folder)?;
    {
        let documents_key = key.documents_key();
        let mut input = File::open(path).map_err(|e| read_error(path, e))?;
        let mut sealing = sealed::SealWriter::new(&mut temp, &documents_key)
            .map_err(|e| write_error(folder, e))?;
        copy_hashing(&mut input, path, Some(&mut sealing))?;
        sealing.finish().map_err(|e| write_error(folder, e))?;
    }
    temp.sync()?;
    let mut check = sealed::SealReader::new(
        File::open(&temp.path).map_err(|e| read_error(&temp.path, e))?,
        &key.documents_key(),
    )
    .map_err(|e| read_error(&temp.path, e))?;
    if copy_hashing(&mut check, &temp.path, None)?.0 != sha256 {
        return Err(Error::Damaged(MessageKey::DocumentSealBroken.into()));
    }
    temp.persist(path)?;
    Ok(true)
}

fn source_metadata(source: &Path) -> Result<fs::Metadata> {
    // A link is not followed silently: what would be stored is another
    // file than the one chosen. Its target is named, to be chosen itself.
    let own = fs::symlink_metadata(source).map_err(|e| read_error(source, e))?;
    if own.file_type().is_symlink() {
        let target = fs::read_link(source).unwrap_or_default();
        return Err(Error::validation(
            Field::File,
            msg!(FileIsLink, path = source, target = &target),
        ));
    }
    let metadata = fs::metadata(source).map_err(|e| read_error(source, e))?;
    if metadata.is_dir() {
        return Err(Error::validation(
            Field::File,
            msg!(FileIsDirectory, path = source),
        ));
    }
    if !metadata.is_file() {
        return Err(Error::validation(
            Field::File,
            msg!(FileNotRegular, path = source),
        ));
    }
    if metadata.len() == 0 {
        return Err(Error::validation(
            Field::File,
            msg!(FileEmpty, path = source),
        ));
    }
    Ok(metadata)
}

fn modified(metadata: &fs::Metadata) -> Option<SystemTime> {
    metadata.modified().ok()
}

fn changed(source: &Path) -> Error {
    Error::conflict(msg!(FileChangedWhileCopying, path = source))
}

fn read_error(path: &Path, error: std::io::Error) -> Error {
    let message = match error.kind() {
        ErrorKind::InvalidData => MessageKey::DocumentSealBroken,
        ErrorKind::NotFound => MessageKey::FileNotFound,
        ErrorKind::PermissionDenied => MessageKey::FileNoAccess,
        _ => MessageKey::FileReadFailed,
    };
    Error::io(message, path, error)
}

fn write_error(path: &Path, error: std::io::Error) -> Error {
    let message = if error.raw_os_error() == Some(28) || error.kind() == ErrorKind::StorageFull {
        MessageKey::DiskFull
    } else {
        MessageKey::DocumentSaveFailed
    };
    Error::io(message, path, error)
}

/// Streams `input` through SHA-256, writing it to `output` when given.
fn copy_hashing(
    input: &mut dyn Read,
    path: &Path,
    mut output: Option<&mut dyn Write>,
) -> Result<(String, u64)> {
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; CHUNK];
    let mut size = 0u64;
    loop {
        let read = match input.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(read_error(path, e)),
        };
        hasher.update(&buffer[..read]);
        if let Some(out) = output.as_deref_mut() {
            out.write_all(&buffer[..read])
                .map_err(|e| write_error(path, e))?;
        }
        size += read as u64;
    }
    let digest = hasher.finalize();
    let hex = digest
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>();
    Ok((hex, size))
}

/// A temp file that removes itself unless persisted.
struct TempFile {
    path: PathBuf,
    file: Option<File>,
}

impl TempFile {
    fn create(folder: &Path) -> Result<TempFile> {
        // Unique per process and call; create_new settles any clash with
        // another process.
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        for _ in 0..100u32 {
            let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let path = folder.join(format!(".incoming-{}-{n}", std::process::id()));
            match crate::private::create_new(&path) {
                Ok(file) => {
                    return Ok(TempFile {
                        path,
                        file: Some(file),
                    })
                }
                Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(write_error(folder, e)),
            }
        }
        Err(Error::io(
            MessageKey::FileTempFailed,
            folder,
            std::io::Error::from(ErrorKind::AlreadyExists),
        ))
    }

    fn sync(&mut self) -> Result<()> {
        match self.file.as_mut() {
            Some(file) => file.sync_all().map_err(|e| write_error(&self.path, e)),
            None => Ok(()),
        }
    }

    fn persist(mut self, target: &Path) -> Result<()> {
        self.file.take();
        fs::rename(&self.path, target).map_err(|e| write_error(target, e))?;
        if let Some(folder) = target.parent() {
            // Make the rename itself durable.
            if let Ok(dir) = File::open(folder) {
                let _ = dir.sync_all();
            }
        }
        self.path = PathBuf::new();
        Ok(())
    }
}

impl Write for TempFile {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        match self.file.as_mut() {
            Some(file) => file.write(bytes),
            None => Ok(bytes.len()),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self.file.as_mut() {
            Some(file) => file.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        self.file.take();
        if !self.path.as_os_str().is_empty() {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// A file name as metadata: Unicode NFC, without control or direction-override
/// characters, at most 255 characters. It is shown, never used as a path.
pub fn clean_name(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let cleaned: String = name
        .nfc()
        .filter(|c| !c.is_control() && !is_bidi_control(*c))
        .collect::<String>()
        .trim()
        .chars()
        .take(255)
        .collect();
    if cleaned.is_empty() {
        "document".to_string()
    } else {
        cleaned
    }
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}')
}

/// The media type a file's name suggests.
pub fn media_type(name: &str) -> &'static str {
    let extension = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "pdf" => "application/pdf",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "doc" => "application/msword",
        "odt" => "application/vnd.oasis.opendocument.text",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "txt" => "text/plain",
        "md" => "text/markdown",
        "csv" => "text/csv",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "eml" => "message/rfc822",
        "msg" => "application/vnd.ms-outlook",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_are_cleaned_metadata() {
        assert_eq!(
            clean_name("../x"),
            "../x",
            "kept as text; it is never a path"
        );
        assert_eq!(clean_name("factuur\u{202E}fdp.exe"), "factuurfdp.exe");
        assert_eq!(clean_name("a\u{0}b\u{7}c"), "abc");
        assert_eq!(clean_name("  \u{2066} "), "document");
        assert_eq!(clean_name(&"x".repeat(300)).chars().count(), 255);
        // NFD "é" (e + combining acute) and NFC "é" are the same name.
        assert_eq!(
            clean_name("be\u{301}sluit.pdf"),
            clean_name("b\u{e9}sluit.pdf")
        );
    }

    #[test]
    fn media_types_follow_the_extension() {
        assert_eq!(media_type("Instellingsbesluit.PDF"), "application/pdf");
        assert_eq!(media_type("CON"), "application/octet-stream");
    }
}
