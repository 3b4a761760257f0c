//! The repository as a target: `scope: repo` checks read the repository's own files, from the
//! working tree or from a commit's tree in git's objects (no checkout: the working tree, the
//! index and every ref stay as they are).
//!
//! One rule for both, and for `mb fix`'s reads of HEAD: a path is named relative to the
//! repository root and never leaves it — `..` and absolute paths are refused, and a symlink is
//! followed only while its target stays inside the repository (`mb fix`, which writes, refuses
//! symlinks altogether: an edit through one would change another file than the one named).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use git2::{ObjectType, Repository, Tree};

use super::{BoxFuture, Fact, HostOutcome, HostStatus, Job, ProbeKey, Transport};

/// Where the repository's files are read from.
#[derive(Debug, Clone)]
pub enum RepoFiles {
    /// The files as they are on disk under `root`.
    WorkTree { root: PathBuf },
    /// The files of a commit (`HEAD`, `origin/main`, a commit id) of the repository that holds
    /// `root`, read from git's objects; `root`'s place in the working tree is kept.
    Commit { root: PathBuf, rev: String },
}

/// Whether symlinks inside the repository are followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Symlinks {
    /// Followed while they stay inside the repository (reading).
    FollowInside,
    /// Refused (writing: `mb fix`).
    Refuse,
}

/// At most this many symlinks on one path (a loop ends here).
const MAX_LINKS: usize = 40;

impl RepoFiles {
    /// A file's bytes; `Ok(None)` when it does not exist.
    pub fn read(&self, path: &str) -> Result<Option<Vec<u8>>, String> {
        let rel = crate::source::repo_relative(Path::new(path)).map_err(|why| format!("`{path}` {why}"))?;
        match self {
            RepoFiles::WorkTree { root } => read_worktree(root, &rel),
            RepoFiles::Commit { root, rev } => {
                let (repo, prefix) = open(root)?;
                let commit = repo
                    .revparse_single(rev)
                    .and_then(|o| o.peel_to_commit())
                    .map_err(|e| format!("no commit `{rev}` in the repository: {}", e.message()))?;
                let tree = commit.tree().map_err(|e| e.message().to_string())?;
                tree_file(&repo, &tree, &format!("{prefix}{rel}"), Symlinks::FollowInside)
            }
        }
    }

    /// Where commands of `scope: repo` checks run: the working tree (a commit's tree has no
    /// place on disk).
    fn workdir(&self) -> Option<&Path> {
        match self {
            RepoFiles::WorkTree { root } => Some(root),
            RepoFiles::Commit { .. } => None,
        }
    }

    fn fact(&self, probe: &ProbeKey) -> Fact {
        match probe {
            ProbeKey::File { path } => match self.read(path) {
                Ok(Some(content)) => Fact::File { content, private: false },
                Ok(None) => Fact::Absent,
                Err(reason) => Fact::Missing { reason },
            },
            ProbeKey::Api { .. } => Fact::Missing { reason: "the repository has no API".into() },
            ProbeKey::Command { command, args } => match self.workdir() {
                None => Fact::Missing { reason: "a command cannot run against a commit's tree".into() },
                Some(dir) => match std::process::Command::new("sh")
                    .arg("-c")
                    .arg(&**command)
                    .arg("sh")
                    .args(args)
                    .current_dir(dir)
                    .stdin(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null())
                    .output()
                {
                    Ok(out) => Fact::Output { stdout: out.stdout, status: out.status.code().unwrap_or(-1) },
                    Err(e) => Fact::Missing { reason: format!("cannot run `{command}`: {e}") },
                },
            },
        }
    }
}

impl Transport for RepoFiles {
    fn gather(&self, job: Job) -> BoxFuture<HostOutcome> {
        let files = self.clone();
        Box::pin(async move {
            let started = Instant::now();
            let facts = tokio::task::spawn_blocking(move || {
                job.probes.iter().map(|p| (p.clone(), Arc::new(files.fact(p)))).collect()
            })
            .await;
            match facts {
                Ok(facts) => HostOutcome { status: HostStatus::Ok, error: None, facts, duration: started.elapsed() },
                Err(e) => HostOutcome::failed(
                    HostStatus::Error,
                    format!("reading the repository failed: {e}"),
                    started.elapsed(),
                ),
            }
        })
    }
}

/// A working-tree file, refusing a path whose symlinks lead outside the repository.
fn read_worktree(root: &Path, rel: &str) -> Result<Option<Vec<u8>>, String> {
    let canonical_root = root.canonicalize().map_err(|e| format!("{}: {e}", root.display()))?;
    match root.join(rel).canonicalize() {
        Ok(real) if !real.starts_with(&canonical_root) => {
            Err(format!("`{rel}` leads outside the repository (through a symlink)"))
        }
        Ok(real) if real.is_dir() => Err(format!("`{rel}` is a folder, not a file")),
        Ok(real) => std::fs::read(real).map(Some).map_err(|e| format!("cannot read `{rel}`: {e}")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read `{rel}`: {e}")),
    }
}

/// The repository holding `root`, and `root`'s place in its working tree (`/`-terminated,
/// empty at the top).
pub fn open(root: &Path) -> Result<(Repository, String), String> {
    let repo = Repository::discover(root)
        .map_err(|_| format!("{} is not inside a git repository", crate::source::display_path(root)))?;
    let prefix = prefix_of(&repo, root);
    Ok((repo, prefix))
}

/// `root`'s place in the repository's working tree, `/`-terminated (empty at the top).
pub fn prefix_of(repo: &Repository, root: &Path) -> String {
    let (Some(workdir), Ok(root)) = (repo.workdir().and_then(|w| w.canonicalize().ok()), root.canonicalize()) else {
        return String::new();
    };
    match root.strip_prefix(&workdir) {
        Ok(rel) if rel.as_os_str().is_empty() => String::new(),
        Ok(rel) => format!("{}/", crate::source::display_path(rel)),
        Err(_) => String::new(),
    }
}

/// A file of a git tree at a `/`-separated path from the tree's top; `Ok(None)` when no such
/// entry exists. Submodules are refused; symlinks as `links` says.
pub fn tree_file(repo: &Repository, tree: &Tree, path: &str, links: Symlinks) -> Result<Option<Vec<u8>>, String> {
    let mut parts: Vec<String> = path.split('/').filter(|p| !p.is_empty()).map(str::to_string).collect();
    parts.reverse(); // a stack: the next component is last
    let mut walked: Vec<String> = Vec::new();
    let mut hops = 0;
    while let Some(part) = parts.pop() {
        walked.push(part);
        let here = walked.join("/");
        let entry = match tree.get_path(Path::new(&here)) {
            Ok(entry) => entry,
            Err(_) => return Ok(None),
        };
        match entry.filemode() {
            0o160000 => return Err(format!("`{path}` is inside the submodule `{here}`")),
            0o120000 => {
                if links == Symlinks::Refuse {
                    return Err(format!(
                        "`{path}` goes through a symlink (`{here}` is a symlink); mb edits only real files of the repository"
                    ));
                }
                hops += 1;
                if hops > MAX_LINKS {
                    return Err(format!("`{path}`: too many levels of symlinks"));
                }
                let blob = entry.to_object(repo).and_then(|o| o.peel_to_blob()).map_err(|e| e.message().to_string())?;
                let target = String::from_utf8_lossy(blob.content()).into_owned();
                if target.starts_with('/') {
                    return Err(format!("`{path}` leads outside the repository (`{here}` points to `{target}`)"));
                }
                walked.pop();
                for t in target.split('/') {
                    match t {
                        "" | "." => {}
                        ".." => {
                            if walked.pop().is_none() {
                                return Err(format!(
                                    "`{path}` leads outside the repository (`{here}` points to `{target}`)"
                                ));
                            }
                        }
                        name => walked.push(name.to_string()),
                    }
                }
                // Walk the resolved prefix again, component by component, so links in it are
                // followed too.
                let resolved = std::mem::take(&mut walked);
                parts.extend(resolved.into_iter().rev());
            }
            _ if parts.is_empty() => {
                if entry.kind() != Some(ObjectType::Blob) {
                    return Err(format!("`{path}` is a folder, not a file"));
                }
                let blob = entry.to_object(repo).and_then(|o| o.peel_to_blob()).map_err(|e| e.message().to_string())?;
                return Ok(Some(blob.content().to_vec()));
            }
            _ => {}
        }
    }
    Err(format!("`{path}` names no file"))
}
