//! The ready marker: when the story is on screen, the time is written to a file named by the
//! starter (a benchmark or a packaging test), whole or not at all, so the reader never sees
//! half a number. Below the time come the steps of start-up, each with its own time, so the
//! benchmark can say where the time to the first story goes.

use std::path::Path;
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

/// The most steps the page may report, and the longest name of one: the marks are a handful
/// of short names and times, and the window is not trusted to keep to that by itself.
const MOST_PAGE_STEPS: usize = 12;
const LONGEST_STEP_NAME: usize = 24;

/// Steps the shell noted before the page could (Unix nanoseconds), in order.
static SHELL_STEPS: Mutex<Vec<(&'static str, u128)>> = Mutex::new(Vec::new());

fn now_nanos() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

/// Notes that the shell reached `step` now. Cheap enough to call whether or not anyone asked
/// for a ready mark.
pub fn step(step: &'static str) {
    if let Ok(mut steps) = SHELL_STEPS.lock() {
        steps.push((step, now_nanos()));
    }
}

/// A step name the page may report: short, lowercase letters and underscores.
fn is_step_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= LONGEST_STEP_NAME
        && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
}

/// The mark's text: the time now on the first line, then one `name nanos` line per step, the
/// shell's first, then the page's (given in Unix milliseconds; ill-formed ones are left out).
fn mark_text(now: u128, shell: &[(&str, u128)], page: &[(String, f64)]) -> String {
    let mut text = format!("{now}\n");
    for (name, at) in shell {
        text.push_str(&format!("{name} {at}\n"));
    }
    for (name, millis) in page.iter().take(MOST_PAGE_STEPS) {
        if is_step_name(name) && millis.is_finite() && *millis > 0.0 {
            text.push_str(&format!("{name} {}\n", (millis * 1e6) as u128));
        }
    }
    text
}

/// Writes the current time, in nanoseconds since the Unix epoch, then the steps of start-up,
/// to `path` (through a temporary file beside it and a rename).
pub fn mark(path: &Path, page_steps: &[(String, f64)]) -> std::io::Result<()> {
    let shell = SHELL_STEPS.lock().map(|s| s.clone()).unwrap_or_default();
    let text = mark_text(now_nanos(), &shell, page_steps);
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    std::fs::write(&partial, text)?;
    std::fs::rename(&partial, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mark_starts_with_the_time_then_lists_shell_and_page_steps_in_nanoseconds() {
        let text = mark_text(
            5_000_000_000,
            &[("setup", 1_000_000_000)],
            &[("script".into(), 2_000.5), ("painted".into(), 4_000.0)],
        );
        assert_eq!(
            text,
            "5000000000\nsetup 1000000000\nscript 2000500000\npainted 4000000000\n"
        );
    }

    #[test]
    fn ill_formed_page_steps_are_left_out_and_their_number_is_bounded() {
        let mut page: Vec<(String, f64)> = vec![
            ("Evil\nline 1".into(), 1.0),
            ("x".repeat(LONGEST_STEP_NAME + 1), 1.0),
            ("nan".into(), f64::NAN),
            ("negative".into(), -3.0),
        ];
        page.extend((0..40).map(|_| ("many".to_string(), 1.0)));
        let text = mark_text(1, &[], &page);
        assert!(!text.contains("Evil") && !text.contains("xxx"), "{text}");
        assert!(
            !text.contains("nan ") && !text.contains("negative"),
            "{text}"
        );
        let many = text.lines().filter(|l| l.starts_with("many ")).count();
        assert_eq!(many, MOST_PAGE_STEPS - 4);
    }
}
