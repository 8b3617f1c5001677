//! `read_pages` over small PDFs built here with lopdf: each test checks the
//! characters, boxes and rules that the later stages depend on.

use super::*;
use crate::page::Rule;
use lopdf::{Stream, dictionary};

/// Points of slack in a coordinate: the page model is f32.
const TOL: f32 = 0.1;

/// A document under construction; every page hangs off one page tree and
/// is 600 × 800 pt unless the page dictionary says otherwise.
struct Pdf {
    doc: Document,
    pages: ObjectId,
    kids: Vec<Object>,
}

impl Pdf {
    fn new() -> Self {
        let mut doc = Document::with_version("1.7");
        let pages = doc.new_object_id();
        Pdf {
            doc,
            pages,
            kids: Vec::new(),
        }
    }

    /// Adds an indirect object and returns a reference to it.
    fn add(&mut self, o: impl Into<Object>) -> Object {
        Object::Reference(self.doc.add_object(o))
    }

    fn stream(&mut self, dict: Dictionary, data: &[u8]) -> Object {
        self.add(Stream::new(dict, data.to_vec()))
    }

    /// A page showing `content`; `extra` entries override the defaults of
    /// the page dictionary.
    fn page_with(&mut self, content: &str, resources: Dictionary, extra: Dictionary) {
        let contents = self.stream(Dictionary::new(), content.as_bytes());
        let mut page = dictionary! {
            "Type" => "Page",
            "Parent" => self.pages,
            "MediaBox" => nums(&[0.0, 0.0, 600.0, 800.0]),
            "Contents" => contents,
            "Resources" => resources,
        };
        for (k, v) in extra {
            page.set(k, v);
        }
        let page = self.add(page);
        self.kids.push(page);
    }

    /// A page whose resources are just `fonts` (name → font).
    fn page(&mut self, content: &str, fonts: Dictionary) {
        self.page_with(content, dictionary! { "Font" => fonts }, Dictionary::new());
    }

    /// Helvetica in WinAnsiEncoding with made-up widths, so that positions
    /// can only come out right when /Widths is read: space 250, A 600,
    /// B 500, C 400, D 700 (thousandths of an em).
    fn helvetica(&mut self) -> Object {
        let mut widths = vec![0i64; 37];
        for (code, w) in [
            (b' ', 250),
            (b'A', 600),
            (b'B', 500),
            (b'C', 400),
            (b'D', 700),
        ] {
            widths[usize::from(code - b' ')] = w;
        }
        self.add(dictionary! {
            "Type" => "Font",
            "Subtype" => "Type1",
            "BaseFont" => "Helvetica",
            "Encoding" => "WinAnsiEncoding",
            "FirstChar" => 32,
            "LastChar" => 68,
            "Widths" => widths.into_iter().map(Object::from).collect::<Vec<_>>(),
        })
    }

    /// A Type0 font over a CIDFontType2 with `/W` widths, DW 1000 and
    /// ascent/descent 880/−120; `to_unicode` is the body of a ToUnicode CMap.
    fn type0(&mut self, encoding: &str, to_unicode: Option<&str>, w: Vec<Object>) -> Object {
        let descriptor = self.add(dictionary! {
            "Type" => "FontDescriptor",
            "FontName" => "Test",
            "Flags" => 4,
            "FontBBox" => nums(&[0.0, -120.0, 1000.0, 880.0]),
            "ItalicAngle" => 0,
            "Ascent" => 880,
            "Descent" => -120,
            "CapHeight" => 700,
            "StemV" => 80,
        });
        let cid_font = dictionary! {
            "Type" => "Font",
            "Subtype" => "CIDFontType2",
            "BaseFont" => "Test",
            "CIDSystemInfo" => dictionary! {
                "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal("Identity"),
                "Supplement" => 0,
            },
            "FontDescriptor" => descriptor,
            "DW" => 1000,
            "W" => w,
        };
        let mut font = dictionary! {
            "Type" => "Font",
            "Subtype" => "Type0",
            "BaseFont" => "Test",
            "Encoding" => encoding,
            "DescendantFonts" => vec![Object::from(cid_font)],
        };
        if let Some(body) = to_unicode {
            font.set(
                "ToUnicode",
                self.stream(Dictionary::new(), cmap(body).as_bytes()),
            );
        }
        self.add(font)
    }

    /// A Type3 font with glyphs /A and /B at codes 65 and 66.
    fn type3(&mut self, matrix: [f64; 6], bbox: [f64; 4], widths: [f64; 2]) -> Object {
        let proc_a = self.stream(Dictionary::new(), b"0 0 d0");
        let proc_b = self.stream(Dictionary::new(), b"0 0 d0");
        self.add(dictionary! {
            "Type" => "Font",
            "Subtype" => "Type3",
            "FontBBox" => nums(&bbox),
            "FontMatrix" => nums(&matrix),
            "CharProcs" => dictionary! { "A" => proc_a, "B" => proc_b },
            "Encoding" => dictionary! {
                "Type" => "Encoding",
                "Differences" => vec![65.into(), "A".into(), "B".into()],
            },
            "FirstChar" => 65,
            "LastChar" => 66,
            "Widths" => nums(&widths),
            "Resources" => Dictionary::new(),
        })
    }

    fn finish(mut self) -> Document {
        let count = self.kids.len() as i64;
        let pages = dictionary! { "Type" => "Pages", "Kids" => self.kids, "Count" => count };
        self.doc.objects.insert(self.pages, pages.into());
        let catalog = self
            .doc
            .add_object(dictionary! { "Type" => "Catalog", "Pages" => self.pages });
        self.doc.trailer.set("Root", catalog);
        self.doc
    }

    fn bytes(self) -> Vec<u8> {
        save(self.finish())
    }
}

fn save(mut doc: Document) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// A PDF array of numbers, integers where whole.
fn nums(v: &[f64]) -> Object {
    v.iter()
        .map(|&n| {
            if n.fract() == 0.0 {
                Object::Integer(n as i64)
            } else {
                Object::Real(n as f32)
            }
        })
        .collect::<Vec<_>>()
        .into()
}

/// A ToUnicode CMap with two-byte codes around `body`.
fn cmap(body: &str) -> String {
    format!(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Test-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n{body}\n\
         endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    )
}

fn fonts(entries: Vec<(&str, Object)>) -> Dictionary {
    let mut d = Dictionary::new();
    for (name, font) in entries {
        d.set(name, font);
    }
    d
}

fn read(bytes: &[u8]) -> Vec<PdfPage> {
    read_pages(bytes, &Limits::default()).unwrap()
}

fn only_page(bytes: &[u8]) -> PdfPage {
    let mut pages = read(bytes);
    assert_eq!(pages.len(), 1);
    pages.remove(0)
}

fn text(page: &PdfPage) -> String {
    page.page.glyphs.iter().map(|g| g.ch).collect()
}

/// Checks every glyph of the page, in order: its character and its box
/// `[x0, y0, x1, y1]` in top-left page points.
#[track_caller]
fn assert_glyphs(page: &PdfPage, expected: &[(char, [f32; 4])]) {
    let got: Vec<(char, [f32; 4])> = page
        .page
        .glyphs
        .iter()
        .map(|g| (g.ch, g.bbox.to_array()))
        .collect();
    assert_eq!(
        got.len(),
        expected.len(),
        "glyphs {got:?}, expected {expected:?}"
    );
    for (i, ((c, b), (ec, eb))) in got.iter().zip(expected).enumerate() {
        let close = b.iter().zip(eb).all(|(a, e)| (a - e).abs() <= TOL);
        assert!(
            c == ec && close,
            "glyph {i}: {c:?} {b:?}, expected {ec:?} {eb:?}"
        );
    }
}

/// Checks every rule of the page, in order, as `[x0, y0, x1, y1, width]`.
#[track_caller]
fn assert_rules(page: &PdfPage, expected: &[[f32; 5]]) {
    let got: Vec<[f32; 5]> = page
        .page
        .rules
        .iter()
        .map(|r: &Rule| [r.from.0, r.from.1, r.to.0, r.to.1, r.width])
        .collect();
    let same = got.len() == expected.len()
        && got
            .iter()
            .zip(expected)
            .all(|(g, e)| g.iter().zip(e).all(|(a, b)| (a - b).abs() <= TOL));
    assert!(same, "rules {got:?}, expected {expected:?}");
}

#[test]
fn simple_font_text_state_operators_place_glyphs_by_widths() {
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica();
    // Text space to page: y_page = 800 − y_user; a glyph spans 0.88 em above
    // the baseline and 0.12 em below (the defaults without a descriptor).
    pdf.page(
        "q 1 0 0 1 10 20 cm
         BT /F1 10 Tf 1 0 0 1 100 700 Tm (AB) Tj ET
         Q
         BT /F1 10 Tf
         100 600 Td 2 Tc (AB) Tj
         0 -20 TD 0 Tc 5 Tw (A B) Tj
         T* 0 Tw 50 Tz (AB) Tj
         100 Tz 15 TL T* 3 Ts (C) Tj
         0 Ts [(A) -500 (B) 200 (C)] TJ
         ET
         BT /F1 10 Tf 2 0 0 2 50 100 Tm (D) Tj ET",
        fonts(vec![("F1", f1)]),
    );
    let page = only_page(&pdf.bytes());
    assert_eq!((page.page.width, page.page.height), (600.0, 800.0));
    assert_glyphs(
        &page,
        &[
            // cm shifts by (10, 20): baseline at user (110, 720).
            ('A', [110.0, 71.2, 116.0, 81.2]),
            ('B', [116.0, 71.2, 121.0, 81.2]),
            // Q undid the cm; Tc adds 2 after each glyph.
            ('A', [100.0, 191.2, 106.0, 201.2]),
            ('B', [108.0, 191.2, 113.0, 201.2]),
            // TD moves down 20 and sets the leading; Tw widens the space only.
            ('A', [100.0, 211.2, 106.0, 221.2]),
            (' ', [106.0, 211.2, 108.5, 221.2]),
            ('B', [113.5, 211.2, 118.5, 221.2]),
            // T* uses the leading of TD; Tz 50 halves widths.
            ('A', [100.0, 231.2, 103.0, 241.2]),
            ('B', [103.0, 231.2, 105.5, 241.2]),
            // TL 15 then T*; Ts raises the glyph by 3.
            ('C', [100.0, 243.2, 104.0, 253.2]),
            // TJ: −500 moves the next glyph 5 pt right, 200 moves it 2 pt left.
            ('A', [104.0, 246.2, 110.0, 256.2]),
            ('B', [115.0, 246.2, 120.0, 256.2]),
            ('C', [118.0, 246.2, 122.0, 256.2]),
            // Tm scaling by 2 doubles the advance and the size.
            ('D', [50.0, 682.4, 64.0, 702.4]),
        ],
    );
    let sizes: Vec<f32> = page.page.glyphs.iter().map(|g| g.size).collect();
    assert!(
        sizes[..13].iter().all(|&s| (s - 10.0).abs() < 1e-3),
        "{sizes:?}"
    );
    assert!((sizes[13] - 20.0).abs() < 1e-3, "{sizes:?}");
    assert_eq!(page.text_layer, TextLayer::Usable);
}

#[test]
fn type0_identity_h_decodes_tounicode_forms_and_reads_both_w_forms() {
    let mut pdf = Pdf::new();
    // Codes 1–2 by bfchar (2 maps to two characters), 0x10–0x12 by the
    // offset form of bfrange, 0x20–0x21 by its array form; 0x30 has no width.
    let tu = "3 beginbfchar\n<0001> <5E74>\n<0002> <00660069>\n<0030> <516C>\nendbfchar\n\
              2 beginbfrange\n<0010> <0012> <4E00>\n<0020> <0021> [<62A5> <544A>]\nendbfrange";
    // CIDs 1–2 as `c [w1 w2]`, 16–18 as `cfirst clast w`, 32–33 as a list again.
    let w = vec![
        1.into(),
        nums(&[500.0, 600.0]),
        16.into(),
        18.into(),
        800.into(),
        32.into(),
        nums(&[900.0, 400.0]),
    ];
    let f1 = pdf.type0("Identity-H", Some(tu), w);
    // Tw must not apply: code 0x0020 is two bytes, not the single-byte space.
    pdf.page(
        "BT /F1 10 Tf 5 Tw 100 700 Td <0001 0002 0010 0011 0012 0020 0021 0030> Tj ET",
        fonts(vec![("F1", f1)]),
    );
    let page = only_page(&pdf.bytes());
    let (top, bottom) = (91.2, 101.2);
    assert_glyphs(
        &page,
        &[
            ('年', [100.0, top, 105.0, bottom]),
            // One code for "fi": its advance is split between the two.
            ('f', [105.0, top, 108.0, bottom]),
            ('i', [108.0, top, 111.0, bottom]),
            ('一', [111.0, top, 119.0, bottom]),
            ('丁', [119.0, top, 127.0, bottom]),
            ('丂', [127.0, top, 135.0, bottom]),
            ('报', [135.0, top, 144.0, bottom]),
            ('告', [144.0, top, 148.0, bottom]),
            // Not in /W: the default width of 1000.
            ('公', [148.0, top, 158.0, bottom]),
        ],
    );
    assert_eq!(page.text_layer, TextLayer::Usable);
}

#[test]
fn type0_identity_v_stacks_glyphs_downward_in_one_column() {
    let mut pdf = Pdf::new();
    let tu = "1 beginbfrange\n<0001> <0003> [<653F> <5E9C> <4FE1>]\nendbfrange";
    let f1 = pdf.type0(
        "Identity-V",
        Some(tu),
        vec![1.into(), 3.into(), 1000.into()],
    );
    pdf.page(
        "BT /F1 20 Tf 300 700 Td <000100020003> Tj ET",
        fonts(vec![("F1", f1)]),
    );
    let page = only_page(&pdf.bytes());
    // Default vertical metrics: the glyph hangs below the pen, centred on it,
    // and the pen moves down one em per glyph.
    assert_glyphs(
        &page,
        &[
            ('政', [290.0, 100.0, 310.0, 120.0]),
            ('府', [290.0, 120.0, 310.0, 140.0]),
            ('信', [290.0, 140.0, 310.0, 160.0]),
        ],
    );
}

#[test]
fn type3_advances_and_boxes_follow_the_font_matrix() {
    let mut pdf = Pdf::new();
    // The same glyphs three ways: 1000 units per em; 100 units per em with
    // a matrix of 1/100; 1000 units per em with a matrix of 1/100, shown at
    // size 1 (glyphs ten text units tall).
    let t1 = pdf.type3(
        [0.001, 0.0, 0.0, 0.001, 0.0, 0.0],
        [0.0, -200.0, 1000.0, 800.0],
        [500.0, 250.0],
    );
    let t2 = pdf.type3(
        [0.01, 0.0, 0.0, 0.01, 0.0, 0.0],
        [0.0, -20.0, 100.0, 80.0],
        [50.0, 25.0],
    );
    let t3 = pdf.type3(
        [0.01, 0.0, 0.0, 0.01, 0.0, 0.0],
        [0.0, -200.0, 1000.0, 800.0],
        [500.0, 250.0],
    );
    pdf.page(
        "BT /T1 10 Tf 100 700 Td (ABA) Tj ET
         BT /T2 10 Tf 100 600 Td (ABA) Tj ET
         BT /T3 1 Tf 100 500 Td (ABA) Tj ET",
        fonts(vec![("T1", t1), ("T2", t2), ("T3", t3)]),
    );
    let page = only_page(&pdf.bytes());
    // FontBBox gives 0.8 em above the baseline and 0.2 below.
    let line = |base: f32| {
        let (y0, y1) = (base - 8.0, base + 2.0);
        [
            ('A', [100.0, y0, 105.0, y1]),
            ('B', [105.0, y0, 107.5, y1]),
            ('A', [107.5, y0, 112.5, y1]),
        ]
    };
    let expected: Vec<(char, [f32; 4])> = [line(100.0), line(200.0), line(300.0)].concat();
    assert_glyphs(&page, &expected);
    for g in &page.page.glyphs {
        assert!((g.size - 10.0).abs() < 1e-3, "{g:?}");
    }
}

#[test]
fn form_xobject_text_and_rules_land_where_its_matrix_puts_them() {
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica();
    let f2 = pdf.helvetica();
    // The font name F2 exists only in the form's own resources; the form's
    // Tc must not leak out to the page.
    let form = pdf.stream(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => nums(&[0.0, 0.0, 600.0, 800.0]),
            "Matrix" => nums(&[0.5, 0.0, 0.0, 0.5, 50.0, 60.0]),
            "Resources" => dictionary! { "Font" => dictionary! { "F2" => f2 } },
        },
        b"BT /F2 10 Tf 3 Tc 100 500 Td (A) Tj ET 100 400 m 300 400 l S",
    );
    pdf.page_with(
        "q 1 0 0 1 10 10 cm /X1 Do Q BT /F1 10 Tf 100 100 Td (BB) Tj ET",
        dictionary! {
            "Font" => dictionary! { "F1" => f1 },
            "XObject" => dictionary! { "X1" => form },
        },
        Dictionary::new(),
    );
    let page = only_page(&pdf.bytes());
    // Form space → Matrix → cm: (100, 500) → (100, 310) → (110, 320), size 5.
    assert_glyphs(
        &page,
        &[
            ('A', [110.0, 475.6, 113.0, 480.6]),
            ('B', [100.0, 691.2, 105.0, 701.2]),
            ('B', [105.0, 691.2, 110.0, 701.2]),
        ],
    );
    assert!((page.page.glyphs[0].size - 5.0).abs() < 1e-3);
    // (100..300, 400) → (100..200, 260) → (110..210, 270); width halved.
    assert_rules(&page, &[[110.0, 530.0, 210.0, 530.0, 0.5]]);
}

#[test]
fn rotated_cropped_page_reports_glyphs_in_the_displayed_frame() {
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica();
    // Text rotated to read upright once the page turns 90° clockwise; the
    // last A lies outside the CropBox.
    pdf.page_with(
        "BT /F1 10 Tf 0 1 -1 0 300 200 Tm (AB) Tj ET
         500 150 m 500 650 l S
         BT /F1 10 Tf 10 10 Td (A) Tj ET",
        dictionary! { "Font" => dictionary! { "F1" => f1 } },
        dictionary! {
            "CropBox" => nums(&[50.0, 100.0, 550.0, 700.0]),
            "Rotate" => 90,
        },
    );
    let page = only_page(&pdf.bytes());
    // The crop is 500 × 600; turned, the page is 600 wide and 500 tall.
    assert_eq!((page.page.width, page.page.height), (600.0, 500.0));
    // Displayed x = y_user − 100, displayed y = x_user − 50.
    assert_glyphs(
        &page,
        &[
            ('A', [100.0, 241.2, 106.0, 251.2]),
            ('B', [106.0, 241.2, 111.0, 251.2]),
        ],
    );
    assert!((page.page.glyphs[0].size - 10.0).abs() < 1e-3);
    // A vertical line in user space is horizontal on the turned page.
    assert_rules(&page, &[[50.0, 450.0, 550.0, 450.0, 1.0]]);
    assert!(page.page.rules[0].is_horizontal());
}

#[test]
fn stroked_lines_and_thin_filled_rectangles_become_rules_backgrounds_do_not() {
    let mut pdf = Pdf::new();
    pdf.page(
        "1 w 100 700 m 400 700 l S
         0.5 w 100 700 m 100 600 l S
         0 g 100 500 300 0.75 re f
         200 400 0.5 100 re f
         0.9 g 0 0 600 800 re f
         50 50 200 150 re f
         100 300 m 200 350 l S
         1 g 100 200 300 1 re f",
        Dictionary::new(),
    );
    let page = only_page(&pdf.bytes());
    assert_rules(
        &page,
        &[
            [100.0, 100.0, 400.0, 100.0, 1.0],
            [100.0, 100.0, 100.0, 200.0, 0.5],
            // Chromium's table borders: a filled strip, ruled along its middle.
            [100.0, 299.625, 400.0, 299.625, 0.75],
            [200.25, 300.0, 200.25, 400.0, 0.5],
        ],
    );
    let horizontal: Vec<bool> = page.page.rules.iter().map(Rule::is_horizontal).collect();
    assert_eq!(horizontal, [true, false, true, false]);
    assert_eq!(page.text_layer, TextLayer::Empty);
}

#[test]
fn radicals_and_compatibility_ideographs_come_out_as_unified_ideographs() {
    let mut pdf = Pdf::new();
    // ⼀ ⾏ (Kangxi radicals), ⺠ ⻔ ⻨ (radicals supplement), 豈 (compatibility
    // ideograph), and a range over ⼀ ⼁.
    let tu = "6 beginbfchar\n<0001> <2F00>\n<0002> <2F8F>\n<0003> <2EA0>\n<0004> <2ED4>\n\
              <0005> <2EE8>\n<0006> <F900>\nendbfchar\n\
              1 beginbfrange\n<0010> <0011> <2F00>\nendbfrange";
    let f1 = pdf.type0("Identity-H", Some(tu), vec![]);
    pdf.page(
        "BT /F1 10 Tf 100 700 Td <0001 0002 0003 0004 0005 0006 0010 0011> Tj ET",
        fonts(vec![("F1", f1)]),
    );
    let page = only_page(&pdf.bytes());
    assert_eq!(text(&page), "一行民门麦豈一丨");
    // Clean-up changes characters only: boxes are as the codes placed them.
    let xs: Vec<f32> = page.page.glyphs.iter().map(|g| g.bbox.x0).collect();
    let expected: Vec<f32> = (0..8u8).map(|i| 100.0 + 10.0 * f32::from(i)).collect();
    assert!(
        xs.iter().zip(&expected).all(|(a, b)| (a - b).abs() <= TOL),
        "{xs:?}"
    );
    assert_eq!(page.text_layer, TextLayer::Usable);
}

#[test]
fn text_that_does_not_decode_is_flagged_and_never_passed_on_as_characters() {
    let mut pdf = Pdf::new();
    // No ToUnicode: CIDs are not text.
    let bare = pdf.type0("Identity-H", None, vec![]);
    // A ToUnicode map onto control characters.
    let controls = pdf.type0(
        "Identity-H",
        Some("1 beginbfrange\n<0001> <0004> <0001>\nendbfrange"),
        vec![],
    );
    let helv = pdf.helvetica();
    pdf.page(
        "BT /F1 10 Tf 100 700 Td <0001000200030004> Tj ET",
        fonts(vec![("F1", bare)]),
    );
    pdf.page(
        "BT /F1 10 Tf 100 700 Td <0001000200030004> Tj ET",
        fonts(vec![("F1", controls)]),
    );
    // Latin letters only, more than 20: codes read through the wrong encoding.
    pdf.page(
        "BT /F1 10 Tf 50 700 Td (ABCDABCDABCDABCDABCDABCD) Tj ET",
        fonts(vec![("F1", helv.clone())]),
    );
    pdf.page("", Dictionary::new());
    pdf.page(
        "BT /F1 10 Tf 50 700 Td (   ) Tj ET 100 100 m 200 100 l S",
        fonts(vec![("F1", helv)]),
    );
    let pages = read(&pdf.bytes());
    assert_eq!(pages.len(), 5);
    let replacement = "\u{FFFD}".repeat(4);
    for p in &pages[..2] {
        assert_eq!(
            p.text_layer,
            TextLayer::Undecodable {
                sample: replacement.clone()
            }
        );
        assert_eq!(text(p), replacement);
    }
    assert_eq!(
        pages[2].text_layer,
        TextLayer::Undecodable {
            sample: "ABCDABCDABCDABCDABCD".into()
        }
    );
    // Nothing to read, or only spaces and lines: empty, not undecodable.
    assert_eq!(pages[3].text_layer, TextLayer::Empty);
    assert!(pages[3].page.glyphs.is_empty());
    assert_eq!(pages[4].text_layer, TextLayer::Empty);
    assert_eq!(pages[4].page.rules.len(), 1);
}

#[test]
fn bytes_that_are_not_a_pdf_are_refused() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    let text = "政府信息公开工作年度报告".as_bytes();
    for bytes in [&b""[..], b"hello", png, text] {
        let got = read_pages(bytes, &Limits::default());
        assert!(matches!(got, Err(PdfError::NotPdf)), "{got:?}");
    }
}

fn text_pdf() -> Pdf {
    let mut pdf = Pdf::new();
    let tu = "1 beginbfchar\n<0001> <5E74>\nendbfchar";
    let f1 = pdf.type0("Identity-H", Some(tu), vec![]);
    pdf.page(
        "BT /F1 10 Tf 100 700 Td <00010001> Tj ET",
        fonts(vec![("F1", f1)]),
    );
    pdf
}

/// Encrypts with the given user password (RC4, 128 bits).
fn encrypted(user_password: &str) -> Vec<u8> {
    let mut doc = text_pdf().finish();
    let id = Object::String(vec![7; 16], lopdf::StringFormat::Hexadecimal);
    doc.trailer.set("ID", vec![id.clone(), id]);
    let state = lopdf::EncryptionState::try_from(lopdf::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password,
        key_length: 128,
        permissions: lopdf::Permissions::all(),
    })
    .unwrap();
    doc.encrypt(&state).unwrap();
    save(doc)
}

#[test]
fn encrypted_pdf_needing_a_password_is_refused() {
    let got = read_pages(&encrypted("user"), &Limits::default());
    assert!(matches!(got, Err(PdfError::Encrypted)), "{got:?}");

    // A security handler nobody implements.
    let mut doc = text_pdf().finish();
    let encrypt = doc.add_object(dictionary! { "Filter" => "NoSuchHandler", "V" => 9 });
    doc.trailer.set("Encrypt", encrypt);
    let got = read_pages(&save(doc), &Limits::default());
    assert!(matches!(got, Err(PdfError::Encrypted)), "{got:?}");
}

#[test]
fn encrypted_pdf_with_an_empty_user_password_opens() {
    let pages = read(&encrypted(""));
    assert_eq!(text(&pages[0]), "年年");
}

#[test]
fn truncated_or_garbled_files_are_reported_without_panicking() {
    let bytes = text_pdf().bytes();
    for cut in (0..bytes.len()).step_by(3) {
        match read_pages(&bytes[..cut], &Limits::default()) {
            Err(PdfError::NotPdf) => assert!(cut < 5, "cut at {cut}"),
            Ok(_) | Err(PdfError::Malformed(_) | PdfError::NoPages) => {}
            Err(e) => panic!("cut at {cut}: {e:?}"),
        }
    }
    // Bytes overwritten with noise, a block at a time.
    let mut seed = 0x2545_f491_u32;
    for start in (0..bytes.len()).step_by(17) {
        let mut garbled = bytes.clone();
        for b in garbled.iter_mut().skip(start).take(16) {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            *b = seed.to_le_bytes()[0];
        }
        // Any answer will do; a panic fails the test.
        let _ = read_pages(&garbled, &Limits::default());
    }
    let got = read_pages(b"%PDF-1.4\ngarbage", &Limits::default());
    assert!(matches!(got, Err(PdfError::Malformed(_))), "{got:?}");
}

/// A Flate stream of `n` spaces: a few kilobytes that inflate to `n` bytes.
fn bomb(dict: Dictionary, n: usize) -> Stream {
    let mut s = Stream::new(dict, vec![b' '; n]);
    s.compress().unwrap();
    assert!(s.content.len() < n / 100);
    s
}

#[test]
fn streams_inflating_past_the_limit_are_refused() {
    let limits = Limits {
        max_stream_bytes: 64 << 10,
        ..Limits::default()
    };
    // A content stream.
    let mut pdf = Pdf::new();
    let data = pdf.add(bomb(Dictionary::new(), 8 << 20));
    pdf.page_with("", Dictionary::new(), dictionary! { "Contents" => data });
    let got = read_pages(&pdf.bytes(), &limits);
    assert!(
        matches!(&got, Err(PdfError::Page { page: 1, reason }) if reason.contains("inflates")),
        "{got:?}"
    );

    // A form XObject on an otherwise sound page.
    let mut pdf = text_pdf();
    let form = bomb(
        dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => nums(&[0.0, 0.0, 10.0, 10.0]) },
        8 << 20,
    );
    let form = pdf.add(form);
    pdf.page_with(
        "/X1 Do",
        dictionary! { "XObject" => dictionary! { "X1" => form } },
        Dictionary::new(),
    );
    let got = read_pages(&pdf.bytes(), &limits);
    assert!(
        matches!(&got, Err(PdfError::Page { page: 2, reason }) if reason.contains("inflates")),
        "{got:?}"
    );

    // A ToUnicode map past the limit is dropped: the font reads as having none.
    let mut pdf = Pdf::new();
    let f1 = pdf.type0("Identity-H", None, vec![]);
    let Object::Reference(id) = f1 else {
        unreachable!()
    };
    let tu = pdf.add(bomb(Dictionary::new(), 8 << 20));
    pdf.doc.get_dictionary_mut(id).unwrap().set("ToUnicode", tu);
    pdf.page(
        "BT /F1 10 Tf 100 700 Td <0001> Tj ET",
        fonts(vec![("F1", f1)]),
    );
    let pages = read_pages(&pdf.bytes(), &limits).unwrap();
    assert!(matches!(pages[0].text_layer, TextLayer::Undecodable { .. }));
}

#[test]
fn more_pages_than_the_limit_is_an_error() {
    let mut pdf = Pdf::new();
    for _ in 0..3 {
        pdf.page("", Dictionary::new());
    }
    let bytes = pdf.bytes();
    let limits = Limits {
        max_pages: 2,
        ..Limits::default()
    };
    let got = read_pages(&bytes, &limits);
    assert!(
        matches!(got, Err(PdfError::TooManyPages { pages: 3, limit: 2 })),
        "{got:?}"
    );
    assert_eq!(read(&bytes).len(), 3);

    let got = read_pages(&Pdf::new().bytes(), &Limits::default());
    assert!(matches!(got, Err(PdfError::NoPages)), "{got:?}");
}

#[test]
fn a_scanned_page_turned_by_rotate_gives_its_displayed_size_and_turns() {
    let mut pdf = Pdf::new();
    let image = pdf.stream(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 3, "Height" => 2,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
        },
        &[1, 2, 3, 4, 5, 6],
    );
    // The scan is stored landscape; /Rotate 270 shows it as a portrait page.
    pdf.page_with(
        "q 800 0 0 600 0 0 cm /Im0 Do Q",
        dictionary! { "XObject" => dictionary! { "Im0" => image } },
        dictionary! {
            "MediaBox" => nums(&[0.0, 0.0, 800.0, 600.0]),
            "Rotate" => -90,
        },
    );
    let page = only_page(&pdf.bytes());
    assert_eq!((page.page.width, page.page.height), (600.0, 800.0));
    let scan = page.scan.expect("the page's scan");
    assert_eq!(scan.quarter_turns, 3);
    let raster = crate::raster::from_scan(&scan, page.page.width).expect("decodes");
    // Turned a quarter counter-clockwise: the stored right column is the top row.
    assert_eq!(raster.image.as_raw(), &vec![3, 6, 2, 5, 1, 4]);
    assert_eq!(raster.image.dimensions(), (2, 3));
    assert!((raster.px_per_pt - 2.0 / 600.0).abs() < 1e-6);
}
