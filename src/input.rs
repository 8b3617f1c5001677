//! The edge where files come in: read the bytes, tell what they are.

use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Media {
    Pdf,
    Png,
    Jpeg,
    Tiff,
    Unknown,
}

/// Tells the kind of input from its first bytes, whatever its name says.
pub fn sniff(bytes: &[u8]) -> Media {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        Media::Pdf
    } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Media::Png
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Media::Jpeg
    } else if head.starts_with(b"II*\0") || head.starts_with(b"MM\0*") {
        Media::Tiff
    } else {
        Media::Unknown
    }
}

/// Reads a whole input file.
pub fn read(path: &Path) -> std::io::Result<Vec<u8>> {
    std::fs::read(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b"%PDF-1.7\n"), Media::Pdf);
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Media::Png);
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Media::Jpeg);
        assert_eq!(sniff(b"II*\0...."), Media::Tiff);
        assert_eq!(sniff(b"hello"), Media::Unknown);
        assert_eq!(sniff(b""), Media::Unknown);
    }
}
