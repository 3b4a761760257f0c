//! A pinned environment for running the real `mb` binary.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The repository root (where Cargo.toml is).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture folder under `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    repo_root().join("tests/fixtures").join(name)
}

/// `mb` run in `dir`, with colour off, a fixed terminal width and a private HOME.
pub fn mb(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("mb").expect("the mb binary is built");
    cmd.current_dir(dir).env("NO_COLOR", "1").env("COLUMNS", "100").env("HOME", dir).env_remove("CLICOLOR_FORCE");
    cmd
}

/// Output as text, for snapshots.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
