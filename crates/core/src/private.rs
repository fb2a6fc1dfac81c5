//! Private files: everything the app keeps — the data folder, the database
//! with its WAL and SHM, backups, documents, temp files — is readable by the
//! user alone (folders 0700, files 0600 on Unix; on Windows the per-user
//! ACLs of the user's profile already do this). New files are created
//! exclusively, so a file or symlink planted at the name is never followed.

use std::fs::{DirBuilder, File, OpenOptions};
use std::io;
use std::path::Path;

#[cfg(unix)]
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};

/// Makes every file and folder this process creates private from then on,
/// including those of libraries (the log appender, WebKit's caches) that
/// take the process's mask. Called first thing by the app and the CLI.
#[allow(unsafe_code)]
pub fn private_by_default() {
    #[cfg(unix)]
    // SAFETY: umask only replaces the process's file-mode creation mask; it
    // cannot fail and touches no memory. Called at start, before threads
    // that create files exist.
    unsafe {
        libc::umask(0o077);
    }
}

/// Keeps the process's memory (the folder's key, decrypted records) out of
/// core dumps and away from other processes of the same user that would
/// attach with ptrace. Called first thing by the app and the CLI.
#[allow(unsafe_code)]
pub fn no_core_dumps() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl(PR_SET_DUMPABLE, 0) only clears a flag of this process;
    // it takes no pointers.
    unsafe {
        libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0);
    }
}

/// Creates `path` and any missing parents, new folders private.
pub fn create_dir(path: &Path) -> io::Result<()> {
    let mut builder = DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    builder.mode(0o700);
    builder.create(path)
}

/// Creates a new, private file; fails if anything exists at `path`.
pub fn create_new(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    options.mode(0o600);
    options.open(path)
}

/// Copies `from` into a new private file `to` (`fs::copy` would give it the
/// source's mode).
pub fn copy(from: &Path, to: &Path) -> io::Result<u64> {
    let mut source = File::open(from)?;
    let mut target = create_new(to)?;
    let copied = io::copy(&mut source, &mut target)?;
    target.sync_all()?;
    Ok(copied)
}

/// Makes the entries of `folder` (a rename, a new file) durable. Windows
/// cannot open a folder as a file and needs no such step.
pub fn sync_dir(folder: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(folder)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = folder;
    Ok(())
}

/// Makes an existing folder private (for data folders of earlier versions,
/// created 0755).
pub fn restrict_dir(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    if path.is_dir() {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Makes an existing file private; a missing one is fine.
pub fn restrict_file(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    match std::fs::symlink_metadata(path) {
        // Never chmod through a link someone planted.
        Ok(meta) if meta.file_type().is_file() && meta.permissions().mode() & 0o077 != 0 => {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
        }
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// The mode bits of `path`, for tests and `check`.
#[cfg(unix)]
pub fn mode(path: &Path) -> io::Result<u32> {
    Ok(std::fs::symlink_metadata(path)?.permissions().mode() & 0o777)
}

#[cfg(test)]
mod tests {
    #[cfg(target_os = "linux")]
    #[test]
    #[allow(unsafe_code)]
    fn the_process_leaves_no_core_dump() {
        super::no_core_dumps();
        // SAFETY: PR_GET_DUMPABLE reads a flag of this process.
        let dumpable = unsafe { libc::prctl(libc::PR_GET_DUMPABLE, 0, 0, 0, 0) };
        assert_eq!(dumpable, 0);
    }
}
