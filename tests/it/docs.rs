//! Generated book pages must match the code. Run `MB_UPDATE_DOCS=1 cargo test --test it docs`
//! to rewrite them after changing the registry or a command's help.

use crate::common::repo_root;

fn check_generated(page: &str, generated: &str) {
    let path = repo_root().join(page);
    if std::env::var_os("MB_UPDATE_DOCS").is_some() {
        std::fs::write(&path, generated).expect("write the generated page");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{page} is out of date; run `MB_UPDATE_DOCS=1 cargo test --test it docs` and commit it"
    );
}

#[test]
fn rule_reference_is_up_to_date() {
    check_generated(mb::rules::reference::PAGE, &mb::rules::reference::markdown());
}

#[test]
fn cli_reference_is_up_to_date() {
    check_generated(mb::cli::reference::PAGE, &mb::cli::reference::markdown());
}
