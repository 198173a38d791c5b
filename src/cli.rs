//! The command line: flags parsed once into `build::Settings`, a command run, its
//! diagnostics printed, and the exit status chosen: 0 success, 1 content errors,
//! 2 the command could not run.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::approvals::{self, ItemState};
use crate::build::{self, Settings};
use crate::diagnostics::{self, Diagnostic};
use crate::init;
use crate::messages::{Lang, Message, msg};

#[derive(Parser, Debug)]
#[command(
    name = "handbook",
    version,
    about = "Builds a programme handbook: one intranet site per division, from YAML and Markdown."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The language of messages (`da`, `en`); by default the handbook's `language`.
    #[arg(long, global = true, value_name = "LANG", env = "HANDBOOK_LANG")]
    lang: Option<Lang>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Build every division's site (or those named) into the output folder.
    Build {
        #[command(flatten)]
        common: Common,
        /// Write the site here instead of `output_dir` from handbook.yaml.
        #[arg(long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Build only this division (repeat for several).
        #[arg(long = "division", value_name = "ID")]
        divisions: Vec<String>,
        /// Leave out the search index (faster; the search box is hidden).
        #[arg(long)]
        no_search: bool,
        /// Leave out the PDFs (handbook.pdf and the leader kit's runbook; faster).
        #[arg(long)]
        no_pdf: bool,
    },
    /// Check everything a build would, and write nothing.
    Check {
        #[command(flatten)]
        common: Common,
        /// List every division's local items that HR has not approved as they are now.
        #[arg(long)]
        approvals: bool,
    },
    /// Build in memory, serve on loopback, rebuild on every save and reload the browser.
    Serve {
        /// The handbook folder (the one with handbook.yaml).
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// The address to listen on; anything but loopback exposes the handbook to the network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// The port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Serve only this division.
        #[arg(long = "division", value_name = "ID")]
        divisions: Vec<String>,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
    },
    /// List per language which shared files are translated (current, outdated or
    /// missing), or record translations as current with --stamp.
    Translations {
        /// The handbook folder (the one with handbook.yaml).
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// Only this language (repeat for several); by default every language a
        /// division reads besides the handbook's.
        #[arg(long = "language", value_name = "L")]
        languages: Vec<String>,
        /// Record the original's current hash in these translations, once they match it.
        #[arg(long, value_name = "FILE", num_args = 1..)]
        stamp: Vec<PathBuf>,
        /// `text` for people, `json` (on stdout) for tools.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Record HR's approval of a division's local items (all of them, or those named).
    Approve {
        /// The division whose items are approved.
        #[arg(long, value_name = "ID")]
        division: String,
        /// Who approves (written in content/approvals.yaml).
        #[arg(long, value_name = "NAME")]
        by: String,
        /// Positions in the merged tree (`experiences/05-faelles-sprog.md`, `calendar.yaml`).
        #[arg(value_name = "PATH")]
        paths: Vec<String>,
        /// The handbook folder (the one with handbook.yaml).
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// The date of the approval (YYYY-MM-DD); else SOURCE_DATE_EPOCH, else today.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        today: Option<jiff::civil::Date>,
    },
    /// Create a new handbook in DIR from the shipped example.
    Init {
        /// The folder to create (it must not exist, or be empty).
        dir: PathBuf,
    },
}

#[derive(clap::Args, Debug)]
struct Common {
    /// The handbook folder (the one with handbook.yaml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Treat every warning as an error.
    #[arg(long)]
    strict: bool,
    /// How to print problems: `text` for people, `json` (on stdout) for tools.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Print the time each stage took.
    #[arg(long)]
    timings: bool,
    /// Judge review dates as on this day (YYYY-MM-DD); else SOURCE_DATE_EPOCH, else today.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    today: Option<jiff::civil::Date>,
}

/// A `--today` value: a calendar date written YYYY-MM-DD.
fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    use crate::yaml::FromText;
    jiff::civil::Date::from_text(text)
        .ok_or_else(|| format!("`{text}` is not a date: write YYYY-MM-DD"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang;
    match cli.command {
        Command::Build {
            common,
            output,
            divisions,
            no_search,
            no_pdf,
        } => {
            let mut settings = settings(&common, output, divisions, true);
            settings.no_search = no_search;
            settings.no_pdf = no_pdf;
            run_check(&settings, &common, false, lang)
        }
        Command::Check { common, approvals } => {
            let settings = settings(&common, None, Vec::new(), false);
            run_check(&settings, &common, approvals, lang)
        }
        Command::Approve {
            division,
            by,
            paths,
            root,
            today,
        } => approve(&root, division, by, paths, today, lang),
        Command::Serve {
            root,
            bind,
            port,
            divisions,
            drafts,
            open,
        } => serve(root, (bind, port), divisions, drafts, open, lang),
        Command::Translations {
            root,
            languages,
            stamp,
            format,
        } => match stamp.is_empty() {
            true => translations(&root, &languages, format, lang),
            false => stamp_translations(&root, &stamp, lang),
        },
        Command::Init { dir } => create_handbook(&dir, lang),
    }
}

/// `handbook serve`: a preview in memory, without search or PDFs.
fn serve(
    root: PathBuf,
    (bind, port): (std::net::IpAddr, u16),
    divisions: Vec<String>,
    drafts: bool,
    open: bool,
    lang: Option<Lang>,
) -> ExitCode {
    let build = Settings {
        root: root.clone(),
        output: None,
        divisions,
        drafts,
        strict: false,
        write: false,
        // The preview rebuilds on every save; the search index is for the published site.
        no_search: true,
        today: None,
        // The preview leaves the PDFs out, as it leaves out search.
        no_pdf: true,
    };
    match crate::serve::run(crate::serve::ServeSettings {
        build,
        bind,
        port,
        open,
        lang,
    }) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!(
                "{}",
                fatal(&message, crate::config::message_lang(lang, &root))
            );
            ExitCode::from(2)
        }
    }
}

/// `handbook init DIR`: the example handbook, and the next step that works.
fn create_handbook(dir: &Path, flag: Option<Lang>) -> ExitCode {
    match init::create(dir) {
        Ok(()) => {
            let lang = crate::config::message_lang(flag, dir);
            let step = init::next_step(dir);
            let created = msg!(
                "init-created",
                dir = dir.display().to_string(),
                page = dir.join("public").join("index.html").display().to_string(),
                step = step.as_str()
            );
            eprintln!("{}", created.text(lang));
            if !step.starts_with("handbook ") {
                eprintln!("{}", msg!("init-install").text(lang));
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!(
                "{}",
                fatal(&message, crate::config::message_lang(flag, Path::new(".")))
            );
            ExitCode::from(2)
        }
    }
}

fn settings(
    common: &Common,
    output: Option<PathBuf>,
    divisions: Vec<String>,
    write: bool,
) -> Settings {
    Settings {
        root: common.root.clone(),
        output,
        divisions,
        drafts: common.drafts,
        strict: common.strict,
        write,
        no_search: false,
        today: common.today,
        no_pdf: false,
    }
}

/// "error: ..." for a command that could not run, in `lang`, safe for a terminal.
fn fatal(message: &Message, lang: Lang) -> String {
    let line = format!(
        "{}: {}",
        msg!("severity-error").text(lang),
        message.text(lang)
    );
    diagnostics::printable(&line, "\n").into_owned()
}

/// A build or check; with `list_approvals`, the local items HR has not approved too.
fn run_check(
    settings: &Settings,
    common: &Common,
    list_approvals: bool,
    flag: Option<Lang>,
) -> ExitCode {
    let outcome = match build::run(settings) {
        Ok(outcome) => outcome,
        Err(build::CannotRun(message)) => {
            eprintln!(
                "{}",
                fatal(&message, crate::config::message_lang(flag, &settings.root))
            );
            return ExitCode::from(2);
        }
    };
    let lang = Lang::choose(flag, &outcome.language);
    match (list_approvals, common.format) {
        (true, Format::Json) => println!(
            "{}",
            serde_json::json!({
                "diagnostics": diagnostics::json_values(&outcome.diagnostics, lang),
                "approvals": not_approved(&outcome.approvals),
            })
        ),
        (true, Format::Text) => {
            print_diagnostics(&outcome.diagnostics, common.format, &settings.root, lang);
            print!("{}", approvals_list(&outcome.approvals, lang));
        }
        (false, _) => print_diagnostics(&outcome.diagnostics, common.format, &settings.root, lang),
    }
    if common.timings {
        for (stage, time) in &outcome.timings {
            eprintln!("  {stage:<8} {:>8.1} ms", time.as_secs_f64() * 1000.0);
        }
    }
    if outcome.has_errors() {
        return ExitCode::from(1);
    }
    if common.format == Format::Text {
        eprintln!(
            "{}",
            diagnostics::printable(&summary(&outcome, settings, lang), "\n")
        );
    }
    ExitCode::SUCCESS
}

/// `handbook translations`: the coverage per language; exit 1 when the content (a
/// translation, or anything the load reads) has errors.
fn translations(root: &Path, wanted: &[String], format: Format, flag: Option<Lang>) -> ExitCode {
    let mut diagnostics = diagnostics::Diagnostics::new();
    let config = match crate::config::load(root) {
        Ok(config) => config,
        Err(crate::config::ConfigError::Missing(message)) => {
            eprintln!(
                "{}",
                fatal(&message, crate::config::message_lang(flag, root))
            );
            return ExitCode::from(2);
        }
        Err(crate::config::ConfigError::Invalid(problems)) => {
            diagnostics.extend(problems);
            crate::config::Config::fallback()
        }
    };
    let handbook = crate::content::load(root, config, &mut diagnostics);
    let own = &handbook.config.language;
    if let Some(bad) = wanted
        .iter()
        .find(|l| !crate::content::translation::is_language_code(l) || *l == own)
    {
        let why = if bad == own {
            "is the handbook's own language"
        } else {
            "is not a language code (two or three lower-case letters)"
        };
        eprintln!("error: --language {bad} {why}");
        return ExitCode::from(2);
    }
    let languages = match wanted.is_empty() {
        true => crate::translations::languages(&handbook),
        false => wanted.to_vec(),
    };
    let coverage = crate::translations::coverage(&handbook, &languages);
    // Errors anywhere, and warnings about translations: the rest is `check`'s to tell.
    let shown: Vec<Diagnostic> = diagnostics
        .into_sorted()
        .into_iter()
        .filter(|d| d.is_error() || d.file.as_deref().is_some_and(is_translation_file))
        .collect();
    match format {
        Format::Json => println!("{}", crate::translations::render_json(&coverage)),
        Format::Text => print!("{}", crate::translations::render_text(&coverage, &handbook)),
    }
    if !shown.is_empty() {
        let lang = Lang::choose(flag, &handbook.config.language);
        eprint!(
            "{}",
            diagnostics::render_text(&shown, &crate::source::reader(root), lang)
        );
    }
    match shown.iter().any(Diagnostic::is_error) {
        true => ExitCode::from(1),
        false => ExitCode::SUCCESS,
    }
}

fn is_translation_file(file: &str) -> bool {
    file.strip_prefix("content/")
        .and_then(crate::content::translation::split)
        .is_some()
}

/// `handbook translations --stamp FILE...`: every file is tried; the exit status is the
/// worst outcome.
fn stamp_translations(root: &Path, files: &[PathBuf], flag: Option<Lang>) -> ExitCode {
    let lang = crate::config::message_lang(flag, root);
    let mut status = 0;
    for file in files {
        let said = match crate::translations::stamp(root, file) {
            Ok(stamped) if stamped.unchanged => msg!(
                "stamp-unchanged",
                file = &stamped.file,
                hash = &stamped.hash
            )
            .text(lang),
            Ok(stamped) => {
                msg!("stamp-done", file = &stamped.file, hash = &stamped.hash).text(lang)
            }
            Err(crate::translations::StampError::Content(message)) => {
                status = status.max(1);
                fatal(&message, lang)
            }
            Err(crate::translations::StampError::CannotRun(message)) => {
                status = 2;
                fatal(&message, lang)
            }
        };
        eprintln!("{}", diagnostics::printable(&said, "\n"));
    }
    ExitCode::from(status)
}

fn not_approved(states: &[ItemState]) -> Vec<&ItemState> {
    states
        .iter()
        .filter(|s| s.state != approvals::State::Approved)
        .collect()
}

/// One line per local item that is not approved as it is now.
fn approvals_list(states: &[ItemState], lang: Lang) -> String {
    let waiting = not_approved(states);
    if waiting.is_empty() {
        return msg!("approvals-all", count = states.len()).text(lang) + "\n";
    }
    let mut out = msg!("approvals-waiting", count = waiting.len()).text(lang) + "\n";
    for item in waiting {
        let state = match (&item.approved_by, item.date) {
            (Some(by), Some(date)) if item.state == approvals::State::Changed => {
                msg!("approvals-changed-since", by = by, date = date.to_string())
            }
            _ if item.state == approvals::State::Changed => msg!("approvals-changed"),
            _ => msg!("approvals-unapproved"),
        }
        .text(lang);
        out.push_str(&format!(
            "  {}  {}  {}\n",
            item.division,
            diagnostics::printable(&item.path, " "),
            diagnostics::printable(&state, " ")
        ));
    }
    out
}

/// `handbook approve`: records the fingerprints and says what it did.
fn approve(
    root: &Path,
    division: String,
    by: String,
    paths: Vec<String>,
    today: Option<jiff::civil::Date>,
    flag: Option<Lang>,
) -> ExitCode {
    let lang = crate::config::message_lang(flag, root);
    let cannot = |message: Message| {
        eprintln!("{}", fatal(&message, lang));
        ExitCode::from(2)
    };
    if by.trim().is_empty() {
        return cannot(msg!("approve-by-empty"));
    }
    let today = match crate::review::today(today) {
        Ok(today) => today,
        Err(message) => return cannot(message),
    };
    let request = approvals::Request {
        division,
        by,
        paths,
        today,
    };
    match approvals::approve_in(root, &request) {
        Ok(recorded) => {
            eprintln!("{}", approved_message(&recorded, &request, root, lang));
            ExitCode::SUCCESS
        }
        Err(approvals::ApproveError::CannotRun(message)) => cannot(message),
        Err(approvals::ApproveError::Content(problems)) => {
            eprint!(
                "{}",
                diagnostics::render_text(&problems, &crate::source::reader(root), lang)
            );
            ExitCode::from(1)
        }
    }
}

fn approved_message(
    recorded: &approvals::Recorded,
    request: &approvals::Request,
    root: &Path,
    lang: Lang,
) -> String {
    let file = recorded.file.strip_prefix(root).unwrap_or(&recorded.file);
    let message = msg!(
        "approve-recorded",
        count = recorded.approved.len(),
        by = &request.by,
        date = request.today.to_string(),
        division = &request.division,
        file = file.display().to_string(),
        removed = recorded.removed.join(", "),
        removed_count = recorded.removed.len()
    );
    diagnostics::printable(&message.text(lang), "\n").into_owned()
}

fn print_diagnostics(diagnostics: &[Diagnostic], format: Format, root: &Path, lang: Lang) {
    match format {
        Format::Json => println!("{}", diagnostics::render_json(diagnostics, lang)),
        Format::Text if diagnostics.is_empty() => {}
        Format::Text => eprint!(
            "{}",
            diagnostics::render_text(diagnostics, &crate::source::reader(root), lang)
        ),
    }
}

/// The line that ends a run without errors: what was built, or checked, and how fast.
fn summary(outcome: &build::Outcome, settings: &Settings, lang: Lang) -> String {
    let total: f64 = outcome.timings.iter().map(|(_, t)| t.as_secs_f64()).sum();
    let output = build::display_output(outcome, &settings.root);
    match outcome.written {
        Some(_) if outcome.up_to_date => msg!(
            "summary-up-to-date",
            output = output,
            sites = outcome.sites,
            pages = outcome.pages
        ),
        Some(stats) => msg!(
            "summary-built",
            sites = outcome.sites,
            pages = outcome.pages,
            output = output,
            seconds = lang.decimal(total, 2),
            written = stats.written,
            unchanged = stats.unchanged,
            removed = stats.removed
        ),
        None => msg!(
            "summary-checked",
            sites = outcome.sites,
            pages = outcome.pages,
            seconds = lang.decimal(total, 2),
            awaiting = not_approved(&outcome.approvals).len()
        ),
    }
    .text(lang)
}
