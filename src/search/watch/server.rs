//! The watcher itself: `mb index --watch` watches every folder the index covers (inotify on
//! Linux, through the `notify` crate), remembers which paths changed and when, and answers
//! the searches that ask on its socket.
//!
//! What it remembers is a sequence number per changed path; a token names a point in that
//! sequence. Whatever it cannot follow makes it answer "walk everything" instead of a list:
//! a lost event (the kernel's queue overflowed), a folder it could not watch, a name that is
//! not UTF-8, a question about a point it has forgotten or about another watcher's token. A
//! symbolic link in the covered folders makes every answer "walk", for as long as it runs:
//! changes made through a link are reported under the link's target, not under the path the
//! index shows.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::hash::{BuildHasher as _, Hasher as _};
use std::io::{Read as _, Write as _};
use std::os::unix::fs::{FileTypeExt as _, OpenOptionsExt as _, PermissionsExt as _};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind, RemoveKind, RenameMode};
use notify::{EventKind, RecursiveMode, Watcher as _};

use super::{Answer, MAX_PATHS, SOCKET, TOPS, Token};

/// How long the watcher waits for its own cookie's event before it gives up on a question (or
/// longer, as long as searches wait: [`super::wait`]).
const COOKIE_WAIT: Duration = Duration::from_secs(1);

/// How long a client may take to send its question, or to read the answer.
const CLIENT_WAIT: Duration = Duration::from_millis(500);

/// Prefix of the cookie files in `.mb/watch/`.
const COOKIE: &str = "cookie-";

#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    #[error("another `mb index --watch` is already watching this repository (it holds {0})")]
    AlreadyRunning(String),
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot watch {path}: {source}{hint}")]
    Watch {
        path: String,
        #[source]
        source: notify::Error,
        hint: &'static str,
    },
    #[error("stopped: {0}")]
    Stopped(String),
    #[error(
        "the Memory Bank here is {0}, which the watcher does not cover: searches check every file instead, as without a watcher"
    )]
    Uncovered(&'static str),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WatchError + '_ {
    move |source| WatchError::Io { path: crate::source::display_path(path), source }
}

/// Things the person running the watcher should know, as they happen.
pub type Notes = Arc<dyn Fn(&str) + Send + Sync>;

/// Watches the repository at `root` and answers searches until SIGINT or SIGTERM (then
/// `Ok`), or until it cannot go on (the repository folder moved away). The socket is removed
/// either way. `ready` hears once the socket answers.
pub fn serve(root: &Path, notes: Notes, ready: Option<std::sync::mpsc::Sender<()>>) -> Result<(), WatchError> {
    let root = root.canonicalize().map_err(io(root))?;
    super::covers_bank(&root).map_err(WatchError::Uncovered)?;
    let mb_dir = crate::state::dir(&root, "").map_err(io(&root))?;
    let watch_dir = crate::state::dir(&root, "watch").map_err(io(&root))?;
    let socket = mb_dir.join(SOCKET);
    // One watcher a repository: the lock is the kernel's, so a killed watcher's is free again.
    let lock_path = watch_dir.join("lock");
    let lock = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .open(&lock_path)
        .map_err(io(&lock_path))?;
    if let Err(e) = lock.try_lock() {
        return match e {
            std::fs::TryLockError::WouldBlock => {
                Err(WatchError::AlreadyRunning(crate::source::display_path(&lock_path)))
            }
            std::fs::TryLockError::Error(e) => Err(io(&lock_path)(e)),
        };
    }
    // Holding the lock, whatever a dead watcher left is ours to remove.
    for entry in std::fs::read_dir(&watch_dir).map_err(io(&watch_dir))?.flatten() {
        let name = entry.file_name();
        let stale_socket = entry.path() == socket && entry.file_type().is_ok_and(|t| t.is_socket());
        if stale_socket || name.to_string_lossy().starts_with(COOKIE) {
            let _ = std::fs::remove_file(entry.path());
        }
    }

    let shared = Arc::new(Shared { state: Mutex::new(State::new()), seen: Condvar::new() });
    let observer = Observer {
        root: root.clone(),
        watch_dir: watch_dir.clone(),
        socket: socket.clone(),
        shared: shared.clone(),
        notes: notes.clone(),
    };
    let mut watcher = notify::recommended_watcher(move |event| observer.observe(event))
        .map_err(|source| watch_error(&root, source))?;
    watcher.watch(&watch_dir, RecursiveMode::NonRecursive).map_err(|source| watch_error(&watch_dir, source))?;
    watcher.watch(&root, RecursiveMode::NonRecursive).map_err(|source| watch_error(&root, source))?;
    let mut folders = 0;
    for top in TOPS {
        let path = root.join(top);
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
            watcher.watch(&path, RecursiveMode::Recursive).map_err(|source| watch_error(&path, source))?;
            folders += 1;
        }
    }
    // Links already there (new ones are seen as they arrive).
    for top in TOPS {
        if let Some(link) = first_symlink(&root.join(top)) {
            shared.lock().distrust(&notes, symlink_reason(&root, &link));
        }
    }

    let listener = UnixListener::bind(&socket).map_err(io(&socket))?;
    std::fs::set_permissions(&socket, std::fs::Permissions::from_mode(0o600)).map_err(io(&socket))?;
    let mut signals = signal_hook::iterator::Signals::new([signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM])
        .map_err(io(&socket))?;
    {
        let (shared, socket) = (shared.clone(), socket.clone());
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let name = if signal == signal_hook::consts::SIGINT { "SIGINT" } else { "SIGTERM" };
                shared.lock().stop = Some(Stop::Signal(name));
                let _ = UnixStream::connect(&socket);
            }
        });
    }
    if let Some(ready) = ready {
        let _ = ready.send(());
    }
    notes(&format!(
        "watching {folders} top folders of {}; searches there now ask this watcher what changed (Ctrl-C stops it)",
        root.display()
    ));

    let mut server = Server { watcher, watch_dir, shared: shared.clone(), cookies: 0 };
    for connection in listener.incoming() {
        if shared.lock().stop.is_some() {
            break;
        }
        if let Ok(connection) = connection {
            server.converse(connection);
        }
    }
    let _ = std::fs::remove_file(&socket);
    drop(lock);
    let stop = shared.lock().stop.take();
    match stop {
        Some(Stop::Failed(why)) => Err(WatchError::Stopped(why)),
        Some(Stop::Signal(name)) => {
            notes(&format!("{name}: stopped; searches walk the files again"));
            Ok(())
        }
        None => Ok(()),
    }
}

fn watch_error(path: &Path, source: notify::Error) -> WatchError {
    let hint = if matches!(source.kind, notify::ErrorKind::MaxFilesWatch) {
        " (the kernel's limit on watched folders; raise fs.inotify.max_user_watches)"
    } else {
        ""
    };
    WatchError::Watch { path: crate::source::display_path(path), source, hint }
}

fn symlink_reason(root: &Path, link: &Path) -> String {
    format!(
        "{} is a symbolic link, and changes made through a link are not seen under its name; every search walks the files",
        crate::source::display_path(link.strip_prefix(root).unwrap_or(link))
    )
}

/// The first symlink at or under `path` that the index's walk would follow (hidden names are
/// not walked), reading only directory entries.
fn first_symlink(path: &Path) -> Option<PathBuf> {
    let kind = std::fs::symlink_metadata(path).ok()?.file_type();
    if kind.is_symlink() {
        return Some(path.to_path_buf());
    }
    if !kind.is_dir() {
        return None;
    }
    for entry in std::fs::read_dir(path).ok()?.flatten() {
        let Ok(kind) = entry.file_type() else { continue };
        // (What the walks skip: hidden names, but not Cline's journal, which may be a link.)
        if crate::kb::load::is_hidden(&entry.file_name().to_string_lossy(), kind.is_dir()) {
            continue;
        }
        if kind.is_symlink() {
            return Some(entry.path());
        }
        if kind.is_dir()
            && let Some(link) = first_symlink(&entry.path())
        {
            return Some(link);
        }
    }
    None
}

enum Stop {
    Signal(&'static str),
    Failed(String),
}

struct Shared {
    state: Mutex<State>,
    /// Signalled when a cookie's event arrives, or the watcher stops.
    seen: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic elsewhere never leaves the state half-updated in a way that matters: every
        // update is one insert or one assignment.
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

struct State {
    instance: u64,
    /// Events seen so far.
    seq: u64,
    /// Changed paths (relative to the root) and the number of the last event on each.
    changed: HashMap<String, u64>,
    /// Tokens before this were pruned: a question about one is answered "walk".
    floor: u64,
    /// The last event that made a walk necessary, and why.
    walk_since: u64,
    walk_reason: String,
    /// Set once for good: every answer is "walk".
    untrusted: Option<String>,
    /// Cookie files whose creation has been seen.
    cookies: HashSet<String>,
    /// Top folders that appeared and must be watched (recursively) before the next answer.
    rewatch: Vec<PathBuf>,
    stop: Option<Stop>,
}

impl State {
    fn new() -> State {
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u32(std::process::id());
        hasher
            .write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos()));
        State {
            instance: hasher.finish(),
            seq: 0,
            changed: HashMap::new(),
            floor: 0,
            walk_since: 0,
            walk_reason: String::new(),
            untrusted: None,
            cookies: HashSet::new(),
            rewatch: Vec::new(),
            stop: None,
        }
    }

    fn record(&mut self, notes: &Notes, path: String) {
        self.seq += 1;
        self.changed.insert(path, self.seq);
        if self.changed.len() > MAX_PATHS {
            self.changed.clear();
            self.walk_needed(notes, format!("more than {MAX_PATHS} paths changed"));
        }
    }

    fn walk_needed(&mut self, notes: &Notes, reason: String) {
        self.seq += 1;
        self.walk_since = self.seq;
        notes(&format!("the next search walks the files: {reason}"));
        self.walk_reason = reason;
    }

    fn distrust(&mut self, notes: &Notes, reason: String) {
        if self.untrusted.is_none() {
            notes(&reason);
            self.untrusted = Some(reason);
        }
    }

    /// The answer to a question about `since`, once every earlier change has been seen.
    fn answer(&mut self, since: Option<Token>) -> Answer {
        let token = Token { instance: self.instance, seq: self.seq };
        let walk = |reason: &str| Answer::Walk { token, reason: reason.to_string() };
        if let Some(why) = &self.untrusted {
            return walk(why);
        }
        let Some(since) = since.filter(|t| t.instance == self.instance && t.seq <= self.seq) else {
            return walk("the index has not been refreshed since this watcher started");
        };
        if since.seq < self.floor {
            return walk("the index's last refresh is older than what the watcher remembers");
        }
        if since.seq < self.walk_since {
            return walk(&self.walk_reason.clone());
        }
        // The index holds everything up to `since`: what came before is not needed again.
        self.changed.retain(|_, seq| *seq > since.seq);
        self.floor = since.seq;
        let mut paths: Vec<String> = self.changed.keys().cloned().collect();
        paths.sort_unstable();
        Answer::Changes { token, paths }
    }
}

/// Turns notify's events into the state, on notify's thread.
struct Observer {
    root: PathBuf,
    watch_dir: PathBuf,
    socket: PathBuf,
    shared: Arc<Shared>,
    notes: Notes,
}

impl Observer {
    fn observe(&self, event: notify::Result<notify::Event>) {
        let event = match event {
            Ok(event) => event,
            Err(e) => {
                self.shared.lock().distrust(
                    &self.notes,
                    format!("the watcher lost track of a folder ({e}); every search walks the files"),
                );
                return;
            }
        };
        if event.need_rescan() {
            let mut state = self.shared.lock();
            state.walk_needed(&self.notes, "the kernel's event queue overflowed".into());
            // Folders made while events were lost are not watched yet: watch the tops again.
            let tops = TOPS.iter().map(|top| self.root.join(top)).filter(|p| p.is_dir());
            state.rewatch.extend(tops);
            return;
        }
        // Reads and opens change nothing; a close after writing may follow a write through a
        // mapping, which reports nothing else.
        if let EventKind::Access(access) = event.kind
            && access != AccessKind::Close(AccessMode::Write)
        {
            return;
        }
        for path in &event.paths {
            self.path_event(path, event.kind);
        }
    }

    fn path_event(&self, path: &Path, kind: EventKind) {
        if let Ok(name) = path.strip_prefix(&self.watch_dir) {
            let name = name.to_string_lossy();
            if matches!(kind, EventKind::Create(_)) && name.starts_with(COOKIE) {
                self.shared.lock().cookies.insert(name.into_owned());
                self.shared.seen.notify_all();
            }
            return;
        }
        if path == self.root {
            if matches!(kind, EventKind::Remove(_) | EventKind::Modify(ModifyKind::Name(_))) {
                self.shared.lock().stop = Some(Stop::Failed("the repository folder was moved or removed".into()));
                self.shared.seen.notify_all();
                let _ = UnixStream::connect(&self.socket);
            }
            return;
        }
        let Ok(relative) = path.strip_prefix(&self.root) else {
            return;
        };
        let Some(relative) = relative.to_str() else {
            self.shared.lock().walk_needed(&self.notes, format!("a name that is not UTF-8: {}", relative.display()));
            return;
        };
        let mut parts = relative.split('/');
        let Some(top) = parts.next().filter(|top| TOPS.contains(top)) else {
            return;
        };
        let rest: Vec<&str> = parts.collect();
        // The walk never enters hidden names (`.git`, editors' swap files): not covered — but a
        // file may be Cline's journal (`memory-bank/.clinerules`).
        if rest.split_last().is_some_and(|(last, between)| {
            crate::kb::load::is_hidden(last, false) || between.iter().any(|part| part.starts_with('.'))
        }) {
            return;
        }
        let name = rest.last().copied().unwrap_or(top);
        // Events only files have, on names the index would not read: editors' backups and
        // probes (`a.md~`, `4913`). A folder's events, or a rename, may be any name.
        let file_only = matches!(
            kind,
            EventKind::Create(CreateKind::File)
                | EventKind::Remove(RemoveKind::File)
                | EventKind::Modify(ModifyKind::Data(_))
                | EventKind::Access(_)
        );
        if !rest.is_empty() && file_only && !crate::kb::is_markdown(name) && !crate::kb::load::is_journal_name(name) {
            return;
        }
        let arrived = matches!(
            kind,
            EventKind::Create(_)
                | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both | RenameMode::Any))
        );
        let mut state = self.shared.lock();
        if arrived && let Ok(meta) = std::fs::symlink_metadata(path) {
            if meta.file_type().is_symlink() {
                state.distrust(&self.notes, symlink_reason(&self.root, path));
            } else if meta.is_dir() {
                if let Some(link) = first_symlink(path) {
                    state.distrust(&self.notes, symlink_reason(&self.root, &link));
                }
                if rest.is_empty() {
                    state.rewatch.push(path.to_path_buf());
                }
            }
        }
        state.record(&self.notes, relative.to_string());
    }
}

/// Answers questions, one at a time, on the main thread.
struct Server {
    watcher: notify::RecommendedWatcher,
    watch_dir: PathBuf,
    shared: Arc<Shared>,
    cookies: u64,
}

impl Server {
    fn converse(&mut self, mut connection: UnixStream) {
        let _ = connection.set_read_timeout(Some(CLIENT_WAIT));
        let _ = connection.set_write_timeout(Some(CLIENT_WAIT));
        let mut request = Vec::new();
        let mut byte = [0u8; 256];
        // Up to the newline, and never more than a request may be.
        while !request.ends_with(b"\n") && request.len() <= super::MAX_REQUEST {
            match connection.read(&mut byte) {
                Ok(0) | Err(_) => break,
                Ok(n) => request.extend_from_slice(&byte[..n]),
            }
        }
        if request.is_empty() {
            // A wake-up (a signal, a stop), or a client that gave up.
            return;
        }
        let reply = match super::parse_request(&request) {
            Ok(since) => super::encode_answer(&self.answer(since)),
            Err(e) => format!("{} error {e}\n", super::PROTOCOL).into_bytes(),
        };
        let _ = connection.write_all(&reply);
    }

    fn answer(&mut self, since: Option<Token>) -> Answer {
        let walk = |state: &State, reason: String| Answer::Walk {
            token: Token { instance: state.instance, seq: state.seq },
            reason,
        };
        // The handshake: a cookie created now is queued after every event of a change made
        // before the question; once its event is here, so are theirs.
        self.cookies += 1;
        let name = format!("{COOKIE}{}", self.cookies);
        let cookie = self.watch_dir.join(&name);
        if let Err(e) = File::create_new(&cookie) {
            let state = self.shared.lock();
            return walk(&state, format!("cannot write the cookie {}: {e}", cookie.display()));
        }
        let cookie_wait = COOKIE_WAIT.max(super::wait());
        let deadline = Instant::now() + cookie_wait;
        let mut state = self.shared.lock();
        let seen = loop {
            if state.cookies.remove(&name) {
                break true;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || state.stop.is_some() {
                break false;
            }
            state = self.shared.seen.wait_timeout(state, left).map_or_else(|p| p.into_inner().0, |(s, _)| s);
        };
        drop(state);
        let _ = std::fs::remove_file(&cookie);
        if !seen {
            let state = self.shared.lock();
            return walk(&state, format!("the watcher did not see its own cookie within {cookie_wait:?}"));
        }
        // notify watches the folders created in a batch of events after handing the whole
        // batch over; a call into its loop returns only after that, so every folder created
        // before the question is watched before the answer.
        let _ = self.watcher.watch(&self.watch_dir, RecursiveMode::NonRecursive);
        let rewatch = std::mem::take(&mut self.shared.lock().rewatch);
        for path in rewatch {
            match self.watcher.watch(&path, RecursiveMode::Recursive) {
                Ok(()) => {}
                // Gone again: its removal is recorded.
                Err(e) if matches!(e.kind, notify::ErrorKind::PathNotFound) => {}
                Err(e) => {
                    let reason = watch_error(&path, e).to_string();
                    self.shared.lock().untrusted.get_or_insert(reason);
                }
            }
        }
        self.shared.lock().answer(since)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quiet() -> Notes {
        Arc::new(|_: &str| {})
    }

    #[test]
    fn answers_list_what_changed_since_the_token_and_forget_what_the_index_holds() {
        let notes = quiet();
        let mut state = State::new();
        // The first question cannot be answered with a list: the watcher was not there.
        let Answer::Walk { token: first, .. } = state.answer(None) else { panic!("a walk") };
        state.record(&notes, "memory-bank/a.md".into());
        state.record(&notes, "memory-bank/b.md".into());
        let Answer::Changes { token: second, paths } = state.answer(Some(first)) else { panic!("a list") };
        assert_eq!(paths, ["memory-bank/a.md", "memory-bank/b.md"]);
        state.record(&notes, "memory-bank/a.md".into());
        // Asked again from the first token (a search that died before its commit): both.
        assert!(matches!(state.answer(Some(first)), Answer::Changes { paths, .. } if paths.len() == 2));
        // From the second: only the later change; and the first token is forgotten for good.
        let Answer::Changes { paths, .. } = state.answer(Some(second)) else { panic!("a list") };
        assert_eq!(paths, ["memory-bank/a.md"]);
        assert!(matches!(state.answer(Some(first)), Answer::Walk { .. }));
        // Another watcher's token, or one from the future, is a walk.
        let foreign = Token { instance: state.instance ^ 1, seq: 1 };
        assert!(matches!(state.answer(Some(foreign)), Answer::Walk { .. }));
        let future = Token { instance: state.instance, seq: state.seq + 1 };
        assert!(matches!(state.answer(Some(future)), Answer::Walk { .. }));
    }

    #[test]
    fn a_lost_event_makes_the_next_answer_a_walk_and_only_that_one() {
        let notes = quiet();
        let mut state = State::new();
        let Answer::Walk { token, .. } = state.answer(None) else { panic!("a walk") };
        state.walk_needed(&notes, "the kernel's event queue overflowed".into());
        let Answer::Walk { token: after, reason } = state.answer(Some(token)) else { panic!("a walk") };
        assert!(reason.contains("overflowed"), "{reason}");
        assert!(matches!(state.answer(Some(after)), Answer::Changes { paths, .. } if paths.is_empty()));
        state.distrust(&notes, "a link".into());
        assert!(matches!(state.answer(Some(after)), Answer::Walk { reason, .. } if reason == "a link"));
    }
}
