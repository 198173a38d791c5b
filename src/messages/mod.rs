//! Messages for people: diagnostics, hints and the command's summary, in the handbook's
//! language.
//!
//! Code names a message by a stable English id and its arguments (`msg!`); the text
//! lives in Fluent files, one folder per language (`src/messages/<lang>/*.ftl`, built
//! into the binary). A diagnostic keeps the id, so the text is chosen where it is shown:
//! the terminal (the handbook's `language`, or `--lang`), `--format json` (the id beside
//! the text) and the HR report (the handbook's language).

use std::borrow::Cow;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};

/// The message files, `<lang>/<area>.ftl`, one area per part of the pipeline: every
/// language has every area (a missing file does not compile).
macro_rules! message_files {
    ($($area:literal),* $(,)?) => {
        const DA: &[&str] = &[$(include_str!(concat!("da/", $area, ".ftl"))),*];
        const EN: &[&str] = &[$(include_str!(concat!("en/", $area, ".ftl"))),*];
    };
}
message_files!(
    "cli",
    "config",
    "content",
    "programme",
    "markdown",
    "yaml",
    "translation",
    "resolve",
    "render",
    "governance",
);

/// A language messages are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    Da,
    #[default]
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Da, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Da => "da",
            Lang::En => "en",
        }
    }

    /// The language for a language tag (`da`, `da-DK`, `en-GB`), if messages exist in it.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        Lang::ALL
            .into_iter()
            .find(|lang| lang.code().eq_ignore_ascii_case(primary))
    }

    /// `value` with `places` decimals, written as the language writes numbers.
    pub fn decimal(self, value: f64, places: usize) -> String {
        let text = format!("{value:.places$}");
        match self {
            Lang::Da => text.replace('.', ","),
            Lang::En => text,
        }
    }

    /// The language messages are shown in: `--lang` (or HANDBOOK_LANG) when given, else
    /// the handbook's.
    pub fn choose(flag: Option<Lang>, handbook_language: &str) -> Lang {
        flag.unwrap_or_else(|| Lang::for_handbook(handbook_language))
    }

    /// The messages for a handbook written in `language`: its own where they exist,
    /// English otherwise (a Swedish handbook's coordinators read English sooner than Danish).
    pub fn for_handbook(language: &str) -> Lang {
        Lang::from_tag(language).unwrap_or(Lang::En)
    }
}

impl std::str::FromStr for Lang {
    type Err = String;

    fn from_str(tag: &str) -> Result<Self, Self::Err> {
        Lang::from_tag(tag).ok_or_else(|| {
            let known: Vec<&str> = Lang::ALL.iter().map(|lang| lang.code()).collect();
            format!(
                "no messages in `{tag}`; the languages are {}",
                known.join(", ")
            )
        })
    }
}

/// One argument of a message: numbers stay numbers, so a message can choose its plural.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Arg {
    Number(i64),
    Text(String),
    /// A message inside another (a hint that ends in a suggestion), shown in the same
    /// language.
    Message(Message),
    /// Items shown one after another, separated by commas (paths with what they are).
    List(Vec<Arg>),
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_args!(u8, u16, u32, u64, usize, i32, i64);

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg::Text(text)
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Arg::Text(text.to_string())
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Self {
        Arg::Text(text.clone())
    }
}

impl From<Message> for Arg {
    fn from(message: Message) -> Self {
        Arg::Message(message)
    }
}

impl<T: Into<Arg>> From<Vec<T>> for Arg {
    fn from(items: Vec<T>) -> Self {
        Arg::List(items.into_iter().map(Into::into).collect())
    }
}

impl From<Cow<'_, str>> for Arg {
    fn from(text: Cow<'_, str>) -> Self {
        Arg::Text(text.into_owned())
    }
}

/// A message by its id and arguments; its text depends on the language it is shown in.
/// One pointer wide, so that a `Diagnostic` (a message and a hint) stays small.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Message(Box<Parts>);

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
struct Parts {
    id: Cow<'static, str>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    args: Vec<(Cow<'static, str>, Arg)>,
}

impl Message {
    pub fn new(id: &'static str) -> Self {
        Message(Box::new(Parts {
            id: Cow::Borrowed(id),
            args: Vec::new(),
        }))
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.0.args.push((Cow::Borrowed(name), value.into()));
        self
    }

    /// The stable English id (`--format json` shows it beside the text).
    pub fn id(&self) -> &str {
        &self.0.id
    }

    /// The value of the argument `name`, if the message has one.
    pub fn get(&self, name: &str) -> Option<&Arg> {
        self.0
            .args
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value)
    }

    /// What the message is about: itself, or for a message that only adds where it
    /// happened (`yaml-in`: "... (in `weeks[2]`)") the message it wraps. Tools read this
    /// id (`--format json`), so a wrong kind of value is `yaml-wrong-kind` wherever it is.
    pub fn subject(&self) -> &Message {
        match (self.id(), self.get("message")) {
            ("yaml-in", Some(Arg::Message(inner))) => inner.subject(),
            _ => self,
        }
    }

    /// The text of the argument `name`, if it is a text.
    pub fn get_text(&self, name: &str) -> Option<&str> {
        match self.get(name)? {
            Arg::Text(text) => Some(text),
            _ => None,
        }
    }

    /// This message or the first one inside it with the id `id`.
    pub fn find(&self, id: &str) -> Option<&Message> {
        if self.0.id == id {
            return Some(self);
        }
        self.0.args.iter().find_map(|(_, value)| match value {
            Arg::Message(inner) => inner.find(id),
            _ => None,
        })
    }

    /// The text in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        catalog(lang).format(self)
    }

    /// The text in English: what tests and logs compare against.
    pub fn english(&self) -> String {
        self.text(Lang::En)
    }
}

/// Unit tests compare messages with their English text.
#[cfg(test)]
impl Message {
    pub fn contains(&self, part: &str) -> bool {
        self.english().contains(part)
    }

    pub fn starts_with(&self, part: &str) -> bool {
        self.english().starts_with(part)
    }

    pub fn ends_with(&self, part: &str) -> bool {
        self.english().ends_with(part)
    }
}

#[cfg(test)]
impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.english())
    }
}

#[cfg(test)]
impl PartialEq<&str> for Message {
    fn eq(&self, other: &&str) -> bool {
        self.english() == *other
    }
}

#[cfg(test)]
impl PartialEq<str> for Message {
    fn eq(&self, other: &str) -> bool {
        self.english() == other
    }
}

/// A message by id, with named arguments: `msg!("week-past-last", week = 17, last = 16)`.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::messages::Message::new($id)$(.arg(stringify!($name), $value))*
    };
}
pub use msg;

/// The messages of one language.
struct Catalog {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
}

impl Catalog {
    fn load(lang: Lang) -> Catalog {
        let locale = lang
            .code()
            .parse()
            .expect("a language code is a valid language identifier");
        let mut bundle = FluentBundle::new_concurrent(vec![locale]);
        // No invisible isolation marks around arguments: the text goes to terminals and logs.
        bundle.set_use_isolating(false);
        for file in ftl_files(lang) {
            let resource = FluentResource::try_new((*file).to_string())
                .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", lang.code()));
            bundle
                .add_resource(resource)
                .unwrap_or_else(|errors| panic!("{}: {errors:?}", lang.code()));
        }
        Catalog { lang, bundle }
    }

    /// A nested message or a list, as text in this language.
    fn arg_text(&self, value: &Arg) -> String {
        match value {
            Arg::Number(n) => n.to_string(),
            Arg::Text(text) => text.clone(),
            Arg::Message(inner) => inner.text(self.lang),
            Arg::List(items) => items
                .iter()
                .map(|item| self.arg_text(item))
                .collect::<Vec<_>>()
                .join(", "),
        }
    }

    fn format(&self, message: &Message) -> String {
        let Some(pattern) = self
            .bundle
            .get_message(&message.0.id)
            .and_then(|found| found.value())
        else {
            // A bug in our code (the tests check every id), but the reader still learns
            // what happened.
            return fallback(message);
        };
        let mut args = FluentArgs::new();
        for (name, value) in &message.0.args {
            let value = match value {
                Arg::Number(n) => FluentValue::from(*n),
                Arg::Text(text) => FluentValue::from(text.as_str()),
                Arg::Message(_) | Arg::List(_) => FluentValue::from(self.arg_text(value)),
            };
            args.set(name.as_ref(), value);
        }
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&args), &mut errors);
        text.into_owned()
    }
}

/// The id and arguments, for a message no file defines.
fn fallback(message: &Message) -> String {
    let args: Vec<String> = message
        .0
        .args
        .iter()
        .map(|(name, value)| match value {
            Arg::Number(n) => format!("{name}={n}"),
            Arg::Text(text) => format!("{name}={text}"),
            Arg::Message(inner) => format!("{name}={}", fallback(inner)),
            Arg::List(items) => format!("{name}={items:?}"),
        })
        .collect();
    format!("{} ({})", message.0.id, args.join(", "))
}

/// The texts of a language's message files.
fn ftl_files(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Da => DA,
        Lang::En => EN,
    }
}

fn catalog(lang: Lang) -> &'static Catalog {
    static DA: OnceLock<Catalog> = OnceLock::new();
    static EN: OnceLock<Catalog> = OnceLock::new();
    match lang {
        Lang::Da => DA.get_or_init(|| Catalog::load(Lang::Da)),
        Lang::En => EN.get_or_init(|| Catalog::load(Lang::En)),
    }
}

#[cfg(test)]
mod tests;
