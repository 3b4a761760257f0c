//! Recording a run in the Memory Bank: the dated entry `mb record` and `mb audit --record`
//! write into `activeContext.md`, where the next session, human or agent, starts reading.

use std::path::{Path, PathBuf};

use crate::audit::run::{self, Run};
use crate::kb::writeback::{self, NewEntry, Written};
use crate::report::entry::{self, EntryContext, Previous};
use crate::rules::Check;

/// Where entries go: the Memory Bank folder and the file in it.
#[derive(Debug, Clone)]
pub struct Bank {
    pub folder: PathBuf,
    pub file: PathBuf,
}

/// Why a run could not be recorded.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    #[error("no Memory Bank folder at `{0}`: run mb from your repository's root, pass -C DIR, or --memory-bank DIR")]
    NoBank(String),
    #[error("{0}")]
    WriteBack(#[from] writeback::WriteBackError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{shown} is a symlink to {target}, outside the repository; mb writes only inside it")]
    OutsideRepo { shown: String, target: String },
}

/// Writes the run's entry into the bank's file (locked, atomic; see `kb::writeback`).
pub fn record(root: &Path, run: &Run, checks: &[Check], bank: &Bank) -> Result<Written, RecordError> {
    let recorder = Recorder::new(root, run, checks, bank)?;
    let lock = crate::state::dir(root, "")?.join("record.lock");
    writeback::write(&recorder.path, &lock, recorder.date, |text| recorder.entry(text))
}

/// The entry the run would get, given the file as it is now (nothing is written).
pub fn entry(root: &Path, run: &Run, checks: &[Check], bank: &Bank) -> Result<String, RecordError> {
    let recorder = Recorder::new(root, run, checks, bank)?;
    // (A file not there yet gets the entry alone; one mb would refuse to write into is
    // refused here too.)
    let bytes = match std::fs::read(&recorder.path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(source) => return Err(writeback::WriteBackError::Io { path: recorder.shown.clone(), source }.into()),
    };
    recorder.entry(writeback::writable_text(&bytes, &recorder.shown)?)
}

/// What an entry for a run says that does not depend on the file's text, worked out once
/// (the write may start over on a changed file).
struct Recorder<'a> {
    root: &'a Path,
    run: &'a Run,
    /// The file the entry goes into.
    path: PathBuf,
    /// It as shown in messages.
    shown: String,
    /// It relative to the repository root, when it is inside.
    in_repo: Option<String>,
    /// Its folder relative to the repository root, for links.
    links_from: Option<String>,
    date: jiff::civil::Date,
    branches: Vec<(String, String)>,
    with_fix: Vec<String>,
}

impl<'a> Recorder<'a> {
    /// Finds the file (its folder must exist) and gathers the fix branches of the run.
    fn new(root: &'a Path, run: &'a Run, checks: &[Check], bank: &Bank) -> Result<Recorder<'a>, RecordError> {
        if !bank.folder.is_dir() {
            return Err(RecordError::NoBank(crate::source::display_path(&bank.folder)));
        }
        let path = bank.folder.join(&bank.file);
        let canonical = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let relative =
            |p: Option<PathBuf>| p.and_then(|p| p.strip_prefix(&canonical).ok().map(crate::source::display_path));
        // A file (or folder) in the repository that links out of it would make a crafted
        // link an arbitrary write; a link inside the repository is fine.
        if path.is_relative() || path.starts_with(root) || path.starts_with(&canonical) {
            let real = path.canonicalize().or_else(|_| bank.folder.canonicalize());
            if let Ok(real) = real
                && !real.starts_with(&canonical)
            {
                return Err(RecordError::OutsideRepo {
                    shown: crate::source::display_path(&path),
                    target: crate::source::display_path(&real),
                });
            }
        }
        Ok(Recorder {
            root,
            run,
            shown: crate::source::display_path(&path),
            in_repo: relative(path.canonicalize().ok()),
            links_from: relative(path.parent().and_then(|p| p.canonicalize().ok())),
            path,
            date: run::local_date(&run.run),
            branches: crate::fix::git::fix_branches(root, &run.run),
            with_fix: checks.iter().filter(|c| c.fix.is_some()).map(|c| c.id.clone()).collect(),
        })
    }

    /// The entry, given the file's current text.
    fn entry(&self, text: &str) -> Result<String, RecordError> {
        let (run, date) = (self.run, self.date);
        let earlier = writeback::recorded(&self.shown, text)?;
        let previous_entry = earlier.iter().filter(|r| r.date != date && r.run != run.run).max_by_key(|r| r.date);
        let previous_run = previous_entry.map(|r| (r, run::find_saved(self.root, &r.run)));
        let previous = match &previous_run {
            None => Previous::None,
            Some((r, Ok(old))) => Previous::Found { run: old, date: r.date },
            Some((r, Err(_))) => Previous::Missing { run: r.run.clone(), date: r.date },
        };
        let level = writeback::entry_level(text);
        let render = |run: &Run| {
            let body = entry::body(&EntryContext {
                run,
                previous: previous.clone(),
                branches: &self.branches,
                with_fix: &self.with_fix,
                links_from: self.links_from.as_deref(),
                level,
            });
            NewEntry { date, run: run.run.clone(), body }.render(level)
        };
        let Some(in_file) = &self.in_repo else {
            return Ok(render(run));
        };
        // Links to decisions in this very file: find where each is now (the file may have
        // changed since the audit), then move those below the entry by the lines it adds.
        // The number of lines does not depend on the numbers, so one trial splice settles it.
        let doc = crate::kb::parse::parse_document(&self.path, text);
        let mut moved = run.clone();
        let here = |d: &crate::audit::DecisionRef| d.file == *in_file;
        for d in moved.findings.iter_mut().filter_map(|f| decision_of(f, &here)) {
            if let Some(item) = doc.items.iter().find(|i| i.text == d.text) {
                d.line = item.line;
            }
        }
        let spliced = writeback::splice(&self.shown, text, date, &render(&moved))?;
        let lines = |t: &str| crate::source::line_count(t) as isize;
        let (from, added) = (spliced.line, lines(&spliced.text) - lines(text));
        for d in moved.findings.iter_mut().filter_map(|f| decision_of(f, &here)) {
            if d.line >= from {
                d.line = d.line.saturating_add_signed(added);
            }
        }
        Ok(render(&moved))
    }
}

/// The finding's decision when `here` says it is one to move, made the finding's own.
fn decision_of<'f>(
    f: &'f mut crate::audit::Finding,
    here: &impl Fn(&crate::audit::DecisionRef) -> bool,
) -> Option<&'f mut crate::audit::DecisionRef> {
    if !f.check.decision.as_ref().is_some_and(here) {
        return None;
    }
    std::sync::Arc::make_mut(&mut f.check).decision.as_mut()
}
