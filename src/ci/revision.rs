//! Revisions of the repository, read from git's objects: which commit a name means, and the
//! Memory Bank and rule files as they are at that commit. Nothing is checked out: the working
//! tree, the index and every ref stay as they are.

use std::path::{Path, PathBuf};

use git2::{ObjectType, Oid, Repository};

use crate::probe::repo::RepoFiles;

/// The file mode git gives a symbolic link.
const LINK: i32 = 0o120000;

/// Why a revision could not be read.
#[derive(Debug, thiserror::Error)]
pub enum RevisionError {
    #[error("{0} is not inside a git repository; `mb ci` compares two commits of one")]
    NotARepository(String),
    #[error("no commit `{name}` in the repository{hint}")]
    Unknown { name: String, hint: String },
    #[error("reading `{name}`: {source}")]
    Git {
        name: String,
        #[source]
        source: git2::Error,
    },
    #[error("`{path}` at `{name}` is larger than {} MiB, the most mb reads of one file", crate::kb::load::MAX_INPUT >> 20)]
    TooLarge { name: String, path: String },
}

/// A commit, as the user named it.
#[derive(Debug, Clone)]
pub struct Revision {
    /// What the user wrote (`origin/main`, `HEAD`, `main...HEAD`).
    pub name: String,
    pub id: Oid,
    /// The abbreviated id, for reports.
    pub short: String,
}

/// The repository holding an mb root.
pub struct Repo {
    repo: Repository,
    root: PathBuf,
    /// The mb root's place in the working tree, `/`-terminated (empty at the top).
    prefix: String,
}

impl Repo {
    pub fn open(root: &Path) -> Result<Repo, RevisionError> {
        let (repo, prefix) = crate::probe::repo::open(root)
            .map_err(|_| RevisionError::NotARepository(crate::source::display_path(root)))?;
        Ok(Repo { repo, root: root.to_path_buf(), prefix })
    }

    /// The commit `name` means: anything `git rev-parse` takes, or `A...B` for the merge base
    /// of A and B (the commit a pull request's three-dot diff starts from).
    pub fn revision(&self, name: &str) -> Result<Revision, RevisionError> {
        let id = match name.split_once("...") {
            Some((a, b)) => {
                let a = self.commit(if a.is_empty() { "HEAD" } else { a })?;
                let b = self.commit(if b.is_empty() { "HEAD" } else { b })?;
                self.repo.merge_base(a, b).map_err(|source| RevisionError::Git { name: name.to_string(), source })?
            }
            None => self.commit(name)?,
        };
        let short = self
            .repo
            .find_object(id, None)
            .ok()
            .and_then(|o| o.short_id().ok())
            .and_then(|b| b.as_str().ok().map(str::to_string))
            .unwrap_or_else(|| id.to_string()[..7].to_string());
        Ok(Revision { name: name.to_string(), id, short })
    }

    fn commit(&self, name: &str) -> Result<Oid, RevisionError> {
        match self.repo.revparse_single(name).and_then(|o| o.peel_to_commit()) {
            Ok(commit) => Ok(commit.id()),
            Err(_) => {
                let hint = if self.repo.is_shallow() {
                    format!(
                        "; this clone is shallow and may not reach it: fetch more history \
                         (`git fetch --unshallow`, or in GitHub Actions `actions/checkout` with \
                         `fetch-depth: 0`), or fetch the base itself (`git fetch origin {}`)",
                        name.trim_start_matches("origin/")
                    )
                } else if name.contains('/') {
                    format!("; fetch it first (`git fetch {}`)", name.replacen('/', " ", 1))
                } else {
                    String::new()
                };
                Err(RevisionError::Unknown { name: name.to_string(), hint })
            }
        }
    }

    /// The mb root's place in the repository's working tree, `/`-terminated (empty at the top).
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The repository files of a revision, for `scope: repo` checks.
    pub fn files(&self, rev: &Revision) -> RepoFiles {
        RepoFiles::Commit { root: self.root.clone(), rev: rev.id.to_string() }
    }

    /// The Memory Bank folder of revision `rev`: the first of [`crate::kb::load::BANK_FOLDERS`]
    /// that is a folder in its tree, else `memory-bank` (as [`crate::kb::load::bank_folder`]
    /// picks a working tree's). Each revision's own: a change may move the bank.
    pub fn bank_folder(&self, rev: &Revision) -> Result<&'static str, RevisionError> {
        let tree = self.tree(rev)?;
        // (A folder holding something but placeholders: `memory-bank/.gitkeep` is no bank.)
        let holds_something = |folder: &str| {
            self.at(&tree, folder).is_some_and(|(kind, id, _)| {
                kind == ObjectType::Tree
                    && self
                        .repo
                        .find_tree(id)
                        .is_ok_and(|t| t.iter().any(|e| !crate::kb::load::is_placeholder(e.name_bytes())))
            })
        };
        Ok(crate::kb::load::first_bank_folder(holds_something, |path| {
            self.kind_at(&tree, path) == Some(ObjectType::Blob)
        }))
    }

    /// The core files revision `rev` keeps at the mb root rather than in its bank folder `bank`
    /// ([`crate::kb::load::core_files_kept_at_root`], as a working tree's are read).
    pub fn root_core_files(&self, rev: &Revision, bank: &str) -> Result<Vec<&'static str>, RevisionError> {
        let tree = self.tree(rev)?;
        let entry = |path: &str| tree.get_path(Path::new(&format!("{}{path}", self.prefix))).ok();
        // (A file at the root, or a link to one inside the mb root, as on disk and in
        // `markdown`; in the folder, any entry of a core file's name is the folder's own.)
        Ok(crate::kb::load::core_files_kept_at_root(
            |name| self.kind_at(&tree, name) == Some(ObjectType::Blob),
            |name| entry(&format!("{bank}/{name}")).is_some(),
        ))
    }

    /// Whether revision `rev` reads its root `.clinerules` file as the journal of its bank
    /// folder `bank` ([`crate::kb::load::journal_kept_at_root`], as a working tree's is read):
    /// a plain file at the mb root (no link), beside the bank folder or core files kept at the
    /// root (`core_at_root`), when the folder's walk read no journal of its own (`in_folder`).
    pub fn journal_at_root(
        &self,
        rev: &Revision,
        bank: &str,
        core_at_root: bool,
        in_folder: bool,
    ) -> Result<bool, RevisionError> {
        let tree = self.tree(rev)?;
        let at = format!("{}{}", self.prefix, crate::kb::load::CLINE_JOURNAL);
        let plain = tree
            .get_path(Path::new(&at))
            .ok()
            .is_some_and(|e| e.kind() == Some(ObjectType::Blob) && e.filemode() != LINK);
        let folder = self.kind_at(&tree, bank) == Some(ObjectType::Tree);
        Ok(crate::kb::load::journal_kept_at_root(plain, folder || core_at_root, in_folder))
    }

    /// The Markdown files at `rev` under `path` (a folder or a file, relative to the mb root),
    /// as `(path shown, text)` sorted by path — and Cline's journal ([`crate::kb::load::CLINE_JOURNAL`])
    /// when `bank` says `path` is a Memory Bank folder. Hidden entries are skipped, and a link
    /// is followed where it leads inside the mb root ([`Repo::follow`]), as on disk; text that
    /// is not UTF-8 is read with replacement characters; a file larger than
    /// [`crate::kb::load::MAX_INPUT`] is an error, not read.
    pub fn markdown(&self, rev: &Revision, path: &str, bank: bool) -> Result<Vec<(PathBuf, String)>, RevisionError> {
        let git = |source| RevisionError::Git { name: rev.name.clone(), source };
        let tree = self.tree(rev)?;
        // (`.` names the mb root itself, as `mb decisions .` does: found by the twelfth
        // session's review, `mb ci --memory-bank .` read nothing at all.)
        let path = if matches!(path, "" | ".") { "" } else { path };
        let Some((kind, id, real)) = self.at(&tree, path) else {
            return Ok(Vec::new());
        };
        // (A name under a folder; under the root, the name alone.)
        let under =
            |folder: &str, name: &str| if folder.is_empty() { name.to_string() } else { format!("{folder}/{name}") };
        let mut found: Vec<(PathBuf, Oid)> = Vec::new();
        match kind {
            ObjectType::Blob => found.push((PathBuf::from(path), id)),
            ObjectType::Tree => {
                // (Where the root's `.clinerules` really is, for a journal that leads there.)
                let root_rules = self.at(&tree, crate::kb::load::CLINE_JOURNAL).map(|(.., real)| real);
                // (Each folder once, by where it really is: a link back up is a loop, walked
                // no further; two folders of the same content are two.)
                let mut seen = std::collections::HashSet::from([real.clone()]);
                // (Where each folder is shown, where it really is, and its tree.)
                let mut folders = vec![(path.to_string(), real, id)];
                while let Some((shown, real, id)) = folders.pop() {
                    let sub = self.repo.find_tree(id).map_err(git)?;
                    for e in sub.iter() {
                        let Ok(name) = e.name() else { continue };
                        let at = under(&real, name);
                        let Some((kind, id, real)) = self.follow(&tree, &at, &e) else { continue };
                        if crate::kb::load::is_hidden(name, kind == ObjectType::Tree) {
                            continue;
                        }
                        // (The root's own `.clinerules` is its rule file, not a journal.)
                        let at_root = shown.is_empty();
                        let shown = under(&shown, name);
                        match kind {
                            ObjectType::Tree if seen.insert(real.clone()) => folders.push((shown, real, id)),
                            ObjectType::Blob
                                if crate::kb::load::is_markdown(name)
                                    || (bank
                                        && crate::kb::load::is_journal_name(name)
                                        && !at_root
                                        // (Not the root's rule file reached through a link,
                                        // wherever that file leads.)
                                        && Some(&real) != root_rules.as_ref()) =>
                            {
                                found.push((PathBuf::from(shown), id));
                            }
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
        found.sort();
        found
            .into_iter()
            .map(|(shown, id)| {
                // (The size from the object's header: a huge blob is not read to be refused.)
                let (size, _) = self.repo.odb().and_then(|odb| odb.read_header(id)).map_err(git)?;
                if size as u64 > crate::kb::load::MAX_INPUT {
                    return Err(RevisionError::TooLarge {
                        name: rev.name.clone(),
                        path: crate::source::display_path(&shown),
                    });
                }
                let blob = self.repo.find_blob(id).map_err(git)?;
                Ok((shown, String::from_utf8_lossy(blob.content()).into_owned()))
            })
            .collect()
    }

    /// The tree of revision `rev`'s commit.
    fn tree(&self, rev: &Revision) -> Result<git2::Tree<'_>, RevisionError> {
        self.repo
            .find_commit(rev.id)
            .and_then(|c| c.tree())
            .map_err(|source| RevisionError::Git { name: rev.name.clone(), source })
    }

    /// What lies at `path` (relative to the mb root; `""` is the root) in `tree`, a link
    /// followed ([`Repo::follow`]): its kind, its object and its real path, or nothing to read.
    fn at(&self, tree: &git2::Tree, path: &str) -> Option<(ObjectType, Oid, String)> {
        let full = format!("{}{path}", self.prefix);
        match full.trim_end_matches('/') {
            "" => Some((ObjectType::Tree, tree.id(), String::new())),
            full => tree.get_path(Path::new(full)).ok().and_then(|e| self.follow(tree, full, &e)),
        }
    }

    /// The kind of what lies at `path` ([`Repo::at`]): a file, a folder, or nothing to read.
    fn kind_at(&self, tree: &git2::Tree, path: &str) -> Option<ObjectType> {
        self.at(tree, path).map(|(kind, ..)| kind)
    }

    /// Where the entry `entry` at `at` (its path in the tree `tree`) leads: itself, or for a
    /// link, what it points to — its kind, its object and its real path — through links in the
    /// target's middle too (`../notes/alias/n.md`), up to 40 in all, as the kernel follows them
    /// on disk. `None` for a link out of the mb root (an absolute target, or `..` past it), to
    /// nothing, or too long to be a path; for a submodule, nothing to read.
    fn follow(&self, tree: &git2::Tree, at: &str, entry: &git2::TreeEntry) -> Option<(ObjectType, Oid, String)> {
        let mut hops = 0;
        self.resolve(tree, at.to_string(), entry.filemode(), entry.id(), entry.kind()?, &mut hops)
    }

    /// [`Repo::follow`] for the entry of `mode`, `id` and `kind` at `at`, `hops` links followed
    /// so far.
    fn resolve(
        &self,
        tree: &git2::Tree,
        at: String,
        mode: i32,
        id: Oid,
        kind: ObjectType,
        hops: &mut u32,
    ) -> Option<(ObjectType, Oid, String)> {
        if mode != LINK {
            return matches!(kind, ObjectType::Blob | ObjectType::Tree).then_some((kind, id, at));
        }
        *hops += 1;
        if *hops > 40 {
            return None;
        }
        let blob = self.repo.find_blob(id).ok()?;
        if blob.size() > 4096 {
            return None;
        }
        let target = std::str::from_utf8(blob.content()).ok()?;
        if target.starts_with('/') {
            return None;
        }
        // Inside the mb root: `sub/` holds `sub` and what is under it.
        let inside = |path: &str| self.prefix.is_empty() || format!("{path}/").starts_with(&self.prefix);
        // The target, from the link's folder, a part at a time.
        let mut folder: Vec<String> = at.split('/').filter(|p| !p.is_empty()).map(str::to_string).collect();
        folder.pop();
        let parts: Vec<&str> = target.split('/').filter(|p| !p.is_empty() && *p != ".").collect();
        for (i, part) in parts.iter().enumerate() {
            if *part == ".." {
                folder.pop()?;
                continue;
            }
            folder.push((*part).to_string());
            let path = folder.join("/");
            if !inside(&path) {
                return None;
            }
            let entry = tree.get_path(Path::new(&path)).ok()?;
            let (kind, id, real) = self.resolve(tree, path, entry.filemode(), entry.id(), entry.kind()?, hops)?;
            if i + 1 == parts.len() {
                return inside(&real).then_some((kind, id, real));
            }
            if kind != ObjectType::Tree {
                return None;
            }
            folder = real.split('/').filter(|p| !p.is_empty()).map(str::to_string).collect();
        }
        // (A target ending in `..` or `.`: the folder it names.)
        let path = folder.join("/");
        if !inside(&path) {
            return None;
        }
        if path.is_empty() {
            return Some((ObjectType::Tree, tree.id(), path));
        }
        let entry = tree.get_path(Path::new(&path)).ok()?;
        (entry.kind() == Some(ObjectType::Tree)).then(|| (ObjectType::Tree, entry.id(), path))
    }
}
