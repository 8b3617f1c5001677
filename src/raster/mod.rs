//! Page images: a PDF page's stored scan, or a PNG / JPEG / TIFF file,
//! decoded to 8-bit grey with its scale in pixels per point.

mod codec;

use crate::input::Media;
use crate::pdf::{Scan, ScanData};
use image::{GrayImage, ImageFormat};
use std::io::Cursor;

/// Most pixels decoded for one page (a 600-dpi A3 page is 70 M).
const MAX_PIXELS: u64 = 100_000_000;
/// The long side of an A4 page, in points: page images carry no reliable
/// page size, and reports are printed on A4.
const A4_LONG_SIDE_PT: f32 = 841.89;

/// One page image ready for OCR.
#[derive(Debug, Clone)]
pub struct Raster {
    pub image: GrayImage,
    pub px_per_pt: f32,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum RasterError {
    #[error("cannot decode the image: {0}")]
    Decode(String),
    #[error("the scan is stored as {0}, which nianbao cannot decode")]
    Unsupported(String),
    #[error("the image is {width} × {height} pixels, more than the limit of {MAX_PIXELS}")]
    TooLarge { width: u32, height: u32 },
    #[error("the image data is shorter than its {width} × {height} pixels")]
    Truncated { width: u32, height: u32 },
    #[error(
        "the image is {width} × {height} pixels of {channels} channels, more than the limit of {MAX_PIXELS} samples"
    )]
    TooManySamples {
        width: u32,
        height: u32,
        channels: u64,
    },
    #[error("the {codec} data does not decode: {reason}")]
    Codec { codec: &'static str, reason: String },
}

fn check_size(width: u32, height: u32) -> Result<(), RasterError> {
    if u64::from(width) * u64::from(height) > MAX_PIXELS || width == 0 || height == 0 {
        return Err(RasterError::TooLarge { width, height });
    }
    Ok(())
}

/// Whether a stored scan can be decoded, short of decoding it.
pub fn check_scan(scan: &Scan) -> Result<(), RasterError> {
    check_size(scan.width, scan.height)?;
    match &scan.data {
        ScanData::Unsupported(filter) => Err(RasterError::Unsupported(filter.clone())),
        ScanData::Unreadable(why) => Err(RasterError::Decode(why.clone())),
        _ => Ok(()),
    }
}

/// The scan of a PDF page whose displayed width is `page_width_pt`, turned
/// upright as the page is displayed.
pub fn from_scan(scan: &Scan, page_width_pt: f32) -> Result<Raster, RasterError> {
    check_size(scan.width, scan.height)?;
    let (w, h) = (scan.width, scan.height);
    let image = match &scan.data {
        ScanData::Jpeg(bytes) => decode(bytes, ImageFormat::Jpeg)?,
        ScanData::Samples {
            bits,
            components,
            inverted,
            data,
        } => from_samples(w, h, *bits, *components, *inverted, data)?,
        ScanData::Ccitt {
            params,
            inverted,
            data,
        } => codec::ccitt(w, h, params, *inverted, data)?,
        ScanData::Jbig2 {
            globals,
            inverted,
            data,
        } => codec::jbig2(w, h, globals.as_deref(), *inverted, data)?,
        ScanData::Jpx(data) => codec::jpx(data)?,
        ScanData::Unsupported(filter) => return Err(RasterError::Unsupported(filter.clone())),
        ScanData::Unreadable(why) => return Err(RasterError::Decode(why.clone())),
    };
    let image = match scan.quarter_turns % 4 {
        1 => image::imageops::rotate90(&image),
        2 => image::imageops::rotate180(&image),
        3 => image::imageops::rotate270(&image),
        _ => image,
    };
    let px_per_pt = image.width() as f32 / page_width_pt.max(1.0);
    Ok(Raster { image, px_per_pt })
}

/// Every page of an image file (a TIFF may hold several).
pub fn from_file(bytes: &[u8], media: Media) -> Result<Vec<Raster>, RasterError> {
    let images = match media {
        Media::Png => vec![decode(bytes, ImageFormat::Png)?],
        Media::Jpeg => vec![decode(bytes, ImageFormat::Jpeg)?],
        Media::Tiff => tiff_pages(bytes)?,
        Media::Pdf | Media::Unknown => {
            return Err(RasterError::Decode("not a page image".into()));
        }
    };
    Ok(images
        .into_iter()
        .map(|image| {
            let long = image.width().max(image.height()) as f32;
            Raster {
                px_per_pt: long / A4_LONG_SIDE_PT,
                image,
            }
        })
        .collect())
}

fn decode(bytes: &[u8], format: ImageFormat) -> Result<GrayImage, RasterError> {
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 4);
    reader.limits(limits);
    let img = reader
        .decode()
        .map_err(|e| RasterError::Decode(e.to_string()))?;
    if !img.color().has_color() {
        return Ok(img.into_luma8());
    }
    let rgb = img.into_rgb8();
    let (w, h) = rgb.dimensions();
    let grey = rgb.pixels().map(|p| grey_of(p[0], p[1], p[2])).collect();
    GrayImage::from_raw(w, h, grey).ok_or(RasterError::Truncated {
        width: w,
        height: h,
    })
}

/// How much redder than green and blue a pixel is, as a share of its red,
/// where it starts and where it is wholly taken for a seal's ink. The share
/// holds under a fold's shadow and in a faint stamp, where the difference
/// is a third of a fresh stamp's; grey ink has none.
const SEAL_TINT: (f32, f32) = (0.04, 0.12);

/// A colour pixel's grey: its luminance, but the red channel where the ink
/// is red — a seal stamped over the text is as light as the paper there,
/// while black text under it stays black. Between the two tints the two
/// are blended, so the seal's rim leaves no speckle.
pub(crate) fn grey_of(r: u8, g: u8, b: u8) -> u8 {
    let y = luma(r, g, b);
    let rest = g.max(b);
    if r <= rest {
        return y;
    }
    let tint = f32::from(r - rest) / f32::from(r);
    let w = ((tint - SEAL_TINT.0) / (SEAL_TINT.1 - SEAL_TINT.0)).clamp(0.0, 1.0);
    (f32::from(y) + w * f32::from(r - y.min(r))).round() as u8
}

fn tiff_pages(bytes: &[u8]) -> Result<Vec<GrayImage>, RasterError> {
    use tiff::ColorType;
    use tiff::decoder::{Decoder, DecodingResult};
    let err = |e: tiff::TiffError| RasterError::Decode(e.to_string());
    let mut decoder = Decoder::new(Cursor::new(bytes)).map_err(err)?;
    let mut pages = Vec::new();
    loop {
        let (width, height) = decoder.dimensions().map_err(err)?;
        check_size(width, height)?;
        let color = decoder.colortype().map_err(err)?;
        let data = match decoder.read_image().map_err(err)? {
            DecodingResult::U8(v) => v,
            _ => return Err(RasterError::Unsupported(format!("TIFF {color:?} samples"))),
        };
        let (bits, components, inverted) = match color {
            ColorType::Gray(b) => (b, 1, false),
            ColorType::RGB(b) => (b, 3, false),
            ColorType::RGBA(b) => (b, 4, false),
            ColorType::GrayA(b) => (b, 2, false),
            other => return Err(RasterError::Unsupported(format!("TIFF {other:?}"))),
        };
        pages.push(from_samples(
            width, height, bits, components, inverted, &data,
        )?);
        if !decoder.more_images() {
            break;
        }
        decoder.next_image().map_err(err)?;
    }
    Ok(pages)
}

/// Raw samples (8 bits per component, or 1-bit grey) to grey.
fn from_samples(
    width: u32,
    height: u32,
    bits: u8,
    components: u8,
    inverted: bool,
    data: &[u8],
) -> Result<GrayImage, RasterError> {
    check_size(width, height)?;
    let (w, h) = (width as usize, height as usize);
    let short = || RasterError::Truncated { width, height };
    let mut out = Vec::with_capacity(w * h);
    match (bits, components) {
        (1, 1) => {
            let row = w.div_ceil(8);
            if data.len() < row * h {
                return Err(short());
            }
            for y in 0..h {
                for x in 0..w {
                    let bit = data[y * row + x / 8] >> (7 - x % 8) & 1;
                    out.push(if bit == 1 { 255 } else { 0 });
                }
            }
        }
        (8, n) if n >= 1 => {
            let n = usize::from(n);
            if data.len() < w * h * n {
                return Err(short());
            }
            for px in data.chunks_exact(n).take(w * h) {
                out.push(match n {
                    1 | 2 => px[0],
                    4 if !inverted => cmyk_grey(px[0], px[1], px[2], px[3]),
                    _ => grey_of(px[0], px[1], px[2]),
                });
            }
        }
        _ => {
            return Err(RasterError::Unsupported(format!(
                "{bits}-bit samples with {components} components"
            )));
        }
    }
    if inverted {
        out.iter_mut().for_each(|v| *v = 255 - *v);
    }
    GrayImage::from_raw(width, height, out).ok_or_else(short)
}

fn luma(r: u8, g: u8, b: u8) -> u8 {
    ((u32::from(r) * 299 + u32::from(g) * 587 + u32::from(b) * 114) / 1000) as u8
}

/// CMYK: darkness is the sum of the inks.
fn cmyk_grey(c: u8, m: u8, y: u8, k: u8) -> u8 {
    let ink = u16::from(c) + u16::from(m) + u16::from(y);
    255u8.saturating_sub((ink / 3) as u8).saturating_sub(k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_bit_rows_are_padded_to_whole_bytes() {
        // 10 px wide: 2 bytes per row; first row black then white, second inverted.
        let data = [0b0000_0000, 0b0011_1111, 0b1111_1111, 0b1111_1111];
        let img = from_samples(10, 2, 1, 1, false, &data).expect("decodes");
        assert_eq!(img.get_pixel(0, 0)[0], 0);
        assert_eq!(img.get_pixel(9, 0)[0], 0);
        assert_eq!(img.get_pixel(0, 1)[0], 255);
        let inv = from_samples(10, 2, 1, 1, true, &data).expect("decodes");
        assert_eq!(inv.get_pixel(0, 0)[0], 255);
    }

    #[test]
    fn short_data_and_huge_sizes_are_errors_not_panics() {
        assert_eq!(
            from_samples(100, 100, 8, 1, false, &[0; 50]),
            Err(RasterError::Truncated {
                width: 100,
                height: 100
            })
        );
        assert!(matches!(
            from_samples(100_000, 100_000, 8, 1, false, &[]),
            Err(RasterError::TooLarge { .. })
        ));
        assert!(matches!(
            from_file(b"\x89PNG\r\n\x1a\nxx", Media::Png),
            Err(RasterError::Decode(_))
        ));
    }

    #[test]
    fn rgb_becomes_luma() {
        let img = from_samples(1, 1, 8, 3, false, &[255, 255, 255]).expect("decodes");
        assert_eq!(img.get_pixel(0, 0)[0], 255);
    }

    #[test]
    fn a_red_seal_fades_and_black_text_under_it_stays() {
        // Paper, red seal ink, black text under the seal, blue ink.
        // Then a faint stamp under a fold's shadow, the shadow alone, and
        // yellowed paper.
        let px = [
            250, 250, 250, 220, 50, 40, 40, 10, 10, 20, 30, 160, 170, 150, 150, 150, 150, 150, 240,
            230, 200,
        ];
        let img = from_samples(7, 1, 8, 3, false, &px).expect("decodes");
        let grey: Vec<u8> = img.pixels().map(|p| p[0]).collect();
        assert_eq!(grey[0], 250);
        assert!(grey[1] >= 200, "seal ink {}", grey[1]);
        assert!(grey[2] < 60, "text under the seal {}", grey[2]);
        assert!(grey[3] < 60, "blue ink {}", grey[3]);
        assert!(grey[4] >= 168, "faint seal in shadow {}", grey[4]);
        assert_eq!(grey[5], 150, "shadow");
        assert!((225..=232).contains(&grey[6]), "yellowed paper {}", grey[6]);
    }
}
