//! Deflates the embedded fonts into OUT_DIR: DejaVu Sans in four styles is
//! 2.8 MB as TrueType and 1.4 MB deflated, and the release binary has a
//! size budget (docs/design.md §6). `pdf.rs` inflates them once, at the first
//! export.

use std::path::Path;

const FONTS: [&str; 4] = [
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
    "DejaVuSans-Oblique.ttf",
    "DejaVuSans-BoldOblique.ttf",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo::rerun-if-changed=assets/fonts");
    let out = std::env::var("OUT_DIR")?;
    for name in FONTS {
        let font = std::fs::read(Path::new("assets/fonts").join(name))?;
        let deflated = miniz_oxide::deflate::compress_to_vec(&font, 10);
        std::fs::write(Path::new(&out).join(format!("{name}.deflate")), deflated)?;
    }
    Ok(())
}
