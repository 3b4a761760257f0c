//! `mb merge`: the runs of a sharded audit joined into one run, as if the audit had not been
//! split — the same hosts, findings, statuses and summary, in the same order.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::run::{self, Merged, Provenance, Run};
use super::shard::Shard;
use super::{Finding, Summary};

/// Why runs cannot be merged.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("no runs to merge")]
    NoRuns,
    #[error("run {0} was not made by a sharded audit (`mb audit --shard K/N`)")]
    NotSharded(String),
    #[error("runs {a} and {b} were made from different {what}; audit every shard with the same rules and inventory")]
    Different { what: &'static str, a: String, b: String },
    #[error("runs {a} and {b} are both shard {shard}")]
    SameShard { shard: Shard, a: String, b: String },
    #[error("host {host} is in runs {a} and {b}: they are not shards of one audit")]
    HostTwice { host: String, a: String, b: String },
}

/// Merges shard runs. A shard no run was given for is recorded in `merged.missing_shards`: the
/// merged run is then incomplete, never silently smaller.
pub fn merge(runs: Vec<Run>) -> Result<Run, MergeError> {
    let first = runs.first().ok_or(MergeError::NoRuns)?;
    let base = first
        .provenance
        .clone()
        .filter(|p| p.shard.is_some())
        .ok_or_else(|| MergeError::NotSharded(first.run.clone()))?;
    let total = base.shard.map_or(1, |s| s.total);
    let mut seen: BTreeMap<usize, String> = BTreeMap::new();
    let mut host_in: HashMap<String, String> = HashMap::new();
    for r in &runs {
        let p =
            r.provenance.as_ref().filter(|p| p.shard.is_some()).ok_or_else(|| MergeError::NotSharded(r.run.clone()))?;
        let different = |what| MergeError::Different { what, a: first.run.clone(), b: r.run.clone() };
        if p.rules_digest != base.rules_digest {
            return Err(different("rules"));
        }
        if p.inventory_digest != base.inventory_digest {
            return Err(different("inventories"));
        }
        let shard = p.shard.unwrap_or(Shard { index: 1, total: 1 });
        if shard.total != total {
            return Err(different("shard counts"));
        }
        if let Some(other) = seen.insert(shard.index, r.run.clone()) {
            return Err(MergeError::SameShard { shard, a: other, b: r.run.clone() });
        }
        for h in &r.hosts {
            if let Some(other) = host_in.insert(h.name.clone(), r.run.clone()) {
                return Err(MergeError::HostTwice { host: h.name.clone(), a: other, b: r.run.clone() });
            }
        }
    }
    let missing_shards: Vec<usize> = (1..=total).filter(|i| !seen.contains_key(i)).collect();
    let check_order: HashMap<&str, usize> = base.checks.iter().enumerate().map(|(i, c)| (c.as_str(), i)).collect();
    let ids: Vec<String> = seen.values().cloned().collect();
    let (mut hosts, mut findings): (Vec<_>, Vec<Finding>) = (Vec::new(), Vec::new());
    for r in runs {
        hosts.extend(r.hosts);
        findings.extend(r.findings);
    }
    hosts.sort_by(|a, b| (a.position.unwrap_or(usize::MAX), &a.name).cmp(&(b.position.unwrap_or(usize::MAX), &b.name)));
    let position: HashMap<&str, usize> = hosts.iter().enumerate().map(|(i, h)| (h.name.as_str(), i)).collect();
    // Each finding's place worked out once, the small keys sorted, then the findings put in
    // that order in place (sorting the findings themselves would move each O(log n) times,
    // and moving them into a new vector would hold every finding twice).
    let mut order: Vec<(usize, usize, usize)> = findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            (
                check_order.get(f.check.id.as_str()).copied().unwrap_or(usize::MAX),
                // The repository's findings come after every host's, as in one audit.
                position.get(f.host.as_ref()).copied().unwrap_or(usize::MAX),
                i,
            )
        })
        .collect();
    order.sort_unstable();
    permute(&mut findings, order.into_iter().map(|(_, _, i)| i).collect());
    // Distinct checks, looked up only where the check changes (findings are sorted by it).
    let checks = findings
        .chunk_by(|a, b| a.check.id == b.check.id)
        .map(|run| run[0].check.id.as_str())
        .collect::<HashSet<_>>()
        .len();
    let summary = Summary::of(checks, hosts.len(), &findings);
    Ok(Run {
        version: run::VERSION,
        run: run::id_at(run::now()),
        mode: "merge".into(),
        replay_of: None,
        hosts,
        findings,
        summary,
        provenance: Some(Provenance { shard: None, ..base }),
        merged: Some(Merged { runs: ids, missing_shards }),
    })
}

/// Reorders `items` in place so that the item at `from[p]` ends at `p` (`from` is a
/// permutation of the indices): each cycle of the permutation is followed once, with swaps.
fn permute<T>(items: &mut [T], mut from: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..from.len() {
        let mut at = start;
        while from[at] != DONE {
            let source = from[at];
            from[at] = DONE;
            if source == start {
                break;
            }
            items.swap(at, source);
            at = source;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn permute_puts_each_item_where_the_permutation_says() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for n in [0usize, 1, 2, 3, 10, 257] {
            // A pseudo-random permutation (Fisher–Yates with xorshift).
            let mut from: Vec<usize> = (0..n).collect();
            for i in (1..n).rev() {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                from.swap(i, (seed % (i as u64 + 1)) as usize);
            }
            let items: Vec<String> = (0..n).map(|i| format!("item {i}")).collect();
            let want: Vec<String> = from.iter().map(|&i| items[i].clone()).collect();
            let mut got = items;
            super::permute(&mut got, from);
            assert_eq!(got, want, "n = {n}");
        }
    }
}
