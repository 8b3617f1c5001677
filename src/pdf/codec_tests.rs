//! Images stored with the codecs of scanned pages (CCITT fax, JBIG2, JPEG
//! 2000) decode to the pixels that poppler's `pdfimages -png` gives for the
//! same files (tests/fixtures/image-codecs, and the JBIG2 scan sample whose
//! symbols sit in /JBIG2Globals), or OpenJPEG's where poppler is wrong.

use super::*;
use crate::raster;
use image::GrayImage;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Who decodes the reference pixels.
#[derive(Clone, Copy, PartialEq)]
enum Reference {
    /// `pdfimages -png`.
    Poppler,
    /// The JPEG 2000 data as stored (`pdfimages -jp2`), decoded by
    /// `opj_decompress`: `pdfimages -png` hands the alpha channel of JPX
    /// data on as colour samples, shifting every pixel after the first.
    OpenJpeg,
}

/// Every image of `pdf` as the reference decodes it, with its object number.
fn reference_images(pdf: &Path, reference: Reference) -> Vec<(u32, GrayImage)> {
    let list = Command::new("pdfimages")
        .arg("-list")
        .arg(pdf)
        .output()
        .expect("pdfimages (poppler-utils) runs");
    // page num type width height color comp bpc enc interp object ID …
    let objects: Vec<u32> = String::from_utf8_lossy(&list.stdout)
        .lines()
        .skip(2)
        .map(|l| {
            l.split_whitespace()
                .nth(10)
                .and_then(|o| o.parse().ok())
                .expect("an object number")
        })
        .collect();
    // Tests run in parallel, some over the same file: each call has its own folder.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let stem = pdf.file_stem().expect("a file name").to_string_lossy();
    let dir = std::env::temp_dir().join(format!(
        "nianbao-codecs-{}-{call}-{stem}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let format = match reference {
        Reference::Poppler => "-png",
        Reference::OpenJpeg => "-jp2",
    };
    let status = Command::new("pdfimages")
        .arg(format)
        .arg(pdf)
        .arg(dir.join("img"))
        .status()
        .expect("pdfimages runs");
    assert!(status.success(), "pdfimages {format} {}", pdf.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("pdfimages output")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    if reference == Reference::OpenJpeg {
        for f in files.iter_mut() {
            let png = f.with_extension("png");
            let status = Command::new("opj_decompress")
                .arg("-quiet")
                .arg("-i")
                .arg(&*f)
                .arg("-o")
                .arg(&png)
                .status()
                .expect("opj_decompress (libopenjp2-tools) runs");
            assert!(status.success(), "opj_decompress {}", f.display());
            *f = png;
        }
    }
    assert_eq!(files.len(), objects.len(), "{}", pdf.display());
    let images = files
        .iter()
        .map(|f| {
            let img = image::open(f).expect("poppler's PNG");
            // Colour images are compared in the grey nianbao reads them in.
            let rgb = img.to_rgb8();
            let grey = rgb
                .pixels()
                .map(|p| raster::grey_of(p[0], p[1], p[2]))
                .collect();
            GrayImage::from_raw(rgb.width(), rgb.height(), grey).expect("same size")
        })
        .collect::<Vec<_>>();
    let _ = std::fs::remove_dir_all(&dir);
    objects.into_iter().zip(images).collect()
}

/// Decodes every image of `file` as a scan and compares it with the
/// reference pixels; `tolerance` is the grey-level difference allowed
/// (JPEG 2000 decoders round differently).
fn matches(pdf: &Path, reference: Reference, tolerance: u8) {
    let doc = Document::load(pdf).expect("the file loads");
    let references = reference_images(pdf, reference);
    assert!(!references.is_empty(), "{}: no image", pdf.display());
    for (id, want) in references {
        let name = format!("{} object {id}", pdf.display());
        let Ok(Object::Stream(stream)) = doc.get_object((id, 0)) else {
            panic!("{name}: not a stream");
        };
        let scan = scan::image_scan(&doc, stream, Limits::default().max_stream_bytes)
            .unwrap_or_else(|| panic!("{name}: not an image"));
        let got = raster::from_scan(&scan, scan.width as f32)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .image;
        assert_eq!(got.dimensions(), want.dimensions(), "{name}");
        let off = got
            .pixels()
            .zip(want.pixels())
            .filter(|(a, b)| a[0].abs_diff(b[0]) > tolerance)
            .count();
        assert_eq!(off, 0, "{name}: {off} pixels differ from the reference");
    }
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/image-codecs").join(name)
}

#[test]
fn ccitt_fax_images_match_poppler() {
    // Group 4, Group 3 1-D and 2-D, with and without an end-of-block mark.
    matches(
        &fixture("ccitt_EndOfBlock_false.pdf"),
        Reference::Poppler,
        0,
    );
}

#[test]
fn jbig2_images_match_poppler() {
    for name in [
        "bitmap-mmr.pdf",
        "bitmap-randomaccess.pdf",
        "bitmap-symbol.pdf",
        "jbig2_symbol_offset.pdf",
    ] {
        matches(&fixture(name), Reference::Poppler, 0);
    }
}

#[test]
fn jbig2_globals_are_read() {
    // Every page's symbols are in one /JBIG2Globals stream, as archive
    // software writes them.
    matches(
        &root().join("samples/scans/d05_haiyuan_2020_scan300_jbig2.pdf"),
        Reference::Poppler,
        0,
    );
}

#[test]
fn jpeg_2000_images_match_poppler_and_openjpeg() {
    matches(&fixture("bug_jpx.pdf"), Reference::Poppler, 1);
    // RGB with alpha in the data (/SMaskInData), the alpha left aside.
    matches(&fixture("jpx_smaskindata.pdf"), Reference::OpenJpeg, 1);
}

#[test]
fn the_g4_and_jpeg_2000_scan_samples_match_poppler() {
    // /BlackIs1 true (libtiff's G4 of a min-is-black page), and JP2 files.
    matches(
        &root().join("samples/scans/h02_ningnan_2023_scan300_g4.pdf"),
        Reference::Poppler,
        0,
    );
    matches(
        &root().join("samples/scans/h07_sc_police_2023_scan200_jpx.pdf"),
        Reference::Poppler,
        1,
    );
}

/// The first image of a fixture, its stream changed by `edit`, decoded.
fn decoded_with(name: &str, edit: impl FnOnce(&mut lopdf::Stream)) -> GrayImage {
    let mut doc = Document::load(fixture(name)).expect("the file loads");
    let (id, _) = reference_images(&fixture(name), Reference::Poppler)[0];
    let Ok(Object::Stream(stream)) = doc.get_object_mut((id, 0)) else {
        panic!("{name}: object {id} is not a stream");
    };
    edit(stream);
    let stream = stream.clone();
    let scan =
        scan::image_scan(&doc, &stream, Limits::default().max_stream_bytes).expect("an image");
    raster::from_scan(&scan, scan.width as f32)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .image
}

#[test]
fn decode_arrays_and_black_is_1_turn_bilevel_scans_around() {
    for name in ["ccitt_EndOfBlock_false.pdf", "bitmap-symbol.pdf"] {
        let plain = decoded_with(name, |_| {});
        let turned = decoded_with(name, |s| {
            s.dict
                .set("Decode", vec![Object::Integer(1), Object::Integer(0)]);
        });
        assert!(
            plain
                .pixels()
                .zip(turned.pixels())
                .all(|(a, b)| a[0] == 255 - b[0]),
            "{name}: /Decode [1 0]"
        );
    }
    let plain = decoded_with("ccitt_EndOfBlock_false.pdf", |_| {});
    let black_is_1 = decoded_with("ccitt_EndOfBlock_false.pdf", |s| {
        if let Ok(Object::Dictionary(p)) = s.dict.get_mut(b"DecodeParms") {
            p.set("BlackIs1", true);
        }
    });
    assert!(
        plain
            .pixels()
            .zip(black_is_1.pixels())
            .all(|(a, b)| a[0] == 255 - b[0]),
        "/BlackIs1 true"
    );
}

#[test]
fn a_codec_after_other_filters_is_decoded_through_them() {
    let plain = decoded_with("ccitt_EndOfBlock_false.pdf", |_| {});
    let chained = decoded_with("ccitt_EndOfBlock_false.pdf", |s| {
        let hex: String = s.content.iter().map(|b| format!("{b:02X}")).collect();
        s.content = format!("{hex}>").into_bytes();
        let parms = s.dict.get(b"DecodeParms").cloned().unwrap_or(Object::Null);
        s.dict.set(
            "Filter",
            vec![
                Object::Name(b"ASCIIHexDecode".to_vec()),
                Object::Name(b"CCITTFaxDecode".to_vec()),
            ],
        );
        s.dict.set("DecodeParms", vec![Object::Null, parms]);
    });
    assert_eq!(plain, chained);
}
