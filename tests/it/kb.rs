//! The Memory Bank parser on `tests/fixtures/quirks`, a bank written to carry every quirk of
//! real ones: front matter, an undated intro, dated and undated H2 entries, a date in an H3,
//! bold pseudo-headings, numbered and nested lists, `Decision:` bullets outside decision
//! sections, code blocks, HTML comments and tables that must not produce items.

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use mb::kb::{self, Block, Document, Item, Kind, KnowledgeBase, Status};

use crate::common::{self, TestEnvironment, fixture};

fn load() -> KnowledgeBase {
    let root = fixture("quirks");
    kb::load(&root.join("memory-bank"), &root)
}

fn date(s: &str) -> Option<Date> {
    Some(s.parse().unwrap())
}

/// The item whose text starts with `prefix` (exactly one must).
fn item<'a>(kb: &'a KnowledgeBase, prefix: &str) -> (&'a Document, &'a Item) {
    let found: Vec<_> = kb.items().filter(|(_, i)| i.text.starts_with(prefix)).collect();
    assert_eq!(found.len(), 1, "items starting with {prefix:?}: {}", found.len());
    found[0]
}

fn settings(item: &Item) -> Vec<(String, String)> {
    item.settings().into_iter().map(|s| (s.key, s.value)).collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn decisions_are_what_a_reader_would_list() {
    let kb = load();
    assert!(kb.errors.is_empty(), "{:?}", kb.errors);
    let decisions: Vec<(Option<String>, String, usize)> = kb
        .items()
        .filter(|(_, i)| i.kind == Kind::Decision)
        .map(|(doc, i)| {
            let file = doc.path.file_name().unwrap().to_string_lossy().into_owned();
            (i.date.map(|d| d.to_string()), format!("{file}: {}", i.text), i.line)
        })
        .collect();
    let expected: Vec<(Option<&str>, &str, usize)> = vec![
        (
            Some("2025-08-27"),
            "activeContext.md: Use fruit:resource = xattr on ZFS (xattr=sa) for old sparsebundles.",
            30,
        ),
        (Some("2025-08-27"), "activeContext.md: Keep fruit:locking = none so backups stay reliable. ✅", 31),
        (
            Some("2025-08-27"),
            "activeContext.md: Do not set fruit:time machine max size = 1T unless the quota matches.",
            32,
        ),
        // A row of a settings table in the decision section.
        (Some("2025-08-27"), "activeContext.md: vfs objects = catia fruit streams_xattr", 46),
        (None, "activeContext.md: The container must run as UID/GID 10003.", 59),
        (None, "activeContext.md: Setting grpc_tls = false alone does not turn TLS off.", 60),
        (None, "activeContext.md: The old print server needs server min protocol = SMB2.", 61),
        (Some("2025-11-17"), "activeContext.md: Loopback safety: Always allow loopback traffic, as rule 0.", 86),
        (
            Some("2025-11-17"),
            "activeContext.md: Admin network: allow 10.10.68.0/24 from any interface, see the runbook.",
            87,
        ),
        (
            Some("2026-03-02"),
            "activeContext.md: Decision: manage Proxmox repos only in base_server; set manage_proxmox_repos = false elsewhere.",
            95,
        ),
        (Some("2026-03-02"), "activeContext.md: the proxmox_hypervisor role keeps its tasks behind the flag", 96),
        (Some("2025-06-01"), "decisionLog.md: Set tm_quota to 2T for now.", 6),
        (Some("2025-09-01"), "decisionLog.md: Raise tm_quota to 3T to match the ZFS refquota.", 16),
        (None, "systemPatterns.md: Prefer server min protocol = SMB3 on every share.", 7),
        (None, "systemPatterns.md: WireGuard carries all cluster traffic.", 8),
        // A pattern named under `## Design Patterns` is one the system is built on.
        (None, "systemPatterns.md: Data-driven templates: one template, many hosts.", 11),
    ];
    let expected: Vec<_> = expected.into_iter().map(|(d, t, l)| (d.map(str::to_string), t.to_string(), l)).collect();
    assert_eq!(decisions, expected);
}

#[test]
fn entries_take_dates_from_the_forms_people_write() {
    let kb = load();
    let doc = &kb.documents[0];
    assert_eq!(doc.path, Path::new("memory-bank/activeContext.md"));
    let entries: Vec<(&str, Option<Date>)> = doc.entries.iter().map(|e| (e.title.as_str(), e.date)).collect();
    assert_eq!(
        entries,
        vec![
            ("activeContext.md", None),
            ("Active Context", None),
            ("Backup share rework (2025-08-27)", date("2025-08-27")),
            ("Previous Context: indexer container", None),
            ("Firewall lockouts (2025-11-17)", date("2025-11-17")),
            ("2026-03-02 — Proxmox 9 repositories", date("2026-03-02")),
        ]
    );
    let log = kb.documents.iter().find(|d| d.path.ends_with("decisionLog.md")).unwrap();
    assert_eq!(log.entries[1].title, "2025-06-01: Time Machine quota");
    assert_eq!(log.entries[1].date, date("2025-06-01"));
}

#[test]
fn a_date_in_an_h3_belongs_to_that_section() {
    let kb = load();
    let (doc, rule0) = item(&kb, "Loopback rule at position 0");
    assert_eq!(rule0.kind, Kind::Change);
    assert_eq!(rule0.date, date("2025-11-18"));
    assert_eq!(doc.sections[rule0.section].title.as_deref(), Some("Recent Changes (2025-11-18)"));
    // Its neighbours in the same entry keep the entry's date.
    assert_eq!(item(&kb, "Two gaps in the rules").1.date, date("2025-11-17"));
}

#[test]
fn section_kinds_follow_heading_wording() {
    let kb = load();
    let kind_of = |prefix| item(&kb, prefix).1.kind;
    assert_eq!(kind_of("Get Time Machine backups"), Kind::Focus);
    assert_eq!(kind_of("Keep old and new Macs"), Kind::Focus);
    assert_eq!(kind_of("Samba: server role"), Kind::Change);
    assert_eq!(kind_of("Re-test a backup"), Kind::NextStep);
    assert_eq!(kind_of("Two gaps in the rules"), Kind::Other);
    assert_eq!(kind_of("Tracked connections kept working"), Kind::Learning);
    assert_eq!(kind_of("Replaced the enterprise repo"), Kind::Change);
    // (`## Design Patterns` holds patterns; each one named there is a decision, see
    // `decisions_are_what_a_reader_would_list`.)
    let (doc, templates) = item(&kb, "Data-driven templates");
    assert_eq!(doc.sections[templates.section].kind, Kind::Pattern);
}

#[test]
fn lists_keep_their_shape() {
    let kb = load();
    let (doc, when) = item(&kb, "When corosync reconnected");
    let (_, deny) = item(&kb, "the new connection hit the default deny");
    let (_, dropped) = item(&kb, "the node dropped out of the cluster");
    let when_idx = doc.items.iter().position(|i| i.id == when.id).unwrap();
    assert_eq!(deny.parent, Some(when_idx));
    assert_eq!(dropped.parent, Some(when_idx));
    assert_eq!((when.depth, deny.depth), (0, 1));
    assert_eq!(when.text, "When corosync reconnected:", "children's text stays out of the parent");
    // The bold paragraph above the numbered list is a pseudo-heading, not an item.
    assert_eq!(when.group.map(|g| doc.groups[g].title.as_str()), Some("Why it took hours"));
    assert!(kb.items().all(|(_, i)| !i.text.starts_with("Why it took hours")));
    // Bold leads, numbered items.
    let (_, admin) = item(&kb, "Admin rule bound to wg0");
    assert_eq!(admin.bold.as_deref(), Some("Admin rule bound to wg0"));
    assert_eq!(admin.block, Block::ListItem);
    // Task lists.
    assert_eq!(item(&kb, "WireGuard carries").1.done, Some(true));
    assert_eq!(item(&kb, "Replace the boot mirror").1.done, Some(false));
}

#[test]
fn code_blocks_comments_and_front_matter_make_no_items() {
    let kb = load();
    for (_, i) in kb.items() {
        for forbidden in ["inside a code block", "neither is this one", "hidden in an HTML", "title: Active", "homelab"]
        {
            assert!(!i.text.contains(forbidden), "{:?} became an item", i.text);
        }
    }
}

#[test]
fn a_table_row_is_an_item_and_a_settings_table_sets_its_keys() {
    let kb = load();
    let (_, row) = item(&kb, "vfs objects");
    assert_eq!(row.block, Block::TableRow);
    assert_eq!(row.text, "vfs objects = catia fruit streams_xattr");
    assert_eq!(row.kind, Kind::Decision, "a row in a decision section");
    assert_eq!(settings(row), pairs(&[("vfs objects", "catia fruit streams_xattr")]));
    assert!(kb.items().all(|(_, i)| i.text != "setting — value"), "the head row is no item");
}

#[test]
fn paragraphs_are_items_too() {
    let kb = load();
    let (_, purpose) = item(&kb, "Purpose: Where we keep");
    assert_eq!(purpose.block, Block::Paragraph);
    assert_eq!(purpose.bold.as_deref(), Some("Purpose"));
    assert_eq!(purpose.kind, Kind::Other);
    let (_, raised) = item(&kb, "Raise tm_quota");
    assert_eq!((raised.block, raised.kind), (Block::Paragraph, Kind::Decision));
}

#[test]
fn settings_are_extracted_where_the_text_is_clear() {
    let kb = load();
    assert_eq!(settings(item(&kb, "Quotas:").1), pairs(&[("tm_quota", "3T"), ("refquota", "3T")]));
    assert_eq!(settings(item(&kb, "Samba: server role").1), pairs(&[("server role", "standalone server")]));
    assert_eq!(settings(item(&kb, "Turned DFS off").1), pairs(&[("host msdfs", "no"), ("msdfs root", "no")]));
    assert_eq!(settings(item(&kb, "Keep fruit:locking").1), pairs(&[("fruit:locking", "none")]));
    assert_eq!(settings(item(&kb, "Use fruit:resource").1), pairs(&[("fruit:resource", "xattr"), ("xattr", "sa")]));
    // "Do not set …" is the opposite of a setting.
    assert_eq!(settings(item(&kb, "Do not set fruit:time machine").1), pairs(&[]));
    assert_eq!(settings(item(&kb, "Set tm_quota to 2T").1), pairs(&[("tm_quota", "2T")]));
}

#[test]
fn links_and_code_spans_are_kept() {
    let kb = load();
    let (_, admin) = item(&kb, "Admin network:");
    assert_eq!(admin.links.len(), 1);
    assert_eq!(admin.links[0].url, "https://wiki.example/runbook");
    assert_eq!(admin.links[0].text, "the runbook");
    let (_, quotas) = item(&kb, "Quotas:");
    assert_eq!(quotas.code().collect::<Vec<_>>(), ["tm_quota", "refquota"]);
}

#[test]
fn later_dated_decisions_supersede_earlier_ones() {
    let kb = load();
    let (_, old) = item(&kb, "Set tm_quota to 2T");
    let (new_doc, new) = item(&kb, "Raise tm_quota to 3T");
    assert_eq!(old.status, Status::Superseded);
    assert_eq!(new.status, Status::Active);
    let (d, i) = old.superseded_by.expect("points at its successor");
    assert_eq!(kb.documents[d].items[i].id, new.id);
    assert_eq!(kb.documents[d].path, new_doc.path);
}

#[test]
fn conflicts_list_keys_whose_active_decisions_disagree() {
    let kb = load();
    let conflicts = kb::conflicts(&kb);
    let keys: Vec<&str> = conflicts.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["server min protocol"]);
    let values: Vec<&str> = conflicts[0].decisions.iter().map(|(_, _, v)| v.as_str()).collect();
    assert_eq!(values, ["SMB2", "SMB3"]);
}

#[test]
fn crlf_and_cr_only_files_parse_the_same() {
    // CommonMark ends a line at `\n`, `\r\n` or a lone `\r` (old Mac editors write the last):
    // every item keeps its text and its line whichever a file uses.
    let root = fixture("quirks");
    for name in ["activeContext.md", "decisionLog.md"] {
        let path = PathBuf::from("memory-bank").join(name);
        let lf = std::fs::read_to_string(root.join(&path)).unwrap();
        let a = kb::parse::parse_document(&path, &lf);
        let view = |d: &Document| -> Vec<_> {
            d.items.iter().map(|i| (i.id, i.kind, i.text.clone(), i.line, i.date, i.settings(), i.parent)).collect()
        };
        assert!(a.items.iter().any(|i| i.line > 5), "{name}: the fixture is long enough to tell lines apart");
        for ending in ["\r\n", "\r"] {
            let b = kb::parse::parse_document(&path, &lf.replace('\n', ending));
            assert_eq!(view(&a), view(&b), "{name} with {ending:?}");
            assert!(b.items.iter().all(|i| !i.text.contains('\r')));
        }
    }
}

#[test]
fn a_byte_order_mark_is_not_text() {
    let text = "\u{feff}# T\n\n## E (2025-01-02)\n\n### Decisions\n\n- keep x = 1\n";
    let doc = kb::parse::parse_document(Path::new("a.md"), text);
    assert_eq!(doc.items[0].text, "keep x = 1");
    assert_eq!(doc.items[0].line, 7);
    assert_eq!(&text[doc.items[0].span.clone()], "- keep x = 1\n");
}

#[test]
fn a_file_that_is_not_utf8_is_named_and_the_rest_still_parse() {
    let tmp = tempfile::tempdir().unwrap();
    let bank = tmp.path().join("memory-bank");
    std::fs::create_dir(&bank).unwrap();
    std::fs::copy(fixture("quirks/memory-bank/decisionLog.md"), bank.join("decisionLog.md")).unwrap();
    std::fs::write(bank.join("latin1.md"), b"# Notes\n\n- caf\xe9 au lait\n").unwrap();
    let kb = kb::load(&bank, tmp.path());
    assert_eq!(kb.documents.len(), 1);
    assert_eq!(kb.errors.len(), 1);
    let message = kb.errors[0].to_string();
    assert!(message.starts_with("memory-bank/latin1.md:3:6: not valid UTF-8"), "{message}");
}

#[test]
fn ids_survive_edits_elsewhere_in_the_file() {
    let root = fixture("quirks");
    let path = PathBuf::from("memory-bank/activeContext.md");
    let text = std::fs::read_to_string(root.join(&path)).unwrap();
    let before = kb::parse::parse_document(&path, &text);
    let edited =
        text.replace("## Active Context\n", "## Active Context\n\nA paragraph added at the top.\n\n- and a bullet\n");
    let after = kb::parse::parse_document(&path, &edited);
    let key =
        |d: &Document| -> Vec<(String, kb::ItemId)> { d.items.iter().map(|i| (i.text.to_string(), i.id)).collect() };
    let after_ids = key(&after);
    for pair in key(&before) {
        assert!(after_ids.contains(&pair), "{pair:?} changed id");
    }
    // The same text under another entry is another item.
    let moved = text.replace("- The container starts but TLS errors remain.\n", "").replace(
        "## Firewall lockouts (2025-11-17)\n",
        "## Firewall lockouts (2025-11-17)\n\n- The container starts but TLS errors remain.\n",
    );
    let moved = kb::parse::parse_document(&path, &moved);
    let id_of = |d: &Document| d.items.iter().find(|i| i.text.starts_with("The container starts")).unwrap().id;
    assert_ne!(id_of(&before), id_of(&moved));
}

fn quirks() -> TestEnvironment {
    TestEnvironment::in_dir(fixture("quirks"))
}

#[test]
fn decisions_json_contract() {
    let out = quirks().run(["decisions", "--json"]);
    assert_eq!(out.code(), Some(0), "{out}");
    let json = out.json();
    let first = &json[0];
    for field in ["id", "kind", "text", "entry", "date", "file", "line", "settings", "status"] {
        assert!(first.get(field).is_some(), "missing {field}");
    }
    insta::assert_json_snapshot!("decisions_json", json);
}

#[test]
fn decisions_table() {
    let out = quirks().run(["decisions"]);
    assert_eq!(out.code(), Some(0), "{out}");
    insta::assert_snapshot!("decisions_table", out);
}

#[test]
fn decisions_filters() {
    let env = quirks();
    let run = |args: &[&str]| -> Vec<serde_json::Value> {
        let out = env.run([&["decisions"], args, &["--json"]].concat());
        assert_eq!(out.code(), Some(0), "{out}");
        out.json().as_array().unwrap().clone()
    };
    let since = run(&["--since", "2025-11-01"]);
    assert_eq!(since.len(), 4);
    assert!(since.iter().all(|d| d["date"].as_str().unwrap() >= "2025-11-01"));
    let active = run(&["--active"]);
    assert_eq!(active.len(), 15);
    let learned = run(&["--kind", "learning,next_step"]);
    assert!(!learned.is_empty());
    assert!(learned.iter().all(|d| d["kind"] == "learning" || d["kind"] == "next_step"));
    let all = run(&["--all"]);
    assert!(all.len() > learned.len() + active.len());
}

#[test]
fn decisions_conflicts_exit_1() {
    let out = quirks().run(["decisions", "--conflicts"]);
    assert_eq!(out.code(), Some(1), "{out}");
    insta::assert_snapshot!("decisions_conflicts", out);
}

#[test]
fn decisions_on_a_missing_folder_is_a_clear_error() {
    let out = TestEnvironment::new().run(["decisions"]);
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(out.stderr.contains("no Memory Bank at `./memory-bank`"), "{out}");
}

#[test]
fn a_bank_in_a_folder_of_its_own_name_is_named_when_there_is_none_to_read() {
    // No folder agents keep a bank in, but two kept per branch under a name of the team's own:
    // the error names them (sorted) for the user to give; the bank is not read unasked. One
    // core file alone, a link, `node_modules` and what lies deeper than four levels are not
    // looked at.
    let env = TestEnvironment::new();
    for branch in ["main", "docker-runner"] {
        env.write(
            &format!("bank-branches/{branch}/activeContext.md"),
            "# Active Context\n\n## Decisions\n\n- Use Caddy.\n",
        );
        env.write(&format!("bank-branches/{branch}/progress.md"), "# Progress\n");
    }
    env.write("docs/progress.md", "# Progress\n");
    env.write("node_modules/pkg/activeContext.md", "# Active Context\n");
    env.write("node_modules/pkg/progress.md", "# Progress\n");
    env.write("a/b/c/d/e/activeContext.md", "# Active Context\n");
    env.write("a/b/c/d/e/techContext.md", "# Tech Context\n");
    let out = env.run(["decisions"]);
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(
        out.stderr.contains(
            "but Memory Bank files are in `bank-branches/docker-runner`, `bank-branches/main`: give the folder, \
             `mb decisions bank-branches/docker-runner`"
        ),
        "{out}"
    );
    let out = env.run(["decisions", "bank-branches/main"]);
    assert_eq!(out.code(), Some(0), "{out}");
    assert!(out.stderr.contains("1 decision in 1 file"), "{out}");
    // A folder named on the command line that is not there is that folder's error alone.
    let out = env.run(["decisions", "no-such-folder"]);
    assert!(out.stderr.contains("no Memory Bank at `./no-such-folder`: run mb"), "{out}");
    // Found by review: a bank folder holding only `.gitkeep` has nothing to read, and the
    // bank elsewhere is named; a name the shell would split is quoted, one with a line break
    // shown escaped (and given no command); `-C` goes into the command; Kilo Code's names,
    // common words, make a bank only three together (`docs/architecture.md` beside
    // `docs/product.md` is documentation).
    env.write("memory-bank/.gitkeep", "");
    let out = env.run(["decisions"]);
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(out.stderr.contains("no Markdown file in `./memory-bank`, but Memory Bank files are in"), "{out}");
    let env = TestEnvironment::new();
    env.write("Team Notes/bank/activeContext.md", "# Active Context\n");
    env.write("Team Notes/bank/progress.md", "# Progress\n");
    env.write("docs/architecture.md", "# Architecture\n");
    env.write("docs/product.md", "# Product\n");
    let out = env.run(["decisions"]);
    assert!(
        out.stderr.contains("files are in `Team Notes/bank`: give the folder, `mb decisions 'Team Notes/bank'`"),
        "{out}"
    );
    let out = env.run(["-C", "Team Notes", "decisions"]);
    assert!(out.stderr.contains("files are in `bank`: give the folder, `mb -C 'Team Notes' decisions bank`"), "{out}");
    let env = TestEnvironment::new();
    env.write("notes\nerror: run this/activeContext.md", "# Active Context\n");
    env.write("notes\nerror: run this/progress.md", "# Progress\n");
    let out = env.run(["decisions"]);
    assert!(out.stderr.contains("files are in `notes\\nerror: run this`\n"), "{out}");
    assert_eq!(out.stderr.lines().count(), 1, "{out}");
    // A folder named as a bank is (`memorybank`), deeper in an app's folder, holding documents
    // of its own names (round 252): named too. A `memory-bank` of no Markdown is not.
    let env = TestEnvironment::new();
    env.write("receipts/memorybank/architecture.md", "# Architecture\n\n## Decisions\n\n- Use Expo.\n");
    env.write("tools/memory-bank/notes.txt", "not a bank\n");
    let out = env.run(["decisions"]);
    assert!(
        out.stderr.contains("files are in `receipts/memorybank`: give the folder, `mb decisions receipts/memorybank`"),
        "{out}"
    );
}

#[test]
fn banks_beside_the_one_read_are_named() {
    // A monorepo keeps a bank per module beside the root's (round 247: 103 of a reader's 127
    // lines were in `Modules/*/memory-bank/`). mb reads the one bank it is given; the others
    // are named on stderr, not left out unsaid. Not the bank's own subfolders (read already),
    // nor a tool's fixtures or templates.
    let env = TestEnvironment::new();
    env.write("memory-bank/activeContext.md", "# Active Context\n\n## Decisions\n\n- Use Caddy.\n");
    env.write("memory-bank/archive/activeContext.md", "# Active Context\n\n## Decisions\n\n- Use Nginx.\n");
    env.write("memory-bank/archive/progress.md", "# Progress\n");
    for module in ["Importer", "Extension"] {
        env.write(
            &format!("Modules/{module}/memory-bank/activeContext.md"),
            "# Active Context\n\n## Decisions\n\n- Use SQLite.\n",
        );
        env.write(&format!("Modules/{module}/memory-bank/techContext.md"), "# Tech Context\n");
    }
    env.write("tests/fixtures/memory-bank/activeContext.md", "# Active Context\n");
    env.write("tests/fixtures/memory-bank/progress.md", "# Progress\n");
    env.write("templates/memory-bank/activeContext.md", "# Active Context\n");
    let out = env.run(["decisions"]);
    assert_eq!(out.code(), Some(0), "{out}");
    assert!(
        out.stdout.contains("Use Caddy") && out.stdout.contains("Use Nginx") && !out.stdout.contains("SQLite"),
        "{out}"
    );
    let note = "note: read `./memory-bank`; more Memory Bank files are in `Modules/Extension/memory-bank`, \
                `Modules/Importer/memory-bank`: give the folder, `mb decisions Modules/Extension/memory-bank`\n";
    assert!(out.stderr.contains(note), "{out}");
    assert!(
        !out.stderr.contains("archive") && !out.stderr.contains("fixtures") && !out.stderr.contains("templates"),
        "{out}"
    );
    // Scripts read stdout: the JSON is whole, the note on stderr.
    let out = env.run(["decisions", "--json"]);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&out.stdout).unwrap().as_array().unwrap().len(), 2, "{out}");
    assert!(out.stderr.contains(note), "{out}");
    // A bank given by name is the one asked for: nothing more is said.
    let out = env.run(["decisions", "Modules/Importer/memory-bank"]);
    assert!(out.stdout.contains("SQLite") && !out.stderr.contains("note:"), "{out}");
    // Core files kept at the root are the bank read; a module's is named beside them.
    let env = TestEnvironment::new();
    env.write("activeContext.md", "# Active Context\n\n## Decisions\n\n- Use Caddy.\n");
    env.write("progress.md", "# Progress\n");
    env.write("apps/api/memory-bank/activeContext.md", "# Active Context\n");
    let out = env.run(["decisions"]);
    assert!(
        out.stderr.contains("note: read the root's core files; more Memory Bank files are in `apps/api/memory-bank`"),
        "{out}"
    );
}

#[test]
fn a_bank_kept_at_the_repositorys_root_is_read() {
    // Cline's core files beside the README (some two hundred public repositories keep them so)
    // are the repository's bank: read, searched, and nothing else at the root with them.
    let env = TestEnvironment::new();
    env.write("README.md", "# Homelab\n\n## Decisions\n\n- Use Nginx everywhere.\n");
    env.write("projectbrief.md", "# Project Brief\n\n## Key Decisions\n\n- Run k3s on three nodes.\n");
    env.write("activeContext.md", "# Active Context\n\n## Decisions\n\n- Use Traefik for ingress.\n");
    let files = |out: &common::CommandOutput| -> Vec<String> {
        out.json().as_array().unwrap().iter().map(|d| format!("{} {}", d["file"], d["text"])).collect()
    };
    let out = env.run(["decisions", "--json"]);
    assert_eq!(out.code(), Some(0), "{out}");
    assert_eq!(
        files(&out),
        [r#""activeContext.md" "Use Traefik for ingress.""#, r#""projectbrief.md" "Run k3s on three nodes.""#],
        "{out}"
    );
    let hits = env.run(["search", "traefik", "--json"]);
    assert_eq!(hits.json()[0]["file"], "activeContext.md", "{hits}");
    assert_eq!(env.run(["search", "nginx", "--json"]).json(), serde_json::json!([]));
    // A folder of notes beside them (a hybrid bank): both are the bank's.
    env.write("memory-bank/traefik-notes.md", "# Traefik notes\n\n## Decisions\n\n- Terminate TLS at Traefik.\n");
    let out = env.run(["decisions", "--json"]);
    assert_eq!(files(&out).len(), 3, "{out}");
    assert_eq!(files(&env.run(["decisions", "memory-bank", "--json"])).len(), 3);
    // A bank folder with core files of its own is the bank; the root's copies are not read.
    env.write("memory-bank/activeContext.md", "# Active Context\n\n## Decisions\n\n- Use Caddy for ingress.\n");
    let out = env.run(["decisions", "--json"]);
    assert!(files(&out).iter().all(|f| f.starts_with(r#""memory-bank/"#)), "{out}");
    // Another folder named is read alone.
    let env = TestEnvironment::new();
    env.write("projectbrief.md", "# Project Brief\n\n## Key Decisions\n\n- Run k3s on three nodes.\n");
    env.write("progress.md", "# Progress\n");
    env.write("docs/adr/0001-proxy.md", "# Use Traefik\n\n## Decision\n\nUse Traefik for ingress.\n");
    let out = env.run(["decisions", "docs/adr", "--json"]);
    assert!(files(&out).iter().all(|f| f.starts_with(r#""docs/adr/"#)), "{out}");
    // One core file alone (a `progress.md` of something else) is no bank.
    let env = TestEnvironment::new();
    env.write("progress.md", "# Progress\n\n## Decisions\n\n- Ship on Fridays.\n");
    let out = env.run(["decisions"]);
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(out.stderr.contains("no Memory Bank at `./memory-bank`"), "{out}");
}

#[test]
fn a_bad_file_is_reported_and_the_run_exits_2_after_printing_the_rest() {
    let env = TestEnvironment::new();
    env.write("memory-bank/decisionLog.md", std::fs::read(fixture("quirks/memory-bank/decisionLog.md")).unwrap());
    env.write("memory-bank/bad.md", b"- \xff\n");
    let out = env.run(["decisions"]);
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(out.stdout.contains("Raise tm_quota to 3T"), "{out}");
    assert!(out.stderr.contains("memory-bank/bad.md:1:3: not valid UTF-8"), "{out}");
}

#[test]
fn mojibake_is_read_and_searched_for_what_it_says() {
    // A Russian team's techContext.md, once read as Windows-1251 and saved again: each
    // heading and decision is a run of `Р` and `С` signs that no one (and no search) reads.
    let env = TestEnvironment::new();
    let text = "# Технический контекст\n\n## Ключевые решения\n\n\
                - Решили хранить резервные копии на ZFS с refquota 2T\n\
                - Отказались от Ceph: слишком сложно для трёх узлов\n";
    env.write("memory-bank/techContext.md", common::saved_through_windows_1251(text));
    env.write("memory-bank/activeContext.md", "# Текущая работа\n\n- Проверяем резервные копии\n");
    let out = env.run(["decisions", "--json"]);
    assert_eq!(out.code(), Some(0), "{out}");
    let json = out.json();
    let texts: Vec<&str> = json.as_array().unwrap().iter().map(|d| d["text"].as_str().unwrap()).collect();
    assert!(texts.contains(&"Решили хранить резервные копии на ZFS с refquota 2T"), "{texts:?}");
    // The file is named, with what happened to it and what to do; the file written right is not.
    assert!(out.stderr.contains("memory-bank/techContext.md: UTF-8 text that was once read as Windows-1251"), "{out}");
    assert!(out.stderr.contains("save it as UTF-8"), "{out}");
    assert!(!out.stderr.contains("activeContext"), "{out}");
    // The file on disk is left as it was.
    let disk = std::fs::read(env.work_dir().join("memory-bank/techContext.md")).unwrap();
    assert_eq!(disk, common::saved_through_windows_1251(text));
    // And the search finds its words.
    let out = env.run(["search", "резервные", "--json"]);
    assert_eq!(out.code(), Some(0), "{out}");
    let json = out.json();
    let files: Vec<&str> = json.as_array().unwrap().iter().map(|h| h["file"].as_str().unwrap()).collect();
    assert!(files.contains(&"memory-bank/techContext.md"), "{files:?}");
}

#[test]
fn a_preface_above_dated_entries_is_not_a_decision() {
    let text = "# Decision Log\n\nWhy we keep this log.\n\n## 2025-06-01: Quota\n\nSet `q` to 2T.\n";
    let doc = kb::parse::parse_document(Path::new("memory-bank/decisionLog.md"), text);
    let kinds: Vec<(&str, Kind)> = doc.items.iter().map(|i| (i.text.as_str(), i.kind)).collect();
    assert_eq!(kinds, [("Why we keep this log.", Kind::Other), ("Set q to 2T.", Kind::Decision)]);
    // A file that is one entry takes the kind its title names.
    let doc = kb::parse::parse_document(Path::new("memory-bank/decisions.md"), "# Decisions\n\n- Use ZFS.\n");
    assert_eq!(doc.items[0].kind, Kind::Decision);
}

#[test]
fn a_definition_of_words_is_listed_and_searched() {
    // `- [Offsite]: [restic/B2]`: Markdown reads the line as a link definition and draws an
    // empty bullet; the words are the team's (they had been in no view).
    let env = TestEnvironment::new();
    env.write(
        "memory-bank/techContext.md",
        "# Tech Context\n\n## Backups\n\n- [Offsite]: [restic/B2]\n- [Offsite]: [borgbase]\n\n\
         [runbook]: https://wiki.example.org/backups\n",
    );
    let out = env.run(["decisions", "--all", "--json"]);
    assert_eq!(out.code(), Some(0), "{out}");
    let json = out.json();
    let texts: Vec<&str> = json.as_array().unwrap().iter().map(|d| d["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["[Offsite]: [restic/B2]", "[Offsite]: [borgbase]"]);
    let out = env.run(["search", "borgbase", "--json"]);
    assert_eq!(out.code(), Some(0), "{out}");
    let json = out.json();
    assert_eq!(json.as_array().unwrap().len(), 1, "{json}");
    assert_eq!(json[0]["line"], 6, "{json}");
}

#[test]
fn clines_journal_in_the_bank_is_one_of_its_files() {
    // Cline's first Memory Bank instructions kept the project's learned patterns and
    // preferences in a Markdown file named `.clinerules`; many banks keep it beside their
    // files. It is read, listed and searched as they are; a `.clinerules/` folder inside the
    // bank (Cline's rules) is not, nor any other hidden name.
    let env = TestEnvironment::new();
    env.write(
        "memory-bank/activeContext.md",
        "# Active Context\n\n## Decisions\n\n- Use Caddy as the reverse proxy.\n",
    );
    env.write(
        "memory-bank/.clinerules",
        "# Project Intelligence\n\n## Patterns & Preferences\n\n- Always pin container images by digest.\n",
    );
    env.write("memory-bank/.drafts/ideas.md", "## Decisions\n\n- Use Traefik.\n");
    let out = env.run(["decisions", "--json"]);
    assert_eq!(out.code(), Some(0), "{out}");
    let files: Vec<String> =
        out.json().as_array().unwrap().iter().map(|d| d["file"].as_str().unwrap().to_string()).collect();
    assert_eq!(files, ["memory-bank/.clinerules", "memory-bank/activeContext.md"]);
    let hits = env.run(["search", "digest", "--json"]).json();
    assert_eq!(hits[0]["file"], "memory-bank/.clinerules", "{hits}");
    // Kept fresh as the bank's other files are.
    env.write(
        "memory-bank/.clinerules",
        "# Project Intelligence\n\n## Patterns & Preferences\n\n- Always pin container images by tag and digest.\n",
    );
    let hits = env.run(["search", "tag", "--json"]).json();
    assert_eq!(hits[0]["file"], "memory-bank/.clinerules", "{hits}");
    // A folder of that name holds Cline's rules, not the bank's.
    let env = TestEnvironment::new();
    env.write(
        "memory-bank/activeContext.md",
        "# Active Context\n\n## Decisions\n\n- Use Caddy as the reverse proxy.\n",
    );
    env.write("memory-bank/.clinerules/style.md", "## Decisions\n\n- Use tabs.\n");
    let files = env.run(["decisions", "--json"]).json();
    assert_eq!(files.as_array().unwrap().len(), 1, "{files}");
    // Cursor's name for the journal (`memory-bank/.cursorrules`, kept by banks that follow
    // Cline's instructions with Cursor) is read the same way; at the root it is Cursor's rule
    // file for the repository, and not read.
    let env = TestEnvironment::new();
    env.write(
        "memory-bank/activeContext.md",
        "# Active Context\n\n## Decisions\n\n- Use Caddy as the reverse proxy.\n",
    );
    env.write(
        "memory-bank/.cursorrules",
        "# Project Intelligence\n\n## Patterns & Preferences\n\n- Always tag backup snapshots with the host name.\n",
    );
    env.write(".cursorrules", "# Cursor rules\n\n## Patterns & Preferences\n\n- Always answer in English.\n");
    let out = env.run(["decisions", "--json"]);
    let files: Vec<String> =
        out.json().as_array().unwrap().iter().map(|d| d["file"].as_str().unwrap().to_string()).collect();
    assert_eq!(files, ["memory-bank/.cursorrules", "memory-bank/activeContext.md"], "{out}");
    let hits = env.run(["search", "snapshots", "--json"]).json();
    assert_eq!(hits[0]["file"], "memory-bank/.cursorrules", "{hits}");
    assert_eq!(env.run(["search", "english", "--json"]).json(), serde_json::json!([]));
}

#[test]
fn the_root_rule_file_is_the_journal_only_where_the_bank_keeps_none() {
    // Cline's first Memory Bank instructions kept the journal at the repository's root, and
    // banks that follow them keep none in their folder (rounds 210 and 212: 77 lines the
    // readers listed in three such files): there the root's `.clinerules` is read as the
    // bank's journal too, once, at the root — also when the bank's journal is a link to it
    // (found by review before: it was read twice). It stays one file in search; and it is no
    // bank file when the bank keeps a journal of its own, when the bank named is the repository
    // itself, nor when it is Cline's folder of rules. A `.clinerules` file inside `rules/` is
    // no rule file.
    let env = TestEnvironment::new();
    env.write(
        "memory-bank/activeContext.md",
        "# Active Context\n\n## Decisions\n\n- Use Caddy as the reverse proxy.\n",
    );
    env.write(".clinerules", "# Rules\n\n## Patterns\n\n- Container images pinned by digest.\n");
    let listed = |env: &TestEnvironment, args: &[&str]| -> Vec<String> {
        let out = env.run(args);
        assert_eq!(out.code(), Some(0), "{out}");
        out.json()
            .as_array()
            .unwrap()
            .iter()
            .map(|d| format!("{}:{}", d["file"].as_str().unwrap(), d["text"]))
            .collect()
    };
    let both = [
        ".clinerules:\"Container images pinned by digest.\"",
        "memory-bank/activeContext.md:\"Use Caddy as the reverse proxy.\"",
    ];
    assert_eq!(listed(&env, &["decisions", "--json"]), both);
    std::os::unix::fs::symlink("../.clinerules", env.work_dir().join("memory-bank/.clinerules")).unwrap();
    assert_eq!(listed(&env, &["decisions", "--json"]), both);
    env.write("rules/.clinerules", "# Nested\n\n- Always reboot on Fridays.\n");
    let hits = env.run(["search", "digest", "--json"]).json();
    let files: Vec<&str> = hits.as_array().unwrap().iter().map(|h| h["file"].as_str().unwrap()).collect();
    assert_eq!(files, [".clinerules"], "{hits}");
    assert_eq!(env.run(["search", "Fridays", "--json"]).code(), Some(1));
    let all = env.run(["decisions", ".", "--all", "--json"]).json();
    assert!(all.as_array().unwrap().iter().all(|d| d["file"] != ".clinerules"), "{all}");
    // A journal of the bank's own.
    std::fs::remove_file(env.work_dir().join("memory-bank/.clinerules")).unwrap();
    env.write("memory-bank/.clinerules", "# Journal\n\n## Patterns\n\n- Hosts named by role.\n");
    assert_eq!(
        listed(&env, &["decisions", "--json"]),
        [
            "memory-bank/.clinerules:\"Hosts named by role.\"",
            "memory-bank/activeContext.md:\"Use Caddy as the reverse proxy.\""
        ]
    );
    // Cline's folder of rules at the root.
    std::fs::remove_file(env.work_dir().join("memory-bank/.clinerules")).unwrap();
    std::fs::remove_file(env.work_dir().join(".clinerules")).unwrap();
    env.write(".clinerules/style.md", "# Style\n\n## Patterns\n\n- Tabs, not spaces.\n");
    assert_eq!(
        listed(&env, &["decisions", "--json"]),
        ["memory-bank/activeContext.md:\"Use Caddy as the reverse proxy.\""]
    );
}
