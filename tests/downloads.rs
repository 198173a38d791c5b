//! The downloads of every division (issue 14) read back as a reader gets them: each
//! `handbook.pdf` and `leader-kit.pdf` with a real PDF parser (lopdf: pages, text, outline,
//! link annotations), the leader kit and the module bundles with the zip crate, compared
//! byte for byte with the handouts they carry. The example handbook is built once for the
//! whole file (typesetting in a debug build is slow).

mod common;

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use lopdf::{Document, Object};
use serde_yaml::Value;

const DIVISIONS: [&str; 4] = ["privat", "erhverv", "kundeservice", "sverige"];

/// Every content file is dated this day (noon UTC), so the edition on the covers and in
/// the zips is known: it comes from the content, not from the clock.
const EDITION: (i16, i8, i8) = (2027, 1, 15);

/// The module whose bundle is checked in detail, and the handout of it that Privatkunder
/// has its own version of (the example has none: `prepare` adds it).
const MODULE: &str = "foerstelinjeledere";
const MODULE_OVERRIDE: &str = "moduler/lederkit-oversigt.pdf";
const OVERRIDE_BYTES: &[u8] =
    b"%PDF-1.4\n% Privatkunders egen udgave af lederkittet paa et ark\n%%EOF\n";

/// A phrase of each division's local section of `experiences/05-faelles-sprog.md` (the
/// section every division must add), then titles of its local pages that it does not
/// share with the others.
fn local_phrases(division: &str) -> &'static [&'static str] {
    match division {
        "privat" => &[
            "godkendt af divisionsledelsen i Privatkunder",
            "Ugerytmen i Privatkunders butikker",
        ],
        "erhverv" => &[
            "ikke fem afdelinger",
            "Kundeplaner for key accounts i Erhvervskunder",
        ],
        "kundeservice" => &[
            "gennemfører Kundeservice programmet i fire bølger",
            "Ordliste for Kundeservice",
            "Sagen, der blev løst første gang",
        ],
        "sverige" => &["Vår lokala handlingsplan i korthet"],
        other => panic!("no phrases for {other}"),
    }
}

/// The edition's date as a cover writes it.
fn edition_text(language: &str) -> &'static str {
    match language {
        "sv" => "15 januari 2027",
        _ => "15. januar 2027",
    }
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

// ---------------------------------------------------------------------------------------
// The example, built once

/// The example handbook (with `prepare`'s changes) and its output.
struct Site {
    root: PathBuf,
    out: PathBuf,
    _dir: tempfile::TempDir,
}

fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("handbook");
        copy_tree(&repo().join("content"), &root.join("content"));
        std::fs::copy(repo().join("handbook.yaml"), root.join("handbook.yaml")).unwrap();
        prepare(&root);
        let out = dir.path().join("public");
        let output = Command::new(env!("CARGO_BIN_EXE_handbook"))
            .env("HANDBOOK_LANG", "en")
            .arg("build")
            .arg("--root")
            .arg(&root)
            .arg("--output")
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "the example builds:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        Site {
            root,
            out,
            _dir: dir,
        }
    })
}

/// Privatkunder gets its own version of a module handout, and every content file the
/// edition's date.
fn prepare(root: &Path) {
    let own = root
        .join("content/divisions/privat/handouts")
        .join(MODULE_OVERRIDE);
    std::fs::create_dir_all(own.parent().unwrap()).unwrap();
    std::fs::write(&own, OVERRIDE_BYTES).unwrap();
    let (y, m, d) = EDITION;
    let noon = jiff::civil::date(y, m, d)
        .at(12, 0, 0, 0)
        .to_zoned(jiff::tz::TimeZone::UTC)
        .unwrap()
        .timestamp();
    let noon = std::time::SystemTime::from(noon);
    for entry in walkdir::WalkDir::new(root.join("content")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let file = std::fs::File::options()
                .write(true)
                .open(entry.path())
                .unwrap();
            file.set_modified(noon).unwrap();
        }
    }
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

// ---------------------------------------------------------------------------------------
// The content, read on its own to know what to expect

fn yaml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn string(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// The front matter of a Markdown file.
fn front_matter(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let rest = text.strip_prefix("---\n").expect("front matter");
    let end = rest.find("\n---").expect("end of front matter");
    serde_yaml::from_str(&rest[..end]).unwrap()
}

struct Contact {
    name: String,
    email: String,
}

struct Division {
    id: &'static str,
    name: String,
    language: String,
    followup_start: Option<jiff::civil::Date>,
    contacts: Vec<Contact>,
}

fn division(root: &Path, id: &'static str) -> Division {
    let file = yaml(&root.join(format!("content/divisions/{id}/division.yaml")));
    let handbook = yaml(&root.join("handbook.yaml"));
    Division {
        id,
        name: string(&file, "name").unwrap(),
        language: string(&file, "language")
            .unwrap_or_else(|| string(&handbook, "language").unwrap()),
        followup_start: string(&file, "followup_start").map(|d| d.parse().unwrap()),
        contacts: file["contacts"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|c| Contact {
                name: string(c, "name").unwrap(),
                email: string(c, "email").unwrap(),
            })
            .collect(),
    }
}

/// A label of the default theme in `language`.
fn label(language: &str, key: &str) -> String {
    let labels = yaml(&repo().join(format!("themes/default/i18n/{language}.yaml")));
    string(&labels, key).unwrap_or_else(|| panic!("no label {key} in {language}"))
}

struct Week {
    number: u64,
    title: String,
    kit: Option<String>,
}

/// The weeks of the follow-up as a division reads them: titles in its language where
/// translated.
fn weeks(root: &Path, language: &str) -> Vec<Week> {
    let shared = yaml(&root.join("content/followup.yaml"));
    let translated = root.join(format!("content/followup.{language}.yaml"));
    let translated = translated.exists().then(|| yaml(&translated));
    shared["weeks"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|week| {
            let number = week["week"].as_u64().unwrap();
            let title = translated
                .iter()
                .flat_map(|t| t["weeks"].as_sequence().unwrap())
                .find(|t| t["week"].as_u64() == Some(number))
                .and_then(|t| string(t, "title"))
                .unwrap_or_else(|| string(week, "title").unwrap());
            Week {
                number,
                title,
                kit: string(week, "kit"),
            }
        })
        .collect()
}

/// A handout (`moedepakker/uge-01.pdf`) as a division has it: its own version if any.
fn handout_bytes(root: &Path, division: &str, file: &str) -> Vec<u8> {
    let own = root
        .join("content/divisions")
        .join(division)
        .join("handouts")
        .join(file);
    if own.exists() {
        read(&own)
    } else {
        read(&root.join("content/handouts").join(file))
    }
}

/// The titles of the chapters of a division's print page, in order.
fn print_chapters(out: &Path, division: &str) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(out.join(division).join("print/index.html")).unwrap();
    let html = scraper::Html::parse_document(&text);
    common::select(&html, ".chapter__title")
        .iter()
        .map(|h| {
            let span = scraper::Selector::parse("span").unwrap();
            let title = h
                .select(&span)
                .next()
                .map_or_else(|| common::text_of(h), |s| common::text_of(&s));
            (
                h.value().attr("id").unwrap_or_default().to_owned(),
                title.trim().to_owned(),
            )
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Reading PDFs and zips

struct Pdf {
    doc: Document,
}

struct Bookmark {
    level: usize,
    title: String,
    page: u32,
}

impl Pdf {
    fn load(path: &Path) -> Pdf {
        Pdf::parse(&read(path))
    }

    fn parse(bytes: &[u8]) -> Pdf {
        Pdf {
            doc: Document::load_mem(bytes).expect("a PDF lopdf can read"),
        }
    }

    fn page_count(&self) -> u32 {
        self.doc.get_pages().len() as u32
    }

    /// lopdf reads Typst's hyphen glyph as a soft hyphen; read it as `-`.
    fn page_text(&self, page: u32) -> String {
        self.doc
            .extract_text(&[page])
            .expect("text of a page")
            .replace('\u{ad}', "-")
    }

    fn pages_text(&self, pages: std::ops::Range<u32>) -> String {
        pages
            .map(|page| self.page_text(page))
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn text(&self) -> String {
        self.pages_text(1..self.page_count() + 1)
    }

    /// The bookmarks, depth first, with the page each goes to.
    fn outline(&self) -> Vec<Bookmark> {
        let toc = self.doc.get_toc().expect("the PDF has an outline");
        assert!(toc.errors.is_empty(), "outline errors: {:?}", toc.errors);
        toc.toc
            .into_iter()
            .map(|t| Bookmark {
                level: t.level,
                title: t.title,
                page: t.page as u32,
            })
            .collect()
    }

    /// What a named destination stands for, from the catalog's name tree.
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

    /// The pages the internal links (`/Dest` or a `GoTo` action) on `page` go to.
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

/// The page number the contents give the first `title` after `from`, and where the search
/// may go on.
fn toc_entry(contents: &str, from: usize, title: &str) -> Option<(u32, usize)> {
    let at = from + contents[from..].find(title)? + title.len();
    let after = &contents[at..];
    let number_at = after
        .find(|c: char| c != '.' && c != '\u{2060}' && !c.is_whitespace())
        .unwrap_or(after.len());
    let number: String = after[number_at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    Some((number.parse().ok()?, at + number_at + number.len()))
}

/// A zip's entries, in order, with their bytes.
fn unzip(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(read(path)))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (y, m, d) = EDITION;
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let name = entry.name().unwrap().into_owned();
            let time = entry.last_modified().expect("entries carry a time");
            assert_eq!(
                (time.year(), time.month(), time.day()),
                (y as u16, m as u8, d as u8),
                "{}: {name} is dated the edition",
                path.display()
            );
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            (name, bytes)
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// handbook.pdf

#[test]
fn every_division_has_its_own_printed_handbook() {
    let site = site();
    let title = string(&yaml(&site.root.join("handbook.yaml")), "title").unwrap();
    for id in DIVISIONS {
        let division = division(&site.root, id);
        let pdf = Pdf::load(&site.out.join(id).join("handbook.pdf"));
        assert_handbook(site, &division, &title, &pdf);
    }
}

fn assert_handbook(site: &Site, division: &Division, title: &str, pdf: &Pdf) {
    let id = division.id;
    let lang = division.language.as_str();
    let pages = pdf.page_count();
    assert!(pages >= 25, "{id}: only {pages} pages");

    // The cover: the handbook's title, the division, the edition's date.
    let cover = flat(&pdf.page_text(1));
    for expected in [title, &division.name, edition_text(lang)] {
        assert!(
            cover.contains(expected),
            "{id}: cover lacks {expected:?}: {cover}"
        );
    }

    // The outline: the print page's chapters in its order, then the contacts.
    let outline = pdf.outline();
    let chapters = print_chapters(&site.out, id);
    assert!(
        chapters.len() >= 20,
        "{id}: {} chapters on the print page",
        chapters.len()
    );
    let upper: Vec<&Bookmark> = outline.iter().filter(|b| b.level <= 2).collect();
    let mut next = 0;
    for bookmark in &upper {
        if next < chapters.len() && bookmark.title == chapters[next].1 {
            next += 1;
        }
    }
    assert!(
        next == chapters.len(),
        "{id}: chapter {:?} of the print page is not bookmarked in order; bookmarks: {:?}",
        chapters.get(next),
        upper.iter().map(|b| &b.title).collect::<Vec<_>>()
    );
    let contacts_label = label(lang, "contacts");
    let top: Vec<&str> = outline
        .iter()
        .filter(|b| b.level == 1)
        .map(|b| b.title.as_str())
        .collect();
    assert_eq!(top.last(), Some(&contacts_label.as_str()), "{id}: {top:?}");
    let chapter_title = |key: &str| -> String {
        let wanted = format!("kap-{key}-title");
        chapters
            .iter()
            .find(|(id, _)| *id == wanted)
            .unwrap_or_else(|| panic!("{id}: no chapter {wanted} on the print page"))
            .1
            .clone()
    };
    let order: Vec<String> = [
        "index",
        "experiences",
        "modules",
        "followup",
        "calendar",
        "business-case",
    ]
    .map(chapter_title)
    .to_vec();
    let positions: Vec<Option<usize>> = order
        .iter()
        .map(|t| top.iter().position(|b| b == t))
        .collect();
    assert!(
        positions.iter().all(Option::is_some) && positions.windows(2).all(|w| w[0] < w[1]),
        "{id}: front page, experiences, modules, follow-up, calendar and business case \
         are top-level bookmarks in this order: {order:?} in {top:?}"
    );
    let page_of = |title: &str| -> u32 {
        outline
            .iter()
            .find(|b| b.title == title)
            .unwrap_or_else(|| panic!("{id}: no bookmark {title:?}"))
            .page
    };

    // Each experience starts on a page with its kicker, "Erfaring N".
    let kicker = label(lang, "experience").to_uppercase();
    let mut experiences = 0;
    for (key, chapter) in &chapters {
        let Some(number) = key
            .strip_prefix("kap-experiences-")
            .and_then(|rest| rest.get(..2))
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        experiences += 1;
        let page = page_of(chapter);
        let text = flat(&pdf.page_text(page)).to_uppercase();
        let expected = format!("{kicker} {number}");
        assert!(
            text.contains(&expected),
            "{id}: page {page} of {chapter:?} lacks {expected:?}: {text}"
        );
    }
    assert_eq!(experiences, 9, "{id}: nine experiences");

    // The table of contents, after the cover: every chapter and section with the page the
    // outline says, and a link to it.
    let first_chapter = outline.first().expect("bookmarks").page;
    assert!(
        first_chapter > 2,
        "{id}: the contents come before the first chapter"
    );
    let contents = flat(&pdf.pages_text(2..first_chapter));
    assert!(
        contents.starts_with(&label(lang, "contents")),
        "{id}: page 2 is the contents: {contents}"
    );
    let mut from = 0;
    for bookmark in outline.iter().filter(|b| b.level <= 2) {
        let (page, at) = toc_entry(&contents, from, &bookmark.title).unwrap_or_else(|| {
            panic!(
                "{id}: {:?} missing in the contents after {:?}",
                bookmark.title,
                &contents[from..]
            )
        });
        assert_eq!(
            page, bookmark.page,
            "{id}: the contents give {:?} page {page}, it is on page {}",
            bookmark.title, bookmark.page
        );
        from = at;
    }
    let contents_links: Vec<u32> = (2..first_chapter)
        .flat_map(|p| pdf.link_targets(p))
        .collect();
    for bookmark in outline.iter().filter(|b| b.level == 1) {
        assert!(
            contents_links.contains(&bookmark.page),
            "{id}: the contents link to {:?} on page {}: {contents_links:?}",
            bookmark.title,
            bookmark.page
        );
    }
    // Links in the chapters themselves (cross references, "se uge 1", ...).
    let body_links: Vec<u32> = (first_chapter..=pages)
        .flat_map(|p| pdf.link_targets(p))
        .collect();
    assert!(
        !body_links.is_empty() && body_links.iter().all(|p| (1..=pages).contains(p)),
        "{id}: internal links in the chapters go to pages of the book: {body_links:?}"
    );

    // Page numbers and running heads.
    let page_label = label(lang, "pdf_page");
    let followup = chapter_title("followup");
    let followup_page = page_of(&followup);
    let calendar_page = page_of(&chapter_title("calendar"));
    assert!(
        calendar_page > followup_page + 1,
        "{id}: the follow-up fills pages"
    );
    let continued = flat(&pdf.page_text(followup_page + 1));
    assert!(
        continued.starts_with(&format!("{followup} {title}")),
        "{id}: page {} has the running head of the follow-up: {continued}",
        followup_page + 1
    );
    assert!(
        continued.ends_with(&format!("{page_label} {}", followup_page + 1)),
        "{id}: page {} has its number: {continued}",
        followup_page + 1
    );

    // The follow-up with its dates where the division has a start.
    let followup_text = flat(&pdf.pages_text(followup_page..calendar_page));
    let iso = label(lang, "iso_week");
    match division.followup_start {
        Some(start) => {
            let expected = format!("{iso} {}", start.iso_week_date().week());
            assert!(
                followup_text.contains(&expected),
                "{id}: the first week is dated: {expected:?} missing"
            );
        }
        None => assert!(
            !followup_text.contains(&iso),
            "{id}: no start, no calendar weeks: {followup_text}"
        ),
    }

    // Modules with their facts and handouts.
    let module = front_matter(&site.root.join(format!("content/modules/{MODULE}.md")));
    let module_title = chapter_title(&format!("modules-{MODULE}"));
    let module_page = page_of(&module_title);
    let module_text = flat(&pdf.pages_text(module_page..module_page + 2));
    let handout_titles = yaml(&site.root.join("content/handouts/handouts.yaml"));
    let mut expected = vec![
        label(lang, "duration"),
        string(&module, "duration").unwrap(),
        label(lang, "handouts"),
    ];
    for file in module["handouts"].as_sequence().unwrap() {
        let entry = handout_titles
            .as_sequence()
            .unwrap()
            .iter()
            .find(|h| h["file"] == *file)
            .expect("the example names its module handouts");
        expected.push(string(entry, "title").unwrap());
    }
    for fact in &expected {
        assert!(
            module_text.contains(fact.as_str()),
            "{id}: the module {module_title:?} lacks {fact:?}: {module_text}"
        );
    }

    // Only this division's local content, visibly marked; its contacts, no one else's.
    let text = flat(&pdf.text());
    let local_label = label(lang, "local_implementation").to_lowercase();
    for phrase in local_phrases(id) {
        assert!(
            text.contains(phrase),
            "{id}: its local text {phrase:?} is missing"
        );
    }
    let section = local_phrases(id)[0];
    let page = (1..=pages)
        .find(|&p| flat(&pdf.page_text(p)).contains(section))
        .unwrap_or_else(|| panic!("{id}: {section:?} is not on one page"));
    // The box's tag, then the section's title (its own, else "<label> – <division>").
    let section_file = site.root.join(format!(
        "content/divisions/{id}/experiences/05-faelles-sprog.md"
    ));
    let section_title = std::fs::read_to_string(&section_file)
        .unwrap()
        .starts_with("---\n")
        .then(|| string(&front_matter(&section_file), "title"))
        .flatten()
        .unwrap_or_else(|| format!("{local_label} – {}", division.name))
        .to_lowercase();
    let marker = format!("{local_label} {section_title}");
    let around = flat(&pdf.pages_text(page - 1..page + 1)).to_lowercase();
    assert!(
        around.contains(&marker),
        "{id}: the local section on page {page} is marked {marker:?}: {around}"
    );
    for contact in &division.contacts {
        for part in [&contact.name, &contact.email] {
            assert!(
                text.contains(part.as_str()),
                "{id}: contact {part:?} is missing"
            );
        }
    }
    let contacts_page = flat(&pdf.page_text(page_of(&contacts_label)));
    assert!(
        division
            .contacts
            .iter()
            .all(|c| contacts_page.contains(&c.name)),
        "{id}: the contacts page lists the division's contacts: {contacts_page}"
    );
    for other in DIVISIONS.into_iter().filter(|&o| o != id) {
        for phrase in local_phrases(other) {
            assert!(
                !text.contains(phrase),
                "{id}'s handbook carries {other}'s local text {phrase:?}"
            );
        }
        for contact in division_contacts(&site.root, other) {
            assert!(
                !text.contains(&contact.email) && !text.contains(&contact.name),
                "{id}'s handbook carries {other}'s contact {}",
                contact.name
            );
        }
    }
}

fn division_contacts(root: &Path, id: &'static str) -> Vec<Contact> {
    division(root, id).contacts
}

/// A page a division hides is not in its book; the other divisions have it.
#[test]
fn a_hidden_page_is_not_printed() {
    let site = site();
    let titles = |id: &str| -> Vec<String> {
        Pdf::load(&site.out.join(id).join("handbook.pdf"))
            .outline()
            .into_iter()
            .map(|b| b.title)
            .collect()
    };
    let shared = string(
        &front_matter(&site.root.join("content/vejledning/ordliste.md")),
        "title",
    )
    .unwrap();
    assert!(
        titles("privat").contains(&shared),
        "privat prints {shared:?}"
    );
    let kundeservice = titles("kundeservice");
    assert!(
        !kundeservice.contains(&shared),
        "kundeservice hides vejledning/ordliste.md: {kundeservice:?}"
    );
    assert!(kundeservice.contains(&"Ordliste for Kundeservice".to_owned()));
}

// ---------------------------------------------------------------------------------------
// The leader kit

#[test]
fn the_leader_kit_holds_the_runbook_and_every_weeks_kit_in_the_divisions_version() {
    let site = site();
    let mut overridden = 0;
    for id in DIVISIONS {
        let division = division(&site.root, id);
        let weeks = weeks(&site.root, &division.language);
        assert_eq!(weeks.len(), 16);
        let downloads = site.out.join(id).join("downloads");
        let entries = unzip(&downloads.join("leader-kit.zip"));
        let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
        let mut expected = vec!["leader-kit.pdf".to_owned()];
        expected.extend(weeks.iter().map(|w| {
            let kit = w
                .kit
                .as_deref()
                .expect("every week of the example has a kit");
            format!("week-{:02}-{}", w.number, kit.rsplit('/').next().unwrap())
        }));
        assert_eq!(names, expected, "{id}: the runbook, then weeks 1 to 16");

        // Each kit is the division's version where it has one.
        for (week, (name, bytes)) in weeks.iter().zip(&entries[1..]) {
            let kit = week.kit.as_deref().unwrap();
            let shared = read(&site.root.join("content/handouts").join(kit));
            let own = handout_bytes(&site.root, id, kit);
            assert!(*bytes == own, "{id}: {name} is not the division's {kit}");
            if own != shared {
                overridden += 1;
            }
        }

        // The runbook in the zip is the one published next to it.
        let runbook = read(&downloads.join("leader-kit.pdf"));
        assert!(entries[0].1 == runbook, "{id}: the zip's runbook differs");
        assert_runbook(site, &division, &weeks, &Pdf::parse(&runbook));
    }
    assert!(
        overridden >= 1,
        "the example has a division's own meeting pack (privat's uge-01.pdf)"
    );
    let privat = unzip(&site.out.join("privat/downloads/leader-kit.zip"));
    let erhverv = unzip(&site.out.join("erhverv/downloads/leader-kit.zip"));
    assert!(
        privat[1].1
            == read(
                &site
                    .root
                    .join("content/divisions/privat/handouts/moedepakker/uge-01.pdf")
            )
            && erhverv[1].1 == read(&site.root.join("content/handouts/moedepakker/uge-01.pdf"))
            && privat[1].1 != erhverv[1].1,
        "week 1: privat's own pack, erhverv's the shared one"
    );
}

fn assert_runbook(site: &Site, division: &Division, weeks: &[Week], pdf: &Pdf) {
    let id = division.id;
    let lang = division.language.as_str();
    let outline = pdf.outline();
    let top: Vec<&str> = outline
        .iter()
        .filter(|b| b.level == 1)
        .map(|b| b.title.as_str())
        .collect();
    let process = {
        let shared = yaml(&site.root.join("content/followup.yaml"));
        let translated = site.root.join(format!("content/followup.{lang}.yaml"));
        let file = if translated.exists() {
            yaml(&translated)
        } else {
            shared
        };
        string(&file, "title").unwrap()
    };
    let contacts = label(lang, "contacts");
    let mut expected = vec![process.as_str()];
    expected.extend(weeks.iter().map(|w| w.title.as_str()));
    expected.push(&contacts);
    assert_eq!(top, expected, "{id}: the runbook's chapters");

    let cover = flat(&pdf.page_text(1));
    assert!(
        cover.contains(&division.name) && cover.contains(edition_text(lang)),
        "{id}: runbook cover: {cover}"
    );
    let text = flat(&pdf.text());
    let starts = label(lang, "followup_starts");
    assert_eq!(
        text.contains(&starts),
        division.followup_start.is_some(),
        "{id}: the runbook says when it starts ({starts:?}) if it has a start"
    );
    let week_label = label(lang, "week").to_uppercase();
    let iso = label(lang, "iso_week");
    for (n, week) in weeks.iter().enumerate() {
        let bookmark = &outline.iter().filter(|b| b.level == 1).nth(n + 1).unwrap();
        let end = outline
            .iter()
            .filter(|b| b.level == 1)
            .nth(n + 2)
            .map_or(pdf.page_count() + 1, |b| b.page.max(bookmark.page + 1));
        let pages = flat(&pdf.pages_text(bookmark.page..end));
        let kicker = format!("{week_label} {}", week.number);
        assert!(
            pages.to_uppercase().contains(&kicker) && pages.contains(&week.title),
            "{id}: week {} ({kicker}, {:?}) on page {}: {pages}",
            week.number,
            week.title,
            bookmark.page
        );
        match division.followup_start {
            Some(start) => {
                let monday = start
                    .checked_add(jiff::Span::new().days(7 * (week.number as i64 - 1)))
                    .unwrap();
                let expected = format!("{iso} {}", monday.iso_week_date().week());
                assert!(
                    pages.contains(&expected),
                    "{id}: week {} is {expected:?}: {pages}",
                    week.number
                );
            }
            None => assert!(!pages.contains(&iso), "{id}: no start, no dates: {pages}"),
        }
    }

    // The division's own notes, no one else's.
    let notes = |division: &str| -> Vec<String> {
        let file = site
            .root
            .join(format!("content/divisions/{division}/followup.yaml"));
        if !file.exists() {
            return Vec::new();
        }
        yaml(&file)["weeks"]
            .as_sequence()
            .unwrap()
            .iter()
            .filter_map(|w| string(w, "note"))
            .collect()
    };
    for note in notes(id) {
        assert!(
            text.contains(&flat(&note)),
            "{id}: its note {note:?} is missing"
        );
    }
    if !notes(id).is_empty() {
        assert!(
            text.to_lowercase()
                .contains(&label(lang, "local_note").to_lowercase()),
            "{id}: local notes are marked"
        );
    }
    for other in DIVISIONS.into_iter().filter(|&o| o != id) {
        for note in notes(other) {
            assert!(
                !text.contains(&flat(&note)),
                "{id}'s runbook carries {other}'s note {note:?}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// Module bundles

#[test]
fn each_module_bundle_holds_that_modules_handouts_in_the_divisions_version() {
    let site = site();
    let mut modules = BTreeMap::new();
    for entry in std::fs::read_dir(site.root.join("content/modules")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        // `masterclass.sv.md` is a translation: the programme keys are the source's.
        let Some(id) = name.strip_suffix(".md").filter(|id| !id.contains('.')) else {
            continue;
        };
        let handouts: Vec<String> = front_matter(&path)["handouts"]
            .as_sequence()
            .map(|list| {
                list.iter()
                    .map(|h| h.as_str().unwrap().to_owned())
                    .collect()
            })
            .unwrap_or_default();
        modules.insert(id.to_owned(), handouts);
    }
    assert!(
        modules.len() >= 6 && modules.contains_key(MODULE),
        "{modules:?}"
    );
    for id in DIVISIONS {
        let folder = site.out.join(id).join("downloads/modules");
        let bundles: Vec<String> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let expected: Vec<String> = modules
            .iter()
            .filter(|(_, handouts)| !handouts.is_empty())
            .map(|(module, _)| format!("{module}.zip"))
            .collect();
        assert_eq!(
            bundles, expected,
            "{id}: one bundle per module with handouts"
        );
        for (module, handouts) in modules.iter().filter(|(_, h)| !h.is_empty()) {
            let entries = unzip(&folder.join(format!("{module}.zip")));
            let names: Vec<&String> = entries.iter().map(|(n, _)| n).collect();
            assert_eq!(
                names,
                handouts.iter().collect::<Vec<_>>(),
                "{id}: {module}.zip holds the module's handouts, in the front matter's order"
            );
            for (name, bytes) in &entries {
                assert!(
                    *bytes == handout_bytes(&site.root, id, name),
                    "{id}: {module}.zip's {name} is not the division's version"
                );
            }
        }
    }
    let privat = unzip(
        &site
            .out
            .join(format!("privat/downloads/modules/{MODULE}.zip")),
    );
    let erhverv = unzip(
        &site
            .out
            .join(format!("erhverv/downloads/modules/{MODULE}.zip")),
    );
    let own = |entries: &[(String, Vec<u8>)]| {
        entries
            .iter()
            .find(|(n, _)| n == MODULE_OVERRIDE)
            .map(|(_, b)| b.clone())
            .unwrap()
    };
    assert_eq!(own(&privat), OVERRIDE_BYTES, "privat's own version");
    assert_eq!(
        own(&erhverv),
        read(&site.root.join("content/handouts").join(MODULE_OVERRIDE)),
        "erhverv has the shared version"
    );
}

// ---------------------------------------------------------------------------------------
// Determinism, --no-pdf

#[test]
fn the_same_content_gives_the_same_pdfs_and_zips() {
    let site = site();
    // Another copy in another folder, built on another "today", one division only.
    let fixture = common::Fixture::example();
    prepare(fixture.root());
    let again = fixture.root().join("again");
    let output = fixture
        .command(&[
            "build",
            "--division",
            "privat",
            "--output",
            again.to_str().unwrap(),
        ])
        .env("SOURCE_DATE_EPOCH", "1900000000")
        .output()
        .unwrap();
    fixture.finished(output).assert_ok();
    for file in [
        "handbook.pdf".to_owned(),
        "downloads/leader-kit.pdf".to_owned(),
        "downloads/leader-kit.zip".to_owned(),
        format!("downloads/modules/{MODULE}.zip"),
    ] {
        let first = read(&site.out.join("privat").join(&file));
        let second = read(&again.join("privat").join(&file));
        assert!(
            first == second,
            "privat/{file} differs between two builds ({} and {} bytes)",
            first.len(),
            second.len()
        );
    }
}

#[test]
fn no_pdf_leaves_out_the_pdfs_and_still_builds_the_site() {
    let fixture = common::Fixture::example();
    prepare(fixture.root());
    let run = fixture.run(&["build", "--no-pdf"]);
    run.assert_ok();
    let files = common::tree(&run.out);
    for id in DIVISIONS {
        for page in [
            "index.html",
            "followup/index.html",
            "followup/week-1/index.html",
        ] {
            assert!(run.exists(&format!("{id}/{page}")), "{id}/{page} is built");
        }
        assert!(
            !run.exists(&format!("{id}/handbook.pdf")),
            "{id}: no handbook.pdf"
        );
        assert!(
            !run.exists(&format!("{id}/downloads/leader-kit.pdf")),
            "{id}: no runbook"
        );
        // The zips are still made (src/build.rs: "the zips are still made"), without a
        // runbook: the 16 kits only.
        let kit = unzip(&run.out.join(id).join("downloads/leader-kit.zip"));
        assert_eq!(kit.len(), 16, "{id}: the kits alone");
        // No page links to a PDF that was not made.
        for page in ["index.html", "print/index.html", "followup/index.html"] {
            let links = download_links(&run.out, id, page);
            assert!(
                links.iter().all(|l| !l.ends_with(".pdf")),
                "{id}/{page}: {links:?}"
            );
        }
        assert!(kit.iter().all(|(name, _)| name.starts_with("week-")));
    }
    // Every PDF left in the output is a handout copied from the content.
    let typeset: Vec<&String> = files
        .keys()
        .filter(|path| path.ends_with(".pdf") && !path.contains("/handouts/"))
        .collect();
    assert!(
        typeset.is_empty(),
        "PDFs written with --no-pdf: {typeset:?}"
    );
    for (path, bytes) in &files {
        if path.ends_with(".zip") {
            let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
            assert!(
                archive.by_name("leader-kit.pdf").is_err(),
                "{path} carries a typeset runbook"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// Links to the downloads

/// The `href`s of `page` (relative to the division's output folder) that end in `.pdf`
/// or `.zip`, resolved to paths in the division's folder.
fn download_links(out: &Path, division: &str, page: &str) -> Vec<String> {
    let html = scraper::Html::parse_document(
        &String::from_utf8(read(&out.join(division).join(page))).unwrap(),
    );
    let links = scraper::Selector::parse("a[href]").unwrap();
    let from = Path::new(page).parent().unwrap_or(Path::new(""));
    html.select(&links)
        .filter_map(|a| a.value().attr("href"))
        .filter(|href| href.ends_with(".pdf") || href.ends_with(".zip"))
        .filter(|href| !href.contains("/handouts/") && !href.starts_with("handouts/"))
        .map(|href| {
            let mut parts: Vec<&str> = from
                .components()
                .map(|c| c.as_os_str().to_str().unwrap())
                .collect();
            for part in href.split('/') {
                match part {
                    ".." => {
                        parts.pop();
                    }
                    "." | "" => {}
                    part => parts.push(part),
                }
            }
            parts.join("/")
        })
        .collect()
}

/// A reader finds each download from the pages it belongs to: the handbook PDF from the
/// footer of every page and from the print page, the leader kit from the follow-up page,
/// a module's bundle from the module page and the handouts page. Every link leads to a
/// file the build wrote.
#[test]
fn every_download_is_linked_from_its_pages() {
    let site = site();
    for id in DIVISIONS {
        let out = &site.out;
        let exists = |path: &String| out.join(id).join(path).is_file();
        for page in ["index.html", "experiences/index.html", "print/index.html"] {
            let links = download_links(out, id, page);
            assert!(
                links.contains(&"handbook.pdf".to_string()),
                "{id}/{page}: {links:?}"
            );
        }
        let followup = download_links(out, id, "followup/index.html");
        assert!(
            followup.contains(&"downloads/leader-kit.zip".to_string())
                && followup.contains(&"downloads/leader-kit.pdf".to_string()),
            "{id}: {followup:?}"
        );
        let module = download_links(out, id, "modules/foerstelinjeledere/index.html");
        assert!(
            module.contains(&"downloads/modules/foerstelinjeledere.zip".to_string()),
            "{id}: {module:?}"
        );
        let handouts = download_links(out, id, "handouts/index.html");
        let bundles: Vec<&String> = handouts
            .iter()
            .filter(|l| l.starts_with("downloads/modules/"))
            .collect();
        let written = std::fs::read_dir(out.join(id).join("downloads/modules"))
            .unwrap()
            .count();
        assert_eq!(
            bundles.len(),
            written,
            "{id}: every bundle on the handouts page"
        );
        for link in followup.iter().chain(&module).chain(&handouts) {
            assert!(
                exists(link),
                "{id}: a link to {link}, which was not written"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// Screenshots

/// Pages as PNG in `target/pdf-screenshots/`, to look at: privat's cover, contents and
/// first follow-up page, and the runbook's cover.
#[test]
fn screenshots_of_the_downloads() {
    if Command::new("pdftoppm").arg("-v").output().is_err() {
        println!("pdftoppm is not on PATH (apt-get install poppler-utils): no screenshots");
        return;
    }
    let site = site();
    let dir = repo().join("target/pdf-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let handbook = site.out.join("privat/handbook.pdf");
    let followup = {
        let chapters = print_chapters(&site.out, "privat");
        let title = &chapters
            .iter()
            .find(|(id, _)| id == "kap-followup-title")
            .unwrap()
            .1;
        Pdf::load(&handbook)
            .outline()
            .into_iter()
            .find(|b| &b.title == title)
            .unwrap()
            .page
    };
    let shots = [
        (handbook.clone(), 1, "privat-handbook-1-cover".to_owned()),
        (handbook.clone(), 2, "privat-handbook-2-contents".to_owned()),
        (
            handbook.clone(),
            followup,
            format!("privat-handbook-{followup}-followup"),
        ),
        (
            site.out.join("privat/downloads/leader-kit.pdf"),
            1,
            "privat-leader-kit-1-cover".to_owned(),
        ),
    ];
    for (pdf, page, name) in shots {
        let page = page.to_string();
        let status = Command::new("pdftoppm")
            .args(["-png", "-r", "80", "-singlefile", "-f", &page, "-l", &page])
            .arg(&pdf)
            .arg(dir.join(&name))
            .status()
            .expect("pdftoppm runs");
        assert!(status.success(), "pdftoppm {name}");
        let png = read(&dir.join(format!("{name}.png")));
        assert!(
            png.len() > 1000 && png.starts_with(b"\x89PNG"),
            "{name}.png is an image"
        );
    }
}
