//! Measures the typesetter (issue 14, "Performance"): a synthetic book of N chapters of
//! Danish-looking Markdown (headings, lists, a table, a footnote, links between chapters)
//! to PDF, timed cold (first book in the process) and warm (a second division's book,
//! which shares Typst's caches), with the page count, so the time per 100 pages follows.
//!
//! ```sh
//! cargo run --release --example typeset-bench -- --chapters 100
//! ```

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Instant;

use handbook::typeset::{
    Book, BookLabels, Chapter, Contact, Converter, LinkTo, from_markdown, pdf,
};

const WORDS: &[&str] = &[
    "lederen",
    "holder",
    "et",
    "kort",
    "møde",
    "med",
    "teamet",
    "hver",
    "uge",
    "hvor",
    "erfaringerne",
    "bliver",
    "til",
    "konkrete",
    "arbejdsgange",
    "i",
    "hverdagen",
    "og",
    "medarbejderne",
    "får",
    "ansvar",
    "for",
    "opfølgningen",
    "på",
    "målene",
    "samarbejde",
    "ledelsesudviklingsprogrammet",
    "forandringsledelse",
    "tydelig",
    "kommunikation",
];

/// A deterministic pseudo-random word stream (a linear congruential generator).
struct Prose(u64);

impl Prose {
    fn word(&mut self) -> &'static str {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        WORDS[(self.0 >> 33) as usize % WORDS.len()]
    }

    fn sentence(&mut self, words: usize) -> String {
        let mut out = String::new();
        for i in 0..words {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(self.word());
        }
        out + "."
    }
}

fn chapter_markdown(prose: &mut Prose, index: usize, chapters: usize) -> String {
    let mut md = String::new();
    for section in 0..3 {
        let _ = writeln!(md, "## Afsnit {section}: {}\n", prose.sentence(3));
        for _ in 0..3 {
            let _ = writeln!(
                md,
                "{} {} {}\n",
                prose.sentence(14),
                prose.sentence(18),
                prose.sentence(11)
            );
        }
        let _ = writeln!(
            md,
            "- {}\n- {}\n  - {}\n",
            prose.sentence(6),
            prose.sentence(8),
            prose.sentence(5)
        );
    }
    let _ = writeln!(md, "| Uge | Tema | Ansvarlig |\n|---:|---|---|");
    for week in 1..=4 {
        let _ = writeln!(md, "| {week} | {} | {} |", prose.sentence(3), prose.word());
    }
    let next = (index + 1) % chapters;
    let _ = writeln!(
        md,
        "\nSe også [kapitel {next}](#kap-{next}) og en note.[^n]\n\n[^n]: {}",
        prose.sentence(9)
    );
    md
}

fn book(chapters: usize) -> Book {
    let mut prose = Prose(7);
    let chapters = (0..chapters)
        .map(|index| {
            let markdown = chapter_markdown(&mut prose, index, chapters);
            let mut link = |destination: &str| match destination.strip_prefix('#') {
                Some(label) => LinkTo::Label(label.to_owned()),
                None => LinkTo::Url(destination.to_owned()),
            };
            let mut image = |_: &str| None;
            let mut heading_label = |i: usize, _: &str| Some(format!("kap-{index}-{i}"));
            let mut converter = Converter {
                link: &mut link,
                image: &mut image,
                heading_label: &mut heading_label,
                shift_headings: 1,
            };
            Chapter {
                id: format!("kap-{index}"),
                level: 1,
                title: format!("Kapitel {index}: {}", prose.sentence(3)),
                kicker: (index % 5 == 0).then(|| format!("Erfaring {}", index / 5 + 1)),
                local: index % 7 == 3,
                body: from_markdown(&markdown, &mut converter),
            }
        })
        .collect();
    Book {
        language: "da".to_owned(),
        title: "Håndbog for ledelse".to_owned(),
        subtitle: Some("Division Nord".to_owned()),
        date: jiff::civil::date(2026, 3, 1),
        date_text: "1. marts 2026".to_owned(),
        contacts: vec![Contact {
            name: "Mette Hansen".to_owned(),
            ..Contact::default()
        }],
        labels: BookLabels {
            contents: "Indhold".to_owned(),
            page: "Side".to_owned(),
            local: "Lokal implementering".to_owned(),
            contacts: "Kontaktpersoner".to_owned(),
            email: "E-mail".to_owned(),
            phone: "Telefon".to_owned(),
        },
        chapters,
        files: BTreeMap::new(),
    }
}

fn page_count(bytes: &[u8]) -> usize {
    // Every page object has `/Type/Page` (the tree nodes have `/Pages`).
    let needle = b"/Type/Page";
    bytes
        .windows(needle.len() + 1)
        .filter(|w| &w[..needle.len()] == needle && w[needle.len()] != b's')
        .count()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut chapters = 100;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--chapters" => {
                chapters = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .expect("--chapters N")
            }
            other => panic!("unknown argument {other}"),
        }
    }
    let mut book = book(chapters);
    for run in ["cold", "warm (another division)"] {
        if run != "cold" {
            book.subtitle = Some("Division Syd".to_owned());
        }
        let start = Instant::now();
        let bytes = pdf(&book).unwrap_or_else(|error| panic!("{error}"));
        let seconds = start.elapsed().as_secs_f64();
        let pages = page_count(&bytes);
        println!(
            "{run}: {chapters} chapters, {pages} pages, {} kB, {seconds:.2} s, {:.2} s per 100 pages",
            bytes.len() / 1000,
            seconds * 100.0 / pages.max(1) as f64
        );
    }
}
