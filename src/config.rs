//! Site settings: `handbook.yaml`, the first file the load stage reads.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::markdown::RawHtml;
use crate::yaml::{self, Origin};

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
    pub fn fallback() -> Config {
        Config {
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
        }
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

pub fn load(root: &Path) -> Result<Config, ConfigError> {
    let path = root.join(CONFIG_FILE);
    let text = match std::fs::read(&path) {
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
    let text = crate::source::decode(&text, CONFIG_FILE).map_err(ConfigError::Invalid)?;
    let origin = Origin {
        file: CONFIG_FILE,
        first_line: 1,
    };
    let config: Config = yaml::parse(&text, origin).map_err(ConfigError::Invalid)?;
    validate(&config, &text).map_err(ConfigError::Invalid)?;
    Ok(config)
}

fn validate(config: &Config, text: &str) -> Result<(), Diagnostic> {
    let at = |key: &str| {
        yaml::locate(
            text,
            &[yaml::Step::Key(key)],
            Origin {
                file: CONFIG_FILE,
                first_line: 1,
            },
        )
        .unwrap_or_default()
    };
    if config.title.trim().is_empty() {
        return Err(Diagnostic::error("the handbook's `title` is empty")
            .in_file(CONFIG_FILE)
            .at(at("title"))
            .hint("write the name readers should see, e.g. `title: Kundeorientering`"));
    }
    let theme_ok = !config.theme.is_empty()
        && config
            .theme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !theme_ok {
        return Err(Diagnostic::error(format!(
            "`theme: {}` is not a theme folder name",
            config.theme
        ))
        .in_file(CONFIG_FILE)
        .at(at("theme"))
        .hint("use the name of a folder under themes/, e.g. `theme: default`"));
    }
    Ok(())
}
