//! `mb.toml`: the repository's settings for mb, all optional. Flags override them.
//!
//! ```toml
//! inventory = "ansible/inventory/hosts.yml"   # -i
//!
//! [audit]
//! jobs = 50                 # -j: hosts at once
//! user = "root"             # when the inventory names no ansible_user
//! connect_timeout = 10      # seconds
//! timeout = 60              # seconds a host may take, connection included
//! known_hosts = ["~/.ssh/known_hosts"]
//! ssh_config = "~/.ssh/config"   # -F: instead of ~/.ssh/config and /etc/ssh/ssh_config
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The file name, at the repository root.
pub const FILE: &str = "mb.toml";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The Ansible inventory (file or folder), relative to the repository root.
    pub inventory: Option<PathBuf>,
    #[serde(default)]
    pub audit: AuditConfig,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditConfig {
    pub jobs: Option<usize>,
    pub user: Option<String>,
    pub connect_timeout: Option<u64>,
    pub timeout: Option<u64>,
    pub known_hosts: Option<Vec<PathBuf>>,
    /// The ssh config to read (`none`: none), as `ssh -F`.
    pub ssh_config: Option<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct ConfigError {
    /// `mb.toml`, with `:LINE` when the problem has a place.
    pub path: String,
    pub message: String,
    /// The file and the byte span of the problem, for a diagnostic with a caret.
    pub at: Option<(PathBuf, std::ops::Range<usize>)>,
}

impl ConfigError {
    /// The problem as a diagnostic pointing into mb.toml, when it has a place.
    pub fn diagnostic(&self) -> Option<(crate::diag::Diagnostic, crate::diag::Sources)> {
        let (path, span) = self.at.as_ref()?;
        Some(crate::diag::Diagnostic::in_file(
            crate::diag::Code::InvalidConfig,
            &self.message,
            path,
            span.clone(),
            "here",
        ))
    }
}

impl Config {
    /// Reads `mb.toml` under `root`; no file is the default configuration.
    pub fn load(root: &Path) -> Result<Config, ConfigError> {
        let path = root.join(FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => {
                return Err(ConfigError { path: crate::source::display_path(&path), message: e.to_string(), at: None });
            }
        };
        toml::from_str(&text).map_err(|e| {
            let line = e
                .span()
                .map(|s| crate::source::LineIndex::new(&text).line(s.start))
                .map(|l| format!(":{l}"))
                .unwrap_or_default();
            ConfigError {
                path: format!("{}{line}", crate::source::display_path(&path)),
                message: e.message().trim().to_string(),
                at: e.span().map(|s| (path.clone(), s)),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_name_their_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), "inventory = \"inv\"\n[audit]\njobz = 4\n").unwrap();
        let e = Config::load(dir.path()).unwrap_err();
        assert!(e.path.ends_with("mb.toml:3"), "{}", e.path);
        assert!(e.message.contains("jobz"), "{}", e.message);
        std::fs::write(dir.path().join(FILE), "inventory = \"inv\"\n[audit]\njobs = 4\n").unwrap();
        let c = Config::load(dir.path()).unwrap();
        assert_eq!((c.inventory, c.audit.jobs), (Some(PathBuf::from("inv")), Some(4)));
    }
}
