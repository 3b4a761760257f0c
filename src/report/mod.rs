//! Report formats for an audit. Each writes a finished [`Run`] to a writer; none knows how
//! the run was gathered. [`ReportSink`] makes any of them an audit sink, to stdout or to a
//! file, so one run can be reported in several formats at once. `human` is for people at a
//! terminal; `json` is the contract scripts and CI read.

pub mod entry;
pub mod github;
pub mod html;
pub mod human;
pub mod junit;
pub mod markdown;
pub mod sarif;
mod view;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::audit::run::Run;
use crate::audit::{AuditSink, Finding, Finished};

/// A report format (`mb audit --format`, `--output FORMAT=FILE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Junit,
    Markdown,
    Github,
    Html,
}

impl Format {
    pub const ALL: &[Format] =
        &[Format::Human, Format::Json, Format::Sarif, Format::Junit, Format::Markdown, Format::Github, Format::Html];

    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Junit => "junit",
            Format::Markdown => "markdown",
            Format::Github => "github",
            Format::Html => "html",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.iter().copied().find(|f| f.name() == name)
    }

    /// Writes the run in this format.
    pub fn write(self, run: &Run, done: &Finished<'_>, out: &mut dyn Write) -> io::Result<()> {
        match self {
            Format::Human => {
                human::write(run, out)?;
                if let Some(path) = done.saved {
                    writeln!(out, "run {} saved in {}", run.run, crate::source::display_path(path))?;
                }
                Ok(())
            }
            Format::Json => {
                // Through a buffer of a known type: serde_json writes token by token.
                let mut out = io::BufWriter::with_capacity(1 << 16, out);
                serde_json::to_writer_pretty(&mut out, &run.report())?;
                writeln!(out)?;
                out.flush()
            }
            Format::Sarif => sarif::write(run, done.checks, out),
            Format::Junit => junit::write(run, done.checks, out),
            Format::Markdown => markdown::write(run, done.checks, out),
            Format::Github => github::write(run, done.checks, out),
            Format::Html => html::write(run, done.checks, out),
        }
    }
}

/// Where a report goes.
#[derive(Debug, Clone)]
pub enum Destination {
    Stdout,
    /// A file, replaced whole when the report is complete (never left half-written); its
    /// folder is created when missing.
    File(PathBuf),
}

/// Writes a report file whole once `write` has made all of it (a temporary file renamed over
/// it), its folder created when missing; without colour, whatever the terminal says. An error
/// names the file.
pub fn write_file(path: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let mut bytes = Vec::new();
    write(&mut anstream::StripStream::new(&mut bytes))
        .and_then(|()| match path.parent().filter(|p| !p.as_os_str().is_empty()) {
            Some(dir) => std::fs::create_dir_all(dir),
            None => Ok(()),
        })
        .and_then(|()| crate::state::write_atomically(path, &bytes))
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))
}

/// One format to one destination, written when the run is finished.
pub struct ReportSink {
    pub format: Format,
    pub to: Destination,
    /// What went wrong writing it, for the caller to report.
    pub error: Option<io::Error>,
}

impl ReportSink {
    pub fn new(format: Format, to: Destination) -> ReportSink {
        ReportSink { format, to, error: None }
    }
}

impl AuditSink for ReportSink {
    fn finished(&mut self, run: &Run, done: &Finished<'_>) {
        let result = match &self.to {
            Destination::Stdout => {
                let mut out = io::BufWriter::with_capacity(1 << 16, anstream::stdout().lock());
                self.format.write(run, done, &mut out).and_then(|()| out.flush())
            }
            Destination::File(path) => write_file(path, |out| self.format.write(run, done, out)),
        };
        if let Err(e) = result {
            self.error = Some(e);
        }
    }
}

/// Findings grouped by check, in their order (a run's findings come sorted by check, then
/// host).
pub(crate) fn by_check<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Vec<(&'a str, Vec<&'a Finding>)> {
    let mut groups: Vec<(&str, Vec<&Finding>)> = Vec::new();
    for f in findings {
        match groups.last_mut() {
            Some((id, list)) if *id == f.check.id => list.push(f),
            _ => groups.push((&f.check.id, vec![f])),
        }
    }
    groups
}

/// Text cut to `max` characters, ending in `…` when it was longer.
pub(crate) fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max - 1).collect();
        s.push('…');
        s
    }
}
