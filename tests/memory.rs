//! A 2000-page PDF (made by scripts/make-big-pdf) runs in bounded memory.
//! Alone in its test binary, so that the peak of the waited-for children
//! is the peak of this one run.

mod common;

/// Largest resident set of any waited-for child process, in bytes.
fn children_peak_rss() -> u64 {
    // SAFETY: getrusage only writes into the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    assert_eq!(rc, 0, "getrusage");
    // Linux reports kilobytes.
    u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024
}

#[test]
fn a_2000_page_pdf_is_read_in_under_300_mb() {
    let dir = std::env::temp_dir().join(format!("nianbao-big-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let big = dir.join("big.pdf");
    let made = std::process::Command::new(common::root().join("scripts/make-big-pdf"))
        .arg(&big)
        .arg("2000")
        .status()
        .expect("scripts/make-big-pdf runs");
    assert!(made.success());
    let out = common::nianbao(&["extract", big.to_str().expect("utf-8")]);
    let peak = children_peak_rss();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("report JSON");
    assert_eq!(report["source"]["pages"], 2000);
    assert_eq!(report["applications"]["new"]["total"], 14);
    assert!(peak < 300 << 20, "peak RSS {} MiB", peak >> 20);
    eprintln!("2000 pages: peak RSS {} MiB", peak >> 20);
}
