//! The git side of fixes, with libgit2: read files from HEAD's tree, and write a commit whose
//! parent is HEAD on a new branch. Only new objects and one new branch ref are written: the
//! working tree, the index, HEAD and every existing ref stay as they were.

use std::path::Path;

use git2::{BranchType, ErrorCode, FileMode, Oid, Repository, RepositoryState};

use crate::probe::repo::Symlinks;

/// The author and committer when the repository names none (`user.name`/`user.email`).
pub const FALLBACK_NAME: &str = "mb";
pub const FALLBACK_EMAIL: &str = "mb@localhost";

/// The trailer that ties a fix commit to the run it fixes.
pub const RUN_TRAILER: &str = "Mb-Run";

/// What stops mb from committing.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("{0} is not inside a git repository; `mb fix` commits to one (use --dry-run to only see the diff)")]
    NotARepository(String),
    #[error("the repository is bare; `mb fix` needs one with a working tree")]
    Bare,
    #[error("the repository is in the middle of a {0}; finish or abort it first")]
    Busy(&'static str),
    #[error("the repository has no commit yet; a fix branch starts from HEAD")]
    NoHead,
    #[error("HEAD does not point at a commit: {0}")]
    BadHead(String),
    #[error("`{0}` is not a valid branch name")]
    BadBranchName(String),
    #[error("branch `{0}` already exists; choose another with --branch NAME, or delete it (git branch -D {0})")]
    BranchExists(String),
    #[error("{0}")]
    Git(#[from] git2::Error),
}

/// An open repository, HEAD, and where the mb root sits in its working tree.
pub struct Repo {
    repo: Repository,
    /// The mb root relative to the working tree, `/`-terminated (empty at the top).
    prefix: String,
    head: Oid,
    pub head_short: String,
}

impl Repo {
    /// Opens the repository that holds `root`, refusing states where a commit would surprise.
    pub fn open(root: &Path) -> Result<Repo, GitError> {
        let repo =
            Repository::discover(root).map_err(|_| GitError::NotARepository(crate::source::display_path(root)))?;
        repo.workdir().ok_or(GitError::Bare)?;
        if let Some(busy) = busy(repo.state()) {
            return Err(GitError::Busy(busy));
        }
        let head = match repo.head() {
            Ok(head) => head.peel_to_commit().map_err(|e| GitError::BadHead(e.message().to_string()))?.id(),
            Err(e) if matches!(e.code(), ErrorCode::UnbornBranch | ErrorCode::NotFound) => {
                return Err(GitError::NoHead);
            }
            Err(e) => return Err(e.into()),
        };
        let prefix = crate::probe::repo::prefix_of(&repo, root);
        let head_short = short(&repo, head);
        Ok(Repo { repo, prefix, head, head_short })
    }

    fn head_tree(&self) -> Result<git2::Tree<'_>, git2::Error> {
        self.repo.find_commit(self.head)?.tree()
    }

    /// Whether the working tree's copy of a file differs from HEAD (a fix is made on HEAD's).
    pub fn changed_in_worktree(&self, path: &str) -> bool {
        let full = format!("{}{path}", self.prefix);
        self.repo.status_file(Path::new(&full)).is_ok_and(|s| {
            s.intersects(git2::Status::WT_MODIFIED | git2::Status::INDEX_MODIFIED | git2::Status::WT_DELETED)
        })
    }

    /// The default branch name for a date, and whether a branch already holds exactly this
    /// fix. Returns `(name, Some(existing))` when nothing needs doing.
    pub fn branch_for(
        &self,
        wanted: Option<&str>,
        date: &str,
        tree: Oid,
    ) -> Result<(String, Option<String>), GitError> {
        let candidates: Vec<String> = match wanted {
            Some(name) => vec![name.to_string()],
            None => std::iter::once(format!("mb/fix/{date}"))
                .chain((2..100).map(|n| format!("mb/fix/{date}-{n}")))
                .collect(),
        };
        for name in &candidates {
            if !git2::Branch::name_is_valid(name).unwrap_or(false) {
                return Err(GitError::BadBranchName(name.clone()));
            }
            match self.repo.find_branch(name, BranchType::Local) {
                Err(e) if e.code() == ErrorCode::NotFound => return Ok((name.clone(), None)),
                Err(e) => return Err(e.into()),
                Ok(branch) => {
                    let commit = branch.get().peel_to_commit()?;
                    let same = commit.tree_id() == tree && commit.parent_ids().next() == Some(self.head);
                    if same {
                        return Ok((name.clone(), Some(short(&self.repo, commit.id()))));
                    }
                    if wanted.is_some() {
                        return Err(GitError::BranchExists(name.clone()));
                    }
                }
            }
        }
        Err(GitError::BranchExists(candidates.last().cloned().unwrap_or_default()))
    }

    /// HEAD's tree with the changed files written in: the tree a fix commit would have.
    pub fn tree_with(&self, files: &[super::FileChange]) -> Result<Oid, GitError> {
        let base = self.head_tree()?;
        let mut update = git2::build::TreeUpdateBuilder::new();
        for file in files {
            let full = format!("{}{}", self.prefix, file.path);
            let mode = match base.get_path(Path::new(&full)).map(|e| e.filemode()) {
                Ok(0o100755) => FileMode::BlobExecutable,
                _ => FileMode::Blob,
            };
            let blob = self.repo.blob(file.after.as_bytes())?;
            update.upsert(full.as_str(), blob, mode);
        }
        Ok(update.create_updated(&self.repo, &base)?)
    }

    /// Commits `tree` with HEAD as its parent and points a new branch at it. Nothing else
    /// moves: `repo.commit(None, …)` updates no ref, and the branch is created, not forced.
    pub fn commit_on_branch(
        &self,
        branch: &str,
        tree: Oid,
        message: &str,
        when: jiff::Timestamp,
    ) -> Result<String, GitError> {
        let tree = self.repo.find_tree(tree)?;
        let parent = self.repo.find_commit(self.head)?;
        let time = git2::Time::new(when.as_second(), 0);
        let author = match self.repo.signature() {
            Ok(sig) => {
                git2::Signature::new(sig.name().unwrap_or(FALLBACK_NAME), sig.email().unwrap_or(FALLBACK_EMAIL), &time)?
            }
            Err(_) => git2::Signature::new(FALLBACK_NAME, FALLBACK_EMAIL, &time)?,
        };
        let oid = self.repo.commit(None, &author, &author, message, &tree, &[&parent])?;
        let commit = self.repo.find_commit(oid)?;
        self.repo.branch(branch, &commit, false).map_err(|e| match e.code() {
            ErrorCode::Exists => GitError::BranchExists(branch.to_string()),
            _ => GitError::Git(e),
        })?;
        Ok(short(&self.repo, oid))
    }
}

impl super::Base for Repo {
    /// A file of HEAD's tree, read by the one repository reader (`probe::repo`). Refuses a
    /// path through a symlink or into a submodule, and a file HEAD does not have (saying when
    /// it exists uncommitted).
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        let tree = self.head_tree().map_err(|e| e.message().to_string())?;
        let full = format!("{}{path}", self.prefix);
        match crate::probe::repo::tree_file(&self.repo, &tree, &full, Symlinks::Refuse) {
            Ok(Some(bytes)) => Ok(bytes),
            Ok(None) => {
                let on_disk = self.repo.workdir().map(|w| w.join(&full)).is_some_and(|p| p.exists());
                Err(if on_disk {
                    "is not committed; commit it first (fixes are made on HEAD's files)".into()
                } else {
                    "does not exist in HEAD".into()
                })
            }
            Err(why) => Err(why.strip_prefix(&format!("`{full}` ")).map(str::to_string).unwrap_or(why)),
        }
    }
}

/// Local `mb/fix/*` branches of the repository holding `root` whose tip names `run` in its
/// `Mb-Run:` trailer, with the tip's short id, by name. Works in any repository state (a
/// merge in progress does not hide them); outside a repository there are none.
pub fn fix_branches(root: &Path, run: &str) -> Vec<(String, String)> {
    let Ok(repo) = Repository::discover(root) else {
        return Vec::new();
    };
    let Ok(branches) = repo.branches(Some(BranchType::Local)) else {
        return Vec::new();
    };
    let mut out: Vec<(String, String)> = branches
        .flatten()
        .filter_map(|(branch, _)| {
            let name = branch.name().ok()??.to_string();
            if !name.starts_with("mb/fix/") {
                return None;
            }
            let commit = branch.get().peel_to_commit().ok()?;
            let message = commit.message().ok()?;
            let trailers = git2::message_trailers_strs(message).ok()?;
            let names_run = trailers.iter().any(|(k, v)| k == RUN_TRAILER && v.trim() == run);
            names_run.then(|| (name, short(&repo, commit.id())))
        })
        .collect();
    out.sort();
    out
}

fn busy(state: RepositoryState) -> Option<&'static str> {
    match state {
        RepositoryState::Clean => None,
        RepositoryState::Merge => Some("merge"),
        RepositoryState::Revert | RepositoryState::RevertSequence => Some("revert"),
        RepositoryState::CherryPick | RepositoryState::CherryPickSequence => Some("cherry-pick"),
        RepositoryState::Bisect => Some("bisect"),
        RepositoryState::Rebase | RepositoryState::RebaseInteractive | RepositoryState::RebaseMerge => Some("rebase"),
        RepositoryState::ApplyMailbox | RepositoryState::ApplyMailboxOrRebase => Some("`git am`"),
    }
}

fn short(repo: &Repository, oid: Oid) -> String {
    repo.find_object(oid, None)
        .ok()
        .and_then(|o| o.short_id().ok())
        .and_then(|b| b.as_str().ok().map(str::to_string))
        .unwrap_or_else(|| oid.to_string()[..7].to_string())
}
