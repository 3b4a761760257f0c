//! Sharded audits: a stable split of the fleet into N parts, one per worker of an engine teams
//! already run (a CI matrix, a Kubernetes Indexed Job, GitLab's `parallel:`), and the merge of
//! their runs into one, as if the audit had not been split.
//!
//! A host's shard is a fixed hash (FNV-1a, 64 bits) of its key modulo N: the key is its Proxmox
//! cluster (`mb_pve_cluster`) when it has one, so a cluster's API endpoints are asked by one
//! shard, else its name. Adding hosts moves no other host.

use serde::{Deserialize, Serialize};

use crate::inventory::Host;

/// Shard `index` of `total` (1-based, as people count: `--shard 2/4`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    pub index: usize,
    pub total: usize,
}

/// Why a shard specification is not one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShardError {
    #[error("`{0}` is not a shard: write K/N with 1 <= K <= N <= 10000, e.g. 2/4")]
    Syntax(String),
    #[error("{name}={value} is not a shard index (with {total_name}={total})")]
    Env { name: &'static str, value: String, total_name: &'static str, total: String },
}

/// The most shards mb splits a fleet into.
pub const MAX_SHARDS: usize = 10_000;

impl Shard {
    /// `K/N`.
    pub fn parse(text: &str) -> Result<Shard, ShardError> {
        let err = || ShardError::Syntax(text.to_string());
        let (k, n) = text.split_once('/').ok_or_else(err)?;
        let (index, total): (usize, usize) =
            (k.trim().parse().map_err(|_| err())?, n.trim().parse().map_err(|_| err())?);
        if index == 0 || total == 0 || index > total || total > MAX_SHARDS {
            return Err(err());
        }
        Ok(Shard { index, total })
    }

    /// The shard a CI system or Kubernetes names in the environment: `CI_NODE_INDEX` (1-based)
    /// and `CI_NODE_TOTAL` (GitLab's `parallel:`), or `JOB_COMPLETION_INDEX` (0-based, an
    /// Indexed Job) with the total in `MB_SHARD_TOTAL`. `None` when neither pair is set.
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Option<Result<Shard, ShardError>> {
        let pairs: [(&'static str, &'static str, usize); 2] =
            [("CI_NODE_INDEX", "CI_NODE_TOTAL", 0), ("JOB_COMPLETION_INDEX", "MB_SHARD_TOTAL", 1)];
        for (name, total_name, offset) in pairs {
            if let (Some(value), Some(total)) = (var(name), var(total_name)) {
                let index = value.trim().parse::<usize>().ok().map(|i| i + offset);
                let shard = index.and_then(|i| Shard::parse(&format!("{i}/{}", total.trim())).ok());
                return Some(shard.ok_or(ShardError::Env { name, value, total_name, total }));
            }
        }
        None
    }

    /// Whether this shard audits `host`.
    pub fn takes(&self, host: &Host) -> bool {
        (fnv1a(&key(host)) % self.total as u64) as usize + 1 == self.index
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.total)
    }
}

/// What decides a host's shard: its Proxmox cluster, else its name.
fn key(host: &Host) -> String {
    match host.var_text(crate::rules::source::api::CLUSTER_VAR) {
        Ok(cluster) => format!("cluster:{cluster}"),
        Err(_) => format!("host:{}", host.name),
    }
}

/// FNV-1a, 64 bits: fixed for ever, so a host's shard never depends on mb's version.
pub fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// A digest of texts, as 16 hex digits (rules and inventory digests of a run).
pub fn digest<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for part in parts {
        for b in part.bytes().chain([0u8]) {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_parse_as_people_write_them() {
        assert_eq!(Shard::parse("2/4"), Ok(Shard { index: 2, total: 4 }));
        for bad in ["0/4", "5/4", "1/0", "x/2", "2", "1/100000", "-1/2"] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
        };
        assert_eq!(
            Shard::from_env(env(&[("CI_NODE_INDEX", "3"), ("CI_NODE_TOTAL", "3")])),
            Some(Ok(Shard { index: 3, total: 3 }))
        );
        assert_eq!(
            Shard::from_env(env(&[("JOB_COMPLETION_INDEX", "0"), ("MB_SHARD_TOTAL", "4")])),
            Some(Ok(Shard { index: 1, total: 4 }))
        );
        assert!(matches!(
            Shard::from_env(env(&[("JOB_COMPLETION_INDEX", "4"), ("MB_SHARD_TOTAL", "4")])),
            Some(Err(_))
        ));
        assert_eq!(Shard::from_env(env(&[("JOB_COMPLETION_INDEX", "1")])), None);
    }

    #[test]
    fn the_hash_is_fixed() {
        // FNV-1a's published test vectors: a host keeps its shard across versions of mb.
        assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a("foobar"), 0x8594_4171_f739_67e8);
    }
}
