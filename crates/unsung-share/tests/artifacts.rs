//! What comes out of each format, checked the way a reader would meet it: the PNG decoded,
//! the PDF read back by poppler (`pdftotext`, `pdffonts`, `pdfinfo`, `pdfimages`), the web
//! page searched for anything that could run or reach out.
//!
//! Set `UNSUNG_SHARE_OUT=/some/dir` to keep the files for a look.

mod common;

use common::{HOSTILE, doc, keep};
use std::collections::HashSet;
use std::process::Command;
use unsung_share::{CardSize, ShareDoc};

fn decode(png_bytes: &[u8]) -> (u32, u32, Vec<[u8; 4]>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().expect("a PNG header");
    let mut buffer = vec![0; reader.output_buffer_size().expect("a buffer size")];
    let info = reader.next_frame(&mut buffer).expect("a PNG frame");
    assert_eq!(info.color_type, png::ColorType::Rgba);
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    let pixels = buffer[..info.buffer_size()]
        .chunks_exact(4)
        .map(|p| [p[0], p[1], p[2], p[3]])
        .collect();
    (info.width, info.height, pixels)
}

#[test]
fn the_card_is_a_png_of_the_promised_size_with_a_real_picture_on_it() {
    for (size, name) in [
        (CardSize::Landscape, "card-landscape.png"),
        (CardSize::Portrait, "card-portrait.png"),
    ] {
        let bytes = unsung_share::png(&doc(), size).unwrap();
        keep(name, &bytes);
        let (width, height, pixels) = decode(&bytes);
        assert_eq!((width, height), size.pixels(), "{name}");
        assert!(
            pixels.iter().all(|p| p[3] == 255),
            "{name}: the card is opaque"
        );
        let colours: HashSet<[u8; 4]> = pixels.iter().copied().collect();
        assert!(
            colours.len() > 500,
            "{name}: only {} colours",
            colours.len()
        );
        // Count pixels far from the warm background: text, bars, the mark.
        let far = pixels
            .iter()
            .filter(|p| {
                let d = |a: u8, b: u8| (a as i32 - b as i32).abs();
                d(p[0], 0xf6) + d(p[1], 0xf2) + d(p[2], 0xea) > 120
            })
            .count();
        let share = far as f64 / pixels.len() as f64;
        assert!(
            share > 0.05 && share < 0.5,
            "{name}: {share:.3} of the pixels are drawn"
        );
        // The status colours of the bar are there: green for the working days.
        assert!(
            colours.contains(&[0x3f, 0x9a, 0x5f, 255]),
            "{name}: no green bar"
        );
        assert!(
            colours.contains(&[0xcc, 0x3d, 0x33, 255]),
            "{name}: no red bar"
        );
    }
}

#[test]
fn the_same_story_gives_the_same_bytes() {
    for size in [CardSize::Landscape, CardSize::Portrait] {
        assert_eq!(
            unsung_share::png(&doc(), size).unwrap(),
            unsung_share::png(&doc(), size).unwrap()
        );
    }
    assert_eq!(
        unsung_share::pdf(&doc()).unwrap(),
        unsung_share::pdf(&doc()).unwrap()
    );
    assert_eq!(unsung_share::html(&doc()), unsung_share::html(&doc()));
    assert_eq!(unsung_share::text(&doc()), unsung_share::text(&doc()));
    // And a different story, different bytes.
    let mut other = doc();
    other.headline = "Everything worked the whole time.".into();
    assert_ne!(
        unsung_share::png(&doc(), CardSize::Landscape).unwrap(),
        unsung_share::png(&other, CardSize::Landscape).unwrap()
    );
}

fn poppler(tool: &str, args: &[&str]) -> String {
    let output = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("cannot run {tool} ({e}): install Debian's poppler-utils (scripts/setup does)")
    });
    assert!(
        output.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn write_pdf(doc: &ShareDoc, name: &str) -> (tempfile::TempDir, String) {
    let bytes = unsung_share::pdf(doc).unwrap();
    keep(name, &bytes);
    assert!(bytes.starts_with(b"%PDF-"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, &bytes).unwrap();
    (dir, path.to_string_lossy().into_owned())
}

#[test]
fn the_pdf_holds_the_whole_story_as_selectable_text_in_the_embedded_font() {
    let story = doc();
    let (_dir, path) = write_pdf(&story, "report.pdf");

    let text = words(&poppler("pdftotext", &[&path, "-"]));
    assert!(text.contains(&story.headline), "{text}");
    assert!(text.contains(&story.uptime_in_time), "{text}");
    for paragraph in &story.paragraphs {
        assert!(
            text.contains(paragraph.as_str()),
            "missing {paragraph:?} in {text}"
        );
    }
    for incident in &story.incidents {
        assert!(
            text.contains(incident.text.as_str()),
            "missing {:?} in {text}",
            incident.text
        );
    }
    assert!(
        text.contains(HOSTILE),
        "the hostile title is shown as plain text"
    );
    assert!(text.contains(&story.thanks));
    assert!(text.contains(&story.period));

    let fonts = poppler("pdffonts", &[&path]);
    let inter: Vec<&str> = fonts.lines().filter(|l| l.contains("Inter")).collect();
    assert!(!inter.is_empty(), "{fonts}");
    for line in &inter {
        // Columns: name type encoding emb sub uni object ID; "yes" for embedded and subset.
        let columns: Vec<&str> = line.split_whitespace().collect();
        let flags = &columns[columns.len() - 5..columns.len() - 2];
        assert_eq!(
            flags,
            ["yes", "yes", "yes"],
            "not embedded, subset and mapped: {line}"
        );
    }
    assert_eq!(
        fonts.lines().count(),
        2 + inter.len(),
        "only Inter is used: {fonts}"
    );

    let info = poppler("pdfinfo", &[&path]);
    assert!(
        info.lines()
            .any(|l| l.split_whitespace().eq(["Pages:", "1"])),
        "{info}"
    );
    assert!(
        info.contains("Creator:") && info.contains("Unsung"),
        "{info}"
    );
    // Charts are vectors: the page holds no pictures at all.
    let images = poppler("pdfimages", &["-list", &path]);
    assert_eq!(images.lines().count(), 2, "{images}");
}

#[test]
fn a_long_story_takes_two_pages_at_most_and_keeps_every_sentence() {
    let mut story = doc();
    let sentence = "The team kept the shop open through a very busy week of sales.";
    story
        .paragraphs
        .extend((0..14).map(|i| format!("{sentence} This is note number {i}.")));
    story.labels = common::labels(40);
    story.incidents = (0..40)
        .map(|i| unsung_share::IncidentLine {
            when: format!("Day {i}"),
            text: format!("Problem number {i} lasted about 5 minutes. A teammate fixed it."),
            fixed: true,
        })
        .collect();
    let (_dir, path) = write_pdf(&story, "report-long.pdf");
    let info = poppler("pdfinfo", &[&path]);
    assert!(
        info.lines()
            .any(|l| l.split_whitespace().eq(["Pages:", "2"])),
        "{info}"
    );
    let text = words(&poppler("pdftotext", &[&path, "-"]));
    for paragraph in &story.paragraphs {
        assert!(text.contains(paragraph.as_str()), "missing {paragraph:?}");
    }
    // Not every problem fits: the newest are listed, the oldest summed up.
    assert!(text.contains("Problem number 39 lasted"), "{text}");
    assert!(text.contains("earlier problems, all fixed."), "{text}");
    assert!(text.contains(&story.thanks));
}

#[test]
fn the_web_page_is_self_contained_runs_nothing_and_shows_hostile_text_as_text() {
    let story = doc();
    let page = unsung_share::html(&story);
    keep("page.html", page.as_bytes());
    let lower = page.to_lowercase();
    assert!(lower.starts_with("<!doctype html>"));
    assert!(!lower.contains("<script"), "no scripts");
    assert!(
        !lower.contains("http://") && !lower.contains("https://"),
        "no outside address"
    );
    // Everything the browser reads as markup: the tags, and the style sheet.
    let tags: Vec<&str> = lower
        .split('<')
        .skip(1)
        .map(|t| t.split('>').next().unwrap_or(""))
        .collect();
    let style = lower
        .split("<style>")
        .nth(1)
        .and_then(|s| s.split("</style>").next())
        .unwrap();
    for markup in tags.iter().copied().chain([style]) {
        for needle in ["src=", "href=", "url(", "@import", "//", "javascript:"] {
            assert!(!markup.contains(needle), "{needle} in {markup}");
        }
        for tag in ["link ", "iframe", "object", "embed", "img ", "base "] {
            assert!(!markup.starts_with(tag), "<{markup}>");
        }
        assert!(
            !markup.split_whitespace().any(|w| w.starts_with("on")
                && w.split('=')
                    .next()
                    .is_some_and(|n| n.len() > 2 && n.len() < w.len())),
            "an event handler in <{markup}>"
        );
    }
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!page.contains(HOSTILE));
    assert!(page.contains(&story.headline));
    assert!(
        page.contains("default-src 'none'"),
        "the page forbids loading anything"
    );
}

#[test]
fn the_card_and_the_report_escape_outside_text_and_drop_emoji() {
    let mut story = doc();
    story.team = "Team \"<b>\" & co".into();
    story.headline = format!("Fixed {HOSTILE} 🔥 fast.");
    for svg in std::iter::once(unsung_share::card_svg(&story, CardSize::Landscape))
        .chain(unsung_share::report_svgs(&story))
    {
        assert!(!svg.contains("<img"), "{svg}");
        assert!(!svg.contains("<b>"));
        assert!(svg.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(svg.contains("Team &quot;&lt;b&gt;&quot; &amp; co"));
        assert!(!svg.contains('🔥'));
    }
    // Still a valid picture.
    let (w, h, _) = decode(&unsung_share::png(&story, CardSize::Portrait).unwrap());
    assert_eq!((w, h), (1080, 1350));
}

#[test]
fn the_text_tells_the_same_story_in_plain_lines() {
    let story = doc();
    let text = unsung_share::text(&story);
    keep("story.txt", text.as_bytes());
    assert!(text.starts_with(
        "Juniper Books · 23 – 29 November 2026\n\nEverything worked 99.96% of the time.\n"
    ));
    for paragraph in &story.paragraphs {
        assert!(text.contains(&format!("\n{paragraph}\n")));
    }
    assert!(text.contains("\n- Sun 29 Nov: The mobile app has had a problem"));
    assert!(text.ends_with("Thank you to everyone who kept things running.\n"));
}

#[test]
fn the_card_tells_what_got_better_as_escaped_text_in_both_shapes() {
    let mut story = doc();
    for size in [CardSize::Landscape, CardSize::Portrait] {
        let svg = unsung_share::card_svg(&story, size);
        assert!(
            svg.contains("After card payments stopped on Thursday"),
            "{svg}"
        );
    }
    story.better = Some(format!("We changed it {HOSTILE} \u{202E}so."));
    let svg = unsung_share::card_svg(&story, CardSize::Landscape);
    assert!(!svg.contains("<img"), "{svg}");
    assert!(svg.contains("We changed it &lt;img src=x onerror=alert(1)&gt;"));
    story.better = None;
    let svg = unsung_share::card_svg(&story, CardSize::Landscape);
    assert!(!svg.contains("We changed it"));
}
