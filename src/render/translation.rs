//! Render: what templates need to show a translated value honestly: the notice it
//! carries (a text not translated yet, or a translation behind its original) and, per
//! field, the `lang` of a text shown in the original's language.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::resolve::{Localized, TextStatus, Texts};

use super::context::SiteContext;

/// The `translation` value of a page, chapter, week or activity.
#[derive(Serialize, Clone, Debug, Default)]
pub struct TranslationInfo {
    /// Some text is shown in the original's language: a notice says it is not
    /// translated yet.
    pub missing: bool,
    /// Some text is translated from an earlier version of its original: a notice says
    /// the original has changed since.
    pub outdated: bool,
    /// For each of the value's fields: the original's language code when the text shown
    /// is the original's (its element gets that `lang`), else null. Every field is
    /// present, so templates can test any of them.
    pub lang: BTreeMap<&'static str, Option<String>>,
}

/// The fields of a Markdown page.
pub const PAGE_FIELDS: [&str; 5] = ["title", "summary", "body", "duration", "format"];

impl TranslationInfo {
    /// Nothing translated: no notice, no field in another language.
    pub fn none(fields: &[&'static str]) -> Self {
        TranslationInfo {
            missing: false,
            outdated: false,
            lang: fields.iter().map(|f| (*f, None)).collect(),
        }
    }

    /// How the value whose texts are `texts` reads in `sc`'s site.
    pub fn of(sc: &SiteContext, texts: &Texts, fields: &[&'static str]) -> Self {
        TranslationInfo {
            lang: fields
                .iter()
                .map(|field| (*field, lang(sc, texts.get(field))))
                .collect(),
            ..TranslationInfo::none(&[])
        }
        .noting(texts.statuses().map(Some))
    }

    /// With the notices `statuses` call for too (a page shows the texts of several
    /// values: a follow-up's weeks, a calendar's activities).
    pub fn noting(mut self, statuses: impl IntoIterator<Item = Option<TextStatus>>) -> Self {
        for status in statuses.into_iter().flatten() {
            match status {
                TextStatus::Missing => self.missing = true,
                TextStatus::Outdated => self.outdated = true,
                TextStatus::Current => {}
            }
        }
        self
    }
}

/// The `lang` of a text with this status: the original's language when it is shown
/// untranslated.
pub fn lang(sc: &SiteContext, status: Option<TextStatus>) -> Option<String> {
    (status == Some(TextStatus::Missing)).then(|| sc.site.source_language.to_string())
}

/// The `lang` of one localized text.
pub fn lang_of(sc: &SiteContext, text: &Localized) -> Option<String> {
    lang(sc, text.status)
}
