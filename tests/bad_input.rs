//! Bad input gets a clear error naming the file and the reason, exit 1, and
//! never a panic; in a run over several files the good ones still come out.

mod common;

use std::path::PathBuf;

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("temp file");
    p
}

/// Runs one bad input; asserts exit 1, no panic, and a message naming the
/// file that contains `reason`.
fn assert_rejected(path: &str, reason: &str) {
    let out = common::nianbao(&["extract", path]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{path}: stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "{path} panicked: {stderr}");
    assert!(
        stderr.contains(path),
        "{path}: message does not name the file: {stderr}"
    );
    assert!(
        stderr.contains(reason),
        "{path}: message {stderr:?} does not say {reason:?}"
    );
    assert!(
        out.stdout.is_empty(),
        "{path}: printed output for a failed input"
    );
}

fn first_sample() -> String {
    common::typed_samples()
        .into_iter()
        .next()
        .expect("a typed sample")
        .0
}

#[test]
fn a_text_file_is_not_a_pdf() {
    let p = temp_file("notes.pdf", "这不是PDF文件，只是文字。\n".as_bytes());
    assert_rejected(&p.display().to_string(), "not a PDF");
}

#[test]
fn an_empty_file_is_not_a_pdf() {
    let p = temp_file("empty.pdf", b"");
    assert_rejected(&p.display().to_string(), "not a PDF");
}

#[test]
fn a_truncated_pdf_is_reported_as_damaged() {
    let bytes = std::fs::read(common::root().join(first_sample())).expect("sample");
    let p = temp_file("truncated.pdf", &bytes[..bytes.len() / 3]);
    let out = common::nianbao(&["extract", &p.display().to_string()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    // A third of a report cannot hold all of it: either the file is
    // reported as damaged, or what can be read comes with issues.
    if out.status.code() == Some(1) {
        assert!(
            stderr.contains("truncated.pdf")
                && (stderr.contains("damaged") || stderr.contains("not a government")),
            "{stderr}"
        );
    } else {
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert!(!v["issues"].as_array().expect("issues").is_empty());
    }
}

#[test]
fn an_encrypted_pdf_says_it_needs_a_password() {
    assert_rejected("samples/bad/encrypted.pdf", "encrypted");
}

#[test]
fn a_pdf_that_is_not_an_annual_report_is_refused() {
    assert_rejected(
        "samples/bad/not-a-report.pdf",
        "not a government information-disclosure annual report",
    );
}

#[test]
fn a_missing_file_is_named() {
    assert_rejected("samples/no-such-file.pdf", "cannot read the file");
}

#[test]
fn usage_errors_exit_2() {
    let out = common::nianbao(&["extract"]);
    assert_eq!(out.status.code(), Some(2));
    let out = common::nianbao(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn one_bad_file_does_not_stop_the_others() {
    let bad = temp_file("bad.pdf", b"%PDF-1.4\ngarbage");
    let good = first_sample();
    let bad_s = bad.display().to_string();
    let out = common::nianbao(&["extract", &bad_s, &good]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["source"]["path"], bad_s);
    assert!(
        lines[0]["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains(&bad_s))
    );
    assert_eq!(lines[1]["source"]["path"], good);
    assert!(lines[1]["applications"].is_object());
}

/// A one-page PDF whose page is a scan stored as a JPEG that does not decode.
fn pdf_with_broken_scan() -> Vec<u8> {
    use lopdf::{Document, Object, Stream, dictionary};
    let mut doc = Document::with_version("1.5");
    let image = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 2480, "Height" => 3508,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8, "Filter" => "DCTDecode",
        },
        b"\xFF\xD8\xFF\xE0 this is not the rest of a JPEG".to_vec(),
    ));
    let content = doc.add_object(Stream::new(
        dictionary! {},
        b"q 595 0 0 842 0 0 cm /Im1 Do Q".to_vec(),
    ));
    let pages = doc.new_object_id();
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages, "Contents" => content,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => dictionary! { "XObject" => dictionary! { "Im1" => image } },
    });
    doc.objects.insert(
        pages,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("PDF written");
    out
}

#[test]
fn a_scan_that_does_not_decode_is_named_with_its_page() {
    // Regression: scans are decoded when their page's turn comes; the
    // failure must still name the page instead of failing the layout.
    let p = temp_file("broken-scan.pdf", &pdf_with_broken_scan());
    let path = p.to_str().expect("utf-8");
    assert_rejected(path, "no page could be read (page 1:");
}

/// A PDF written by hand around `page` (the page dictionary) and `stream`
/// (its content stream, object 4).
fn raw_pdf(page: &[u8], stream: &[u8]) -> Vec<u8> {
    let mut content = format!("<< /Length {} >>\nstream\n", stream.len()).into_bytes();
    content.extend_from_slice(stream);
    content.extend_from_slice(b"\nendstream");
    let objects: [&[u8]; 4] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        page,
        &content,
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(b"xref\n0 5\n0000000000 65535 f \n");
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    out
}

#[test]
fn deep_nesting_is_refused_without_a_crash() {
    let depth = 200_000;
    let mut page =
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Deep ".to_vec();
    page.extend(std::iter::repeat_n(b'[', depth));
    page.extend(std::iter::repeat_n(b']', depth));
    page.extend_from_slice(b" >>");
    let arrays = temp_file("deep-arrays.pdf", &raw_pdf(&page, b""));
    let saves = "q ".repeat(depth) + &"Q ".repeat(depth);
    let states = temp_file(
        "deep-states.pdf",
        &raw_pdf(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            saves.as_bytes(),
        ),
    );
    let sample = first_sample();
    let out = common::nianbao(&[
        "extract",
        arrays.to_str().expect("utf-8"),
        states.to_str().expect("utf-8"),
        &sample,
        "--format",
        "jsonl",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("3 files") && stderr.contains("2 failed"),
        "{stderr}"
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 3);
}
