//! Generates a synthetic programme handbook for benchmarking (issues 8 "Speed" and 13
//! "Scale").
//!
//! ```sh
//! cargo run --release --example gen-handbook -- --pages 1000 --divisions 10 --out /tmp/hb
//! cargo run --release -- build --root /tmp/hb
//! # the shapes of issue 13: 500 sections of 20 pages, and one folder of 2,000 pages
//! cargo run --release --example gen-handbook -- --pages 10000 --folder-size 20 --out /tmp/hb
//! cargo run --release --example gen-handbook -- --pages 2016 --folder-size 2000 --out /tmp/hb
//! ```
//!
//! The handbook is deterministic for a given `--seed` and builds without errors or
//! warnings. `--pages N` counts the shared Markdown pages: `index.md`, the nine
//! experiences, six modules, and free pages (with one `_index.md` per folder) in folders
//! `content/afsnit-NNN/` of at most `--folder-size` pages each (50 by default). Each page is Danish-looking prose of
//! 4-8 kB with `##`/`###` headings, lists, one table, internal links (relative and `@/`,
//! some with `#anchor`) and, in one page of five, a fenced YAML code block.
//!
//! Besides the pages: `followup.yaml` (16 weeks, each `kit` an existing handout),
//! `calendar.yaml` (2027, activities every month), `business-case.yaml`, a few handouts
//! (tiny PDFs, each linked from somewhere), and `--divisions D` divisions
//! `content/divisions/div-NN/` with `division.yaml`, local sections on 10 % of the shared
//! pages, 3 local pages, local calendar activities, follow-up notes and a division copy
//! of one meeting kit. `handbook.yaml` requires a local section on experience 5 (every
//! division writes one) and experience 3 is `locked` (no division replaces it).
//!
//! The output folder must not exist, be empty, or be an earlier output of this generator
//! (it has a `.gen-handbook` marker), which is then replaced.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use clap::Parser;

#[derive(Parser)]
#[command(about = "Generate a synthetic programme handbook for benchmarks")]
struct Args {
    /// Number of shared Markdown pages in total (index, experiences, modules, free pages).
    #[arg(long, default_value_t = 1000)]
    pages: usize,
    /// Number of divisions.
    #[arg(long, default_value_t = 1)]
    divisions: usize,
    /// The handbook folder to create.
    #[arg(long)]
    out: PathBuf,
    /// Seed for the pseudo-random generator.
    #[arg(long, default_value_t = 8)]
    seed: u64,
    /// Pages per folder of free pages, its `_index.md` included.
    #[arg(long, default_value_t = 50)]
    folder_size: usize,
}

const MARKER: &str = ".gen-handbook";
const FIXED_PAGES: usize = 1 + 9 + 6; // index, experiences, modules
const WEEKS: u32 = 16;

// ---------------------------------------------------------------------------------------
// Pseudo-random numbers: xorshift64*.

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        // splitmix64 of the seed, so that small seeds give well-mixed states
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() - 1)]
    }
}

// ---------------------------------------------------------------------------------------
// Words.

/// Short, frequent words that glue a sentence together.
const FUNCTION_WORDS_TEXT: &str = "\
    og i at det er en et til på der som med for af den de vi har kan ikke om skal \
    når men så også hvor hver alle mere efter over under uden fra ved sin vores \
    jeres deres hvad hvordan bliver blev var vil må kun allerede derfor netop selv \
    samme andre nogle mange \
";

/// Nouns, verbs and adjectives of the subject.
const CONTENT_WORDS_TEXT: &str = "\
    kunden kunderne medarbejderne lederen førstelinjelederen teamet træneren \
    programmet håndbogen opfølgningen mødet mødepakken kontaktpunktet \
    kontaktpunkterne oplevelsen tilfredsheden løftet kundeløftet holdningen adfærden \
    feedback værktøjet værktøjerne sproget planen handlingsplanen divisionen \
    afdelingen butikken kundeservice salget leveringen henvendelsen samtalen \
    spørgsmålet svaret målingen resultatet resultaterne forventningen \
    forventningerne erfaringen erfaringerne kurset modulet træningen øvelsen \
    øvelserne uge ugen måned måneden året hverdagen tavlemødet dagsordenen indsatsen \
    værdien omsætningen marginen segmentet andelen budskabet kampagnen brandet \
    intranettet nyhedsbrevet plakaten fællesmødet historien eksemplet praksis \
    kulturen trivslen samarbejdet overdragelsen ansvaret beslutningen prioriteringen \
    kvaliteten tilliden respekten nærværet hjælpen løsningen klagen fejlen \
    forbedringen fremskridtet succesen udfordringen muligheden målet midlerne rammen \
    strukturen processen rytmen vanen vanerne arbejder træner lytter spørger følger \
    fortæller viser giver tager bruger vælger finder møder hjælper løser skaber \
    styrker fejrer deler samler planlægger gennemfører forklarer oversætter \
    forbereder kortlægger formulerer aftaler husker ændrer forbedrer måler \
    sammenligner drøfter beskriver inviterer god gode bedre bedste konkret konkrete \
    fælles lokal lokale daglig daglige tydelig tydelige enkel enkle vigtig vigtigste \
    interne eksterne nye hele første næste sidste korte lange faste åbne ærlige \
    nærmeste tilfredse utilfredse begejstrede synlig synlige hurtig hurtigt grundigt \
    sammen igen altid ofte sjældent tidligt løbende straks gerne særligt typisk \
    virksomheden ledelsen direktøren chefen kollegaen kollegerne ugemødet \
    morgenmødet telefonen mailen chatten skranken disken lageret kassen ordren \
    fakturaen aftalen kontrakten prisen tilbuddet produktet ydelsen servicen \
    ventetiden svartiden åbningstiden kalenderen skemaet tjeklisten skabelonen \
    vejledningen ordlisten oversigten overblikket fokus temaet emnet formålet \
    baggrunden sammenhængen forskellen betydningen grundlaget fundamentet \
    sprogbrugen tonen stemningen energien motivationen engagementet stoltheden \
    glæden modet tålmodigheden nysgerrigheden ejerskabet opbakningen anerkendelsen \
    rosen kritikken refleksionen læringen udviklingen forandringen implementeringen \
    evalueringen undersøgelsen spørgeskemaet interviewet citatet tallene grafen \
    tavlen væggen lokalet kantinen gangen byen regionen landet markedet \
    konkurrenten leverandøren partneren samarbejdspartneren borgeren gæsten \
    afprøver tester justerer evaluerer dokumenterer registrerer prioriterer \
    motiverer anerkender udfordrer understøtter involverer inddrager engagerer \
    oplever forventer ønsker mærker ser hører siger spørger svarer ringer skriver \
    sender modtager afleverer overtager overdrager venter kommer går står sidder \
    ærligt roligt venligt professionelt personligt direkte præcist trygt sikkert \
    stærk stærke svag svage stor store lille små høj høje lav lave ny gammel \
    gamle tidlig sen sene varm varme kold ny centrale regionale nationale \
    månedlige ugentlige årlige kvartalsvise løbende fælles forskellige \
";

static FUNCTION: LazyLock<Vec<&str>> =
    LazyLock::new(|| FUNCTION_WORDS_TEXT.split_whitespace().collect());
static CONTENT: LazyLock<Vec<&str>> =
    LazyLock::new(|| CONTENT_WORDS_TEXT.split_whitespace().collect());

fn function_words() -> &'static [&'static str] {
    &FUNCTION
}

fn content_words() -> &'static [&'static str] {
    &CONTENT
}

/// Words for headings and anchors that links point at: ASCII only, so that their ids are
/// easy to predict.
fn ascii_words() -> Vec<&'static str> {
    content_words()
        .iter()
        .copied()
        .filter(|w| w.is_ascii())
        .collect()
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `æ` `ø` `å` as `ae` `oe` `aa`, other non-alphanumerics as `-`.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.to_lowercase().chars() {
        match c {
            'æ' => out.push_str("ae"),
            'ø' => out.push_str("oe"),
            'å' => out.push_str("aa"),
            'a'..='z' | '0'..='9' => out.push(c),
            _ => {
                if !out.ends_with('-') {
                    out.push('-')
                }
            }
        }
    }
    out.trim_matches('-').to_string()
}

/// The GitHub heading id of a heading made of words and spaces.
fn heading_id(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

fn words(rng: &mut Rng, list: &[&str], lo: usize, hi: usize) -> Vec<String> {
    let n = rng.range(lo, hi);
    (0..n).map(|_| rng.pick(list).to_string()).collect()
}

fn title(rng: &mut Rng, lo: usize, hi: usize) -> String {
    let mut w = words(rng, content_words(), lo, hi);
    if w.len() > 2 {
        let i = rng.range(1, w.len() - 1);
        w[i] = rng.pick(function_words()).to_string();
    }
    capitalize(&w.join(" "))
}

fn sentence(rng: &mut Rng) -> String {
    let n = rng.range(6, 18);
    let mut out = String::new();
    for i in 0..n {
        let word = if rng.chance(40) {
            rng.pick(function_words())
        } else {
            rng.pick(content_words())
        };
        if i == 0 {
            out.push_str(&capitalize(word));
        } else {
            out.push(' ');
            out.push_str(word);
            if i + 2 < n && rng.chance(7) {
                out.push(',');
            }
        }
    }
    out.push(if rng.chance(6) { '?' } else { '.' });
    out
}

// ---------------------------------------------------------------------------------------
// The plan: every shared page with its title and the anchors links may point at.

#[derive(Clone)]
struct Page {
    /// Relative to `content/`.
    path: String,
    title: String,
    /// The `##` headings (ASCII, unique in the page) and their ids.
    headings: Vec<(String, String)>,
}

struct Plan {
    pages: Vec<Page>,
    experiences: Vec<Page>,
    modules: Vec<(Page, ModuleMeta)>,
    folders: Vec<String>,
    handouts: Handouts,
}

struct ModuleMeta {
    audiences: &'static [&'static str],
    categories: &'static [&'static str],
    experiences: Vec<u32>,
    handout: String,
}

struct Handouts {
    kits: Vec<String>,
    /// Handouts linked from pages' Markdown (not from front matter or YAML).
    linked_from_pages: Vec<String>,
}

const EXPERIENCES: [(&str, &str); 9] = [
    (
        "business-case",
        "Business casen gør kundeorientering til forretning",
    ),
    ("fire-kategorier", "Fire kategorier af træning"),
    (
        "linjeledere",
        "Førstelinjelederen ejer den daglige opfølgning",
    ),
    (
        "holdning-og-adfaerd",
        "Holdning og konkret adfærd i kontaktpunkterne",
    ),
    ("faelles-sprog", "Fælles sprog og lokal implementering"),
    (
        "ekstern-branding",
        "Ekstern branding hænger sammen med medarbejderne",
    ),
    ("service-indefra", "God service kommer indefra"),
    ("train-the-trainer", "Træn træneren"),
    ("synlig-best-practice", "Gør best practice synlig hele året"),
];

#[allow(clippy::type_complexity)]
const MODULES: [(&str, &str, &[&str], &[&str], &[u32]); 6] = [
    (
        "masterclass",
        "Masterclass for topledelsen",
        &["top-management"],
        &["attitudes", "customer-insight"],
        &[1, 6, 9],
    ),
    (
        "funktionsledere",
        "Funktionsledere: fra strategi til plan",
        &["function-managers"],
        &["attitudes", "internal-relations"],
        &[2, 5],
    ),
    (
        "foerstelinjeledere",
        "Førstelinjeledere: opfølgning i hverdagen",
        &["frontline-managers"],
        &["attitudes", "skills", "internal-relations"],
        &[3, 4, 7, 8],
    ),
    (
        "medarbejdere",
        "Medarbejdere: kunden i centrum",
        &["employees"],
        &["attitudes", "skills"],
        &[4, 7],
    ),
    (
        "traenere",
        "Trænere: sådan træner du dit team",
        &["trainers", "frontline-managers"],
        &["skills"],
        &[8],
    ),
    (
        "kundeindsigt",
        "Kundeindsigt i kontaktpunkterne",
        &["employees", "frontline-managers", "function-managers"],
        &["customer-insight"],
        &[2, 4],
    ),
];

fn plan_headings(rng: &mut Rng, ascii: &[&str], count: usize) -> Vec<(String, String)> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    while out.len() < count {
        let text = capitalize(&words(rng, ascii, 1, 3).join(" "));
        let id = heading_id(&text);
        if seen.insert(id.clone()) {
            out.push((text, id));
        }
    }
    out
}

fn make_plan(rng: &mut Rng, pages: usize, folder_size: usize) -> Plan {
    let ascii = ascii_words();
    let mut all = Vec::new();

    let index = Page {
        path: "index.md".into(),
        title: "Kundeorientering – syntetisk programhåndbog".into(),
        headings: plan_headings(rng, &ascii, 4),
    };
    all.push(index);

    let mut experiences = Vec::new();
    for (i, (slug, title)) in EXPERIENCES.iter().enumerate() {
        let page = Page {
            path: format!("experiences/{:02}-{slug}.md", i + 1),
            title: title.to_string(),
            headings: {
                let n = rng_count(rng);
                plan_headings(rng, &ascii, n)
            },
        };
        experiences.push(page.clone());
        all.push(page);
    }

    let mut modules = Vec::new();
    for (id, title, audiences, categories, exps) in MODULES.iter() {
        let page = Page {
            path: format!("modules/{id}.md"),
            title: title.to_string(),
            headings: {
                let n = rng_count(rng);
                plan_headings(rng, &ascii, n)
            },
        };
        all.push(page.clone());
        modules.push((
            page,
            ModuleMeta {
                audiences,
                categories,
                experiences: exps.to_vec(),
                handout: format!("moduler/{id}-deltagermateriale.pdf"),
            },
        ));
    }

    // Free pages: folders of at most `folder_size` pages, _index.md included.
    let free = pages.saturating_sub(FIXED_PAGES);
    let folder_count = free.div_ceil(folder_size);
    let mut folders = Vec::new();
    let mut remaining = free;
    let mut serial = 0;
    for f in 0..folder_count {
        // spread evenly: this folder takes its share of what is left
        let here = remaining.div_ceil(folder_count - f);
        remaining -= here;
        let folder = format!("afsnit-{:03}", f + 1);
        all.push(Page {
            path: format!("{folder}/_index.md"),
            title: title(rng, 1, 3),
            headings: {
                let n = rng_count(rng);
                plan_headings(rng, &ascii, n)
            },
        });
        for _ in 1..here {
            serial += 1;
            let t = title(rng, 2, 6);
            all.push(Page {
                path: format!("{folder}/{:05}-{}.md", serial, slug(&t)),
                title: t,
                headings: {
                    let n = rng_count(rng);
                    plan_headings(rng, &ascii, n)
                },
            });
        }
        folders.push(folder);
    }

    let handouts = Handouts {
        kits: (1..=WEEKS)
            .map(|w| format!("moedepakker/uge-{w:02}.pdf"))
            .collect(),
        linked_from_pages: vec![
            "skabeloner/lokal-handlingsplan.pdf".into(),
            "skabeloner/kundeinterview-guide.pdf".into(),
            "oversigter/programoversigt.pdf".into(),
        ],
    };

    Plan {
        pages: all,
        experiences,
        modules,
        folders,
        handouts,
    }
}

fn rng_count(rng: &mut Rng) -> usize {
    rng.range(4, 7)
}

// ---------------------------------------------------------------------------------------
// Links.

/// `to` relative to the folder of `from` (both relative to `content/`).
fn relative(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = match from.rsplit_once('/') {
        Some((dir, _)) => dir.split('/').collect(),
        None => Vec::new(),
    };
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = String::new();
    for _ in common..from_dir.len() {
        out.push_str("../");
    }
    out.push_str(&to_parts[common..].join("/"));
    out
}

/// A Markdown link from the page at `from` to a random page of the plan, in one of the
/// styles the product supports.
fn page_link(rng: &mut Rng, plan: &Plan, from: &str) -> String {
    let target = rng.pick(&plan.pages);
    let anchor = if rng.chance(40) && !target.headings.is_empty() {
        format!("#{}", rng.pick(&target.headings).1)
    } else {
        String::new()
    };
    let href = if rng.chance(50) {
        format!("@/{}", target.path)
    } else {
        relative(from, &target.path)
    };
    format!("[{}]({href}{anchor})", target.title)
}

fn special_link(rng: &mut Rng, plan: &Plan, from: &str) -> String {
    match rng.range(0, 6) {
        0 => {
            let w = rng.range(1, WEEKS as usize);
            format!("[uge {w} i opfølgningen](@/followup.yaml#week-{w})")
        }
        1 => {
            let m = rng.range(1, 12);
            format!("[planen for måned {m}](@/calendar.yaml#2027-{m:02})")
        }
        2 => "[business casen](@/business-case.yaml)".to_string(),
        3 => {
            let e = rng.pick(&plan.experiences);
            format!("[{}]({})", e.title, relative(from, &e.path))
        }
        4 => {
            let (m, _) = rng.pick(&plan.modules);
            format!("[{}](@/{})", m.title, m.path)
        }
        5 => {
            let f = rng.pick(&plan.folders);
            format!("[afsnittet {f}](@/{f}/)")
        }
        _ => "[alle moduler](@/modules/)".to_string(),
    }
}

// ---------------------------------------------------------------------------------------
// Page bodies.

fn paragraph(rng: &mut Rng, plan: &Plan, from: &str, link_percent: u64) -> String {
    let n = rng.range(3, 7);
    let mut out = String::new();
    for i in 0..n {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&sentence(rng));
    }
    if rng.chance(link_percent) {
        let link = if rng.chance(75) {
            page_link(rng, plan, from)
        } else {
            special_link(rng, plan, from)
        };
        let lead = *rng.pick(&[
            "Læs mere i",
            "Se også",
            "Sammenlign med",
            "Det hænger sammen med",
        ]);
        let _ = write!(out, " {lead} {link}.");
    }
    if rng.chance(10) {
        out.push_str(" Det **vigtigste** er, at vi gør det *sammen*.");
    }
    out
}

fn list(rng: &mut Rng, plan: &Plan, from: &str) -> String {
    let ordered = rng.chance(30);
    let n = rng.range(3, 6);
    let mut out = String::new();
    for i in 0..n {
        let mut item = sentence(rng);
        if rng.chance(20) {
            let _ = write!(item, " ({})", page_link(rng, plan, from));
        }
        if ordered {
            let _ = writeln!(out, "{}. {item}", i + 1);
        } else {
            let _ = writeln!(out, "- {item}");
        }
    }
    out
}

fn table(rng: &mut Rng) -> String {
    let cols = rng.range(3, 4);
    let rows = rng.range(3, 6);
    let mut out = String::new();
    let header: Vec<String> = (0..cols)
        .map(|_| capitalize(rng.pick::<&str>(content_words())))
        .collect();
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(cols));
    for _ in 0..rows {
        let cells: Vec<String> = (0..cols)
            .map(|c| {
                if c == cols - 1 && rng.chance(50) {
                    format!("{} %", rng.range(1, 99))
                } else {
                    capitalize(&words(rng, content_words(), 1, 4).join(" "))
                }
            })
            .collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out
}

fn code_block(rng: &mut Rng) -> String {
    let mut out = String::from("```yaml\n# Eksempel på en lokal plan\n");
    let _ = writeln!(
        out,
        "division: \"{}\"",
        capitalize(rng.pick::<&str>(content_words()))
    );
    out.push_str("uger:\n");
    for w in 1..=rng.range(3, 6) {
        let _ = writeln!(out, "  - uge: {w}");
        let _ = writeln!(
            out,
            "    tema: \"{}\"",
            capitalize(&words(rng, content_words(), 2, 4).join(" "))
        );
        let _ = writeln!(out, "    varighed: {} # minutter", rng.range(15, 30));
        let _ = writeln!(out, "    aktiv: {}", rng.chance(80));
    }
    out.push_str("```\n");
    out
}

/// The Markdown body of a page: intro, then a `##` section per planned heading, about
/// `size` bytes in all (`extra`, placed after the intro, included).
fn body(
    rng: &mut Rng,
    plan: &Plan,
    page: &Page,
    with_code: bool,
    extra: &str,
    size: usize,
) -> String {
    let sections = page.headings.len().max(1);
    let table_at = rng.range(0, sections - 1);
    let code_at = rng.range(0, sections - 1);
    let mut ascii_seen: HashSet<String> = page.headings.iter().map(|h| h.1.clone()).collect();

    let mut out = String::new();
    out.push_str(&paragraph(rng, plan, &page.path, 50));
    out.push_str("\n\n");
    out.push_str(extra);
    for (i, (heading, _)) in page.headings.iter().enumerate() {
        // share what is left of the size among the sections still to come
        let budget = size.saturating_sub(out.len()) / (sections - i);
        let start = out.len();
        let _ = writeln!(out, "## {heading}\n");
        if i == table_at {
            out.push_str(&paragraph(rng, plan, &page.path, 30));
            out.push_str("\n\n");
            out.push_str(&table(rng));
            out.push('\n');
        }
        if with_code && i == code_at {
            out.push_str("Sådan kan en plan se ud som data:\n\n");
            out.push_str(&code_block(rng));
            out.push('\n');
        }
        let mut subheading_done = false;
        while out.len() - start < budget {
            match rng.range(0, 9) {
                0 | 1 => {
                    out.push_str(&list(rng, plan, &page.path));
                    out.push('\n');
                }
                2 if !subheading_done => {
                    // a ### heading, possibly with æøå; unique among the page's ids
                    loop {
                        let text = capitalize(&words(rng, content_words(), 1, 3).join(" "));
                        if ascii_seen.insert(heading_id(&text)) {
                            let _ = writeln!(out, "### {text}\n");
                            break;
                        }
                    }
                    subheading_done = true;
                }
                _ => {
                    out.push_str(&paragraph(rng, plan, &page.path, 45));
                    out.push_str("\n\n");
                }
            }
        }
    }
    out
}

fn yaml_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn summary(rng: &mut Rng) -> String {
    sentence(rng)
}

// ---------------------------------------------------------------------------------------
// Writing.

struct Writer {
    root: PathBuf,
    files: usize,
    bytes: usize,
}

impl Writer {
    fn write(&mut self, rel: &str, contents: &[u8]) {
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap_or_else(|e| die(&format!("{parent:?}: {e}")));
        }
        fs::write(&path, contents).unwrap_or_else(|e| die(&format!("{path:?}: {e}")));
        self.files += 1;
        self.bytes += contents.len();
    }
}

fn die(message: &str) -> ! {
    eprintln!("gen-handbook: {message}");
    std::process::exit(2);
}

/// A minimal valid one-page PDF whose text is `label`.
fn tiny_pdf(label: &str) -> Vec<u8> {
    let text: String = label
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || " -_./".contains(*c))
        .collect();
    let stream = format!("BT /F1 18 Tf 72 720 Td ({text}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        let _ = write!(out, "{} 0 obj\n{object}\nendobj\n", i + 1);
    }
    let xref = out.len();
    let _ = write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for offset in offsets {
        let _ = writeln!(out, "{offset:010} 00000 n ");
    }
    let _ = write!(
        out,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out.into_bytes()
}

fn prepare_out(out: &Path) {
    if out.exists() {
        let empty = fs::read_dir(out)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            if out.join(MARKER).is_file() {
                fs::remove_dir_all(out).unwrap_or_else(|e| die(&format!("{out:?}: {e}")));
            } else {
                die(&format!(
                    "{} exists, is not empty and was not made by gen-handbook; choose another --out",
                    out.display()
                ));
            }
        }
    }
    fs::create_dir_all(out).unwrap_or_else(|e| die(&format!("{out:?}: {e}")));
}

fn main() {
    let args = Args::parse();
    if args.pages < FIXED_PAGES + 2 {
        die(&format!(
            "--pages must be at least {} (index, 9 experiences, 6 modules and one folder)",
            FIXED_PAGES + 2
        ));
    }
    if args.divisions > 99 {
        die("--divisions must be at most 99");
    }
    // Folders are numbered with three digits.
    if args.folder_size < 2 || (args.pages - FIXED_PAGES).div_ceil(args.folder_size) > 999 {
        die("--folder-size must be at least 2 and make at most 999 folders");
    }
    prepare_out(&args.out);
    let mut w = Writer {
        root: args.out.clone(),
        files: 0,
        bytes: 0,
    };
    w.write(
        MARKER,
        b"made by examples/gen-handbook.rs; safe to delete\n",
    );

    let mut rng = Rng::new(args.seed);
    let plan = make_plan(&mut rng, args.pages, args.folder_size);
    let require_local = plan.experiences[4].path.clone(); // experiences/05-faelles-sprog.md

    w.write(
        "handbook.yaml",
        format!(
            "# Syntetisk håndbog fra examples/gen-handbook.rs (seed {}).\n\
             title: \"Kundeorientering – syntetisk programhåndbog\"\n\
             language: da\n\
             require_local:\n  - {require_local}\n",
            args.seed
        )
        .as_bytes(),
    );

    write_shared_pages(&mut w, &mut rng, &plan);
    write_programme(&mut w, &mut rng, &plan);
    for d in 1..=args.divisions {
        write_division(&mut w, &mut rng, &plan, d, &require_local);
    }

    eprintln!(
        "gen-handbook: wrote {} files ({:.1} MB) to {}: {} shared pages, {} folders, {} divisions",
        w.files,
        w.bytes as f64 / 1e6,
        args.out.display(),
        plan.pages.len(),
        plan.folders.len(),
        args.divisions
    );
}

fn write_shared_pages(w: &mut Writer, rng: &mut Rng, plan: &Plan) {
    let modules_of = |number: u32| -> Vec<String> {
        plan.modules
            .iter()
            .filter(|(_, meta)| meta.experiences.contains(&number))
            .map(|(page, _)| page.path["modules/".len()..page.path.len() - 3].to_string())
            .collect()
    };

    // Pages that link to the handouts nothing else links to: the front page links to all.
    let mut handout_links = String::from("Materialer til programmet:\n\n");
    for h in &plan.handouts.linked_from_pages {
        let name = h.rsplit('/').next().unwrap_or(h);
        let _ = writeln!(handout_links, "- [{name}](@/handouts/{h})");
    }
    handout_links.push('\n');

    for (i, page) in plan.pages.iter().enumerate() {
        let with_code = i % 5 == 2;
        let mut front = format!("---\ntitle: {}\n", yaml_str(&page.title));
        let mut extra = String::new();
        if page.path == "index.md" {
            extra.push_str(&handout_links);
            extra.push_str("Programmet bygger på ni erfaringer:\n\n");
            for e in &plan.experiences {
                let _ = writeln!(extra, "1. [{}]({})", e.title, e.path);
            }
            extra.push_str("\nHåndbogens afsnit:\n\n");
            for f in &plan.folders {
                let _ = writeln!(extra, "- [{f}]({f}/)");
            }
            extra.push_str(
                "- [Opfølgning](followup.yaml)\n- [Kalender](calendar.yaml)\n- [Moduler](modules/)\n\n",
            );
        } else {
            let _ = writeln!(front, "summary: {}", yaml_str(&summary(rng)));
        }
        if let Some(number) = page
            .path
            .strip_prefix("experiences/")
            .map(|f| f[..2].parse::<u32>().unwrap())
        {
            let _ = writeln!(front, "weight: {number}");
            let _ = writeln!(front, "modules: [{}]", modules_of(number).join(", "));
            if number == 3 {
                front.push_str("locked: true\n");
            }
        } else if let Some((_, meta)) = plan.modules.iter().find(|(p, _)| p.path == page.path) {
            let _ = writeln!(front, "weight: {}", rng.range(1, 60));
            let _ = writeln!(front, "audiences: [{}]", meta.audiences.join(", "));
            let _ = writeln!(front, "categories: [{}]", meta.categories.join(", "));
            let _ = writeln!(front, "duration: \"{} dage\"", rng.range(1, 3));
            front.push_str("format: \"Kursus med træning\"\n");
            let numbers: Vec<String> = meta.experiences.iter().map(u32::to_string).collect();
            let _ = writeln!(front, "experiences: [{}]", numbers.join(", "));
            let _ = writeln!(front, "handouts:\n  - {}", meta.handout);
        } else if page.path.ends_with("/_index.md") {
            let n: usize = page.path["afsnit-".len().."afsnit-".len() + 3]
                .parse()
                .unwrap();
            let _ = writeln!(front, "weight: {}", 100 + n);
            let folder = &page.path[..page.path.len() - "/_index.md".len()];
            extra.push_str("Siderne i afsnittet:\n\n");
            for p in plan.pages.iter().filter(|p| {
                p.path
                    .strip_prefix(folder)
                    .is_some_and(|rest| rest.starts_with('/'))
                    && !p.path.ends_with("_index.md")
            }) {
                let _ = writeln!(extra, "- [{}]({})", p.title, relative(&page.path, &p.path));
            }
            extra.push('\n');
        } else if rng.chance(30) {
            let _ = writeln!(front, "weight: {}", rng.range(1, 100));
        }
        if rng.chance(5) {
            let _ = writeln!(
                front,
                "extra:\n  ansvarlig: \"{}\"",
                capitalize(rng.pick::<&str>(content_words()))
            );
        }
        front.push_str("---\n\n");
        let size = rng.range(4300, 6700).saturating_sub(front.len());
        let text = body(rng, plan, page, with_code, &extra, size);
        front.push_str(&text);
        w.write(&format!("content/{}", page.path), front.as_bytes());
    }
}

fn write_programme(w: &mut Writer, rng: &mut Rng, plan: &Plan) {
    // Handouts: the kits, one per module, and those the front page links.
    let mut handouts: Vec<String> = plan.handouts.kits.clone();
    handouts.extend(plan.modules.iter().map(|(_, m)| m.handout.clone()));
    handouts.extend(plan.handouts.linked_from_pages.iter().cloned());
    for h in &handouts {
        w.write(&format!("content/handouts/{h}"), &tiny_pdf(h));
    }

    let mut followup = String::from(
        "# Opfølgningen i 16 uger (syntetisk).\ntitle: \"Opfølgning i 16 uger\"\nweeks:\n",
    );
    for week in 1..=WEEKS {
        let _ = writeln!(followup, "  - week: {week}");
        let _ = writeln!(followup, "    title: {}", yaml_str(&title(rng, 2, 5)));
        let _ = writeln!(
            followup,
            "    meeting: {}",
            yaml_str(&format!("{} {}", sentence(rng), sentence(rng)))
        );
        let _ = writeln!(
            followup,
            "    kit: {}",
            plan.handouts.kits[week as usize - 1]
        );
        let _ = writeln!(
            followup,
            "    experiences: [{}, {}]",
            rng.range(1, 4),
            rng.range(5, 9)
        );
        if rng.chance(40) {
            let _ = writeln!(followup, "    note: {}", yaml_str(&sentence(rng)));
        }
    }
    w.write("content/followup.yaml", followup.as_bytes());

    let mut calendar = String::from(
        "# Den interne markedsføringsplan (syntetisk).\ntitle: \"Intern markedsføring 2027\"\nstart: \"2027-01\"\nactivities:\n",
    );
    for month in 1..=12 {
        for _ in 0..rng.range(1, 3) {
            calendar.push_str(&activity(rng, month));
        }
    }
    w.write("content/calendar.yaml", calendar.as_bytes());

    let mut business = String::from("segments:\n");
    let segments = [
        ("Utilfredse", 40000, 4200, 18, 28.0),
        ("Neutrale", 95000, 5600, 21, 14.0),
        ("Tilfredse", 120000, 7100, 24, 7.0),
        ("Begejstrede", 45000, 8900, 27, 3.5),
    ];
    for (name, customers, revenue, margin, churn) in segments {
        let _ = write!(
            business,
            "  - name: \"{name}\"\n    customers: {customers}\n    revenue_per_customer: {revenue}\n    margin_pct: {margin}\n    churn_pct: {churn}\n"
        );
    }
    business.push_str("shift_pct: 5\n");
    w.write("content/business-case.yaml", business.as_bytes());
}

fn activity(rng: &mut Rng, month: usize) -> String {
    const CHANNELS: [&str; 7] = [
        "intranet",
        "newsletter",
        "town-hall",
        "meeting",
        "poster",
        "event",
        "campaign",
    ];
    let mut out = String::new();
    if rng.chance(50) {
        let _ = writeln!(out, "  - date: \"2027-{month:02}-{:02}\"", rng.range(1, 28));
    } else {
        let _ = writeln!(out, "  - month: \"2027-{month:02}\"");
    }
    let _ = writeln!(out, "    title: {}", yaml_str(&title(rng, 2, 5)));
    let _ = writeln!(out, "    channel: {}", rng.pick(&CHANNELS));
    let _ = writeln!(out, "    experiences: [{}]", rng.range(1, 9));
    let _ = writeln!(out, "    owner: \"Programkontoret i HR\"");
    if rng.chance(25) {
        let _ = writeln!(out, "    campaign: \"Forårskampagnen\"");
    }
    let _ = writeln!(out, "    description: {}", yaml_str(&sentence(rng)));
    out
}

fn write_division(w: &mut Writer, rng: &mut Rng, plan: &Plan, d: usize, require_local: &str) {
    let id = format!("div-{d:02}");
    let root = format!("content/divisions/{id}");
    let name = format!("Division {d}");

    let mut config = format!(
        "name: \"{name}\"\nfollowup_start: \"2027-03-01\"\ncontacts:\n  - name: \"Koordinator {d}\"\n    role: \"Divisionskoordinator\"\n    email: \"koordinator{d}@example.com\"\n    phone: \"+45 70 10 {:02} {:02}\"\n",
        d % 100,
        rng.range(10, 99)
    );
    if d.is_multiple_of(3) {
        config.push_str("language: da\n");
    }
    w.write(&format!("{root}/division.yaml"), config.as_bytes());

    // Three local pages, in existing folders, at paths the shared tree does not have.
    let mut local_pages = Vec::new();
    for k in 1..=3 {
        let folder = rng.pick(&plan.folders);
        let t = format!("{} i {name}", title(rng, 2, 4));
        let path = format!("{folder}/lokal-{k}-{}.md", slug(&t));
        local_pages.push((path, t));
    }
    for (path, t) in &local_pages {
        let page = Page {
            path: path.clone(),
            title: t.clone(),
            headings: {
                let n = rng.range(2, 4);
                plan_headings(rng, &ascii_words(), n)
            },
        };
        let mut text = format!(
            "---\ntitle: {}\nsummary: {}\n---\n\n",
            yaml_str(t),
            yaml_str(&summary(rng))
        );
        // a smaller page: about half a shared page
        let size = rng.range(4000, 7000);
        let full = body(rng, plan, &page, false, "", size);
        let mut cut = full.len() / 2;
        while !full.is_char_boundary(cut) {
            cut -= 1;
        }
        let cut = full[..cut].rfind("\n\n").unwrap_or(full.len());
        text.push_str(&full[..cut]);
        text.push('\n');
        w.write(&format!("{root}/{path}"), text.as_bytes());
    }

    // Local sections on 10 % of the shared pages, always the required one.
    let count = (plan.pages.len() / 10).max(1);
    let mut chosen: HashSet<&str> = HashSet::new();
    chosen.insert(require_local);
    while chosen.len() < count {
        chosen.insert(&rng.pick(&plan.pages).path);
    }
    let mut chosen: Vec<&str> = chosen.into_iter().collect();
    chosen.sort();
    for path in chosen {
        let mut text = String::new();
        for i in 0..rng.range(1, 3) {
            text.push_str(&paragraph(rng, plan, path, 40));
            if i == 0 {
                let (local, t) = rng.pick(&local_pages);
                let _ = write!(text, " Se [{t}](@/{local}).");
            }
            text.push_str("\n\n");
        }
        if rng.chance(40) {
            text.push_str(&list(rng, plan, path));
        }
        w.write(&format!("{root}/{path}"), text.as_bytes());
    }

    // Local calendar activities and follow-up notes.
    let mut calendar = String::from("activities:\n");
    for _ in 0..rng.range(1, 3) {
        let month = rng.range(1, 12);
        calendar.push_str(&activity(rng, month));
    }
    w.write(&format!("{root}/calendar.yaml"), calendar.as_bytes());
    let mut followup = String::from("weeks:\n");
    let first = rng.range(1, 8);
    for week in [first, first + rng.range(1, 8)] {
        let _ = write!(
            followup,
            "  - week: {week}\n    note: {}\n",
            yaml_str(&sentence(rng))
        );
    }
    w.write(&format!("{root}/followup.yaml"), followup.as_bytes());

    // The division's own version of one meeting kit.
    let kit = rng.pick(&plan.handouts.kits);
    w.write(
        &format!("{root}/handouts/{kit}"),
        &tiny_pdf(&format!("{kit} {name}")),
    );
}
