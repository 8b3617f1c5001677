//! A safe handle over libtesseract's C API: one engine per thread, one image
//! at a time, symbol-level results with boxes and confidences.

use image::GrayImage;
use std::ffi::{CStr, CString, c_char, c_int};
use tesseract_sys as sys;

use super::OcrError;

/// One recognised character (or a short unit tesseract would not split), in
/// pixels of the image given to [`Tess::set_image`].
#[derive(Debug, Clone, PartialEq)]
pub struct Symbol {
    pub text: String,
    pub left: i32,
    pub top: i32,
    pub right: i32,
    pub bottom: i32,
    /// Height of the text line the symbol belongs to, in pixels.
    pub line_height: i32,
    /// 0.0–1.0.
    pub confidence: f32,
}

pub struct Tess {
    api: *mut sys::TessBaseAPI,
}

impl Tess {
    /// Starts an engine for `lang` ("chi_sim", "eng") from the system's
    /// tesseract data.
    pub fn new(lang: &str) -> Result<Tess, OcrError> {
        let c_lang = CString::new(lang).map_err(|_| OcrError::Init(lang.into()))?;
        // SAFETY: Create returns an owned handle; Init3 reads the C strings,
        // which outlive the call. A failed init is ended and deleted here.
        unsafe {
            let api = sys::TessBaseAPICreate();
            if api.is_null() {
                return Err(OcrError::Init(lang.into()));
            }
            if sys::TessBaseAPIInit3(api, std::ptr::null(), c_lang.as_ptr()) != 0 {
                sys::TessBaseAPIDelete(api);
                return Err(OcrError::Init(lang.into()));
            }
            let tess = Tess { api };
            // Scans are dark text on light paper; the inverted-text trial only costs time.
            tess.set_variable("tessedit_do_invert", "0");
            // Progress notes ("Detected N diacritics") would mix into our stderr.
            tess.set_variable("debug_file", "/dev/null");
            Ok(tess)
        }
    }

    pub fn set_variable(&self, name: &str, value: &str) -> bool {
        let (Ok(n), Ok(v)) = (CString::new(name), CString::new(value)) else {
            return false;
        };
        // SAFETY: the handle is live; tesseract copies both strings.
        unsafe { sys::TessBaseAPISetVariable(self.api, n.as_ptr(), v.as_ptr()) != 0 }
    }

    pub fn set_page_seg_mode(&mut self, mode: u32) {
        // SAFETY: the handle is live.
        unsafe { sys::TessBaseAPISetPageSegMode(self.api, mode) }
    }

    /// Gives the engine an image; it keeps a copy, so `image` may go.
    pub fn set_image(&mut self, image: &GrayImage, dpi: u32) {
        let (w, h) = image.dimensions();
        // SAFETY: the buffer holds w*h bytes of 8-bit grey, one byte per
        // pixel, w bytes per row; tesseract copies it before returning.
        unsafe {
            sys::TessBaseAPISetImage(
                self.api,
                image.as_raw().as_ptr(),
                w as c_int,
                h as c_int,
                1,
                w as c_int,
            );
            sys::TessBaseAPISetSourceResolution(self.api, dpi as c_int);
        }
    }

    /// Recognises the current image (or rectangle) and returns its symbols.
    pub fn symbols(&mut self) -> Vec<Symbol> {
        let mut out = Vec::new();
        // SAFETY: the handle is live and holds an image; the iterator is
        // owned here and deleted before returning; every string it hands
        // out is freed with TessDeleteText.
        unsafe {
            if sys::TessBaseAPIRecognize(self.api, std::ptr::null_mut()) != 0 {
                return out;
            }
            let it = sys::TessBaseAPIGetIterator(self.api);
            if it.is_null() {
                return out;
            }
            let page = sys::TessResultIteratorGetPageIterator(it);
            let symbol = sys::TessPageIteratorLevel_RIL_SYMBOL;
            let line = sys::TessPageIteratorLevel_RIL_TEXTLINE;
            let mut line_height = 0;
            loop {
                if sys::TessPageIteratorIsAtBeginningOf(page, line) != 0 {
                    let (mut l, mut t, mut r, mut b) = (0, 0, 0, 0);
                    if sys::TessPageIteratorBoundingBox(page, line, &mut l, &mut t, &mut r, &mut b)
                        != 0
                    {
                        line_height = b - t;
                    }
                }
                let text = take_text(sys::TessResultIteratorGetUTF8Text(it, symbol));
                let (mut l, mut t, mut r, mut b) = (0, 0, 0, 0);
                let boxed =
                    sys::TessPageIteratorBoundingBox(page, symbol, &mut l, &mut t, &mut r, &mut b)
                        != 0;
                if let Some(text) = text.filter(|t| !t.trim().is_empty())
                    && boxed
                {
                    out.push(Symbol {
                        text,
                        left: l,
                        top: t,
                        right: r,
                        bottom: b,
                        line_height,
                        confidence: (sys::TessResultIteratorConfidence(it, symbol) / 100.0)
                            .clamp(0.0, 1.0),
                    });
                }
                if sys::TessResultIteratorNext(it, symbol) == 0 {
                    break;
                }
            }
            sys::TessResultIteratorDelete(it);
        }
        out
    }

    /// Reads a whole small image (a cell on its own): its text and mean
    /// confidence (0.0–1.0).
    pub fn read_image(&mut self, image: &GrayImage, dpi: u32) -> (String, f32) {
        self.set_image(image, dpi);
        // SAFETY: the handle is live and holds the image just set; the
        // returned string is freed by take_text.
        unsafe {
            let text = take_text(sys::TessBaseAPIGetUTF8Text(self.api)).unwrap_or_default();
            let conf = sys::TessBaseAPIMeanTextConf(self.api);
            (
                text.trim().to_string(),
                (conf as f32 / 100.0).clamp(0.0, 1.0),
            )
        }
    }
}

impl Drop for Tess {
    fn drop(&mut self) {
        // SAFETY: the handle was created by TessBaseAPICreate and is dropped once.
        unsafe {
            sys::TessBaseAPIEnd(self.api);
            sys::TessBaseAPIDelete(self.api);
        }
    }
}

/// Copies and frees a string returned by tesseract.
///
/// # Safety
/// `p` is null or a string allocated by tesseract that nothing else frees.
unsafe fn take_text(p: *mut c_char) -> Option<String> {
    if p.is_null() {
        return None;
    }
    // SAFETY: non-null, NUL-terminated, owned by us per the contract above.
    unsafe {
        let s = CStr::from_ptr(p).to_string_lossy().into_owned();
        sys::TessDeleteText(p);
        Some(s)
    }
}

// SAFETY: a TessBaseAPI is used by one thread at a time (it is moved between
// workers through a mutex-guarded pool, never shared).
unsafe impl Send for Tess {}
