//! `.mb/`: mb's own state in a repository (search index, saved runs, locks). It is not the
//! user's content, so it keeps itself out of git with a `.gitignore` of its own.

use std::path::{Path, PathBuf};

/// The state folder's name under the repository root.
pub const DIR: &str = ".mb";

/// Creates `.mb/` (with its `.gitignore`) and the `sub` folder in it; returns the latter.
/// Both are the owner's alone (0700): runs hold what hosts answered.
pub fn dir(root: &Path, sub: &str) -> std::io::Result<PathBuf> {
    let state = root.join(DIR);
    private_dir(&state)?;
    let ignore = state.join(".gitignore");
    if !ignore.exists() {
        std::fs::write(&ignore, "# mb's own state (search index, audit runs, locks)\n*\n")?;
    }
    let path = if sub.is_empty() { state } else { state.join(sub) };
    private_dir(&path)?;
    Ok(path)
}

fn private_dir(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt as _, PermissionsExt as _};
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(path)?;
    // A folder made by an older mb (or by hand) is tightened too.
    let meta = std::fs::metadata(path)?;
    if meta.permissions().mode() & 0o077 != 0 {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Writes a new file readable by its owner only (0600) under the first name `name(n)` (for
/// n = 1, 2, …) that no file has yet, never replacing one even when other processes write
/// at the same time; a reader sees the whole file or none. `bytes(n)` is the content for
/// that name. Returns the path written and its n.
pub fn create_new_private(
    dir: &Path,
    name: impl Fn(u32) -> String,
    mut write: impl FnMut(u32, &mut (dyn std::io::Write + Send)) -> std::io::Result<()>,
) -> std::io::Result<(PathBuf, u32)> {
    use std::os::unix::fs::OpenOptionsExt as _;
    sweep(dir);
    let tmp = dir.join(format!(".{}.{}.tmp", name(1), std::process::id()));
    let mut attempt = || {
        for n in 1..=10_000 {
            let path = dir.join(name(n));
            let file = std::fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(&tmp)?;
            // Streamed through a buffer: a large run never exists whole as text in memory.
            let mut out = std::io::BufWriter::with_capacity(1 << 16, SyncBehind::new(file, SYNC_EVERY));
            write(n, &mut out)?;
            out.into_inner().map_err(|e| e.into_error())?.finish()?;
            // A hard link is created whole or not at all, and never over an existing file.
            match std::fs::hard_link(&tmp, &path) {
                Ok(()) => return Ok((path, n)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
        Err(std::io::Error::new(std::io::ErrorKind::AlreadyExists, "10000 files of that name already"))
    };
    let result = attempt();
    let _ = std::fs::remove_file(&tmp);
    result
}

/// How much is written between two syncs of [`SyncBehind`].
const SYNC_EVERY: u64 = 32 << 20;

/// A file being written while a second thread puts on disk what has been written so far, so
/// the sync that ends the write waits only for the last stretch: a 100 000-host run file
/// (900 MB) would otherwise wait a second or more for all of it, every core idle. The thread
/// is started once `every` bytes are written; smaller files are synced once, at the end.
struct SyncBehind {
    file: std::fs::File,
    every: u64,
    unsynced: u64,
    syncer: Option<(std::sync::mpsc::SyncSender<()>, std::thread::JoinHandle<std::io::Result<()>>)>,
}

impl SyncBehind {
    fn new(file: std::fs::File, every: u64) -> SyncBehind {
        SyncBehind { file, every, unsynced: 0, syncer: None }
    }

    /// Asks the sync thread (started on first use) to put what is written on disk.
    fn nudge(&mut self) -> std::io::Result<()> {
        if self.syncer.is_none() {
            let file = self.file.try_clone()?;
            let (ask, asked) = std::sync::mpsc::sync_channel::<()>(1);
            let thread = std::thread::Builder::new().name("mb-sync".into()).spawn(move || {
                for () in asked {
                    file.sync_data()?;
                }
                Ok(())
            })?;
            self.syncer = Some((ask, thread));
        }
        if let Some((ask, _)) = &self.syncer {
            // Full: a sync is asked for and not yet started, and it covers these bytes too.
            // Gone: the thread met an error, which `finish` returns.
            let _ = ask.try_send(());
        }
        Ok(())
    }

    /// Waits for the sync thread, then syncs the rest, data and metadata.
    fn finish(mut self) -> std::io::Result<()> {
        if let Some((ask, thread)) = self.syncer.take() {
            drop(ask);
            thread.join().map_err(|_| std::io::Error::other("the thread syncing the file failed"))??;
        }
        self.file.sync_all()
    }
}

impl std::io::Write for SyncBehind {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(buf)?;
        self.unsynced += n as u64;
        if self.unsynced >= self.every {
            self.unsynced = 0;
            self.nudge()?;
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

/// Deletes the temporary files (`.NAME.PID.tmp`) that writers of `dir` killed half-way left:
/// those whose process is gone. Where `/proc` cannot tell, nothing is deleted.
fn sweep(dir: &Path) {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return;
    }
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let pid = name
            .strip_prefix('.')
            .and_then(|n| n.strip_suffix(".tmp"))
            .and_then(|n| n.rsplit_once('.'))
            .map(|(_, pid)| pid)
            .filter(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()));
        if let Some(pid) = pid
            && !proc.join(pid).exists()
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Writes `bytes` to `path` so that a reader sees all of it or the old file: a hidden
/// temporary file in the same folder, synced, then renamed over.
/// A write that fails (a full disk) removes its temporary file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.tmp"));
    let result = std::fs::File::create(&tmp).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    #[test]
    fn a_file_synced_behind_its_writer_is_written_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big");
        let mut out = SyncBehind::new(std::fs::File::create(&path).unwrap(), 64 << 10);
        let mut expected = Vec::new();
        for i in 0..400u32 {
            let piece: Vec<u8> = (0..3000u32).map(|j| (i * 7 + j) as u8).collect();
            out.write_all(&piece).unwrap();
            expected.extend_from_slice(&piece);
        }
        // 1.2 MB through a 64 KiB stretch: the sync thread ran beside the writes.
        assert!(out.syncer.is_some());
        out.finish().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), expected);
    }

    #[test]
    fn a_new_file_is_whole_and_never_replaces_one_of_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let (path, n) =
            create_new_private(dir.path(), |n| format!("run-{n}.json"), |_, out| out.write_all(b"{}")).unwrap();
        assert_eq!((std::fs::read(&path).unwrap(), n), (b"{}".to_vec(), 1));
        let (again, n) =
            create_new_private(dir.path(), |n| format!("run-{n}.json"), |_, out| out.write_all(b"[]")).unwrap();
        assert_eq!((again.file_name().unwrap().to_str().unwrap(), n), ("run-2.json", 2));
        assert_eq!(std::fs::read(&path).unwrap(), b"{}".to_vec());
    }
}
