//! `--format html`: one self-contained page for a person (a team lead opening the CI artifact):
//! the verdict, a check × host matrix coloured by status, every finding that fails or could not
//! be judged with what was expected and found, the rule and the decision, and the hosts that
//! were not audited.
//!
//! The page loads nothing: its CSS is inline, it has no script, and its only links are anchors
//! inside it, so it opens the same from a CI artifact, a mail or a machine with no network.
//! Every text from outside mb is HTML-escaped; control characters are shown as `\x..`.

use std::collections::HashMap;
use std::io::{self, Write};

use super::view::{Checks, Overview, Verdict, host_problem, html, one_line};
use crate::audit::run::Run;
use crate::audit::{Finding, FindingStatus};
use crate::report::by_check;
use crate::rules::Check;

const STYLE: &str = "
body { font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 2rem; color: #1f2328; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .6rem; }
code, pre { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-size: .9em; }
pre { background: #f6f8fa; padding: .4rem .6rem; margin: 0; white-space: pre-wrap; word-break: break-all; }
.verdict { display: inline-block; padding: .1rem .7rem; border-radius: 1rem; color: #fff; }
.v-drift { background: #cf222e; } .v-incomplete { background: #8250df; } .v-clean { background: #1a7f37; }
.meta { color: #59636e; }
table.matrix { border-collapse: collapse; }
.matrix th, .matrix td { border: 1px solid #d1d9e0; padding: .25rem .6rem; }
.matrix thead th { background: #f6f8fa; }
.matrix tbody th { text-align: left; font-weight: normal; }
.matrix td.cell { text-align: center; min-width: 4.5rem; font-weight: bold; }
.matrix td.cell a { color: inherit; text-decoration: none; display: block; }
.s-pass { background: #aceebb; color: #116329; }
.s-fail { background: #ff8182; color: #82071e; }
.s-error { background: #f0a8f5; color: #6e0f78; }
.s-skip { background: #fff1a8; color: #6b5500; }
.s-missed { background: #d1d9e0; color: #424a53; }
.s-na { background: #fff; }
.sev { color: #59636e; font-size: .85em; }
.legend span { display: inline-block; padding: 0 .5rem; margin-right: .4rem; border: 1px solid #d1d9e0; }
.finding { border-left: .35rem solid; padding: .3rem 1rem; margin: 1rem 0; background: #fbfbfc; }
.f-fail { border-color: #cf222e; } .f-error { border-color: #8250df; }
.finding h3 { margin: .2rem 0; font-size: 1rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; margin: .5rem 0; }
dt { font-weight: 600; } dd { margin: 0; }
blockquote { margin: .3rem 0 0; padding-left: .8rem; border-left: .2rem solid #d1d9e0; color: #424a53; }
";

/// Writes `run` as a self-contained HTML page.
pub fn write(run: &Run, checks: &[Check], out: &mut dyn Write) -> io::Result<()> {
    let today = Checks::new(checks);
    let overview = Overview::of(run);
    let verdict = overview.verdict.as_str();
    let verdict_class = match overview.verdict {
        Verdict::Drift => "v-drift",
        Verdict::Incomplete => "v-incomplete",
        Verdict::Clean => "v-clean",
    };
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"en\">")?;
    writeln!(out, "<head>")?;
    writeln!(out, "<meta charset=\"utf-8\">")?;
    writeln!(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")?;
    writeln!(out, "<title>mb audit {}: {verdict}</title>", text(&run.run))?;
    writeln!(out, "<style>{STYLE}</style>")?;
    writeln!(out, "</head>")?;
    writeln!(out, "<body>")?;
    writeln!(out, "<h1>mb audit <span class=\"verdict {verdict_class}\">{verdict}</span></h1>")?;
    writeln!(out, "<p>{}</p>", html(&overview.detail(run)))?;
    let mut meta = format!("run {} · {}", text(&run.run), text(&run.mode));
    if let Some(of) = &run.replay_of {
        meta.push_str(&format!(" of run {}", text(of)));
    }
    let s = &run.summary;
    meta.push_str(&format!(
        " · {} checks on {} hosts: {} passed, {} failed, {} could not be judged, {} skipped",
        s.checks, s.hosts, s.pass, s.fail, s.error, s.skip
    ));
    writeln!(out, "<p class=\"meta\">{meta}</p>")?;

    // Columns: the run's hosts, then any host only the findings name (the `repo` of repo checks).
    let mut hosts: Vec<&str> = run.hosts.iter().map(|h| h.name.as_str()).collect();
    for f in &run.findings {
        if !hosts.contains(&f.host.as_ref()) {
            hosts.push(&f.host);
        }
    }
    // Findings that get a section of their own, numbered for the matrix's links.
    let shown: Vec<&Finding> =
        run.findings.iter().filter(|f| matches!(f.status, FindingStatus::Fail | FindingStatus::Error)).collect();
    let anchors: HashMap<(&str, &str), usize> =
        shown.iter().enumerate().map(|(i, f)| ((f.check.id.as_str(), f.host.as_ref()), i + 1)).collect();

    writeln!(out, "<h2>Checks × hosts</h2>")?;
    writeln!(out, "<table class=\"matrix\">")?;
    write!(out, "<thead><tr><th>Check</th>")?;
    for h in &hosts {
        write!(out, "<th><code>{}</code></th>", text(h))?;
    }
    writeln!(out, "</tr></thead>")?;
    writeln!(out, "<tbody>")?;
    for (id, findings) in by_check(&run.findings) {
        let about = today.about(findings[0]);
        let title = about.title.map(|t| format!("<br>{}", text(t))).unwrap_or_default();
        write!(
            out,
            "<tr><th scope=\"row\"><code>{}</code> <span class=\"sev\">{}</span>{title}</th>",
            text(id),
            findings[0].check.severity.as_str()
        )?;
        let by_host: HashMap<&str, &Finding> = findings.iter().map(|f| (f.host.as_ref(), *f)).collect();
        for h in &hosts {
            match by_host.get(h) {
                None => write!(out, "<td class=\"cell s-na\" title=\"does not apply\"></td>")?,
                Some(f) => {
                    let (class, mark, word) = match f.status {
                        FindingStatus::Pass => ("s-pass", "✓", "pass"),
                        FindingStatus::Fail => ("s-fail", "✗", "fail"),
                        FindingStatus::Error => ("s-error", "?", "could not judge"),
                        FindingStatus::Skip if overview.host_missed(f) => ("s-missed", "–", "not audited"),
                        FindingStatus::Skip => ("s-skip", "–", "skipped"),
                    };
                    let tip = if f.message.is_empty() { word.to_string() } else { format!("{word}: {}", f.message) };
                    let mark = match anchors.get(&(f.check.id.as_str(), f.host.as_ref())) {
                        Some(n) => format!("<a href=\"#f{n}\">{mark}</a>"),
                        None => mark.to_string(),
                    };
                    write!(out, "<td class=\"cell {class}\" title=\"{}\">{mark}</td>", text(&tip))?;
                }
            }
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody>")?;
    writeln!(out, "</table>")?;
    writeln!(
        out,
        "<p class=\"legend\"><span class=\"s-pass\">✓ pass</span><span class=\"s-fail\">✗ fail</span>\
         <span class=\"s-error\">? could not judge</span><span class=\"s-skip\">– skipped</span>\
         <span class=\"s-missed\">– host not audited</span><span class=\"s-na\">does not apply</span></p>"
    )?;

    if !shown.is_empty() {
        writeln!(out, "<h2>Findings</h2>")?;
    }
    for (i, f) in shown.iter().enumerate() {
        let about = today.about(f);
        let (class, word) =
            if f.status == FindingStatus::Fail { ("f-fail", "fails") } else { ("f-error", "could not judge") };
        writeln!(out, "<section class=\"finding {class}\" id=\"f{}\">", i + 1)?;
        writeln!(
            out,
            "<h3><code>{}</code> {word} on <code>{}</code> <span class=\"sev\">{}</span></h3>",
            text(&f.check.id),
            text(&f.host),
            f.check.severity.as_str()
        )?;
        if let Some(t) = about.title {
            writeln!(out, "<p>{}</p>", text(t))?;
        }
        writeln!(out, "<dl>")?;
        if let Some(e) = &f.expected {
            writeln!(out, "<dt>Expected</dt><dd><pre>{}</pre></dd>", block(e))?;
        }
        if let Some(a) = &f.actual {
            writeln!(out, "<dt>Found</dt><dd><pre>{}</pre></dd>", block(a))?;
        }
        writeln!(out, "<dt>Message</dt><dd>{}</dd>", text(&f.message))?;
        if let Some(at) = &f.location {
            let line = at.line.map(|l| format!(":{l}")).unwrap_or_default();
            writeln!(out, "<dt>At</dt><dd><code>{}{line}</code></dd>", text(&at.file))?;
        }
        let end = about.rule_end_line.map(|e| format!("–{e}")).unwrap_or_default();
        writeln!(out, "<dt>Rule</dt><dd><code>{}:{}{end}</code></dd>", text(about.rule_file), about.rule_line)?;
        if let Some(d) = &about.decision {
            let date = d.date.as_deref().map(|d| format!(" ({})", text(d))).unwrap_or_default();
            writeln!(
                out,
                "<dt>Decision</dt><dd><code>{}:{}</code>{date}<blockquote>{}</blockquote></dd>",
                text(&d.file),
                d.line,
                text(&d.text)
            )?;
        }
        writeln!(out, "</dl>")?;
        writeln!(out, "</section>")?;
    }

    if !overview.not_audited.is_empty() {
        writeln!(out, "<h2>Hosts not audited</h2>")?;
        writeln!(out, "<table class=\"matrix\"><thead><tr><th>Host</th><th>Why</th></tr></thead><tbody>")?;
        for h in &overview.not_audited {
            writeln!(
                out,
                "<tr><th scope=\"row\"><code>{}</code></th><td class=\"s-missed\">{}</td></tr>",
                text(&h.name),
                text(&host_problem(h))
            )?;
        }
        writeln!(out, "</tbody></table>")?;
    }
    writeln!(out, "</body>")?;
    writeln!(out, "</html>")
}

/// Outside text on one line, escaped.
fn text(value: &str) -> String {
    html(&one_line(value))
}

/// Outside text for a `<pre>`: line breaks kept, other control characters visible, escaped.
fn block(value: &str) -> String {
    html(&crate::probe::sanitize(&value.replace("\r\n", "\n")))
}
