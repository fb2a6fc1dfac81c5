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
//! with the folder's documents key and bound to its SHA-256, and its name
//! is an HMAC of that hash under a key derived from the folder's key: a
//! copied folder or `.tar` does not tell which known document it holds
//! (the plain hash is kept only inside the encrypted database). A file that
//! is not sealed is refused there; a plain folder keeps plain copies named
//! by their SHA-256.

use crate::encryption::{sealed, DataKey};
use crate::error::Field;
use crate::error::{Error, Result};
use crate::files::Staged;
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

/// The name the copy of a file with this hash has: the hash itself in a
/// plain folder, an HMAC of it in an encrypted one.
pub fn stored_name(sha256: &str, key: Option<&DataKey>) -> Result<String> {
    use hmac::{Mac, SimpleHmac};
    if !is_hash(sha256) {
        // Only a tampered database holds such a "hash"; it never becomes a
        // path (`../…`, a short string).
        return Err(Error::Damaged(MessageKey::DocumentHashInvalid.into()));
    }
    let Some(key) = key else {
        return Ok(sha256.to_string());
    };
    let names_key = key.names_key();
    let mut mac = <SimpleHmac<Sha256> as Mac>::new_from_slice(names_key.as_ref())
        .map_err(|_| Error::Damaged(MessageKey::DocumentHashInvalid.into()))?;
    mac.update(sha256.as_bytes());
    Ok(hex(&mac.finalize().into_bytes()))
}

/// Every regular file two levels below a documents folder (`ab/abcdef…`),
/// sorted; links are not followed. What the folder holds, whatever the
/// database names: for tidying, backing up and restoring.
pub fn stored_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for folder in fs::read_dir(root).into_iter().flatten().flatten() {
        if !folder.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        for entry in fs::read_dir(folder.path()).into_iter().flatten().flatten() {
            if entry.file_type().is_ok_and(|t| t.is_file()) {
                files.push(entry.path());
            }
        }
    }
    files.sort();
    files
}

/// Where the copy of a file with this hash lives (`ab/abcdef…`).
pub fn path_for(root: &Path, sha256: &str, key: Option<&DataKey>) -> Result<PathBuf> {
    let name = stored_name(sha256, key)?;
    Ok(root.join(&name[..2]).join(name))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
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
    let mut temp = Staged::in_folder(root, MessageKey::DocumentSaveFailed)?;
    let (sha256, size) = {
        let mut input = File::open(source).map_err(|e| read_error(source, e))?;
        match key {
            Some(key) => {
                let documents_key = key.documents_key();
                let mut sealing = sealed::SealWriter::new(&mut temp, &documents_key)
                    .map_err(|e| write_error(root, e))?;
                let copied = copy_hashing(&mut input, source, Some(&mut sealing))?;
                sealing
                    .finish(copied.0.as_bytes())
                    .map_err(|e| write_error(root, e))?;
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

    let target = path_for(root, &sha256, key)?;
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

/// Whether any stored copy below `root` is sealed: stops at the first.
pub fn any_sealed(root: &Path) -> bool {
    any_stored(root, true)
}

/// Whether any stored copy below `root` is plain: stops at the first.
pub fn any_plain(root: &Path) -> bool {
    any_stored(root, false)
}

fn any_stored(root: &Path, sealed_ones: bool) -> bool {
    let folders = fs::read_dir(root).into_iter().flatten().flatten();
    folders
        .flat_map(|folder| fs::read_dir(folder.path()).into_iter().flatten().flatten())
        .filter(|file| is_hash(&file.file_name().to_string_lossy()))
        .any(|file| {
            let mut start = [0u8; sealed::MAGIC.len()];
            let read = File::open(file.path()).and_then(|mut f| f.read(&mut start));
            match read {
                Ok(n) => sealed::looks_sealed(&start[..n]) == sealed_ones,
                Err(_) => false,
            }
        })
}

/// Re-hashes the plain content of a stored copy named by `sha256`; `None`
/// when it is missing. A sealed copy that was altered, cut off or put in
/// another's place is an error, not a hash.
pub fn hash_of(path: &Path, key: Option<&DataKey>, sha256: &str) -> Result<Option<String>> {
    match open_stored(path, key, sha256) {
        Ok(mut reader) => Ok(Some(copy_hashing(&mut reader, path, None)?.0)),
        Err(Error::Io { source, .. }) if source.kind() == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// How a file begins: sealed by this version, by an earlier one, or plain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Sealed,
    SealedLegacy,
    Plain,
}

/// Opens `path` and reads its first bytes to tell its [`Form`]; the reader
/// still yields every byte.
fn open_with_form(path: &Path) -> Result<(Form, Box<dyn Read>)> {
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
    let form = if sealed::is_legacy(&start[..read]) {
        Form::SealedLegacy
    } else if sealed::looks_sealed(&start[..read]) {
        Form::Sealed
    } else {
        Form::Plain
    };
    Ok((
        form,
        Box::new(std::io::Cursor::new(start[..read].to_vec()).chain(file)),
    ))
}

/// A reader of a stored copy's plain content. In an encrypted folder only a
/// file sealed with its key and bound to `sha256` is read (decrypted as it
/// is read, refused if altered); a plain file there is refused as one put
/// in by hand. In a plain folder a sealed file needs the key.
pub fn open_stored(path: &Path, key: Option<&DataKey>, sha256: &str) -> Result<Box<dyn Read>> {
    let (form, reader) = open_with_form(path)?;
    match (form, key) {
        (Form::Plain, None) => Ok(reader),
        (Form::Plain, Some(_)) => Err(Error::Damaged(MessageKey::DocumentNotSealed.into())),
        (_, None) => Err(Error::Locked(MessageKey::DataLocked.into())),
        (Form::SealedLegacy, Some(_)) => Err(Error::Damaged(MessageKey::DocumentSealBroken.into())),
        (Form::Sealed, Some(key)) => {
            let reader = sealed::SealReader::new(reader, &key.documents_key(), sha256.as_bytes())
                .map_err(|e| read_error(path, e))?;
            Ok(Box::new(reader))
        }
    }
}

/// A reader of a copy from anywhere this app ever wrote one — a plain copy,
/// one sealed by an earlier version, or one sealed now and bound to
/// `sha256` — to take it in again (a restore, an upgrade). The caller
/// checks the content's hash.
fn open_any(path: &Path, key: Option<&DataKey>, sha256: &str) -> Result<Box<dyn Read>> {
    let (form, reader) = open_with_form(path)?;
    match (form, key) {
        (Form::Plain, _) => Ok(reader),
        (_, None) => Err(Error::Locked(MessageKey::DataLocked.into())),
        (Form::SealedLegacy, Some(key)) => Ok(Box::new(
            sealed::SealReader::legacy(reader, &key.documents_key())
                .map_err(|e| read_error(path, e))?,
        )),
        (Form::Sealed, Some(key)) => Ok(Box::new(
            sealed::SealReader::new(reader, &key.documents_key(), sha256.as_bytes())
                .map_err(|e| read_error(path, e))?,
        )),
    }
}

/// The whole plain content of a stored copy (papers placed in a pack),
/// checked against the hash it is named by.
pub fn read_stored(path: &Path, key: Option<&DataKey>, sha256: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    open_stored(path, key, sha256)?
        .read_to_end(&mut bytes)
        .map_err(|e| read_error(path, e))?;
    if hex(&Sha256::digest(&bytes)) != sha256 {
        return Err(Error::Damaged(MessageKey::DocumentSealBroken.into()));
    }
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
/// file beside it, so the destination is either complete or untouched — and
/// only when the content still has the hash the database names it by.
pub fn export(
    stored: &Path,
    destination: &Path,
    key: Option<&DataKey>,
    sha256: &str,
) -> Result<()> {
    let folder = destination
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let mut temp = Staged::in_folder(folder, MessageKey::DocumentSaveFailed)?;
    let mut input = open_stored(stored, key, sha256)?;
    let (hash, _) = copy_hashing(&mut input, stored, Some(&mut temp))?;
    if hash != sha256 {
        return Err(Error::Damaged(MessageKey::DocumentSealBroken.into()));
    }
    temp.sync()?;
    temp.persist(destination)
}

/// Takes a document file in as this folder stores documents — sealed with
/// `key` and bound to its hash, or plain — at `target`, from a copy made by
/// any version (an unpacked full backup, a copy being brought up to date):
/// its plain content must hash to `sha256`. A file sealed with another key
/// is refused.
pub fn take_in(from: &Path, target: &Path, sha256: &str, key: Option<&DataKey>) -> Result<()> {
    let folder = target.parent().unwrap_or_else(|| Path::new("."));
    crate::private::create_dir(folder)
        .map_err(|e| Error::io(MessageKey::DocumentsFolderFailed, folder, e))?;
    let mut temp = Staged::in_folder(folder, MessageKey::DocumentSaveFailed)?;
    let mut input = open_any(from, key, sha256)?;
    let hash = match key {
        Some(key) => {
            let documents_key = key.documents_key();
            let mut sealing = sealed::SealWriter::new(&mut temp, &documents_key)
                .map_err(|e| write_error(folder, e))?;
            let (hash, _) = copy_hashing(&mut input, from, Some(&mut sealing))?;
            sealing
                .finish(hash.as_bytes())
                .map_err(|e| write_error(folder, e))?;
            hash
        }
        None => copy_hashing(&mut input, from, Some(&mut temp))?.0,
    };
    if hash != sha256 {
        return Err(Error::Damaged(MessageKey::DocumentSealBroken.into()));
    }
    temp.sync()?;
    if key.is_some() {
        // Read back as it will be read: sealed, bound, whole.
        let mut check = open_stored(temp.path(), key, sha256)?;
        if copy_hashing(&mut check, temp.path(), None)?.0 != sha256 {
            return Err(Error::Damaged(MessageKey::DocumentSealBroken.into()));
        }
    }
    temp.persist(target)
}

/// Brings the copy of the document `sha256` into the form an encrypted
/// folder keeps (a plain folder being encrypted, a folder of an earlier
/// version): sealed, bound to its hash and named by its keyed name. The
/// copy under the plain name is removed once the new one is in place; run
/// again after a crash, it finishes. Returns whether anything was sealed.
pub fn reseal(root: &Path, sha256: &str, key: &DataKey) -> Result<bool> {
    let keyed = path_for(root, sha256, Some(key))?;
    let plain = path_for(root, sha256, None)?;
    if keyed.exists() {
        match fs::remove_file(&plain) {
            Ok(()) => {}
            Err(e) if e.kind() == ErrorKind::NotFound => {}
            Err(e) => return Err(write_error(&plain, e)),
        }
        return Ok(false);
    }
    if !plain.exists() {
        return Ok(false);
    }
    take_in(&plain, &keyed, sha256, Some(key))?;
    fs::remove_file(&plain).map_err(|e| write_error(&plain, e))?;
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

pub(crate) fn changed(source: &Path) -> Error {
    Error::conflict(msg!(FileChangedWhileCopying, path = source))
}

pub(crate) fn read_error(path: &Path, error: std::io::Error) -> Error {
    let message = match error.kind() {
        ErrorKind::InvalidData => MessageKey::DocumentSealBroken,
        ErrorKind::NotFound => MessageKey::FileNotFound,
        ErrorKind::PermissionDenied => MessageKey::FileNoAccess,
        _ => MessageKey::FileReadFailed,
    };
    Error::io(message, path, error)
}

fn write_error(path: &Path, error: std::io::Error) -> Error {
    crate::files::write_error(MessageKey::DocumentSaveFailed, path, error)
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
    Ok((hex(&hasher.finalize()), size))
}

/// The kinds of file the app hands to another program to show (documents,
/// sheets, slides, pictures, text). Anything else — a script, a web page,
/// an executable that a name can pretend to be — is only saved as a copy.
const OPENED_TYPES: &[&str] = &[
    "pdf", "docx", "doc", "odt", "rtf", "xlsx", "xls", "ods", "csv", "pptx", "ppt", "odp", "txt",
    "md", "png", "jpg", "jpeg",
];

/// The name a document gets in the private folder it is opened from:
/// `<id>.<ext>`, nothing of its original name (which may reveal content),
/// and only for the kinds in [`OPENED_TYPES`].
pub fn opened_name(id: i64, original_name: &str) -> Result<String> {
    let extension = original_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if OPENED_TYPES.contains(&extension.as_str()) {
        Ok(format!("{id}.{extension}"))
    } else {
        Err(Error::validation(
            Field::File,
            msg!(DocumentTypeNotOpened, extension = extension),
        ))
    }
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
    fn a_copy_sealed_by_an_earlier_version_is_sealed_again_under_its_keyed_name() {
        let root = tempfile::tempdir().unwrap();
        let key = DataKey::generate().unwrap();
        let content = b"hello paper\n".repeat(9000);
        let sha256 = hex(&Sha256::digest(&content));
        let old = path_for(root.path(), &sha256, None).unwrap();
        fs::create_dir_all(old.parent().unwrap()).unwrap();
        {
            let mut writer = sealed::SealWriter::legacy_for_tests(
                File::create(&old).unwrap(),
                &key.documents_key(),
            )
            .unwrap();
            writer.write_all(&content).unwrap();
            writer.finish(b"").unwrap();
        }
        // As it is, the earlier form is not read as a current copy.
        assert!(read_stored(&old, Some(&key), &sha256).is_err());
        assert!(reseal(root.path(), &sha256, &key).unwrap());
        assert!(!old.exists(), "the plain name is gone");
        let new = path_for(root.path(), &sha256, Some(&key)).unwrap();
        assert_ne!(new.file_name().unwrap().to_string_lossy(), sha256);
        assert_eq!(read_stored(&new, Some(&key), &sha256).unwrap(), content);
        assert!(!reseal(root.path(), &sha256, &key).unwrap(), "done once");
    }

    #[test]
    fn in_an_encrypted_folder_a_plain_copy_or_another_document_s_copy_is_refused() {
        let root = tempfile::tempdir().unwrap();
        let source = root.path().join("a.txt");
        let key = DataKey::generate().unwrap();
        fs::write(&source, b"eerste stuk").unwrap();
        let first = ingest(&source, &root.path().join("documents"), Some(&key)).unwrap();
        fs::write(&source, b"tweede stuk").unwrap();
        let second = ingest(&source, &root.path().join("documents"), Some(&key)).unwrap();
        let documents = root.path().join("documents");
        let first_path = path_for(&documents, &first.sha256, Some(&key)).unwrap();
        let second_path = path_for(&documents, &second.sha256, Some(&key)).unwrap();
        // The second's sealed copy put in the first's place.
        fs::copy(&second_path, &first_path).unwrap();
        assert!(read_stored(&first_path, Some(&key), &first.sha256).is_err());
        assert!(export(
            &first_path,
            &root.path().join("uit"),
            Some(&key),
            &first.sha256
        )
        .is_err());
        assert!(!root.path().join("uit").exists());
        // A plain file put there by hand.
        fs::write(&first_path, b"eerste stuk").unwrap();
        let error = read_stored(&first_path, Some(&key), &first.sha256).unwrap_err();
        assert!(matches!(error, Error::Damaged(_)), "{error:?}");
    }

    #[test]
    fn only_documents_of_known_kinds_are_opened_and_by_their_id_alone() {
        assert_eq!(opened_name(7, "Besluit Geheim.PDF").unwrap(), "7.pdf");
        assert_eq!(opened_name(8, "notulen.docx").unwrap(), "8.docx");
        for refused in [
            "run.sh",
            "page.html",
            "x.desktop",
            "noextension",
            "a.pdf.exe",
            "x.svg",
        ] {
            assert!(opened_name(1, refused).is_err(), "{refused}");
        }
    }

    #[test]
    fn media_types_follow_the_extension() {
        assert_eq!(media_type("Instellingsbesluit.PDF"), "application/pdf");
        assert_eq!(media_type("CON"), "application/octet-stream");
    }
}
