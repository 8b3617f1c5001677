#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // OCR off: it runs the real tesseract, which is slow and not what is fuzzed here.
    let opts = nianbao::Options { ocr: nianbao::OcrMode::Never, jobs: 1, ..nianbao::Options::default() };
    let _ = nianbao::extract("fuzz-input", data, &opts);
});
