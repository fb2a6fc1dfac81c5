//! Sealed files: how a stored document is encrypted.
//!
//! `TFSEAL2\n`, a random 19-byte nonce prefix, then the content in 64 KiB
//! chunks, each encrypted with XChaCha20-Poly1305 in the STREAM construction
//! (Hoang, Reyhanitabar, Rogaway and Vizár; RustCrypto's `aead::stream`,
//! big-endian 32-bit counter and a last-chunk flag). Every chunk is
//! authenticated with the header, so a changed byte, a reordered or dropped
//! chunk and a cut-off end are all refused; the last chunk is authenticated
//! with the header and the SHA-256 of the plain content the database names
//! it by (*bound*), so one sealed file put in another's place is refused
//! too. Full chunks are exactly 64 KiB; the last one holds 0 to 64 KiB.
//!
//! `TFSEAL1\n` files (earlier versions, nothing bound) are read only to be
//! sealed again as `TFSEAL2` when a folder is brought up to date.

use chacha20poly1305::aead::stream::{DecryptorBE32, EncryptorBE32};
use chacha20poly1305::{KeyInit, XChaCha20Poly1305};
use std::io::{self, Read, Write};
use zeroize::Zeroizing;

pub const MAGIC: &[u8; 8] = b"TFSEAL2\n";
/// The sealing of earlier versions, without the content's hash bound in.
pub const MAGIC_V1: &[u8; 8] = b"TFSEAL1\n";
const NONCE_LEN: usize = 19;
const HEADER_LEN: usize = MAGIC.len() + NONCE_LEN;
const CHUNK: usize = 64 * 1024;
const TAG: usize = 16;

/// True when `start` (a file's first bytes) begins like a sealed file, of
/// this version or an earlier one.
pub fn looks_sealed(start: &[u8]) -> bool {
    start.starts_with(MAGIC) || start.starts_with(MAGIC_V1)
}

/// True when `start` begins like a file sealed by an earlier version.
pub fn is_legacy(start: &[u8]) -> bool {
    start.starts_with(MAGIC_V1)
}

/// The last chunk's associated data: the header, then what is bound.
fn last_chunk_data(header: &[u8; HEADER_LEN], bound: &[u8]) -> Vec<u8> {
    let mut data = Vec::with_capacity(HEADER_LEN + bound.len());
    data.extend_from_slice(header);
    data.extend_from_slice(bound);
    data
}

/// The size of a sealed file holding `plain` bytes.
pub fn sealed_size(plain: u64) -> u64 {
    let chunks = plain.div_ceil(CHUNK as u64).max(1);
    HEADER_LEN as u64 + plain + chunks * TAG as u64
}

fn cipher(key: &[u8; 32]) -> XChaCha20Poly1305 {
    XChaCha20Poly1305::new(key.into())
}

fn broken() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, "sealed file altered or cut off")
}

/// Encrypts what is written to it into `inner`; [`SealWriter::finish`]
/// writes the last chunk (without it the file is refused when read).
pub struct SealWriter<W: Write> {
    inner: W,
    encryptor: Option<EncryptorBE32<XChaCha20Poly1305>>,
    header: [u8; HEADER_LEN],
    buffer: Zeroizing<Vec<u8>>,
}

impl<W: Write> SealWriter<W> {
    pub fn new(inner: W, key: &[u8; 32]) -> io::Result<SealWriter<W>> {
        Self::with_magic(inner, key, MAGIC)
    }

    /// A writer of the earlier version's sealing, for the tests of
    /// bringing such folders up to date.
    #[doc(hidden)]
    pub fn legacy_for_tests(inner: W, key: &[u8; 32]) -> io::Result<SealWriter<W>> {
        Self::with_magic(inner, key, MAGIC_V1)
    }

    fn with_magic(mut inner: W, key: &[u8; 32], magic: &[u8; 8]) -> io::Result<SealWriter<W>> {
        let mut header = [0u8; HEADER_LEN];
        header[..MAGIC.len()].copy_from_slice(magic);
        getrandom::fill(&mut header[MAGIC.len()..]).map_err(|e| io::Error::other(e.to_string()))?;
        inner.write_all(&header)?;
        let nonce =
            chacha20poly1305::aead::generic_array::GenericArray::from_slice(&header[MAGIC.len()..]);
        Ok(SealWriter {
            inner,
            encryptor: Some(EncryptorBE32::from_aead(cipher(key), nonce)),
            header,
            buffer: Zeroizing::new(Vec::with_capacity(CHUNK + TAG)),
        })
    }

    fn flush_full_chunks(&mut self) -> io::Result<()> {
        // Keep the last (possibly full) chunk back: only finish() knows it
        // is the last one.
        while self.buffer.len() > CHUNK {
            let rest = Zeroizing::new(self.buffer.split_off(CHUNK));
            let encryptor = self.encryptor.as_mut().ok_or_else(broken)?;
            encryptor
                .encrypt_next_in_place(&self.header, &mut *self.buffer)
                .map_err(|_| broken())?;
            self.inner.write_all(&self.buffer)?;
            self.buffer.clear();
            self.buffer.extend_from_slice(&rest);
        }
        Ok(())
    }

    /// Writes the last chunk, authenticated with `bound` (the SHA-256 of
    /// the content, known only once it has all been written), and returns
    /// the inner writer.
    pub fn finish(mut self, bound: &[u8]) -> io::Result<W> {
        self.flush_full_chunks()?;
        let encryptor = self.encryptor.take().ok_or_else(broken)?;
        // The earlier version bound nothing into the last chunk.
        let data = if is_legacy(&self.header) {
            self.header.to_vec()
        } else {
            last_chunk_data(&self.header, bound)
        };
        encryptor
            .encrypt_last_in_place(&data, &mut *self.buffer)
            .map_err(|_| broken())?;
        self.inner.write_all(&self.buffer)?;
        self.inner.flush()?;
        Ok(self.inner)
    }
}

impl<W: Write> Write for SealWriter<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        self.flush_full_chunks()?;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Decrypts a sealed file as it is read; an altered or cut-off file gives an
/// `InvalidData` error, never wrong bytes.
pub struct SealReader<R: Read> {
    inner: R,
    decryptor: Option<DecryptorBE32<XChaCha20Poly1305>>,
    header: [u8; HEADER_LEN],
    /// Ciphertext read ahead: one byte past a chunk tells it is not the last.
    pending: Vec<u8>,
    plain: Zeroizing<Vec<u8>>,
    position: usize,
    done: bool,
    /// The last chunk's associated data (header and bound hash).
    last: Vec<u8>,
}

impl<R: Read> SealReader<R> {
    /// Reads a file sealed by this version with `bound` (the SHA-256 the
    /// database names it by); any other file is refused.
    pub fn new(inner: R, key: &[u8; 32], bound: &[u8]) -> io::Result<SealReader<R>> {
        Self::open(inner, key, MAGIC, bound)
    }

    /// Reads a file sealed by an earlier version (nothing bound), to seal
    /// it again.
    pub fn legacy(inner: R, key: &[u8; 32]) -> io::Result<SealReader<R>> {
        Self::open(inner, key, MAGIC_V1, &[])
    }

    fn open(
        mut inner: R,
        key: &[u8; 32],
        magic: &[u8; 8],
        bound: &[u8],
    ) -> io::Result<SealReader<R>> {
        let mut header = [0u8; HEADER_LEN];
        inner.read_exact(&mut header).map_err(|_| broken())?;
        if !header.starts_with(magic) {
            return Err(broken());
        }
        let last = if magic == MAGIC {
            last_chunk_data(&header, bound)
        } else {
            header.to_vec()
        };
        let nonce =
            chacha20poly1305::aead::generic_array::GenericArray::from_slice(&header[MAGIC.len()..]);
        Ok(SealReader {
            inner,
            decryptor: Some(DecryptorBE32::from_aead(cipher(key), nonce)),
            header,
            pending: Vec::with_capacity(CHUNK + TAG + 1),
            plain: Zeroizing::new(Vec::with_capacity(CHUNK + TAG)),
            position: 0,
            done: false,
            last,
        })
    }

    fn next_chunk(&mut self) -> io::Result<()> {
        let want = CHUNK + TAG + 1;
        while self.pending.len() < want {
            let had = self.pending.len();
            self.pending.resize(want, 0);
            let read = loop {
                match self.inner.read(&mut self.pending[had..]) {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    other => break other,
                }
            };
            let read = match read {
                Ok(n) => n,
                Err(e) => {
                    self.pending.truncate(had);
                    return Err(e);
                }
            };
            self.pending.truncate(had + read);
            if read == 0 {
                break;
            }
        }
        self.plain.clear();
        self.position = 0;
        if self.pending.len() == want {
            let rest = self.pending.split_off(CHUNK + TAG);
            self.plain.extend_from_slice(&self.pending);
            self.pending = rest;
            let decryptor = self.decryptor.as_mut().ok_or_else(broken)?;
            decryptor
                .decrypt_next_in_place(&self.header, &mut *self.plain)
                .map_err(|_| broken())?;
        } else {
            self.plain.extend_from_slice(&self.pending);
            self.pending.clear();
            let decryptor = self.decryptor.take().ok_or_else(broken)?;
            decryptor
                .decrypt_last_in_place(&self.last, &mut *self.plain)
                .map_err(|_| broken())?;
            self.done = true;
        }
        Ok(())
    }
}

impl<R: Read> Read for SealReader<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.position == self.plain.len() {
            if self.done {
                return Ok(0);
            }
            self.next_chunk()?;
        }
        let n = out.len().min(self.plain.len() - self.position);
        out[..n].copy_from_slice(&self.plain[self.position..self.position + n]);
        self.position += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOUND: &[u8] = b"the content's sha256";

    fn seal(plain: &[u8], key: &[u8; 32]) -> Vec<u8> {
        let mut writer = SealWriter::new(Vec::new(), key).unwrap();
        // Odd write sizes, so chunk borders fall inside writes.
        for piece in plain.chunks(7_777) {
            writer.write_all(piece).unwrap();
        }
        writer.finish(BOUND).unwrap()
    }

    fn open(sealed: &[u8], key: &[u8; 32]) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        SealReader::new(sealed, key, BOUND)?.read_to_end(&mut out)?;
        Ok(out)
    }

    #[test]
    fn a_sealed_file_opens_only_under_the_hash_it_was_bound_to() {
        let key = [7u8; 32];
        for size in [0, 10, CHUNK, 2 * CHUNK + 3] {
            let sealed = seal(&vec![1u8; size], &key);
            let mut out = Vec::new();
            let other = SealReader::new(&sealed[..], &key, b"another document's sha256")
                .and_then(|mut r| r.read_to_end(&mut out));
            assert!(other.is_err(), "size {size}");
            assert!(SealReader::legacy(&sealed[..], &key).is_err(), "not v1");
        }
    }

    #[test]
    fn every_size_around_the_chunk_border_reads_back() {
        let key = [7u8; 32];
        for size in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 5] {
            let plain: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
            let sealed = seal(&plain, &key);
            assert_eq!(sealed.len() as u64, sealed_size(size as u64), "size {size}");
            assert!(looks_sealed(&sealed));
            assert_eq!(open(&sealed, &key).unwrap(), plain, "size {size}");
        }
    }

    #[test]
    fn a_wrong_key_an_altered_byte_and_a_cut_off_end_are_refused() {
        let key = [7u8; 32];
        let plain = vec![42u8; 2 * CHUNK + 10];
        let sealed = seal(&plain, &key);
        assert!(open(&sealed, &[8u8; 32]).is_err());
        let mut altered = sealed.clone();
        altered[HEADER_LEN + CHUNK] ^= 1;
        assert!(open(&altered, &key).is_err());
        // Cut exactly at a chunk border: the remaining chunk is not marked last.
        assert!(open(&sealed[..HEADER_LEN + 2 * (CHUNK + TAG)], &key).is_err());
        assert!(open(&sealed[..sealed.len() - 1], &key).is_err());
        let mut nonce_changed = sealed.clone();
        nonce_changed[MAGIC.len()] ^= 1;
        assert!(open(&nonce_changed, &key).is_err());
    }

    #[test]
    fn the_same_content_sealed_twice_differs() {
        let key = [1u8; 32];
        assert_ne!(seal(b"besluit", &key), seal(b"besluit", &key));
    }
}
