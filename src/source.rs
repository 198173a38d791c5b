//! Source files: how the load stage reads a file and turns its bytes into text. Shared by
//! the settings (`config`), the content (`content`) and the theme, so that every file the
//! tool reads passes the same checks first: its real location (symlinks resolved) is
//! inside the handbook folder, it is a regular file (never a named pipe, a socket or a
//! device, which could block or never end), and it is not bigger than a bound.

use std::fmt;
use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use unicode_normalization::{IsNormalized, UnicodeNormalization};

use crate::diagnostics::{Diagnostic, Position};
use crate::messages::{Message, msg};

/// The most a Markdown, YAML or theme file may hold: far above any real page (a 300-page
/// book is about 1 MiB of Markdown), low enough that a wrong file cannot eat the memory.
pub const TEXT_LIMIT: u64 = 32 << 20;

/// The most one copied file (a handout, an image) may hold.
pub const FILE_LIMIT: u64 = 512 << 20;

/// Why a source file was not read.
#[derive(Debug)]
pub enum SourceProblem {
    /// Its real location (symlinks followed) is outside the handbook folder.
    Outside,
    /// It is not a regular file: a folder, a named pipe, a socket or a device.
    NotAFile(FileKind),
    /// It holds more than `limit` bytes.
    TooBig {
        size: u64,
        limit: u64,
    },
    /// A copied file is no longer what it was when the handbook was loaded.
    Changed {
        was: u64,
        now: u64,
    },
    Io(io::Error),
}

impl From<io::Error> for SourceProblem {
    fn from(error: io::Error) -> Self {
        SourceProblem::Io(error)
    }
}

impl fmt::Display for SourceProblem {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            SourceProblem::Outside => write!(f, "it leads outside the handbook folder"),
            SourceProblem::NotAFile(kind) => write!(f, "it is {}, not a regular file", kind.name()),
            SourceProblem::TooBig { size, limit } => {
                let (whole, tenths) = tenths_of_mebibytes(*limit);
                write!(
                    f,
                    "it is too big ({size} bytes; the most handbook reads is {limit} bytes, {whole}.{tenths} MiB)"
                )
            }
            SourceProblem::Changed { was, now } => write!(
                f,
                "it changed while building ({was} bytes when loaded, {now} bytes now)"
            ),
            SourceProblem::Io(error) => write!(f, "{error}"),
        }
    }
}

impl SourceProblem {
    /// The problem as a diagnostic about `file` (as diagnostics name it).
    pub fn diagnostic(&self, file: &str) -> Diagnostic {
        let (message, hint) = match self {
            SourceProblem::Outside => (
                msg!("file-symlink-outside"),
                msg!("file-symlink-outside-hint"),
            ),
            SourceProblem::NotAFile(kind) => (
                msg!("file-not-regular", kind = kind.message()),
                msg!("file-not-regular-hint"),
            ),
            SourceProblem::TooBig { size, limit } => (
                msg!("file-too-big", size = mebibytes(*size)),
                msg!(
                    "file-too-big-hint",
                    max = mebibytes(*limit),
                    limit = *limit,
                    size = *size
                ),
            ),
            SourceProblem::Changed { was, now } => (
                msg!(
                    "file-cannot-read",
                    reason = msg!("file-changed", was = *was, now = *now)
                ),
                msg!("file-cannot-read-hint"),
            ),
            SourceProblem::Io(error) => (
                msg!(
                    "file-cannot-read",
                    reason = msg!("file-io-error", error = error.to_string())
                ),
                msg!("file-cannot-read-hint"),
            ),
        };
        Diagnostic::error(message).in_file(file).hint(hint)
    }
}

/// A size in MiB with one decimal, as the language writes decimals (`1.5 MiB`, `1,5 MiB`).
fn mebibytes(bytes: u64) -> Message {
    let (whole, tenths) = tenths_of_mebibytes(bytes);
    msg!("file-mebibytes", whole = whole, tenths = tenths)
}

/// A size in MiB rounded to one decimal: its whole part and its tenths.
fn tenths_of_mebibytes(bytes: u64) -> (u64, u64) {
    let text = format!("{:.1}", bytes as f64 / f64::from(1u32 << 20));
    let (whole, tenths) = text.split_once('.').unwrap_or((&text, "0"));
    (whole.parse().unwrap_or(0), tenths.parse().unwrap_or(0))
}

/// Reads the file at `path` if it really is inside `root` (symlinks followed), is a
/// regular file and holds at most `limit` bytes. Nothing is opened before those checks
/// but the file itself, and that without blocking: a named pipe cannot hold the open.
pub fn read_source(path: &Path, root: &Path, limit: u64) -> Result<Vec<u8>, SourceProblem> {
    let real = real_path(path, root)?;
    let (file, size) = open_regular(&real)?;
    if size > limit {
        return Err(SourceProblem::TooBig { size, limit });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // One byte more than allowed tells a file that grew past the limit from one that did not.
    file.take(limit + 1).read_to_end(&mut bytes)?;
    let read = bytes.len() as u64;
    if read > limit {
        return Err(SourceProblem::TooBig {
            size: size.max(read),
            limit,
        });
    }
    Ok(bytes)
}

/// The real location of `path`, symlinks resolved, when it is inside `root`.
pub fn real_path(path: &Path, root: &Path) -> Result<PathBuf, SourceProblem> {
    let root = root.canonicalize()?;
    let real = path.canonicalize()?;
    if real.starts_with(&root) {
        Ok(real)
    } else {
        Err(SourceProblem::Outside)
    }
}

/// Opens `real` (a path without symlinks) for reading if it is a regular file; its size.
fn open_regular(real: &Path) -> Result<(File, u64), SourceProblem> {
    // Looked at before opening, so that no device is ever opened ...
    check_kind(&std::fs::metadata(real)?)?;
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // ... and again on the open handle, in case the path was swapped in between: a
        // pipe opens at once without O_NONBLOCK, a new symlink is refused by O_NOFOLLOW.
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW | libc::O_NOCTTY);
    }
    let file = options.open(real)?;
    let metadata = file.metadata()?;
    check_kind(&metadata)?;
    Ok((file, metadata.len()))
}

fn check_kind(metadata: &Metadata) -> Result<(), SourceProblem> {
    if metadata.is_file() {
        Ok(())
    } else {
        Err(SourceProblem::NotAFile(FileKind::of(metadata)))
    }
}

/// What a path is when it is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Folder,
    NamedPipe,
    Socket,
    Device,
    Special,
}

impl FileKind {
    pub fn of(metadata: &Metadata) -> FileKind {
        let kind = metadata.file_type();
        if kind.is_dir() {
            return FileKind::Folder;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if kind.is_fifo() {
                return FileKind::NamedPipe;
            }
            if kind.is_socket() {
                return FileKind::Socket;
            }
            if kind.is_char_device() || kind.is_block_device() {
                return FileKind::Device;
            }
        }
        FileKind::Special
    }

    /// The kind as an error of the output stage names it (in English, beside a path).
    fn name(self) -> &'static str {
        match self {
            FileKind::Folder => "a folder",
            FileKind::NamedPipe => "a named pipe (FIFO)",
            FileKind::Socket => "a socket",
            FileKind::Device => "a device",
            FileKind::Special => "a special file",
        }
    }

    /// The kind as a diagnostic names it, in the reader's language.
    fn message(self) -> Message {
        match self {
            FileKind::Folder => msg!("file-kind-folder"),
            FileKind::NamedPipe => msg!("file-kind-named-pipe"),
            FileKind::Socket => msg!("file-kind-socket"),
            FileKind::Device => msg!("file-kind-device"),
            FileKind::Special => msg!("file-kind-special"),
        }
    }
}

/// A file copied into the output as it is (a handout, an image): where it really is and
/// how big it was when the handbook was loaded. It is read only when it is written, so
/// it is checked again then: still a regular file, still that size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// The real path, symlinks resolved.
    pub path: PathBuf,
    pub size: u64,
}

impl Snapshot {
    /// Checks the file at `path` as `read_source` does, without reading it.
    pub fn take(path: &Path, root: &Path, limit: u64) -> Result<Snapshot, SourceProblem> {
        let real = real_path(path, root)?;
        let (_, size) = open_regular(&real)?;
        if size > limit {
            return Err(SourceProblem::TooBig { size, limit });
        }
        Ok(Snapshot { path: real, size })
    }

    /// Opens the file again: a reader of exactly the recorded size, or why not.
    pub fn open(&self) -> Result<impl Read + use<>, SourceProblem> {
        let (file, now) = open_regular(&self.path)?;
        if now != self.size {
            return Err(SourceProblem::Changed {
                was: self.size,
                now,
            });
        }
        Ok(file.take(self.size))
    }

    /// The file's bytes, checked as `open` does.
    pub fn read(&self) -> io::Result<Vec<u8>> {
        let mut bytes = Vec::with_capacity(usize::try_from(self.size).unwrap_or(0));
        self.open()
            .map_err(|problem| self.io_error(&problem))?
            .read_to_end(&mut bytes)?;
        self.check_length(bytes.len() as u64)?;
        Ok(bytes)
    }

    /// Copies the file to `target` (created or truncated), checked as `open` does.
    pub fn copy_to(&self, target: &Path) -> io::Result<()> {
        let mut reader = self.open().map_err(|problem| self.io_error(&problem))?;
        let mut out = File::create(target)?;
        let copied = io::copy(&mut reader, &mut out)?;
        self.check_length(copied)
    }

    /// A file that shrank while it was read is as wrong as one that changed size before.
    fn check_length(&self, read: u64) -> io::Result<()> {
        if read == self.size {
            return Ok(());
        }
        Err(self.io_error(&SourceProblem::Changed {
            was: self.size,
            now: read,
        }))
    }

    fn io_error(&self, problem: &SourceProblem) -> io::Error {
        io::Error::other(format!("cannot copy {}: {problem}", self.path.display()))
    }
}

/// Reads a file's bytes as text: UTF-8 (a byte-order mark is dropped), line endings
/// made `\n`, NUL characters made U+FFFD (as CommonMark asks, so that none reaches the
/// HTML), letters in Unicode NFC (`å`, never `a` + a combining ring).
pub fn decode(bytes: &[u8], file: &str) -> Result<String, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let line = bytes[..error.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        Diagnostic::error(msg!("file-not-utf8"))
            .in_file(file)
            .at(Position::new(line, 1))
            .hint(msg!("file-not-utf8-hint"))
    })?;
    let mut text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    };
    if text.contains('\0') {
        text = text.replace('\0', "\u{FFFD}");
    }
    // Links, heading ids and paths are matched as NFC, as file names are (`content::walk`).
    if unicode_normalization::is_nfc_quick(text.chars()) != IsNormalized::Yes {
        text = text.nfc().collect();
    }
    Ok(text)
}

/// A file's text by its path relative to `root`, read as the load stage reads (a
/// diagnostic may be about a pipe, a symlink to a device or a file far too big): for
/// showing the lines diagnostics point at.
pub fn reader(root: &Path) -> impl Fn(&str) -> Option<String> + '_ {
    move |file| {
        read_source(&root.join(file), root, TEXT_LIMIT)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_drops_the_bom_and_normalises_line_endings() {
        assert_eq!(decode(b"\xEF\xBB\xBFa\r\nb\r", "f").unwrap(), "a\nb\n");
        let error = decode(b"ok\n\xFF", "f.md").unwrap_err();
        assert_eq!(error.line, 2);
        assert!(error.message.english().contains("UTF-8"));
    }

    #[test]
    fn sizes_are_written_with_the_language_s_decimal_mark() {
        use crate::messages::Lang;
        let size = mebibytes(3 << 19);
        assert_eq!(size.text(Lang::En), "1.5 MiB");
        assert_eq!(size.text(Lang::Da), "1,5 MiB");
        let problem = SourceProblem::TooBig {
            size: 33 << 20,
            limit: TEXT_LIMIT,
        };
        assert_eq!(
            problem.diagnostic("a.md").message.text(Lang::Da),
            "filen er for stor (33,0 MiB)"
        );
    }

    #[test]
    fn decode_makes_letters_nfc() {
        assert_eq!(decode("Ma\u{30a}l".as_bytes(), "f.md").unwrap(), "Mål");
    }

    #[test]
    fn decode_replaces_nul_with_the_replacement_character() {
        assert_eq!(decode(b"a\0b\0", "f.md").unwrap(), "a\u{FFFD}b\u{FFFD}");
    }

    #[test]
    fn reads_a_regular_file_inside_the_root_up_to_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "12345").unwrap();
        let a = dir.path().join("a.md");
        assert_eq!(read_source(&a, dir.path(), 5).unwrap(), b"12345");
        let error = read_source(&a, dir.path(), 4).unwrap_err();
        assert!(matches!(error, SourceProblem::TooBig { size: 5, limit: 4 }));
        let hint = error.diagnostic("a.md").hint.unwrap();
        assert!(
            hint.contains("4 bytes") && hint.contains("5 bytes"),
            "{hint}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn refuses_symlinks_outside_pipes_and_devices_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        std::fs::create_dir(&root).unwrap();
        std::os::unix::fs::symlink("/dev/zero", root.join("zero.md")).unwrap();
        let outside = read_source(&root.join("zero.md"), &root, TEXT_LIMIT);
        assert!(matches!(outside, Err(SourceProblem::Outside)));
        let pipe = root.join("pipe.yaml");
        let made = std::process::Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .unwrap();
        assert!(made.success());
        let error = read_source(&pipe, &root, TEXT_LIMIT).unwrap_err();
        assert!(matches!(error, SourceProblem::NotAFile(_)), "{error}");
        assert!(error.to_string().contains("named pipe"), "{error}");
        let error = Snapshot::take(&pipe, &root, FILE_LIMIT).unwrap_err();
        assert!(matches!(error, SourceProblem::NotAFile(_)), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn a_snapshot_refuses_a_file_swapped_for_a_pipe_or_a_symlink_or_resized() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let file = root.join("a.pdf");
        std::fs::write(&file, "pdf").unwrap();
        let snapshot = Snapshot::take(&file, root, FILE_LIMIT).unwrap();
        assert_eq!(snapshot.read().unwrap(), b"pdf");
        std::fs::write(&file, "longer pdf").unwrap();
        assert!(snapshot.read().unwrap_err().to_string().contains("changed"));
        std::fs::remove_file(&file).unwrap();
        std::os::unix::fs::symlink("/dev/zero", &file).unwrap();
        assert!(snapshot.copy_to(&root.join("out.pdf")).is_err());
        std::fs::remove_file(&file).unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(&file)
            .status()
            .unwrap();
        assert!(made.success());
        let error = snapshot.read().unwrap_err().to_string();
        assert!(error.contains("named pipe"), "{error}");
    }
}
