//! What the integration tests share: the `TestEnvironment` that runs the real `mb`, fixture
//! paths, and a real `git` with a pinned environment.

use std::path::{Path, PathBuf};

mod test_environment;

pub use test_environment::{CommandOutput, TestEnvironment};

/// The repository root (where Cargo.toml is).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture folder under `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    repo_root().join("tests/fixtures").join(name)
}

/// Output as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Copies a file or a folder recursively; symlinks are copied as symlinks.
pub fn copy_tree(from: &Path, to: &Path) {
    let kind = std::fs::symlink_metadata(from).unwrap().file_type();
    if kind.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            copy_tree(&entry.path(), &to.join(entry.file_name()));
        }
    } else if kind.is_symlink() {
        let _ = std::os::unix::fs::symlink(std::fs::read_link(from).unwrap(), to);
    } else {
        std::fs::copy(from, to).unwrap();
    }
}

/// The real `git`, in `dir`, with no user or system configuration, a fixed identity and
/// clock; panics with git's stderr when it fails.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = git_command(dir).args(args).output().expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", text(&out.stderr));
    text(&out.stdout)
}

/// `git` in `dir` with a cleared environment: only PATH, a HOME of `dir`, no configuration
/// files, the C locale, and a fixed author, committer and clock.
pub fn git_command(dir: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new("git");
    cmd.current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_else(|| "/usr/local/bin:/usr/bin:/bin".into()))
        .env("HOME", dir)
        .env("TZ", "UTC")
        .env("LANG", "C")
        .env("LC_ALL", "C")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Ada Admin")
        .env("GIT_AUTHOR_EMAIL", "ada@example.org")
        .env("GIT_COMMITTER_NAME", "Ada Admin")
        .env("GIT_COMMITTER_EMAIL", "ada@example.org")
        .env("GIT_AUTHOR_DATE", "2026-11-20T10:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-11-20T10:00:00Z");
    cmd
}

/// A git repository holding `dir`'s files in one commit on `main`.
pub fn git_init(dir: &Path) {
    git(dir, &["init", "-q", "-b", "main"]);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "the fleet as it is"]);
}

/// `text` as Windows PowerShell 5 leaves it when it reads a UTF-8 file as Windows-1251 and
/// writes it back as UTF-8 with a BOM: each byte of the UTF-8 became one Cyrillic letter or sign.
pub fn saved_through_windows_1251(text: &str) -> Vec<u8> {
    const HIGH: &str = "ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—\u{98}™љ›њќћџ\u{a0}ЎўЈ¤Ґ¦§Ё©Є«¬\u{ad}®Ї°±Ііґµ¶·ё№є»јЅѕї";
    let high: Vec<char> = HIGH.chars().collect();
    assert_eq!(high.len(), 64);
    let garbled: String = text
        .bytes()
        .map(|b| match b {
            0..=0x7f => b as char,
            0x80..=0xbf => high[usize::from(b - 0x80)],
            _ => char::from_u32(0x410 + u32::from(b - 0xc0)).unwrap(),
        })
        .collect();
    format!("\u{feff}{garbled}").into_bytes()
}
