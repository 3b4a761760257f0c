//! Reading a Memory Bank folder: find the Markdown files, parse them in parallel, resolve
//! supersession across them.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Document, KnowledgeBase, parse::parse_document, supersede};
use crate::source::{ReadError, SourceFile};

/// Markdown files under a folder (or the file itself), sorted, with the path each is shown
/// under. Hidden folders (`.git`, `.mb`) are not entered.
#[derive(Debug, Default)]
pub struct MarkdownFiles {
    /// `(path on disk, display path)`.
    pub files: Vec<(PathBuf, PathBuf)>,
    pub errors: Vec<ReadError>,
    /// Files left out, and why (see [`admit`]), and files read repaired
    /// ([`read_markdown`]): warnings, not errors.
    pub warnings: Vec<String>,
    /// Folders already walked (a symlink loop is walked once).
    seen: std::collections::HashSet<PathBuf>,
    /// Whether the walk is a Memory Bank's, which reads Cline's journal ([`CLINE_JOURNAL`]).
    bank: bool,
    /// Where links may lead (resolved): the repository, and a folder outside it that was named
    /// on the command line.
    bounds: Vec<PathBuf>,
}

/// The largest input file mb reads (a Memory Bank or rule file, or one it indexes).
pub const MAX_INPUT: u64 = 64 << 20;

/// Where agents keep a repository's Memory Bank, in the order mb looks for it: Cline, Roo Code
/// and Cursor in `memory-bank/` (the first, and the default), Kilo Code in
/// `.kilocode/rules/memory-bank/`, and the other folders public banks use — the same name with
/// an underscore or hidden, in `docs/`, beside Cline's rules, Cursor's, Copilot's, Roo Code's,
/// Windsurf's and Claude Code's settings (Cursor's and Roo Code's also among their rules), in `.ai/`
/// (as `memory-bank/` or `memory/`, the agents' memory folder some frameworks keep their
/// `decisions.md` in), `cline_docs/`, where Cline's first Memory Bank instructions kept it, and
/// Kiro's steering files in `.kiro/steering/` (`product.md`, `tech.md`, `structure.md` and
/// any others the team adds: what the agent reads of the project each session, as a bank is).
pub const BANK_FOLDERS: [&str; 19] = [
    "memory-bank",
    KILO_BANK,
    "memory_bank",
    ".memory-bank",
    "docs/memory-bank",
    ".clinerules/memory-bank",
    ".cursor/memory-bank",
    ".cursor/rules/memory-bank",
    ".github/memory-bank",
    ".roo/memory-bank",
    ".roo/rules/memory-bank",
    ".agents/rules/memory-bank",
    ".agent/rules/memory-bank",
    ".windsurf/memory-bank",
    ".claude/memory-bank",
    ".ai/memory-bank",
    ".ai/memory",
    "cline_docs",
    ".kiro/steering",
];

/// The files agents keep in a Memory Bank (Cline's core files and Roo Code's decision log), read
/// at a repository's root when the bank keeps them there ([`core_files_kept_at_root`]).
const CORE_FILES: [&str; 7] = [
    "projectbrief.md",
    "productContext.md",
    "activeContext.md",
    "systemPatterns.md",
    "techContext.md",
    "progress.md",
    "decisionLog.md",
];

/// Kilo Code's core files, which a bank folder of its may hold instead of Cline's.
const KILO_FILES: [&str; 5] = ["brief.md", "product.md", "context.md", "architecture.md", "tech.md"];

/// Which core files ([`CORE_FILES`]) a repository keeps at its root rather than in its bank
/// folder: those at the root, when at least two lie there (one `progress.md` may be anything's)
/// and the bank folder holds none of them nor Kilo Code's ([`KILO_FILES`]): a folder of notes
/// beside them, or none. Those are the bank's files, read with the folder's; nothing else at
/// the root is (it would be every Markdown file of the repository). `at_root` and `in_folder` say whether a file of a name
/// is there: in a working tree ([`root_core_files`]) or in a revision's tree (`mb ci`).
pub fn core_files_kept_at_root(at_root: impl Fn(&str) -> bool, in_folder: impl Fn(&str) -> bool) -> Vec<&'static str> {
    let found: Vec<&'static str> = CORE_FILES.into_iter().filter(|name| at_root(name)).collect();
    if found.len() < 2 || CORE_FILES.into_iter().chain(KILO_FILES).any(in_folder) {
        return Vec::new();
    }
    found
}

/// [`core_files_kept_at_root`] in the working tree at `root`, for the bank folder `folder`:
/// none unless `folder` is the repository's own ([`bank_folder`]), found or given.
pub fn root_core_files(root: &Path, folder: &Path) -> Vec<&'static str> {
    if !is_own_bank(root, folder) {
        return Vec::new();
    }
    beside_own_bank(root, folder)
}

/// Whether `folder` is the repository's own bank folder at `root` ([`bank_folder`]), named as
/// it may be (`./memory-bank`, an absolute path): what the root adds to a bank (its core
/// files, its journal) it adds to that folder only.
fn is_own_bank(root: &Path, folder: &Path) -> bool {
    lexical(folder) == lexical(&root.join(bank_folder(root)))
}

/// [`root_core_files`] for a caller that has just found the repository's own bank folder
/// `own` ([`bank_folder`]), without looking for it again (the search's walk, the watcher).
pub fn beside_own_bank(root: &Path, own: &Path) -> Vec<&'static str> {
    core_files_kept_at_root(|name| root.join(name).is_file(), |name| own.join(name).symlink_metadata().is_ok())
}

/// Whether there is a Memory Bank to read in `folder` of the repository at `root`: the folder,
/// or the core files the repository keeps at its root ([`root_core_files`]).
pub fn bank_exists(root: &Path, folder: &Path) -> bool {
    folder.exists() || !root_core_files(root, folder).is_empty()
}

/// Folders of the repository at `root` that hold a Memory Bank's files though none of
/// [`BANK_FOLDERS`] is there: each folder with two of Cline's core files ([`CORE_FILES`], in
/// any case), or three of Kilo Code's ([`KILO_FILES`]), or one of each — a bank kept per branch
/// (`memory-bank-branches/learning/`), beside a package, or under a name of the team's own —
/// and each folder named as a bank is (`memory-bank`, `memorybank`, `memory_bank`, in any case)
/// that holds a Markdown file, whatever its files are called (round 252's
/// `bluelectric/memorybank/` of project documents).
/// They are named to the user when there is no bank to read, and beside the bank that was read
/// (`besides`, relative to `root`: a monorepo's `Modules/Importer/memory-bank/` beside the
/// root's `memory-bank/`), never read unasked. Beside a bank read, that bank and its
/// subfolders (read already) are not looked in, nor are the folders of tests, examples and
/// templates ([`SAMPLES`]: a tool's fixtures are no bank of the team's). The walk is
/// bounded (four levels down, 20,000 entries, 2,000 of one folder; no link followed; not into `.git`,
/// `node_modules`, `target`, `vendor` and the like), and a bank's own subfolders are not looked
/// in. Relative to `root`, sorted; at most `limit`, and how many were found.
pub fn banks_elsewhere(root: &Path, besides: Option<&Path>, limit: usize) -> (Vec<PathBuf>, usize) {
    const SKIP: &[&str] =
        &[".git", "node_modules", "target", "vendor", "dist", "build", ".venv", "venv", "__pycache__", ".cache"];
    const DEPTH: usize = 4;
    // (And 2,000 entries of one folder at most: a folder of 21,000 assets spends no more.)
    const PER_FOLDER: usize = 2_000;
    let mut budget: usize = 20_000;
    let mut found = Vec::new();
    let mut queue = std::collections::VecDeque::from([(PathBuf::new(), 0usize)]);
    while let Some((dir, depth)) = queue.pop_front() {
        if let Some(read) = besides
            && depth > 0
            && (dir.starts_with(read)
                || dir.file_name().is_some_and(|n| SAMPLES.iter().any(|s| n.eq_ignore_ascii_case(s))))
        {
            continue;
        }
        let Ok(entries) = std::fs::read_dir(root.join(&dir)) else { continue };
        let (mut cline, mut kilo, mut markdown) = (0, 0, 0);
        let mut below = Vec::new();
        for entry in entries.flatten().take(PER_FOLDER) {
            budget = budget.saturating_sub(1);
            if budget == 0 {
                break;
            }
            let (Ok(kind), name) = (entry.file_type(), entry.file_name()) else { continue };
            // (A name that is no UTF-8 is read as near as it can be.)
            let name = name.to_string_lossy();
            if kind.is_file() {
                cline += usize::from(CORE_FILES.iter().any(|c| c.eq_ignore_ascii_case(&name)));
                kilo += usize::from(KILO_FILES.iter().any(|c| c.eq_ignore_ascii_case(&name)));
                markdown += usize::from(name.len() > 3 && name[name.len() - 3..].eq_ignore_ascii_case(".md"));
            } else if kind.is_dir() && depth < DEPTH && !SKIP.contains(&name.as_ref()) {
                below.push(dir.join(entry.file_name()));
            }
        }
        // (The root's own core files are read as the bank's already: [`root_core_files`].
        // Kilo Code's names are common words, `architecture.md` and `product.md` in `docs/`: three
        // of them, or one with a Cline core file.)
        let named_as_bank = dir.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
            ["memory-bank", "memorybank", "memory_bank", ".memory-bank"].iter().any(|b| n.eq_ignore_ascii_case(b))
        });
        if (cline >= 2 || kilo >= 3 || (cline >= 1 && kilo >= 1) || (named_as_bank && markdown > 0)) && depth > 0 {
            found.push(dir);
        } else if budget > 0 {
            queue.extend(below.into_iter().map(|d| (d, depth + 1)));
        }
        if budget == 0 {
            break;
        }
    }
    found.sort();
    let total = found.len();
    found.truncate(limit);
    (found, total)
}

/// Folders of tests, examples and templates, whose banks are samples (a tool's fixtures, a
/// template to copy): not named beside the bank read ([`banks_elsewhere`]).
const SAMPLES: &[&str] = &["tests", "test", "fixtures", "testdata", "examples", "example", "templates", "template"];

/// Kilo Code's Memory Bank folder, whose running context is `context.md`.
const KILO_BANK: &str = ".kilocode/rules/memory-bank";

/// The Memory Bank folder of the repository at `root`, relative to it: the first of
/// [`BANK_FOLDERS`] that is a folder there, else `memory-bank`.
pub fn bank_folder(root: &Path) -> &'static str {
    first_bank_folder(|folder| holds_something(&root.join(folder)), |path| root.join(path).is_file())
}

/// Whether `folder` is a folder holding something but placeholders ([`is_placeholder`]): an
/// empty bank folder, or one holding only `.gitkeep`, is no bank, and hides none further down
/// [`BANK_FOLDERS`] (found by review).
fn holds_something(folder: &Path) -> bool {
    std::fs::read_dir(folder)
        .is_ok_and(|mut entries| entries.any(|e| e.is_ok_and(|e| !is_placeholder(e.file_name().as_encoded_bytes()))))
}

/// A file kept only so that git keeps its folder, or one the system leaves there: `.gitkeep`,
/// `.keep`, `.gitignore`, `.DS_Store` (not Cline's journal, `.clinerules`).
pub fn is_placeholder(name: &[u8]) -> bool {
    [&b".gitkeep"[..], b".keep", b".gitignore", b".DS_Store"].contains(&name)
}

/// The first of [`BANK_FOLDERS`] that `is_folder` says is a folder holding something, else
/// `memory-bank`: the choice [`bank_folder`] makes in a working tree and `mb ci` in each
/// revision's tree. A
/// `memory_bank/` folder counts only when it holds a core file (Cline's or Kilo Code's; `is_file`
/// asks of a path such as `memory_bank/activeContext.md`): under that name a Python package
/// (`memory_bank/__init__.py`) is as likely, and would hide the bank in `docs/memory-bank/`.
/// So does `.ai/memory/`, or one holding `decisions.md`: other agent tools keep a JSONL store
/// there (found by review).
pub fn first_bank_folder(is_folder: impl Fn(&str) -> bool, is_file: impl Fn(&str) -> bool) -> &'static str {
    BANK_FOLDERS
        .iter()
        .copied()
        .find(|folder| {
            is_folder(folder)
                && (!matches!(*folder, "memory_bank" | ".ai/memory")
                    || CORE_FILES
                        .into_iter()
                        .chain(KILO_FILES)
                        .chain(["decisions.md"])
                        .any(|name| is_file(&format!("{folder}/{name}"))))
        })
        .unwrap_or(BANK_FOLDERS[0])
}

/// Whether `shown` (relative to the repository root) lies in a bank folder kept among the
/// rules (`.clinerules/memory-bank/`, Cline's place for one): its files are a Memory Bank's,
/// whether or not it is the repository's bank, and a walk of the rules leaves them out.
pub fn in_bank_among_rules(shown: &Path) -> bool {
    BANK_FOLDERS.iter().filter(|folder| folder.starts_with(".clinerules/")).any(|folder| shown.starts_with(folder))
}

/// The file of the Memory Bank in `folder` that the next session starts reading, where `mb
/// record` writes: Kilo Code's `context.md` in its bank, `activeContext.md` in any other.
pub fn context_file(folder: &Path) -> &'static str {
    if folder.ends_with(KILO_BANK) { "context.md" } else { "activeContext.md" }
}

/// Whether mb reads `path` (with its metadata, symlinks followed) as input under `root`: a
/// regular file, inside the repository once symlinks are resolved, of a sane size. A FIFO
/// would block the read for ever, a device or a huge file would exhaust memory, and a link
/// out of the repository would bring in a file nobody reviewed with it.
/// `linked`: whether `path` itself is a symlink (the walkers know it from the directory entry).
pub fn admit(path: &Path, meta: &std::fs::Metadata, linked: bool, root: &Path) -> Result<(), String> {
    let bounds: Vec<PathBuf> = if linked { root.canonicalize().into_iter().collect() } else { Vec::new() };
    admit_within(path, meta, linked, &bounds)
}

/// [`admit`], a link's target checked against `bounds` (resolved folders).
fn admit_within(path: &Path, meta: &std::fs::Metadata, linked: bool, bounds: &[PathBuf]) -> Result<(), String> {
    if !meta.is_file() {
        return Err("is not a regular file (a FIFO, a device or a socket)".into());
    }
    if meta.len() > MAX_INPUT {
        return Err(format!("is larger than {} MiB", MAX_INPUT >> 20));
    }
    // Folders reached through links are checked by the walkers; here, a linked file.
    if linked {
        let Ok(real) = path.canonicalize() else {
            return Err("cannot be resolved".into());
        };
        if !bounds.iter().any(|b| real.starts_with(b)) {
            return Err(format!("leads outside the repository (to {})", real.display()));
        }
        if in_git_folder(&real, bounds) {
            return Err("leads into the repository's .git folder".into());
        }
    }
    Ok(())
}

/// Whether `real` (a resolved path) lies in the `.git` folder of one of `bounds`: git's own
/// files (`.git/config` may hold a remote's credentials), which a link in the bank must not
/// bring into a listing, a search or a CI log.
fn in_git_folder(real: &Path, bounds: &[PathBuf]) -> bool {
    bounds.iter().any(|b| real.starts_with(b.join(".git")))
}

impl MarkdownFiles {
    /// Walks `path`, showing files relative to `shown_from` when they are under it.
    ///
    /// A link never leads out of the repository (`shown_from`), not even the folder walked:
    /// a `memory-bank` linked to elsewhere would bring in files nobody reviewed with the
    /// repository. A path outside the repository is read as given (someone named it), and
    /// links under it may lead anywhere inside it.
    pub fn find(path: &Path, shown_from: &Path) -> MarkdownFiles {
        Self::find_in(path, shown_from, false)
    }

    /// [`MarkdownFiles::find`] in a Memory Bank folder: Cline's journal ([`CLINE_JOURNAL`]) is
    /// one of its files (not when it leads to the root's), and so are the core files the
    /// repository keeps at its root when `path` is its bank folder ([`root_core_files`]),
    /// whether the folder exists or not, and the root's `.clinerules` file when the folder
    /// keeps no journal ([`journal_kept_at_root`]).
    pub fn find_bank(path: &Path, shown_from: &Path) -> MarkdownFiles {
        Self::find_in(path, shown_from, true)
    }

    fn find_in(path: &Path, shown_from: &Path, bank: bool) -> MarkdownFiles {
        let mut found = MarkdownFiles { bank, ..MarkdownFiles::default() };
        found.bounds.extend(shown_from.canonicalize());
        if !lexical(path).starts_with(lexical(shown_from)) {
            found.bounds.extend(path.canonicalize());
        }
        // (What the root adds only to the repository's own bank folder, found once.)
        let own = bank && is_own_bank(shown_from, path);
        let at_root = if own { beside_own_bank(shown_from, path) } else { Vec::new() };
        if at_root.is_empty() || path.exists() {
            found.walk(path, shown_from);
        }
        for name in &at_root {
            found.walk(&shown_from.join(name), shown_from);
        }
        if own && found.reads_root_journal(shown_from, path, !at_root.is_empty()) {
            found.walk(&shown_from.join(CLINE_JOURNAL), shown_from);
        }
        found.files.sort_by(|a, b| a.1.cmp(&b.1));
        found
    }

    /// [`journal_kept_at_root`] in the working tree at `root`, once the repository's own bank
    /// folder `folder` ([`bank_folder`]) and the core files kept at the root (`core_at_root`)
    /// are walked.
    fn reads_root_journal(&self, root: &Path, folder: &Path, core_at_root: bool) -> bool {
        let at_root = std::fs::symlink_metadata(root.join(CLINE_JOURNAL)).is_ok_and(|m| m.file_type().is_file());
        let own = folder.join(CLINE_JOURNAL);
        journal_kept_at_root(at_root, folder.exists() || core_at_root, self.files.iter().any(|(disk, _)| *disk == own))
    }

    fn walk(&mut self, path: &Path, shown_from: &Path) {
        let display = || path.strip_prefix(shown_from).unwrap_or(path).to_path_buf();
        let meta = match std::fs::metadata(path) {
            Ok(meta) => meta,
            Err(source) => {
                self.errors.push(ReadError::Io { path: display(), source });
                return;
            }
        };
        if !meta.is_dir() {
            let linked = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
            match admit_within(path, &meta, linked, &self.bounds) {
                Ok(()) => self.files.push((path.to_path_buf(), display())),
                Err(why) => self.warnings.push(format!("{}: {why}; skipped", crate::source::display_path(&display()))),
            }
            return;
        }
        // A folder is walked once, and never one outside the bounds through a link.
        let Ok(real) = path.canonicalize() else { return };
        if !self.bounds.iter().any(|b| real.starts_with(b)) {
            self.warnings.push(format!(
                "{}: a folder outside the repository (through a symlink); skipped",
                crate::source::display_path(&display())
            ));
            return;
        }
        if in_git_folder(&real, &self.bounds) {
            self.warnings.push(format!(
                "{}: the repository's .git folder (through a symlink); skipped",
                crate::source::display_path(&display())
            ));
            return;
        }
        if !self.seen.insert(real) {
            return;
        }
        let entries = match std::fs::read_dir(path) {
            Ok(entries) => entries,
            Err(source) => {
                self.errors.push(ReadError::Io { path: display(), source });
                return;
            }
        };
        for entry in entries.flatten() {
            let child = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir())
                || (entry.file_type().is_ok_and(|t| t.is_symlink()) && child.is_dir());
            if is_hidden(&name, is_dir) {
                continue;
            }
            if is_dir
                || is_markdown(&name)
                || (self.bank && is_journal_name(&name) && is_the_journal(&child, shown_from))
            {
                self.walk(&child, shown_from);
            }
        }
    }
}

/// `path` made absolute, its `.` and `..` folded without looking at the disk: where the
/// command line points, before any link is followed.
fn lexical(path: &Path) -> PathBuf {
    let mut out = std::env::current_dir().unwrap_or_default();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Whether a file name is a Markdown file's: `.md`, `.markdown`, or Cursor's `.mdc` (Markdown with
/// front matter, which Cursor keeps its rules and some banks in).
pub fn is_markdown(name: &str) -> bool {
    // (In any case: `TECHCONTEXT.MD`, written on a system that does not tell them apart; found
    // by review.)
    let ends = |ext: &str| name.len() > ext.len() && super::fields::ends_ignoring_case(name, ext);
    ends(".md") || ends(".markdown") || ends(".mdc")
}

/// Cline's project-intelligence journal: the learned patterns and preferences that Cline's first
/// Memory Bank instructions kept in a Markdown file named `.clinerules` (no extension), and
/// that many banks keep beside their files (`memory-bank/.clinerules`, some 270 public
/// repositories). A file of that name inside a bank's folder is one of the bank's files
/// ([`MarkdownFiles::find_bank`], the search walk, `mb ci`); a folder of that name there holds
/// Cline's rules, and is skipped as every hidden folder is. At the repository's root, where
/// those instructions put it, it is a rule file, and the bank's journal too when the bank
/// folder keeps none ([`journal_kept_at_root`]).
pub const CLINE_JOURNAL: &str = ".clinerules";

/// Cursor's name for the same journal: banks kept with Cursor after Cline's Memory Bank
/// instructions keep their learned patterns in `memory-bank/.cursorrules` (57 repositories in
/// the code index; round 242's bank held 63 of its reader's 132 lines there). Inside a bank's
/// folder it is read as [`CLINE_JOURNAL`] is; at the repository's root it is Cursor's rule file
/// for the whole repository, and not read.
pub const CURSOR_JOURNAL: &str = ".cursorrules";

/// Whether `name` is a journal's file name inside a bank folder: Cline's ([`CLINE_JOURNAL`]) or
/// Cursor's ([`CURSOR_JOURNAL`]).
pub fn is_journal_name(name: &str) -> bool {
    name == CLINE_JOURNAL || name == CURSOR_JOURNAL
}

/// Whether the repository's `.clinerules` file at its root is its bank's journal as well as a
/// rule file: Cline's first Memory Bank instructions kept the journal there, and the banks
/// that followed them keep none in their folder (rounds 210 and 212: three such files, 77
/// lines the readers listed). It is, when it is a plain file at the root (`at_root`: not Cline's
/// folder of rules, nor a link, which could lead to a file read already), beside a bank there
/// (`bank_there`: the folder, or core files kept at the root), and the walk of the bank's folder
/// read no journal at its top (`in_folder`; one linked to the root's is not read there). `mb
/// rules` and `mb audit` read it as a rule file either way. The working tree's bank
/// ([`MarkdownFiles::find_bank`]) and `mb ci`'s ask.
pub fn journal_kept_at_root(at_root: bool, bank_there: bool, in_folder: bool) -> bool {
    at_root && bank_there && !in_folder
}

/// Whether a journal file at `path` ([`is_journal_name`]), found in a bank's walk, is the bank's journal: below
/// the root of the repository `root` (there it is a rule file, read as the journal only when
/// the bank keeps none: [`journal_kept_at_root`]), and not that rule file reached through a
/// link (read once, at the root). The bank walk and the search walk ask.
pub fn is_the_journal(path: &Path, root: &Path) -> bool {
    let linked = || std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let the_rule_file = || {
        path.canonicalize().ok().is_some_and(|real| root.join(CLINE_JOURNAL).canonicalize().is_ok_and(|r| r == real))
    };
    path.parent() != Some(root) && !(linked() && the_rule_file())
}

/// Whether the walks skip an entry named `name`: every hidden name (`.git`, editors' files,
/// a `.clinerules/` folder inside a bank), but not a journal as a file ([`is_journal_name`]).
pub fn is_hidden(name: &str, is_dir: bool) -> bool {
    name.starts_with('.') && (is_dir || !is_journal_name(name))
}

/// Reads a Markdown file as [`SourceFile::read`] does, and undoes mojibake
/// ([`crate::source::undo_mojibake`]: a file of UTF-8 text once misread as Windows-1251 or
/// -1252 and saved again) with a warning naming the file, so that its lines are read and
/// searched for what they say. The file on disk is left as it is; lines are unchanged, byte
/// offsets are those of the repaired text.
pub fn read_markdown(disk: &Path, shown: &Path) -> Result<(SourceFile, Option<String>), ReadError> {
    let mut file = SourceFile::read(disk, shown.to_path_buf())?;
    let note = crate::source::undo_mojibake(&file.text).map(|(text, page)| {
        file.text = text;
        format!(
            "{}: {}; read as it was written — save it as UTF-8 to keep it so",
            crate::source::display_path(shown),
            page.garbling()
        )
    });
    Ok((file, note))
}

/// Parses every Markdown file under `path` (shown relative to `shown_from`). Files that cannot
/// be read or are not UTF-8 are reported in [`KnowledgeBase::errors`]; the rest are parsed,
/// in parallel.
pub fn load(path: &Path, shown_from: &Path) -> KnowledgeBase {
    let found = MarkdownFiles::find_bank(path, shown_from);
    // One file per task, as in `load_each`.
    let results: Vec<_> = found
        .files
        .par_iter()
        .with_max_len(1)
        .map(|(disk, shown)| read_markdown(disk, shown).map(|(f, note)| (parse_document(&f.path, &f.text), note)))
        .collect();
    let mut kb =
        KnowledgeBase { documents: Vec::with_capacity(results.len()), errors: found.errors, warnings: found.warnings };
    for result in results {
        match result {
            Ok((doc, note)) => {
                kb.documents.push(doc);
                kb.warnings.extend(note);
            }
            Err(err) => kb.errors.push(err),
        }
    }
    supersede::resolve(&mut kb);
    kb
}

/// Every readable Markdown file under a folder, each reduced to what a caller keeps of it.
#[derive(Debug)]
pub struct Kept<T> {
    /// In file order: `(the file's index among those found, what was kept of it)`.
    pub files: Vec<(usize, T)>,
    pub errors: Vec<ReadError>,
    pub warnings: Vec<String>,
}

/// Parses every Markdown file under `path` (shown relative to `shown_from`) in parallel, and
/// hands each document, with its index among the files found, to `keep` on the thread that
/// parsed it. Only what `keep` returns stays in memory, so a command that needs a little of
/// each file reads a bank much larger than the memory its parsed documents would take.
/// Nothing is resolved across files (see [`load`] for supersession).
pub fn load_each<T: Send>(path: &Path, shown_from: &Path, keep: impl Fn(usize, Document) -> T + Sync) -> Kept<T> {
    let found = MarkdownFiles::find_bank(path, shown_from);
    // One file per task: rayon otherwise hands each thread runs of files it works through
    // alone, and at the end one core parsed the rest of its run while the other sat idle
    // (a tenth of the wall time on a 100 MiB bank).
    let results: Vec<_> = found
        .files
        .par_iter()
        .with_max_len(1)
        .enumerate()
        .map(|(d, (disk, shown))| {
            read_markdown(disk, shown).map(|(file, note)| {
                let doc = parse_document(&file.path, &file.text);
                drop(file);
                (keep(d, doc), note)
            })
        })
        .collect();
    let mut kept = Kept { files: Vec::with_capacity(results.len()), errors: found.errors, warnings: found.warnings };
    for (d, result) in results.into_iter().enumerate() {
        match result {
            Ok((value, note)) => {
                kept.files.push((d, value));
                kept.warnings.extend(note);
            }
            Err(err) => kept.errors.push(err),
        }
    }
    kept
}

/// Parses texts already in memory (a revision's files in `mb ci`), in parallel, into a
/// knowledge base; mojibake is read as it was written, as [`read_markdown`] reads it, so that
/// a decision has the same text and id however the bank was read.
pub fn parse_all(files: &[(PathBuf, String)]) -> KnowledgeBase {
    let documents = files
        .par_iter()
        .with_max_len(1)
        .map(|(path, text)| match crate::source::undo_mojibake(text) {
            Some((repaired, _)) => parse_document(path, &repaired),
            None => parse_document(path, text),
        })
        .collect();
    KnowledgeBase::from_documents(documents)
}

impl KnowledgeBase {
    /// Builds a knowledge base from documents already parsed (tests, benchmarks, fixtures).
    pub fn from_documents(documents: Vec<super::Document>) -> KnowledgeBase {
        let mut kb = KnowledgeBase { documents, errors: Vec::new(), warnings: Vec::new() };
        supersede::resolve(&mut kb);
        kb
    }
}
