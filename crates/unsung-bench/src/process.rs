//! The processes a bench run starts: their tree under /proc, their memory (PSS), and a guard
//! that ends an app and everything it started, so a failed run leaves nothing behind.

use std::collections::HashMap;
use std::fs;
use std::process::{Child, Command, Stdio};

/// Parent of every process, from /proc/PID/stat (the field after the parenthesised name).
pub fn parents() -> HashMap<u32, u32> {
    let mut map = HashMap::new();
    let Ok(entries) = fs::read_dir("/proc") else {
        return map;
    };
    for entry in entries.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(stat) = fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        let Some(after_name) = stat.rfind(')').map(|at| &stat[at + 1..]) else {
            continue;
        };
        if let Some(ppid) = after_name
            .split_whitespace()
            .nth(1)
            .and_then(|p| p.parse().ok())
        {
            map.insert(pid, ppid);
        }
    }
    map
}

/// `root` and every process it started, directly or not.
pub fn tree(root: u32) -> Vec<u32> {
    let parents = parents();
    let mut found = vec![root];
    let mut k = 0;
    while k < found.len() {
        let parent = found[k];
        found.extend(
            parents
                .iter()
                .filter(|&(_, &pp)| pp == parent)
                .map(|(&p, _)| p),
        );
        k += 1;
    }
    found
}

pub fn process_name(pid: u32) -> String {
    fs::read_to_string(format!("/proc/{pid}/comm"))
        .map(|n| n.trim().to_string())
        .unwrap_or_else(|_| format!("pid {pid}"))
}

/// Proportional set size of one process, in KiB (shared pages split among their users).
pub fn pss_kib(pid: u32) -> Option<u64> {
    let rollup = fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    rollup.lines().find_map(|line| {
        let rest = line.strip_prefix("Pss:")?;
        rest.trim().trim_end_matches("kB").trim().parse().ok()
    })
}

/// An app this report started, in its own process group; on drop, it and everything it
/// started are killed (by group, then any straggler by pid) and reaped.
pub struct Started {
    pub child: Child,
}

impl Drop for Started {
    fn drop(&mut self) {
        let pid = self.child.id();
        let everyone = tree(pid);
        // `--` so the negative number is a process group, never "every process".
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{pid}")])
            .stderr(Stdio::null())
            .status();
        for straggler in everyone.iter().filter(|&&p| p != pid) {
            let _ = Command::new("kill")
                .args(["-KILL", &straggler.to_string()])
                .stderr(Stdio::null())
                .status();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
