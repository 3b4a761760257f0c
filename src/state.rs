//! `.mb/`: mb's own state in a repository (search index, saved runs, locks). It is not the
//! user's content, so it keeps itself out of git with a `.gitignore` of its own.

use std::path::{Path, PathBuf};

/// The state folder's name under the repository root.
pub const DIR: &str = ".mb";

/// Creates `.mb/` (with its `.gitignore`) and the `sub` folder in it; returns the latter.
pub fn dir(root: &Path, sub: &str) -> std::io::Result<PathBuf> {
    let state = root.join(DIR);
    std::fs::create_dir_all(&state)?;
    let ignore = state.join(".gitignore");
    if !ignore.exists() {
        std::fs::write(&ignore, "# mb's own state (search index, audit runs, locks)\n*\n")?;
    }
    let path = if sub.is_empty() { state } else { state.join(sub) };
    std::fs::create_dir_all(&path)?;
    Ok(path)
}

/// Writes `bytes` to `path` so that a reader sees all of it or the old file: a hidden
/// temporary file in the same folder, synced, then renamed over.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.tmp"));
    let mut file = std::fs::File::create(&tmp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    std::fs::rename(&tmp, path)
}
