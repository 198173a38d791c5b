//! The typesetter end to end: small books in several languages to PDF, read back with a
//! real PDF parser (lopdf): pages, text, bookmarks, internal links, determinism.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use handbook::typeset::{
    Align, Book, BookLabels, Chapter, Contact, Converter, LinkTo, Markup, from_markdown, pdf,
};
use jiff::civil::date;
use lopdf::{Document, Object};

/// A heading id with letters outside ASCII and a double dash, as the print page makes them.
const UNICODE_ID: &str = "kap-experiences-03-linjeledere--mål-og-midler";

const HOSTILE: &str = "Pris: 5 $ #set *fed* _kursiv_ @ref <lbl> \\ ] [ // ikke kommentar /* heller ikke */ `kode` ~ --- \"citat\" 'enkelt' http://eksempel.dk \\u{41}";

struct Words {
    contents: &'static str,
    page: &'static str,
    local: &'static str,
    contacts: &'static str,
    experiences: &'static str,
    kicker: &'static str,
    prose: &'static str,
}

fn words(language: &str) -> Words {
    match language {
        "da" => Words {
            contents: "Indhold",
            page: "Side",
            local: "Lokal implementering",
            contacts: "Kontaktpersoner",
            experiences: "Erfaringerne",
            kicker: "Erfaring 3",
            prose: "Førstelinjelederen holder et kort møde med medarbejderne hver uge, hvor ledelsesudviklingsprogrammets erfaringer bliver omsat til konkrete arbejdsgange i hverdagen. ",
        },
        "de" => Words {
            contents: "Inhalt",
            page: "Seite",
            local: "Lokale Umsetzung",
            contacts: "Ansprechpersonen",
            experiences: "Erfahrungen",
            kicker: "Erfahrung 3",
            prose: "Die Führungskraft hält jede Woche eine kurze Besprechung mit dem Team, in der die Erfahrungen des Führungskräfteentwicklungsprogramms in konkrete Arbeitsabläufe übersetzt werden. ",
        },
        _ => Words {
            contents: "Contents",
            page: "Page",
            local: "Local implementation",
            contacts: "Contacts",
            experiences: "Experiences",
            kicker: "Experience 3",
            prose: "The first-line manager holds a short meeting with the team every week, where the experiences of the leadership development programme are turned into concrete ways of working. ",
        },
    }
}

fn converter_markdown(markdown: &str, shift: u8) -> Markup {
    let mut link = |destination: &str| {
        if let Some(target) = destination.strip_prefix('#') {
            LinkTo::Label(target.to_owned())
        } else if destination.starts_with("http") {
            LinkTo::Url(destination.to_owned())
        } else {
            LinkTo::Text
        }
    };
    let mut image = |_: &str| None;
    let mut heading_label = |index: usize, id: &str| {
        Some(if id.is_empty() {
            format!("h-{index}")
        } else {
            id.to_owned()
        })
    };
    let mut converter = Converter {
        link: &mut link,
        image: &mut image,
        heading_label: &mut heading_label,
        shift_headings: shift,
    };
    from_markdown(markdown, &mut converter)
}

fn chapter(id: &str, level: u8, title: &str, body: Markup) -> Chapter {
    Chapter {
        id: id.to_owned(),
        level,
        title: title.to_owned(),
        kicker: None,
        local: false,
        body,
    }
}

fn sample_book(language: &str) -> Book {
    let w = words(language);
    let prose = w.prose.repeat(6);
    let front = converter_markdown(
        &format!(
            "{prose}\n\nSe [kapitlet om mål og midler](#{UNICODE_ID}).\n\n## Baggrund\n\n{prose}\n\n{prose}\n\n### Mere\n\n{prose}\n\n{prose}"
        ),
        1,
    );
    let experience = converter_markdown(
        &format!(
            "{prose}\n\n| Uge | Tema |\n|---:|:--|\n| 1 | Mål |\n| 2 | Midler |\n\nEn fodnote.[^1]\n\n[^1]: Fodnotens tekst.\n"
        ),
        2,
    );
    let hostile = Markup::concat([
        Markup::paragraph(Markup::text(HOSTILE)),
        converter_markdown(
            "\\# Pris: 5 $ @ref \\* ] [ // ikke /* heller */\n\n= ikke en overskrift\n\n\\- ikke en liste\n\n\\+ heller ikke\n\n1\\. ikke nummereret\n\n```\n#let x = $y$ // <z> @w\n```\n\n`#code $x$ *y* <z>`",
            1,
        ),
    ]);
    let local_body = Markup::concat([
        Markup::paragraph(Markup::text(&prose)),
        Markup::note_box(
            Some("Divisionens egen note"),
            Markup::paragraph(Markup::text("Mødet holdes om mandagen.")),
        ),
        Markup::facts(&[
            ("Varighed", Markup::text("2 dage")),
            ("Form", Markup::text("Internat")),
        ]),
        Markup::table(
            &["Måned", "Aktivitet"],
            &[vec![Markup::text("Januar"), Markup::text("Kickoff")]],
            &[Align::Start, Align::End],
        ),
    ]);
    let mut experience_chapter = chapter(UNICODE_ID, 2, "Mål og midler", experience);
    experience_chapter.kicker = Some(w.kicker.to_owned());
    let mut local = chapter("local-plan", 1, "Lokal plan", local_body);
    local.local = true;
    Book {
        language: language.to_owned(),
        title: "Håndbog for ledelse".to_owned(),
        subtitle: Some("Division Nord".to_owned()),
        date: date(2026, 3, 1),
        date_text: "1. marts 2026".to_owned(),
        contacts: vec![Contact {
            name: "Mette Hansen".to_owned(),
            role: Some("HR-partner".to_owned()),
            email: Some("mette@example.dk".to_owned()),
            phone: Some("+45 12 34 56 78".to_owned()),
        }],
        labels: BookLabels {
            contents: w.contents.to_owned(),
            page: w.page.to_owned(),
            local: w.local.to_owned(),
            contacts: w.contacts.to_owned(),
            email: "E-mail".to_owned(),
            phone: "Telefon".to_owned(),
        },
        chapters: vec![
            chapter("front", 1, "Forside", front),
            chapter(
                "experiences",
                1,
                w.experiences,
                Markup::paragraph(Markup::text(&prose)),
            ),
            experience_chapter,
            chapter("hostile", 1, "Fjendtlig tekst", hostile),
            local,
        ],
        files: BTreeMap::new(),
    }
}

struct Pdf {
    doc: Document,
}

impl Pdf {
    fn parse(bytes: &[u8]) -> Pdf {
        Pdf {
            doc: Document::load_mem(bytes).expect("a PDF lopdf can read"),
        }
    }

    fn page_count(&self) -> usize {
        self.doc.get_pages().len()
    }

    /// lopdf decodes the hyphen glyph as a soft hyphen (U+00AD) where poppler's
    /// `pdftotext` reads `-`; the test reads it as `-` too.
    fn page_text(&self, page: u32) -> String {
        self.doc
            .extract_text(&[page])
            .expect("text of a page")
            .replace('\u{ad}', "-")
    }

    fn text(&self) -> String {
        let pages: Vec<u32> = self.doc.get_pages().keys().copied().collect();
        pages
            .iter()
            .map(|&page| self.page_text(page))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The bookmarks, depth first.
    fn outline(&self) -> Vec<String> {
        let catalog = self.doc.catalog().expect("catalog");
        let Ok(outlines) = self.doc.get_dict_in_dict(catalog, b"Outlines") else {
            return Vec::new();
        };
        let mut titles = Vec::new();
        self.collect_outline(outlines.get(b"First").ok(), &mut titles);
        titles
    }

    fn collect_outline<'a>(&'a self, mut node: Option<&'a Object>, titles: &mut Vec<String>) {
        while let Some(reference) = node {
            let (_, item) = self.doc.dereference(reference).expect("outline item");
            let item = item.as_dict().expect("outline item is a dictionary");
            let title = item.get(b"Title").expect("outline title");
            titles.push(lopdf::decode_text_string(title).expect("title text"));
            self.collect_outline(item.get(b"First").ok(), titles);
            node = item.get(b"Next").ok();
        }
    }

    /// What a named destination (`/Dest (front)`) stands for, from the catalog's name tree
    /// (Typst writes it flat: one `/Names` array).
    fn named_destination(&self, name: &Object) -> Option<&Object> {
        let name = name.as_str().ok()?;
        let catalog = self.doc.catalog().ok()?;
        let names = self.doc.get_dict_in_dict(catalog, b"Names").ok()?;
        let dests = self.doc.get_dict_in_dict(names, b"Dests").ok()?;
        let (_, pairs) = self.doc.dereference(dests.get(b"Names").ok()?).ok()?;
        let pairs = pairs.as_array().ok()?;
        pairs
            .chunks(2)
            .find(|pair| pair[0].as_str().ok() == Some(name))
            .map(|pair| &pair[1])
    }

    /// The pages that the internal links on `page` go to.
    fn link_targets(&self, page: u32) -> Vec<u32> {
        let pages = self.doc.get_pages();
        let page_number =
            |id: lopdf::ObjectId| pages.iter().find(|(_, p)| **p == id).map(|(n, _)| *n);
        let mut targets = Vec::new();
        for annotation in self
            .doc
            .get_page_annotations(pages[&page])
            .unwrap_or_default()
        {
            if annotation.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Link".as_slice())
            {
                continue;
            }
            let destination = annotation.get(b"Dest").ok().or_else(|| {
                let (_, action) = self.doc.dereference(annotation.get(b"A").ok()?).ok()?;
                let action = action.as_dict().ok()?;
                (action.get(b"S").and_then(Object::as_name).ok()? == b"GoTo").then_some(())?;
                action.get(b"D").ok()
            });
            let target = destination
                .and_then(|d| self.named_destination(d).or(Some(d)))
                .and_then(|d| self.doc.dereference(d).ok())
                .and_then(|(_, d)| d.as_array().ok()?.first()?.as_reference().ok())
                .and_then(page_number);
            targets.extend(target);
        }
        targets
    }
}

/// Text without line breaks and hyphens at line ends, to find phrases across lines.
fn flat(text: &str) -> String {
    text.replace("-\n", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The page number the contents give `title`: the number after the title and its leader.
fn toc_page(contents: &str, title: &str) -> Option<u32> {
    let after = &contents[contents.find(title)? + title.len()..];
    let number: String = after
        .trim_start_matches(|c: char| c == '.' || c.is_whitespace())
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    number.parse().ok()
}

fn assert_book(language: &str) {
    let book = sample_book(language);
    let bytes = pdf(&book).unwrap_or_else(|error| panic!("{error}"));
    let pdf = Pdf::parse(&bytes);
    assert!(
        pdf.page_count() > 3,
        "{language}: {} pages",
        pdf.page_count()
    );
    let text = flat(&pdf.text());
    let w = words(language);
    for expected in [
        "Håndbog for ledelse",
        "Division Nord",
        "1. marts 2026",
        "Forside",
        "Mål og midler",
        "Fjendtlig tekst",
        "Lokal plan",
        w.contents,
        w.contacts,
        "Mette Hansen",
    ] {
        assert!(
            text.contains(expected),
            "{language}: {expected:?} missing in {text}"
        );
    }
    assert!(
        text.to_uppercase().contains(&w.kicker.to_uppercase()),
        "{language}: kicker missing"
    );
    assert!(
        text.to_uppercase().contains(&w.local.to_uppercase()),
        "{language}: local tag missing"
    );
    let contents = flat(&pdf.page_text(2));
    assert_eq!(
        toc_page(&contents, "Forside"),
        Some(3),
        "{language}: {contents}"
    );
    assert!(
        toc_page(&contents, "Lokal plan").is_some_and(|page| page > 3),
        "{language}: {contents}"
    );
    let outline = pdf.outline();
    for chapter in &book.chapters {
        assert!(
            outline.contains(&chapter.title),
            "{language}: bookmark {:?} missing in {outline:?}",
            chapter.title
        );
    }
    assert!(
        outline.contains(&w.contacts.to_owned()),
        "{language}: {outline:?}"
    );
    let chapter_page = toc_page(&contents, "Mål og midler").expect("in the contents");
    assert!(
        pdf.link_targets(3).contains(&chapter_page),
        "{language}: the link on the front page goes to the chapter on page {chapter_page}: {:?}",
        pdf.link_targets(3)
    );
    let local_page = toc_page(&contents, "Lokal plan").expect("in the contents");
    assert!(
        pdf.link_targets(2).contains(&local_page),
        "{language}: the contents link to their pages"
    );
    let continued = flat(&pdf.page_text(4));
    assert!(
        continued.starts_with("Forside Håndbog for ledelse"),
        "{language}: running head: {continued}"
    );
}

#[test]
fn danish_book_has_cover_contents_chapters_bookmarks_and_links() {
    assert_book("da");
}

#[test]
fn english_book_has_cover_contents_chapters_bookmarks_and_links() {
    assert_book("en");
}

#[test]
fn german_book_has_cover_contents_chapters_bookmarks_and_links() {
    assert_book("de");
}

#[test]
fn hostile_text_is_printed_literally() {
    let bytes = pdf(&sample_book("da")).unwrap_or_else(|error| panic!("{error}"));
    let text = Pdf::parse(&bytes).text();
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let expect = |fragment: &str| {
        let fragment: String = fragment.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(
            squeezed.contains(&fragment),
            "{fragment:?} missing in {text}"
        );
    };
    expect("Pris: 5 $ #set *fed* _kursiv_ @ref <lbl> \\ ] [ // ikke kommentar /* heller ikke */");
    expect("\"citat\" 'enkelt' http://eksempel.dk \\u{41}");
    expect("# Pris: 5 $ @ref * ] [ // ikke /* heller */");
    expect("= ikke en overskrift");
    expect("- ikke en liste");
    expect("+ heller ikke");
    expect("#let x = $y$ // <z> @w");
    expect("#code $x$ *y* <z>");
}

#[test]
fn the_same_book_gives_the_same_bytes() {
    let book = sample_book("da");
    let first = pdf(&book).unwrap_or_else(|error| panic!("{error}"));
    let second = pdf(&book).unwrap_or_else(|error| panic!("{error}"));
    assert!(first == second, "two runs differ");
    let mut later = book.clone();
    later.date = date(2027, 1, 1);
    assert!(
        pdf(&later).expect("typesets") != first,
        "the date is in the PDF"
    );
}

/// The build typesets divisions in parallel: Typst's shared caches must not leak one
/// book into another.
#[test]
fn books_typeset_in_parallel_are_the_books_typeset_alone() {
    let books = [sample_book("da"), sample_book("en")];
    let alone: Vec<Vec<u8>> = books
        .iter()
        .map(|book| pdf(book).expect("typesets"))
        .collect();
    let parallel: Vec<Vec<u8>> = std::thread::scope(|scope| {
        let handles: Vec<_> = books
            .iter()
            .map(|book| scope.spawn(move || pdf(book).expect("typesets")))
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().expect("no panic"))
            .collect()
    });
    assert!(
        alone == parallel,
        "parallel books differ from books typeset alone"
    );
    assert!(alone[0] != alone[1]);
}

#[test]
fn a_package_import_fails_cleanly() {
    let mut book = sample_book("en");
    book.title = "#import \"@preview/cetz:0.3.0\"".to_owned();
    let bytes = pdf(&book).expect("a title is text, not code");
    assert!(flat(&Pdf::parse(&bytes).text()).contains("@preview/cetz"));
}

/// Pages as PNG in `target/typeset-screenshots/`, to look at the design.
#[test]
fn screenshots_of_a_few_pages() {
    if Command::new("pdftoppm").arg("-v").output().is_err() {
        println!("pdftoppm is not on PATH (apt-get install poppler-utils): no screenshots");
        return;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/typeset-screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    let file = dir.join("book-da.pdf");
    std::fs::write(&file, pdf(&sample_book("da")).expect("typesets")).expect("write PDF");
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "80", "-f", "1", "-l", "8"])
        .arg(&file)
        .arg(dir.join("book-da"))
        .status()
        .expect("pdftoppm runs");
    assert!(status.success());
    assert!(dir.join("book-da-1.png").exists() || dir.join("book-da-01.png").exists());
}
