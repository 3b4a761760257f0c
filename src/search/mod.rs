//! `mb search`: a tantivy index over everything mb knows, kept fresh by itself.
//!
//! The index lives in `.mb/index`. Before every search, mb compares the files it covers
//! ([`units::source_files`]) with the manifest of the index's last commit — size,
//! modification time and a content hash per file — and re-indexes only what was added,
//! changed or deleted. With a file watcher running (`mb index --watch`, [`watch`]) it looks
//! only at the paths the watcher reports instead of at every file.
//!
//! The manifest is written beside the index before the commit whose payload names it, so it
//! changes atomically with the index: a crash mid-refresh leaves the previous commit and its
//! manifest, never a mismatch. Refreshing takes tantivy's writer lock; a second mb that finds
//! the lock taken waits for the first and then searches what it wrote.
//!
//! A missing, unreadable or older-schema index is rebuilt with a note; if `.mb/` cannot be
//! written, an in-memory index is built for this search and the note says why.

pub mod analyze;
pub mod query;
pub mod snippet;
pub mod units;
pub mod watch;

use std::collections::BTreeMap;
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use globset::GlobMatcher;
use jiff::civil::Date;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::indexer::UserOperation;
use tantivy::query::{BooleanQuery, Occur, Query, RangeQuery, TermSetQuery};
use tantivy::schema::{
    Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use units::{SourcePath, Unit};

/// Bumped whenever the schema, the analyser or the way files are cut into units changes —
/// including the Memory Bank parser reading a file into other items or kinds (3: table rows
/// became items; 4: bold pseudo-headings became units; 5: mojibake is indexed as it was
/// written; 6: a line Markdown reads as a link definition of words is text); an index of
/// another version is rebuilt.
pub const SCHEMA_VERSION: u32 = 6;

/// Where the index lives under the repository root.
pub const INDEX_DIR: &str = ".mb/index";

/// Memory for the indexing threads. Small refreshes stay small; tantivy needs 15 MB a thread.
const WRITER_BUDGET: usize = 128 << 20;

/// A refresh of at most this many files uses one indexing thread and [`SMALL_WRITER_BUDGET`].
const SMALL_REFRESH: usize = 64;

/// tantivy's least memory for one thread, with room.
const SMALL_WRITER_BUDGET: usize = 20 << 20;

/// Operations handed to tantivy at once. Its queue holds 10 000 batches, so this bounds how
/// many parsed documents wait in memory.
const BATCH: usize = 16;

/// How long to wait for another mb that is refreshing the index.
const LOCK_WAIT: Duration = Duration::from_secs(30);

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error(transparent)]
    Query(#[from] query::QueryError),
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("search index: {0}")]
    Corrupt(String),
    #[error("another mb has been refreshing the search index for {0:?}; try again, or run `mb index --rebuild`")]
    LockTimeout(Duration),
}

struct Fields {
    text: Field,
    entry: Field,
    file: Field,
    kind: Field,
    date: Field,
    line: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = b.add_text_field(
        "text",
        TextOptions::default()
            .set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(analyze::TOKENIZER)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            )
            .set_stored(),
    );
    let entry = b.add_text_field("entry", STORED);
    let file = b.add_text_field("file", STRING | STORED);
    let kind = b.add_text_field("kind", STRING | STORED);
    // YYYYMMDD: ordered like dates, readable in the index.
    let date = b.add_u64_field("date", INDEXED | STORED | tantivy::schema::FAST);
    let line = b.add_u64_field("line", STORED);
    (b.build(), Fields { text, entry, file, kind, date, line })
}

fn date_number(date: Date) -> u64 {
    (date.year() as u64) * 10_000 + (date.month() as u64) * 100 + date.day() as u64
}

fn number_date(n: u64) -> Option<Date> {
    Date::new((n / 10_000) as i16, ((n / 100) % 100) as i8, (n % 100) as i8).ok()
}

/// What the index knows about one file it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    len: u64,
    mtime_ns: u64,
    hash: u64,
}

/// What the index covers: a stamp per indexed file, sorted by path
/// (the walk is sorted the same way, so the two are compared in one merge).
#[derive(Debug, Default, Clone)]
struct Manifest {
    files: Vec<(String, Stamp)>,
    /// The file watcher's token this commit is fresh up to, if a watcher answered.
    watch: Option<watch::Token>,
}

/// The commit payload: small, because tantivy parses `meta.json` on every open. The stamps
/// live in a file beside the index, named after the commit's opstamp, written before the
/// commit: the payload of the last commit always names a complete file.
#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    schema: u32,
    files: Option<String>,
    /// The file watcher's token the commit is fresh up to ([`watch`]): every change the
    /// watcher saw up to it is in the index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    watch: Option<String>,
}

/// Prefix of the stamp files in `.mb/`.
const STAMPS_PREFIX: &str = "index-files-";

impl Manifest {
    /// One line a file: `hash len mtime_ns path` (tabs between; `%`, tab and newline in the
    /// path percent-encoded). Quick to write and to read for thousands of files.
    fn encode(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::with_capacity(self.files.len() * 96);
        for (path, s) in &self.files {
            let _ = write!(out, "{:016x}\t{}\t{}\t", s.hash, s.len, s.mtime_ns);
            if path.contains(['%', '\t', '\n']) {
                out.push_str(&path.replace('%', "%25").replace('\t', "%09").replace('\n', "%0A"));
            } else {
                out.push_str(path);
            }
            out.push('\n');
        }
        out
    }

    fn decode(text: &str) -> Manifest {
        let mut files = Vec::with_capacity(text.len() / 64);
        for line in text.lines() {
            let mut fields = line.splitn(4, '\t');
            let (Some(hash), Some(len), Some(mtime), Some(path)) =
                (fields.next(), fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            let (Ok(hash), Ok(len), Ok(mtime_ns)) = (u64::from_str_radix(hash, 16), len.parse(), mtime.parse()) else {
                continue;
            };
            let path = if path.contains('%') {
                path.replace("%0A", "\n").replace("%09", "\t").replace("%25", "%")
            } else {
                path.to_string()
            };
            files.push((path, Stamp { len, mtime_ns, hash }));
        }
        if !files.is_sorted_by(|a, b| a.0 < b.0) {
            files.sort_by(|a, b| a.0.cmp(&b.0));
            files.dedup_by(|a, b| a.0 == b.0);
        }
        Manifest { files, watch: None }
    }

    /// The entries at or under the given paths (files or folders).
    fn within(&self, paths: &[String]) -> Vec<(String, Stamp)> {
        let mut out = Vec::new();
        for path in paths {
            if let Ok(at) = self.files.binary_search_by(|(file, _)| file.as_str().cmp(path)) {
                out.push(self.files[at].clone());
            }
            let folder = format!("{path}/");
            let start = self.files.partition_point(|(file, _)| file.as_str() < folder.as_str());
            out.extend(self.files[start..].iter().take_while(|(file, _)| file.starts_with(&folder)).cloned());
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out.dedup_by(|a, b| a.0 == b.0);
        out
    }
}

/// What a refresh did, for `mb index` and `--verbose` output.
#[derive(Debug, Default, Clone, Serialize)]
pub struct RefreshStats {
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    pub unchanged: usize,
    pub units: usize,
    pub bytes: u64,
    pub millis: u128,
    /// Files that could not be read; they are left out of the index.
    pub unreadable: Vec<String>,
    /// Whether every covered file was stat'ed (no watcher, or one that could not say what
    /// changed); otherwise only the paths the watcher reported were.
    pub walked: bool,
    /// What the file watcher (`mb index --watch`) said: the number of paths it reported, or
    /// why its answer was not used.
    pub watcher: String,
}

impl RefreshStats {
    pub fn touched(&self) -> bool {
        self.added + self.changed + self.removed > 0
    }
}

/// The index, open and fresh.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    /// The files the index covers, for `--file` globs.
    files: Vec<String>,
    /// Things the user should know: a rebuild, an in-memory fallback.
    pub notes: Vec<String>,
    pub stats: RefreshStats,
    /// The index folder, or `None` for an in-memory index.
    pub location: Option<PathBuf>,
    /// The manifest of an in-memory index (an on-disk one keeps it in `.mb/`).
    memory_manifest: Option<Manifest>,
    /// The repository, to rebuild the index from if a search finds it damaged.
    root: PathBuf,
}

/// How [`open`] treats the files the index covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    /// Re-index what changed since the last commit (the default).
    Refresh,
    /// Throw the index away and build it again.
    Rebuild,
    /// Search the index as it is, without looking at the files (after `mb index`); an index
    /// that does not exist yet is still built.
    AsIs,
}

/// Opens the index under `root`, building or refreshing it as `freshness` says.
///
/// The index heals: one whose files are missing, truncated or fail their checksums is rebuilt
/// (with a note), and when `.mb/index` cannot be written — a full disk, a read-only folder —
/// the search is answered from an in-memory index built for it (with a note). The index on
/// disk is never left half-written: tantivy commits atomically, and a refresh that fails
/// leaves the last commit as it was.
pub fn open(root: &Path, freshness: Freshness) -> Result<SearchIndex, SearchError> {
    let dir = root.join(INDEX_DIR);
    let mut notes = Vec::new();
    let mut rebuild = freshness == Freshness::Rebuild;
    let why = loop {
        let failure = match open_on_disk(&dir, rebuild, &mut notes) {
            Ok(index) => match SearchIndex::new(root, index, Some(dir.clone()), notes.clone(), freshness) {
                Ok(search) => return Ok(search),
                Err(SearchError::LockTimeout(wait)) => return Err(SearchError::LockTimeout(wait)),
                Err(e) => e,
            },
            Err(why) => break why,
        };
        // Damage found while reading: rebuilt once. Anything else is a disk that cannot be
        // written (or read): answered from memory.
        if !rebuild && let Some(damage) = damage(&dir) {
            notes.push(format!("the search index was damaged ({damage}); rebuilt it"));
            rebuild = true;
            continue;
        }
        break failure.to_string();
    };
    notes.push(format!(
        "cannot use {} ({why}); searching an in-memory index built for this search",
        crate::source::display_path(&dir)
    ));
    let index = Index::create_in_ram(schema().0);
    register(&index);
    SearchIndex::new(root, index, None, notes, freshness)
}

/// Why the index on disk is damaged: a segment file that is missing or fails its checksum.
/// `None` when every file is whole (a failure was the disk's, not the index's).
fn damage(dir: &Path) -> Option<String> {
    let index = match Index::open_in_dir(dir) {
        Ok(index) => index,
        Err(e) => return Some(e.to_string()),
    };
    if let Err(why) = check_segments(&index, dir) {
        return Some(why);
    }
    match index.validate_checksum() {
        Ok(bad) if bad.is_empty() => None,
        Ok(bad) => {
            let mut names: Vec<String> = bad.iter().map(|p| p.display().to_string()).collect();
            names.sort();
            Some(format!("{} failed its checksum", names.join(", ")))
        }
        Err(e) => Some(e.to_string()),
    }
}

impl SearchIndex {
    fn new(
        root: &Path,
        index: Index,
        location: Option<PathBuf>,
        notes: Vec<String>,
        freshness: Freshness,
    ) -> Result<SearchIndex, SearchError> {
        let (_, fields) = schema();
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let on_disk = location.is_some();
        let mut search = SearchIndex {
            index,
            reader,
            fields,
            files: Vec::new(),
            notes,
            stats: RefreshStats::default(),
            location,
            memory_manifest: (!on_disk).then(Manifest::default),
            root: root.to_path_buf(),
        };
        if freshness != Freshness::AsIs || search.is_empty() {
            search.refresh(root)?;
        }
        Ok(search)
    }
}

fn register(index: &Index) {
    index.tokenizers().register(analyze::TOKENIZER, analyze::InfraTokenizer::default());
}

/// Opens or creates the on-disk index; rebuilds it (with a note) when it is unreadable or of
/// another schema version. `Err` explains why the disk cannot be used at all.
fn open_on_disk(dir: &Path, rebuild: bool, notes: &mut Vec<String>) -> Result<Index, String> {
    if let Some(root) = dir.parent().and_then(Path::parent) {
        crate::state::dir(root, "").map_err(|e| e.to_string())?;
    }
    if rebuild && dir.exists() {
        remove_index(dir)?;
    }
    if dir.join("meta.json").exists() {
        match Index::open_in_dir(dir).map_err(|e| e.to_string()).and_then(|index| {
            // The stamps are read when a refresh needs them; here, only that they are there.
            let payload = payload_of(&index)?;
            if let (Some(name), Some(mb_dir)) = (&payload.files, dir.parent())
                && !mb_dir.join(name).is_file()
            {
                return Err(format!("cannot read {name}: it is missing"));
            }
            check_segments(&index, dir)?;
            Ok((index, payload))
        }) {
            Ok((index, payload)) if payload.schema == SCHEMA_VERSION => {
                register(&index);
                sweep(&index, dir);
                return Ok(index);
            }
            Ok((_, payload)) => notes.push(format!(
                "the search index was built by another version of mb (schema {}); rebuilt it",
                payload.schema
            )),
            Err(why) => notes.push(format!("the search index was unreadable ({why}); rebuilt it")),
        }
        remove_index(dir)?;
    }
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let index = Index::create_in_dir(dir, schema().0).map_err(|e| e.to_string())?;
    register(&index);
    Ok(index)
}

/// Removes the index and its stamp files.
fn remove_index(dir: &Path) -> Result<(), String> {
    std::fs::remove_dir_all(dir).map_err(|e| e.to_string())?;
    if let Some(mb_dir) = dir.parent() {
        remove_stamps_except(mb_dir, None);
    }
    Ok(())
}

/// Deletes stamp files other than `keep` (left behind by commits that were superseded).
fn remove_stamps_except(mb_dir: &Path, keep: Option<&str>) {
    let Ok(entries) = std::fs::read_dir(mb_dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.trim_start_matches('.').starts_with(STAMPS_PREFIX) && Some(name.as_ref()) != keep {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Deletes the temporary files of writes that were killed half-way (tantivy's `.tmp…` in the
/// index folder, mb's `.index-files-N.tmp`), while holding the index's writer lock, so that
/// no live write's file is touched. A lock held by another mb leaves them for later.
fn sweep(index: &Index, dir: &Path) {
    let temporary = |folder: &Path, is: &dyn Fn(&str) -> bool| -> Vec<PathBuf> {
        let entries = std::fs::read_dir(folder).into_iter().flatten().flatten();
        entries.filter(|e| is(&e.file_name().to_string_lossy())).map(|e| e.path()).collect()
    };
    let mut left = temporary(dir, &|name| name.starts_with(".tmp"));
    if let Some(mb_dir) = dir.parent() {
        left.extend(temporary(mb_dir, &|name| {
            name.trim_start_matches('.').starts_with(STAMPS_PREFIX) && name.ends_with(".tmp")
        }));
    }
    if left.is_empty() {
        return;
    }
    use tantivy::Directory as _;
    if let Ok(_lock) = index.directory().acquire_lock(&tantivy::directory::INDEX_WRITER_LOCK) {
        for path in left {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Tantivy opens segment files lazily, so a lost, truncated or overwritten file would only
/// fail mid-search: look for every file of every segment up front (a stat each), then open
/// them all as a reader does, which checks each file's footer.
fn check_segments(index: &Index, dir: &Path) -> Result<(), String> {
    use tantivy::index::SegmentComponent as C;
    let metas = index.searchable_segment_metas().map_err(|e| e.to_string())?;
    for meta in metas {
        let mut components = vec![C::Postings, C::Positions, C::FastFields, C::FieldNorms, C::Terms, C::Store];
        if meta.has_deletes() {
            components.push(C::Delete);
        }
        for component in components {
            let file = meta.relative_path(component);
            if !dir.join(&file).is_file() {
                return Err(format!("{} is missing", file.display()));
            }
        }
    }
    index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .map(|_: IndexReader| ())
        .map_err(|e| e.to_string())
}

/// The manifest of the index's last commit, with its watcher token.
fn manifest_of(index: &Index, mb_dir: Option<&Path>) -> Result<Manifest, String> {
    let payload = payload_of(index)?;
    let text = match (&payload.files, mb_dir) {
        (Some(name), Some(dir)) => {
            std::fs::read_to_string(dir.join(name)).map_err(|e| format!("cannot read {name}: {e}"))?
        }
        _ => String::new(),
    };
    let mut manifest = Manifest::decode(&text);
    manifest.watch = payload.watch.as_deref().and_then(watch::Token::parse);
    Ok(manifest)
}

/// The payload of the index's last commit (small: `meta.json` only).
fn payload_of(index: &Index) -> Result<Payload, String> {
    let metas = index.load_metas().map_err(|e| e.to_string())?;
    match metas.payload {
        Some(payload) => serde_json::from_str::<Payload>(&payload).map_err(|e| e.to_string()),
        // A new, empty index: nothing indexed yet, current schema.
        None if metas.segments.is_empty() => Ok(Payload { schema: SCHEMA_VERSION, files: None, watch: None }),
        None => Err("its last commit has no manifest".into()),
    }
}

fn content_hash(bytes: &[u8]) -> u64 {
    let mut h = crate::kb::parse::IdHash::new();
    h.write(bytes);
    h.finish()
}

enum Change {
    /// Index this file's units: it is new or changed. `len` and `mtime_ns` are what the walk
    /// saw (stamping with them, rather than after the read, makes an edit during the read be
    /// seen next time). `old` is the indexed hash of a file whose size did not change: if
    /// the content hashes the same, only its stamp moves (a checkout touched it).
    Index {
        path: SourcePath,
        len: u64,
        mtime_ns: u64,
        old: Option<u64>,
    },
    Remove(String),
}

impl SearchIndex {
    /// Brings the index up to date with the files under `root`: the paths a file watcher
    /// (`mb index --watch`) reports as changed since the last commit, or, without one it can
    /// trust, every file.
    fn refresh(&mut self, root: &Path) -> Result<(), SearchError> {
        let started = Instant::now();
        let mut stats = RefreshStats::default();
        // The token lives in the commits of an index on disk; one in memory has none. A watcher
        // covers `memory-bank/` only: one started before the bank moved to another folder
        // would not report what changed there.
        let covered = watch::covers_bank(root).is_ok();
        let answer = match self.mb_dir() {
            Some(_) if !covered => Err(watch::AskError::Uncovered),
            Some(mb_dir) => {
                let since = payload_of(&self.index).ok().and_then(|p| p.watch.as_deref().and_then(watch::Token::parse));
                watch::ask(&mb_dir, since)
            }
            None => Err(watch::AskError::NotRunning),
        };
        let (token, reported) = match answer {
            Ok(watch::Answer::Changes { token, paths }) => {
                stats.watcher =
                    format!("reported {} changed {}", paths.len(), if paths.len() == 1 { "path" } else { "paths" });
                (Some(token), Some(paths))
            }
            Ok(watch::Answer::Walk { token, reason }) => {
                stats.watcher = format!("asked for a walk: {reason}");
                (Some(token), None)
            }
            Err(e) => {
                stats.watcher = e.to_string();
                (None, None)
            }
        };
        // Nothing changed since the last commit: not even its stamps need reading.
        if reported.as_ref().is_some_and(Vec::is_empty) {
            stats.millis = started.elapsed().as_millis();
            self.stats = stats;
            return Ok(());
        }
        let (scope, found) = match reported.and_then(|paths| examine(root, paths)) {
            Some((scope, found)) => (Some(scope), found),
            None => {
                stats.walked = true;
                let found = units::source_files(root);
                self.files = found.iter().map(|p| p.0.shown.clone()).collect();
                (None, found)
            }
        };
        let plan_in = |manifest: &Manifest| match &scope {
            Some(paths) => plan(&found, &Manifest { files: manifest.within(paths), ..Manifest::default() }, false),
            None => plan(&found, manifest, true),
        };
        // The token to store: the watcher's, unless the index already holds a later one.
        let token_of = |manifest: &Manifest| token.map(|t| t.latest(manifest.watch)).or(manifest.watch);
        // After a walk, most often nothing changed: plan before taking the writer lock. A
        // watcher's paths changed (and its token moves): lock at once, read the stamps once.
        let mut to_index = found.len();
        if scope.is_none() {
            let manifest = self.manifest()?;
            let (changes, unchanged) = plan_in(&manifest);
            if changes.is_empty() && token_of(&manifest) == manifest.watch {
                stats.unchanged = unchanged;
                stats.millis = started.elapsed().as_millis();
                self.stats = stats;
                return Ok(());
            }
            to_index = changes.len();
        }
        let mut writer = self.lock_writer(to_index)?;
        // Another mb may have refreshed while we waited: plan against its commit.
        let mut manifest = self.manifest()?;
        let (changes, unchanged) = plan_in(&manifest);
        stats.unchanged = unchanged;
        let token = token_of(&manifest);
        if !changes.is_empty() || token != manifest.watch {
            let rewrite = !changes.is_empty();
            if rewrite {
                self.apply(&mut writer, changes, &mut manifest, &mut stats)?;
            }
            let mut commit = writer.prepare_commit()?;
            let stamps = match self.mb_dir() {
                Some(mb_dir) if rewrite => {
                    let name = format!("{STAMPS_PREFIX}{}", commit.opstamp());
                    let path = mb_dir.join(&name);
                    crate::state::write_atomically(&path, manifest.encode().as_bytes())
                        .map_err(|source| SearchError::Io { path: crate::source::display_path(&path), source })?;
                    Some(name)
                }
                // Only the token moves: the stamps are those of the last commit.
                Some(_) => payload_of(&self.index).map_err(SearchError::Corrupt)?.files,
                None => None,
            };
            let payload =
                Payload { schema: SCHEMA_VERSION, files: stamps.clone(), watch: token.map(|t| t.to_string()) };
            commit.set_payload(&serde_json::to_string(&payload).unwrap_or_default());
            commit.commit()?;
            match (self.mb_dir(), &stamps) {
                (Some(mb_dir), Some(name)) => remove_stamps_except(&mb_dir, Some(name)),
                (Some(_), None) => {}
                (None, _) => self.memory_manifest = Some(manifest),
            }
        }
        drop(writer);
        self.reader.reload()?;
        stats.millis = started.elapsed().as_millis();
        self.stats = stats;
        Ok(())
    }

    fn mb_dir(&self) -> Option<PathBuf> {
        self.location.as_ref().and_then(|d| d.parent()).map(Path::to_path_buf)
    }

    fn manifest(&self) -> Result<Manifest, SearchError> {
        match &self.memory_manifest {
            Some(m) => Ok(m.clone()),
            None => manifest_of(&self.index, self.mb_dir().as_deref()).map_err(SearchError::Corrupt),
        }
    }

    fn apply(
        &self,
        writer: &mut IndexWriter,
        changes: Vec<Change>,
        manifest: &mut Manifest,
        stats: &mut RefreshStats,
    ) -> Result<(), SearchError> {
        let f = &self.fields;
        let mut manifest_files: BTreeMap<String, Stamp> = std::mem::take(&mut manifest.files).into_iter().collect();
        let mut to_index = Vec::new();
        for change in changes {
            match change {
                Change::Index { path, len, mtime_ns, old } => to_index.push((path, len, mtime_ns, old)),
                Change::Remove(file) => {
                    writer.delete_term(Term::from_field_text(f.file, &file));
                    manifest_files.remove(&file);
                    stats.removed += 1;
                }
            }
        }
        // Files are read and cut into units on every core, while tantivy's own threads index.
        // `indexed: None` is a file whose content had not changed.
        struct Done {
            file: String,
            stamp: Stamp,
            indexed: Option<(usize, u64)>,
        }
        let shared: &IndexWriter = writer;
        let results: Vec<_> = to_index
            .par_iter()
            .map(|(path, len, mtime_ns, old)| -> Result<Done, String> {
                let bytes = std::fs::read(&path.disk).map_err(|_| path.shown.clone())?;
                let stamp = Stamp { len: *len, mtime_ns: *mtime_ns, hash: content_hash(&bytes) };
                if *old == Some(stamp.hash) {
                    return Ok(Done { file: path.shown.clone(), stamp, indexed: None });
                }
                let mut text = String::from_utf8(bytes).map_err(|_| path.shown.clone())?;
                // A Memory Bank file's mojibake is searched for what it says, as `mb decisions`
                // reads it (rule files are read as they are, as `mb rules` reads them).
                if path.source == units::Source::MemoryBank
                    && let Some((repaired, _)) = crate::source::undo_mojibake(&text)
                {
                    text = repaired;
                }
                let parsed = units::parse(path.source, &path.shown, &text);
                let units = parsed.units();
                // Small batches, the file's delete first (it removes only documents added
                // before it). Batching cuts the hand-overs to the indexing threads; keeping
                // batches small bounds memory, since tantivy's queue counts batches.
                let mut ops = Vec::with_capacity(BATCH);
                ops.push(UserOperation::Delete(Term::from_field_text(f.file, &path.shown)));
                for unit in &units {
                    ops.push(UserOperation::Add(self.document(&path.shown, unit)));
                    if ops.len() == BATCH {
                        let full = std::mem::replace(&mut ops, Vec::with_capacity(BATCH));
                        shared.run(full).map_err(|_| path.shown.clone())?;
                    }
                }
                if !ops.is_empty() {
                    shared.run(ops).map_err(|_| path.shown.clone())?;
                }
                Ok(Done { file: path.shown.clone(), stamp, indexed: Some((units.len(), text.len() as u64)) })
            })
            .collect();
        for result in results {
            match result {
                Ok(Done { file, stamp, indexed }) => {
                    if let Some((units, bytes)) = indexed {
                        if manifest_files.contains_key(&file) {
                            stats.changed += 1;
                        } else {
                            stats.added += 1;
                        }
                        stats.units += units;
                        stats.bytes += bytes;
                    }
                    manifest_files.insert(file, stamp);
                }
                Err(file) => {
                    // Unreadable now: drop what the index had, and try again next time.
                    writer.delete_term(Term::from_field_text(f.file, &file));
                    manifest_files.remove(&file);
                    stats.unreadable.push(file);
                }
            }
        }
        manifest.files = manifest_files.into_iter().collect();
        Ok(())
    }

    fn document(&self, file: &str, unit: &Unit<'_>) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::new();
        doc.add_text(f.text, unit.text);
        // Found by, not shown: hits show the first value.
        for (_, value) in unit.also {
            doc.add_text(f.text, value);
        }
        doc.add_text(f.entry, unit.entry);
        doc.add_text(f.file, file);
        doc.add_text(f.kind, unit.kind);
        if let Some(date) = unit.date {
            doc.add_u64(f.date, date_number(date));
        }
        doc.add_u64(f.line, unit.line as u64);
        doc
    }

    /// The writer, waiting for another mb that holds it.
    /// `files`: how many files may be indexed; a few need one thread and little memory (each
    /// thread's arena is set up whether used or not).
    fn lock_writer(&self, files: usize) -> Result<IndexWriter, SearchError> {
        let (threads, budget) = if files <= SMALL_REFRESH {
            (1, SMALL_WRITER_BUDGET)
        } else {
            (std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4), WRITER_BUDGET)
        };
        let started = Instant::now();
        loop {
            match self.index.writer_with_num_threads(threads, budget) {
                Ok(writer) => return Ok(writer),
                Err(tantivy::TantivyError::LockFailure(..)) if started.elapsed() < LOCK_WAIT => {
                    std::thread::sleep(Duration::from_millis(25));
                }
                Err(tantivy::TantivyError::LockFailure(..)) => {
                    return Err(SearchError::LockTimeout(LOCK_WAIT));
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// Number of units in the index.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Runs a query. Filters narrow it; hits come best first. An index on disk that fails
    /// while searching and turns out damaged is rebuilt (with a note) and asked again.
    pub fn search(&mut self, text: &str, filters: &Filters) -> Result<Results, SearchError> {
        match self.search_once(text, filters) {
            Err(SearchError::Index(e)) if self.location.as_deref().and_then(damage).is_some() => {
                let mut notes = std::mem::take(&mut self.notes);
                notes.push(format!("the search index was damaged ({e}); rebuilt it"));
                *self = open(&self.root.clone(), Freshness::Rebuild)?;
                notes.append(&mut self.notes);
                self.notes = notes;
                self.search_once(text, filters)
            }
            other => other,
        }
    }

    fn search_once(&self, text: &str, filters: &Filters) -> Result<Results, SearchError> {
        let f = &self.fields;
        let node = query::parse(text)?;
        let searcher = self.reader.searcher();
        let known = |t: &str| searcher.doc_freq(&Term::from_field_text(f.text, t)).is_ok_and(|n| n > 0);
        let mut wanted = query::Wanted::default();
        let Some(main) = query::build(&node, f.text, &known, &mut wanted) else {
            return Ok(Results::default());
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, main)];
        if !filters.kinds.is_empty() {
            let kinds = filters.kinds.iter().map(|k| Term::from_field_text(f.kind, k));
            clauses.push((Occur::Must, Box::new(TermSetQuery::new(kinds))));
        }
        if filters.since.is_some() || filters.until.is_some() {
            // Undated units have no date and match no range: `--since` leaves them out.
            let day = |d: Date| Term::from_field_u64(f.date, date_number(d));
            let lo = Bound::Included(day(filters.since.unwrap_or(Date::MIN)));
            let hi = filters.until.map_or(Bound::Unbounded, |d| Bound::Included(day(d)));
            clauses.push((Occur::Must, Box::new(RangeQuery::new(lo, hi))));
        }
        if let Some(glob) = &filters.file {
            // After a refresh the walk's list; searching as-is, the last commit's manifest.
            let manifest = if self.files.is_empty() { Some(self.manifest()?) } else { None };
            let known: Vec<&str> = match &manifest {
                Some(m) => m.files.iter().map(|(file, _)| file.as_str()).collect(),
                None => self.files.iter().map(String::as_str).collect(),
            };
            let files: Vec<Term> = known
                .into_iter()
                .filter(|file| glob.is_match(file))
                .map(|file| Term::from_field_text(f.file, file))
                .collect();
            clauses.push((Occur::Must, Box::new(TermSetQuery::new(files))));
        }
        let query = BooleanQuery::new(clauses);
        // More candidates than asked for: re-ranking below may reorder them.
        let limit = filters.limit.max(1);
        let candidates = (limit * 4).max(40);
        let top = searcher.search(&query, &TopDocs::with_limit(candidates).order_by_score())?;
        let mut hits = Vec::with_capacity(top.len());
        let mut fuzzy_matches: Vec<String> = Vec::new();
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let text_of = |field: Field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or_default().to_string();
            let text = text_of(f.text);
            for word in snippet::fuzzy_words(&text, &wanted) {
                let word = word.to_lowercase();
                if !fuzzy_matches.contains(&word) {
                    fuzzy_matches.push(word);
                }
            }
            hits.push(Hit {
                file: text_of(f.file),
                line: doc.get_first(f.line).and_then(|v| v.as_u64()).unwrap_or(0) as usize,
                entry: text_of(f.entry),
                date: doc.get_first(f.date).and_then(|v| v.as_u64()).and_then(number_date).map(|d| d.to_string()),
                kind: text_of(f.kind),
                text,
                snippet: String::new(),
                highlights: Vec::new(),
                score,
                fuzzy: !wanted.fuzzy.is_empty(),
                superseded: false,
            });
        }
        rerank(&mut hits);
        hits.truncate(limit);
        // Snippets only for the hits shown; ranking does not use them.
        for hit in &mut hits {
            let snip = snippet::snippet(&hit.text, &wanted);
            (hit.snippet, hit.highlights) = (snip.text, snip.highlights);
        }
        Ok(Results { hits, fuzzy_terms: wanted.fuzzy.iter().map(|(t, _)| t.clone()).collect(), fuzzy_matches })
    }
}

/// How much a kind of unit weighs in ranking: what was decided comes first, then what was
/// learned; rule files restate the Memory Bank, and a check's YAML repeats its key words in
/// its id, title, decision and probe, so they weigh less.
fn kind_weight(kind: &str) -> f32 {
    match kind {
        "decision" => 1.4,
        "heading" | "learning" | "pattern" => 1.15,
        "other" => 0.9,
        "rule" => 0.8,
        "check" => 0.6,
        _ => 1.0,
    }
}

/// Re-ranks hits: kind weights, and decisions superseded by a later-dated hit that sets the
/// same setting to another value sink (and say so). Supersession is judged among the hits,
/// not the whole Memory Bank: the index holds files, not the decisions' history.
fn rerank(hits: &mut [Hit]) {
    let settings: Vec<Vec<crate::kb::Setting>> = hits
        .iter()
        .map(|h| {
            if h.kind == "decision" && h.date.is_some() {
                crate::kb::settings::extract(&h.text, &[])
            } else {
                Vec::new()
            }
        })
        .collect();
    for i in 0..hits.len() {
        let mut factor = kind_weight(&hits[i].kind);
        let newer = settings[i].iter().any(|mine| {
            (0..hits.len()).any(|j| {
                hits[j].date > hits[i].date
                    && settings[j]
                        .iter()
                        .any(|s| s.key == mine.key && !crate::kb::supersede::same_value(&s.value, &mine.value))
            })
        });
        if newer {
            factor *= 0.5;
            hits[i].superseded = true;
        }
        hits[i].score *= factor;
    }
    hits.sort_by(|a, b| b.score.total_cmp(&a.score));
}

/// The paths a watcher reported, each with the paths under it dropped, and the files the
/// index covers at or under them, as a walk there would list them (sorted by shown path).
/// `None` when a path cannot be examined on its own: then everything is walked.
fn examine(root: &Path, mut paths: Vec<String>) -> Option<(Vec<String>, Vec<units::Listed>)> {
    // By parts, so that a folder comes right before what is under it (`a`, `a/b`, `a-c`).
    paths.sort_unstable_by(|a, b| a.split('/').cmp(b.split('/')));
    let mut scope: Vec<String> = Vec::with_capacity(paths.len());
    for path in paths {
        let under_last = scope.last().is_some_and(|last| {
            path == *last || path.strip_prefix(last.as_str()).is_some_and(|rest| rest.starts_with('/'))
        });
        if !under_last {
            scope.push(path);
        }
    }
    let mut found = Vec::new();
    for path in &scope {
        found.extend(units::source_files_at(root, path)?);
    }
    found.sort_unstable_by(|a, b| a.0.shown.cmp(&b.0.shown));
    found.dedup_by(|a, b| a.0.shown == b.0.shown);
    Some((scope, found))
}

/// Works out which files to index, restamp or remove: one merge of two lists sorted by path.
/// `stamps_tell`: a file whose size and time are those of the manifest is unchanged. Not so
/// for the files a watcher reported: an edit may keep both, so their content is hashed.
fn plan(paths: &[units::Listed], manifest: &Manifest, stamps_tell: bool) -> (Vec<Change>, usize) {
    let mut changes = Vec::new();
    let mut unchanged = 0;
    let mut known = manifest.files.iter().peekable();
    for (path, len, mtime_ns) in paths {
        let (len, mtime_ns) = (*len, *mtime_ns);
        // Files the index has but the disk no longer has come first in the merge.
        while let Some((gone, _)) = known.next_if(|(file, _)| file.as_str() < path.shown.as_str()) {
            changes.push(Change::Remove(gone.clone()));
        }
        match known.next_if(|(file, _)| *file == path.shown) {
            Some((_, old)) if stamps_tell && old.len == len && old.mtime_ns == mtime_ns => unchanged += 1,
            // Touched but maybe not changed (a checkout, a save without edits): the indexing
            // pass hashes it and only restamps it if so.
            Some((_, old)) if old.len == len => {
                changes.push(Change::Index { path: path.clone(), len, mtime_ns, old: Some(old.hash) })
            }
            _ => changes.push(Change::Index { path: path.clone(), len, mtime_ns, old: None }),
        }
    }
    changes.extend(known.map(|(gone, _)| Change::Remove(gone.clone())));
    (changes, unchanged)
}

/// Filters for a search.
#[derive(Debug, Clone)]
pub struct Filters {
    pub kinds: Vec<String>,
    pub since: Option<Date>,
    pub until: Option<Date>,
    pub file: Option<GlobMatcher>,
    pub limit: usize,
}

impl Default for Filters {
    fn default() -> Filters {
        Filters { kinds: Vec::new(), since: None, until: None, file: None, limit: 10 }
    }
}

/// One hit: the `mb search --json` contract.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub file: String,
    pub line: usize,
    pub entry: String,
    pub date: Option<String>,
    pub kind: String,
    pub text: String,
    pub snippet: String,
    /// Byte ranges of `snippet` that matched.
    pub highlights: Vec<[usize; 2]>,
    pub score: f32,
    /// True when the hit was found by a fuzzy fallback (a query word matched nothing exactly).
    pub fuzzy: bool,
    /// True for a decision that a later-dated hit overrides (same setting, other value).
    pub superseded: bool,
}

#[derive(Debug, Default)]
pub struct Results {
    pub hits: Vec<Hit>,
    /// Query terms that matched nothing exactly and were searched for fuzzily.
    pub fuzzy_terms: Vec<String>,
    /// The words the fuzzy terms matched in the candidates (the hits before the limit).
    pub fuzzy_matches: Vec<String>,
}
