//! Site settings: `handbook.yaml`, the first file the load stage reads.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::markdown::RawHtml;
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

fn default_true() -> bool {
    true
}

/// Why the configuration could not be read.
pub enum ConfigError {
    /// There is no `handbook.yaml`: the command cannot run here (exit 2).
    Missing(String),
    /// The file exists but is wrong: a content error (exit 1).
    Invalid(Diagnostic),
}

/// Reads `handbook.yaml`, keeping its text so that later checks can point into it.
pub fn load(root: &Path) -> Result<Data<Config>, ConfigError> {
    let path = root.join(CONFIG_FILE);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(ConfigError::Missing(format!(
                "no {CONFIG_FILE} in {}: is this a handbook folder? (`handbook init DIR` creates one)",
                root.display()
            )));
        }
        Err(error) => {
            return Err(ConfigError::Missing(format!(
                "cannot read {}: {error}",
                path.display()
            )));
        }
    };
    parse(&bytes)
}

/// `handbook.yaml` from its bytes.
pub fn parse(bytes: &[u8]) -> Result<Data<Config>, ConfigError> {
    let text = crate::source::decode(bytes, CONFIG_FILE).map_err(ConfigError::Invalid)?;
    let config: Data<Config> = Data::parse(text, CONFIG_FILE).map_err(ConfigError::Invalid)?;
    validate(&config).map_err(ConfigError::Invalid)?;
    Ok(config)
}

fn validate(config: &Data<Config>) -> Result<(), Diagnostic> {
    if config.title.trim().is_empty() {
        return Err(config
            .error_at(&[Step::Key("title")], "the handbook's `title` is empty")
            .hint("write the name readers should see, e.g. `title: Kundeorientering`"));
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
                format!("`theme: {}` is not a theme folder name", config.theme),
            )
            .hint("use the name of a folder under themes/, e.g. `theme: default`"));
    }
    Ok(())
}
