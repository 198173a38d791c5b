//! Site settings: `handbook.yaml`, the first file the load stage reads.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::markdown::RawHtml;
use crate::messages::{Lang, Message, msg};
use crate::source::{self, SourceProblem};
use crate::yaml::{Data, Step};

pub const CONFIG_FILE: &str = "handbook.yaml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default = "default_output_dir")]
    pub output_dir: String,
    pub base_url: Option<String>,
    #[serde(default)]
    pub raw_html: RawHtml,
    #[serde(default = "default_true")]
    pub search: bool,
    /// Ask search engines not to index the site (for intranets that are reachable from outside).
    #[serde(default)]
    pub noindex: bool,
    #[serde(default)]
    pub require_local: Vec<String>,
    /// How many changes each division's "what changed" page and feed list at most.
    #[serde(default = "default_changes")]
    pub changes: usize,
    #[serde(default)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Config {
    /// The settings used to go on checking the content when handbook.yaml itself has
    /// errors (they are reported; nothing is written).
    pub fn fallback() -> Data<Config> {
        let config = Config {
            title: "handbook".into(),
            language: default_language(),
            theme: default_theme(),
            output_dir: default_output_dir(),
            base_url: None,
            raw_html: RawHtml::default(),
            search: false,
            noindex: false,
            require_local: Vec::new(),
            changes: default_changes(),
            extra: serde_json::Map::new(),
        };
        Data::stand_in(config, CONFIG_FILE)
    }
}

fn default_language() -> String {
    "da".into()
}

fn default_theme() -> String {
    "default".into()
}

fn default_output_dir() -> String {
    "public".into()
}

fn default_changes() -> usize {
    50
}

fn default_true() -> bool {
    true
}

/// Why the configuration could not be read.
pub enum ConfigError {
    /// There is no `handbook.yaml`: the command cannot run here (exit 2).
    Missing(Message),
    /// The file exists but is wrong: content errors (exit 1), all of them.
    Invalid(Vec<Diagnostic>),
}

/// The language of messages for the handbook at `root`, for commands that do not load
/// its content: `flag` when given, else handbook.yaml's `language` (the default
/// language when the file cannot be read).
pub fn message_lang(flag: Option<Lang>, root: &Path) -> Lang {
    if let Some(lang) = flag {
        return lang;
    }
    match load(root) {
        Ok(config) => Lang::for_handbook(&config.language),
        Err(_) => Lang::for_handbook(&default_language()),
    }
}

/// Reads `handbook.yaml`, keeping its text so that later checks can point into it.
pub fn load(root: &Path) -> Result<Data<Config>, ConfigError> {
    let path = root.join(CONFIG_FILE);
    let bytes = match source::read_source(&path, root, source::TEXT_LIMIT) {
        Ok(bytes) => bytes,
        Err(SourceProblem::Io(error)) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(ConfigError::Missing(msg!(
                "config-missing",
                root = root.display().to_string()
            )));
        }
        Err(SourceProblem::Io(error)) => {
            return Err(ConfigError::Missing(msg!(
                "config-unreadable",
                path = path.display().to_string(),
                detail = error.to_string()
            )));
        }
        // A pipe, a device, a symlink out of the folder, a huge file: the author's to fix.
        Err(problem) => {
            return Err(ConfigError::Invalid(vec![problem.diagnostic(CONFIG_FILE)]));
        }
    };
    parse(&bytes)
}

/// `handbook.yaml` from its bytes.
pub fn parse(bytes: &[u8]) -> Result<Data<Config>, ConfigError> {
    let text = source::decode(bytes, CONFIG_FILE).map_err(|d| ConfigError::Invalid(vec![d]))?;
    let config: Data<Config> = Data::parse(text, CONFIG_FILE).map_err(ConfigError::Invalid)?;
    validate(&config).map_err(|d| ConfigError::Invalid(vec![d]))?;
    Ok(config)
}

fn validate(config: &Data<Config>) -> Result<(), Diagnostic> {
    if config.title.trim().is_empty() {
        return Err(config
            .error_at(&[Step::Key("title")], msg!("config-title-empty"))
            .hint(msg!("config-title-empty-hint")));
    }
    let theme_ok = !config.theme.is_empty()
        && config
            .theme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !theme_ok {
        return Err(config
            .error_at(
                &[Step::Key("theme")],
                msg!("config-theme-name", theme = &config.theme),
            )
            .hint(msg!("config-theme-name-hint")));
    }
    if let Some(url) = config.base_url.as_ref().filter(|url| !is_web_address(url)) {
        return Err(config
            .error_at(&[Step::Key("base_url")], msg!("config-base-url", url = url))
            .hint(msg!("config-base-url-hint")));
    }
    Ok(())
}

/// An `http://` or `https://` URL with a host: the only kind a sitemap or a feed may
/// link to (never `javascript:` or a file path).
fn is_web_address(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host);
    let clean = |c: char| !c.is_whitespace() && !c.is_control() && !"\"<>\\^`{|}".contains(c);
    !host.is_empty() && !host.starts_with(':') && url.chars().all(clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_is_an_http_or_https_address_with_a_host() {
        for good in [
            "https://intranet.example.com/handbook/",
            "http://localhost:8080",
            "HTTPS://Example.com",
        ] {
            assert!(is_web_address(good), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "https://",
            "https:///path",
            "file:///etc/passwd",
            "//example.com",
            "example.com",
            "https://exa mple.com",
            "https://example.com/\"><script>",
            "https://:80/",
        ] {
            assert!(!is_web_address(bad), "{bad}");
        }
    }
}
