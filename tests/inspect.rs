//! `nianbao inspect` draws a page with its cells and the key of every value.

mod common;

#[test]
fn a_typed_page_is_drawn_with_its_mapped_values() {
    let png = std::env::temp_dir().join(format!("nianbao-inspect-{}.png", std::process::id()));
    let out = common::nianbao(&[
        "inspect",
        "samples/d03_zhongning_2023.pdf",
        "--page",
        "3",
        "-o",
        png.to_str().expect("utf-8"),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let image = image::open(&png).expect("a PNG").to_rgb8();
    let _ = std::fs::remove_file(&png);
    // A4 at 2 px per point.
    assert_eq!((image.width(), image.height()), (1191, 1684));
    let red = image.pixels().filter(|p| p.0 == [220, 0, 0]).count();
    let green = image.pixels().filter(|p| p.0 == [0, 170, 0]).count();
    assert!(red > 10_000 && green > 1_000, "red {red}, green {green}");
    // Page 3 of d03 holds the first 13 rows of table 三, 7 values each.
    assert!(stderr.contains("91 values mapped"), "{stderr}");
}

#[test]
fn a_page_that_does_not_exist_is_an_error_naming_it() {
    let out = common::nianbao(&[
        "inspect",
        "samples/d03_zhongning_2023.pdf",
        "--page",
        "9",
        "-o",
        "/tmp/never-written.png",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("page 9 is not among the pages read (the file has 5)"),
        "{stderr}"
    );
}
