//! Prints what the PDF reader sees on each page of a file: glyphs as
//! `G char x0 y0 x1 y1 size` and rules as `R x0 y0 x1 y1 width`, in points
//! from the top-left corner. `--text` prints only each page's characters;
//! `--bench` reads the file repeatedly and reports the time per page.
//!
//!     cargo run --release --example pdf_glyphs -- [--text|--bench] file.pdf

use nianbao::pdf::{Limits, read_pages};
use std::io::Write;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = args
        .iter()
        .find(|a| a.starts_with("--"))
        .map(String::as_str);
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: pdf_glyphs [--text|--bench] file.pdf");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let limits = Limits::default();
    if mode == Some("--bench") {
        let start = Instant::now();
        let mut runs = 0;
        let mut pages = 0;
        while runs < 5 || start.elapsed().as_secs_f64() < 1.0 {
            pages += read_pages(&bytes, &limits).map_or(0, |p| p.len());
            runs += 1;
        }
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        println!(
            "{path}: {} pages, {:.3} ms/page ({runs} runs)",
            pages / runs,
            ms / pages.max(1) as f64
        );
        return;
    }
    let pages = match read_pages(&bytes, &limits) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    // A closed pipe (`| head`) ends the listing quietly.
    let _ = print_pages(&pages, mode == Some("--text"));
}

fn print_pages(pages: &[nianbao::pdf::PdfPage], text_only: bool) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for p in pages {
        let page = &p.page;
        writeln!(
            out,
            "page {} {:.2} x {:.2} {:?} glyphs={} rules={}",
            page.number,
            page.width,
            page.height,
            p.text_layer,
            page.glyphs.len(),
            page.rules.len()
        )?;
        if text_only {
            writeln!(
                out,
                "{}",
                page.glyphs.iter().map(|g| g.ch).collect::<String>()
            )?;
            continue;
        }
        for g in &page.glyphs {
            let b = g.bbox;
            writeln!(
                out,
                "G {} {:.3} {:.3} {:.3} {:.3} {:.2}",
                g.ch, b.x0, b.y0, b.x1, b.y1, g.size
            )?;
        }
        for r in &page.rules {
            writeln!(
                out,
                "R {:.3} {:.3} {:.3} {:.3} {:.3}",
                r.from.0, r.from.1, r.to.0, r.to.1, r.width
            )?;
        }
    }
    out.flush()
}
