//! The local transport: the probe script run by this machine's `sh` (`ansible_connection:
//! local`, and `mb audit --local`).

use std::process::Stdio;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::{BoxFuture, Decoder, Facts, HostOutcome, HostStatus, Job, ProbeKey, Reads, Transport};

/// Runs each target's probe script on this machine.
#[derive(Debug, Clone)]
pub struct Local {
    /// How long a script may run.
    pub timeout: Duration,
}

impl Transport for Local {
    fn keeps_reads(&self) -> bool {
        true
    }

    fn gather(&self, job: Job) -> BoxFuture<HostOutcome> {
        let timeout = self.timeout;
        Box::pin(async move {
            let script = super::script::compile(&job.probes, Some(timeout));
            run(&script, &job.probes, &job.reads, timeout).await
        })
    }
}

/// Runs `script` with `sh -s` and decodes its answer for `probes` as it comes.
async fn run(script: &str, probes: &[ProbeKey], reads: &[Reads], timeout: Duration) -> HostOutcome {
    let started = Instant::now();
    let result = tokio::time::timeout(timeout, exec(script, Decoder::new(probes, reads))).await;
    let elapsed = started.elapsed();
    match result {
        Err(_) => HostOutcome::failed(
            HostStatus::Timeout,
            format!("the probe script ran longer than {}s", timeout.as_secs()),
            elapsed,
        ),
        Ok(Err(e)) => HostOutcome::failed(HostStatus::Error, e, elapsed),
        Ok(Ok(facts)) => HostOutcome::answered(facts, elapsed),
    }
}

async fn exec(script: &str, mut decoder: Decoder<'_>) -> Result<Facts, String> {
    // Its own process group: the script's deadline ends that group (`kill 0`), never mb.
    let mut child = tokio::process::Command::new("sh")
        .arg("-s")
        .process_group(0)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| format!("cannot run sh: {e}"))?;
    let mut stdin = child.stdin.take().ok_or("sh has no stdin")?;
    let mut stdout = child.stdout.take().ok_or("sh has no stdout")?;
    let script = script.to_string();
    let writer = tokio::spawn(async move {
        let _ = stdin.write_all(script.as_bytes()).await;
        // Dropping stdin closes it: the script ends.
    });
    let mut buf = vec![0u8; 64 << 10];
    loop {
        let n = stdout.read(&mut buf).await.map_err(|e| e.to_string())?;
        if n == 0 {
            break;
        }
        if let Err(too_much) = decoder.feed(&buf[..n]) {
            let _ = child.kill().await;
            return Err(too_much);
        }
    }
    let _ = writer.await;
    let _ = child.wait().await;
    Ok(decoder.finish())
}
