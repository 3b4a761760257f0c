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
//!
//! [runs]
//! keep = 100                # saved runs kept in .mb/runs; older ones are deleted
//!
//! [api]                     # Proxmox VE API defaults (inventory variables override them)
//! token_id = "audit@pve!mb"
//! secret_env = "MB_PVE_TOKEN_SECRET"
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
    #[serde(default)]
    pub api: ApiConfig,
    #[serde(default)]
    pub runs: RunsConfig,
}

/// `[runs]`: the saved runs in `.mb/runs`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunsConfig {
    /// How many runs to keep (default [`RunsConfig::DEFAULT_KEEP`]); an audit that saves its
    /// run deletes the oldest beyond that, so facts do not pile up forever.
    pub keep: Option<std::num::NonZeroUsize>,
}

impl RunsConfig {
    pub const DEFAULT_KEEP: usize = 100;

    pub fn keep(&self) -> usize {
        self.keep.map_or(Self::DEFAULT_KEEP, std::num::NonZeroUsize::get)
    }
}

/// `[api]`: defaults for every Proxmox cluster's API (inventory variables override them).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiConfig {
    /// The API token's id, `USER@REALM!TOKENID` (`mb_pve_token_id`).
    pub token_id: Option<String>,
    /// The environment variable holding the token's secret (`mb_pve_token_secret_env`;
    /// default `MB_PVE_TOKEN_SECRET`).
    pub secret_env: Option<String>,
    /// A file holding the token's secret (`mb_pve_token_secret_file`).
    pub secret_file: Option<PathBuf>,
    /// A PEM file of CAs to trust (`mb_pve_ca_file`).
    pub ca_file: Option<PathBuf>,
    /// The API's port when `mb_pve_api` names none (default 8006).
    pub port: Option<u16>,
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
