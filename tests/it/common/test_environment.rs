//! `TestEnvironment`: runs the real `mb` binary in a temporary folder with a cleared, pinned
//! environment, and `CommandOutput`: what it printed and how it exited, as one snapshot.

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::fmt;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Output, Stdio};

use super::{copy_tree, repo_root};

/// The clock every run of `mb` sees (`MB_NOW`) unless a test sets another.
pub const NOW: &str = "2026-11-25T19:00:00Z";

/// Where a test's `mb` runs: a temporary folder holding a private HOME (`home/`) and the default
/// working folder (`repo/`), and the only environment variables `mb` gets.
pub struct TestEnvironment {
    root: tempfile::TempDir,
    work_dir: PathBuf,
    env: BTreeMap<OsString, OsString>,
    /// Per-run text (temporary paths, ports) and the fixed token that replaces it in outputs.
    replacements: Vec<(String, String)>,
}

impl Default for TestEnvironment {
    fn default() -> Self {
        Self::new()
    }
}

impl TestEnvironment {
    /// An empty working folder `$TEST_ENV/repo`.
    pub fn new() -> TestEnvironment {
        let root = tempfile::Builder::new().prefix("mb-test-").tempdir().expect("a temporary folder");
        let home = root.path().join("home");
        let work_dir = root.path().join("repo");
        std::fs::create_dir_all(&home).unwrap();
        std::fs::create_dir_all(&work_dir).unwrap();
        let path = std::env::var_os("PATH").unwrap_or_else(|| "/usr/local/bin:/usr/bin:/bin".into());
        let mut env = BTreeMap::new();
        for (key, value) in [
            ("PATH", path.as_os_str()),
            ("HOME", home.as_os_str()),
            ("USER", OsStr::new("tester")),
            ("LOGNAME", OsStr::new("tester")),
            ("TZ", OsStr::new("UTC")),
            ("MB_NOW", OsStr::new(NOW)),
            ("LANG", OsStr::new("C.UTF-8")),
            ("LC_ALL", OsStr::new("C.UTF-8")),
            ("NO_COLOR", OsStr::new("1")),
            ("COLUMNS", OsStr::new("100")),
        ] {
            env.insert(key.into(), value.into());
        }
        let mut test_env = TestEnvironment { root, work_dir, env, replacements: Vec::new() };
        let root = test_env.root().to_path_buf();
        if let Ok(real) = root.canonicalize()
            && real != root
        {
            test_env.add_replacement(real.display().to_string(), "$TEST_ENV");
        }
        test_env.add_replacement(root.display().to_string(), "$TEST_ENV");
        test_env.add_replacement(repo_root().display().to_string(), "$REPO");
        test_env
    }

    /// The bundled example (memory-bank/, rules/, ansible/, mb.toml) copied into the working
    /// folder, for tests that write.
    pub fn with_example() -> TestEnvironment {
        let env = TestEnvironment::new();
        for part in ["memory-bank", "rules", "ansible", "mb.toml"] {
            copy_tree(&repo_root().join(part), &env.work_dir.join(part));
        }
        env
    }

    /// `mb` runs in `dir`, an existing folder the test only reads (a fixture, the checkout).
    pub fn in_dir(dir: impl Into<PathBuf>) -> TestEnvironment {
        let mut env = TestEnvironment::new();
        env.set_work_dir(dir);
        env
    }

    /// The temporary folder; `$TEST_ENV` in outputs.
    pub fn root(&self) -> &Path {
        self.root.path()
    }

    /// The HOME `mb` sees, `$TEST_ENV/home`.
    pub fn home(&self) -> PathBuf {
        self.root().join("home")
    }

    /// Where `mb` runs unless told otherwise.
    pub fn work_dir(&self) -> &Path {
        &self.work_dir
    }

    pub fn set_work_dir(&mut self, dir: impl Into<PathBuf>) {
        self.work_dir = dir.into();
    }

    /// Pins the clock (an RFC 3339 time) for every later run.
    pub fn set_now(&mut self, rfc3339: &str) {
        self.set_env("MB_NOW", rfc3339);
    }

    pub fn set_env(&mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) {
        self.env.insert(key.as_ref().into(), value.as_ref().into());
    }

    /// Replaces `text` by `token` in every output (a fleet's folder, a random port).
    pub fn add_replacement(&mut self, text: impl Into<String>, token: &str) {
        let text = text.into();
        if !text.is_empty() {
            self.replacements.push((text, token.to_string()));
            // Longest first, so a path is never half-replaced by a shorter one inside it.
            self.replacements.sort_by_key(|(text, _)| std::cmp::Reverse(text.len()));
        }
    }

    /// A file under the working folder, as text.
    pub fn read(&self, file: &str) -> String {
        std::fs::read_to_string(self.work_dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
    }

    /// Writes a file under the working folder, creating its folders.
    pub fn write(&self, file: &str, content: impl AsRef<[u8]>) {
        let path = self.work_dir.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }

    /// `mb ARGS`, to adjust (folder, variables, stdin) before running it.
    pub fn mb<I, S>(&self, args: I) -> Invocation<'_>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        Invocation { test_env: self, command: self.command(args), stdin: None }
    }

    /// Runs `mb ARGS` in the working folder.
    pub fn run<I, S>(&self, args: I) -> CommandOutput
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.mb(args).run()
    }

    /// `mb ARGS` as a plain command with the pinned environment, for tests that start several
    /// at once; `capture` turns what each printed into a `CommandOutput`.
    pub fn command<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut command = Command::new(assert_cmd::cargo::cargo_bin("mb"));
        command.env_clear().envs(&self.env).current_dir(&self.work_dir).args(args).stdin(Stdio::null());
        command
    }

    /// What a finished `mb` printed, with this environment's paths replaced by their tokens.
    pub fn capture(&self, output: Output) -> CommandOutput {
        CommandOutput {
            stdout: self.normalize(&String::from_utf8_lossy(&output.stdout)),
            stderr: self.normalize(&String::from_utf8_lossy(&output.stderr)),
            status: output.status,
        }
    }

    /// `text` with per-run paths and values replaced by fixed tokens (`$TEST_ENV`, …).
    pub fn normalize(&self, text: &str) -> String {
        self.replacements.iter().fold(text.to_string(), |text, (from, to)| text.replace(from, to))
    }
}

/// One `mb` command about to run in a `TestEnvironment`.
pub struct Invocation<'a> {
    test_env: &'a TestEnvironment,
    command: Command,
    stdin: Option<Vec<u8>>,
}

impl Invocation<'_> {
    #[allow(dead_code, reason = "part of the harness; no test runs mb from another folder yet")]
    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.command.current_dir(dir);
        self
    }

    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Self {
        self.command.env(key, value);
        self
    }

    /// Feeds `input` on standard input (otherwise it is empty).
    #[allow(dead_code, reason = "part of the harness; no mb command reads stdin yet")]
    pub fn stdin(mut self, input: impl Into<Vec<u8>>) -> Self {
        self.stdin = Some(input.into());
        self
    }

    pub fn run(mut self) -> CommandOutput {
        let output = match self.stdin {
            None => self.command.output().expect("mb runs"),
            Some(input) => {
                self.command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
                let mut child = self.command.spawn().expect("mb runs");
                let mut pipe = child.stdin.take().expect("stdin is piped");
                // mb may exit before reading it all; what matters is what it printed.
                let writer = std::thread::spawn(move || {
                    let _ = pipe.write_all(&input);
                });
                let output = child.wait_with_output().expect("mb runs");
                let _ = writer.join();
                output
            }
        };
        self.test_env.capture(output)
    }
}

/// What one run of `mb` printed on stdout and stderr (normalised) and how it exited. Its
/// `Display` is the snapshot of all three:
///
/// ```text
/// <stdout>
/// [stderr]
/// <stderr>
/// [exit status: 1]
/// ```
pub struct CommandOutput {
    pub stdout: String,
    pub stderr: String,
    pub status: ExitStatus,
}

impl CommandOutput {
    /// The exit code (`None` if a signal ended it).
    pub fn code(&self) -> Option<i32> {
        self.status.code()
    }

    /// Standard output as JSON; panics showing the whole output when it is not.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{self}"))
    }
}

impl fmt::Display for CommandOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let end = |text: &str| if text.is_empty() || text.ends_with('\n') { "" } else { "\n" };
        write!(f, "{}{}", self.stdout, end(&self.stdout))?;
        if !self.stderr.is_empty() {
            write!(f, "[stderr]\n{}{}", self.stderr, end(&self.stderr))?;
        }
        // ExitStatus shows `exit status: N`, or the signal that ended the process.
        write!(f, "[{}]", self.status)
    }
}

impl fmt::Debug for CommandOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}
