//! The codecs of scanned pages that only PDF carries: CCITT fax (Group 3
//! and 4), JBIG2 and JPEG 2000, decoded to 8-bit grey.

use super::{MAX_PIXELS, RasterError, check_size};
use crate::pdf::CcittParams;
use image::GrayImage;
use std::panic::{AssertUnwindSafe, catch_unwind};

const BLACK: u8 = 0;
const WHITE: u8 = 255;

/// Runs a decoder on hostile bytes: a panic inside it becomes an error of
/// this image instead of taking the page's thread down.
fn guarded<T>(
    codec: &'static str,
    f: impl FnOnce() -> Result<T, RasterError>,
) -> Result<T, RasterError> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(RasterError::Codec {
            codec,
            reason: "the decoder failed on this data".into(),
        })
    })
}

/// CCITT fax data of a `width` × `height` image. A row that does not decode
/// is an error unless every row of the image came before it; rows missing
/// at the end of the data stay white.
pub fn ccitt(
    width: u32,
    height: u32,
    params: &CcittParams,
    inverted: bool,
    data: &[u8],
) -> Result<GrayImage, RasterError> {
    check_size(width, height)?;
    guarded("CCITT fax", || {
        use hayro_ccitt::{DecodeSettings, DecoderContext, EncodingMode};
        let encoding = match params.k {
            k if k < 0 => EncodingMode::Group4,
            0 => EncodingMode::Group3_1D,
            _ => EncodingMode::Group3_2D,
        };
        let rows = match params.rows {
            0 => height,
            r => r.min(height),
        };
        let settings = DecodeSettings {
            columns: if params.columns == 0 {
                width
            } else {
                params.columns
            },
            rows,
            end_of_block: params.end_of_block,
            end_of_line: params.end_of_line,
            rows_are_byte_aligned: params.encoded_byte_align,
            encoding,
            strict: false,
        };
        // The filter gives a fax black pixel as 1 with /BlackIs1, and /Decode
        // [1 0] reads the samples the other way: each flips what is shown.
        let black = if params.black_is_1 != inverted {
            WHITE
        } else {
            BLACK
        };
        let mut sink = FaxRows {
            out: vec![255 - black; width as usize * height as usize],
            width: width as usize,
            rows: 0,
            black,
        };
        let result = hayro_ccitt::decode(data, &mut sink, &mut DecoderContext::new(settings));
        match result {
            Ok(_) if sink.rows > 0 => {}
            Err(_) if sink.rows >= height as usize => {}
            Ok(_) => {
                return Err(RasterError::Codec {
                    codec: "CCITT fax",
                    reason: format!("no row of the {width} × {height} image is in the data"),
                });
            }
            Err(e) => {
                return Err(RasterError::Codec {
                    codec: "CCITT fax",
                    reason: format!("{e} at row {} of {height}", sink.rows + 1),
                });
            }
        }
        GrayImage::from_raw(width, height, sink.out).ok_or(RasterError::Truncated { width, height })
    })
}

/// Fax rows written into the image, cut to its width and height.
struct FaxRows {
    out: Vec<u8>,
    width: usize,
    rows: usize,
    black: u8,
}

impl hayro_ccitt::Decoder for FaxRows {
    fn push_row(&mut self, changes: &[u32]) {
        let (w, y) = (self.width, self.rows);
        self.rows += 1;
        let Some(row) = self.out.get_mut(y * w..(y + 1) * w) else {
            return;
        };
        // Rows start white; changes alternate to black and back.
        for run in changes.chunks(2) {
            let start = (run[0] as usize).min(w);
            let end = run.get(1).map_or(w, |&e| (e as usize).min(w));
            if let Some(px) = row.get_mut(start..end) {
                px.fill(self.black);
            }
        }
    }
}

/// An embedded JBIG2 page of a `width` × `height` image, with the segments
/// of its /JBIG2Globals.
pub fn jbig2(
    width: u32,
    height: u32,
    globals: Option<&[u8]>,
    inverted: bool,
    data: &[u8],
) -> Result<GrayImage, RasterError> {
    check_size(width, height)?;
    guarded("JBIG2", || {
        use hayro_jbig2::{DecodeSettings, Globals, Page};
        let err = |what: &str, e: hayro_jbig2::DecodeError| RasterError::Codec {
            codec: "JBIG2",
            reason: format!("{what}: {e}"),
        };
        let settings = DecodeSettings::default();
        let globals = globals
            .map(|g| Globals::new(g, &settings))
            .transpose()
            .map_err(|e| err("the /JBIG2Globals do not decode", e))?;
        let page = Page::new_embedded(data, globals.as_ref(), &settings)
            .map_err(|e| err("the page does not parse", e))?;
        // The page's own size is allocated by the decoder: hold it to the
        // same limit as the size the PDF declares.
        check_size(page.width(), page.height())?;
        // JBIG2 black is the filter's 0 sample, shown black unless /Decode [1 0].
        let black = if inverted { WHITE } else { BLACK };
        let mut sink = Bilevel {
            out: vec![255 - black; width as usize * height as usize],
            width: width as usize,
            height: height as usize,
            x: 0,
            y: 0,
            black,
        };
        page.decode(&mut sink)
            .map_err(|e| err("the page does not decode", e))?;
        GrayImage::from_raw(width, height, sink.out).ok_or(RasterError::Truncated { width, height })
    })
}

/// Bi-level pixels written into the image, cut to its width and height.
struct Bilevel {
    out: Vec<u8>,
    width: usize,
    height: usize,
    x: usize,
    y: usize,
    black: u8,
}

impl Bilevel {
    fn fill(&mut self, black: bool, count: usize) {
        let (x, y) = (self.x, self.y);
        self.x = x.saturating_add(count);
        if !black || y >= self.height || x >= self.width {
            return;
        }
        let end = self.x.min(self.width);
        if let Some(px) = self.out.get_mut(y * self.width + x..y * self.width + end) {
            px.fill(self.black);
        }
    }
}

impl hayro_jbig2::Decoder for Bilevel {
    fn push_pixel(&mut self, black: bool) {
        self.fill(black, 1);
    }

    fn push_pixel_chunk(&mut self, black: bool, chunk_count: u32) {
        self.fill(black, chunk_count as usize * 8);
    }

    fn next_line(&mut self) {
        self.x = 0;
        self.y += 1;
    }
}

/// A JPEG 2000 image (JP2 file or bare codestream) in grey. One whose
/// samples would pass the memory limit is decoded at a lower resolution
/// level, which the format stores for free.
pub fn jpx(data: &[u8]) -> Result<GrayImage, RasterError> {
    guarded("JPEG 2000", || {
        use hayro_jpeg2000::{DecodeSettings, DecoderContext, Image};
        let err = |e: hayro_jpeg2000::DecodeError| RasterError::Codec {
            codec: "JPEG 2000",
            reason: e.to_string(),
        };
        let mut settings = DecodeSettings::default();
        let mut image = Image::new(data, &settings).map_err(err)?;
        let channels = |image: &Image<'_>| {
            u64::from(image.color_space().num_channels()) + u64::from(image.has_alpha())
        };
        let samples = |image: &Image<'_>| {
            u64::from(image.width()) * u64::from(image.height()) * channels(image)
        };
        if samples(&image) > MAX_PIXELS {
            let ratio = (samples(&image) as f64 / MAX_PIXELS as f64).sqrt().ceil() as u32;
            settings.target_resolution =
                Some((image.width() / ratio.max(1), image.height() / ratio.max(1)));
            image = Image::new(data, &settings).map_err(err)?;
        }
        let (width, height) = (image.width(), image.height());
        check_size(width, height)?;
        if samples(&image) > MAX_PIXELS {
            return Err(RasterError::TooManySamples {
                width,
                height,
                channels: channels(&image),
            });
        }
        let colour = usize::from(image.color_space().num_channels());
        let mut ctx = DecoderContext::default();
        let decoded = image.decode(&mut ctx).map_err(err)?;
        let stride = decoded.components().len();
        let samples = decoded.data_u8();
        let pixels = width as usize * height as usize;
        if stride == 0 || samples.len() < pixels * stride {
            return Err(RasterError::Truncated { width, height });
        }
        let grey = samples
            .chunks_exact(stride)
            .take(pixels)
            .map(|px| match (colour, px) {
                (3, [r, g, b, ..]) => super::grey_of(*r, *g, *b),
                (4, [c, m, y, k, ..]) => super::cmyk_grey(*c, *m, *y, *k),
                (_, [v, ..]) => *v,
                _ => WHITE,
            })
            .collect();
        GrayImage::from_raw(width, height, grey).ok_or(RasterError::Truncated { width, height })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_declared_size_is_refused_before_anything_is_allocated() {
        let params = CcittParams::default();
        assert_eq!(
            ccitt(100_000, 100_000, &params, false, &[0; 16]),
            Err(RasterError::TooLarge {
                width: 100_000,
                height: 100_000
            })
        );
        // A JBIG2 page information segment declaring 60000 × 60000 pixels
        // inside an image the PDF calls 100 × 100.
        let mut page = vec![0, 0, 0, 0, 48, 0, 1, 0, 0, 0, 19];
        page.extend_from_slice(&60_000u32.to_be_bytes());
        page.extend_from_slice(&60_000u32.to_be_bytes());
        page.extend_from_slice(&[0; 11]);
        assert_eq!(
            jbig2(100, 100, None, false, &page),
            Err(RasterError::TooLarge {
                width: 60_000,
                height: 60_000
            })
        );
    }

    #[test]
    fn broken_data_is_an_error_naming_the_codec() {
        for result in [
            // Eleven zero bits and more are no code of Group 4 but an end of line.
            ccitt(
                64,
                64,
                &CcittParams {
                    k: -1,
                    ..CcittParams::default()
                },
                false,
                &[0; 40],
            ),
            jbig2(64, 64, None, false, b"not a JBIG2 segment"),
            jpx(b"\xff\x4f\xff\x51 not the rest of a codestream"),
        ] {
            match result {
                Err(RasterError::Codec { .. }) => {}
                other => panic!("{:?}", other.map(|image| image.dimensions())),
            }
        }
    }
}
