use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast;

use super::*;

/// Every message id of a language, with the variables its text uses.
fn variables(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let mut found = BTreeMap::new();
    for file in ftl_files(lang) {
        let resource = fluent_syntax::parser::parse(*file)
            .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", lang.code()));
        for entry in resource.body {
            if let ast::Entry::Message(message) = entry {
                let mut names = BTreeSet::new();
                if let Some(pattern) = &message.value {
                    pattern_variables(pattern, &mut names);
                }
                let id = message.id.name.to_string();
                assert!(
                    found.insert(id.clone(), names).is_none(),
                    "{}: `{id}` is defined twice",
                    lang.code()
                );
            }
        }
    }
    found
}

fn pattern_variables(pattern: &ast::Pattern<&str>, names: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, names);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, names: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, names);
            for variant in variants {
                pattern_variables(&variant.value, names);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, names),
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, names: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            names.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, names),
        _ => {}
    }
}

#[test]
fn every_language_has_the_same_messages_with_the_same_variables() {
    let english = variables(Lang::En);
    for lang in Lang::ALL {
        let other = variables(lang);
        let missing: Vec<&String> = english
            .keys()
            .filter(|id| !other.contains_key(*id))
            .collect();
        let extra: Vec<&String> = other
            .keys()
            .filter(|id| !english.contains_key(*id))
            .collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{}: missing {missing:?}, not in English {extra:?}",
            lang.code()
        );
        for (id, names) in &english {
            assert_eq!(
                &other[id],
                names,
                "{}: the variables of `{id}`",
                lang.code()
            );
        }
    }
}

/// Every `msg!("id"` in the source names a message the files define.
#[test]
fn every_message_the_code_names_exists() {
    let defined = variables(Lang::En);
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut unknown = Vec::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.expect("src is readable");
        // The files of this module name ids only in their documentation.
        let here = entry.path().starts_with(src.join("messages"));
        if here || entry.path().extension().is_none_or(|ext| ext != "rs") {
            continue;
        }
        let code = std::fs::read_to_string(entry.path()).expect("a source file is UTF-8");
        for (at, _) in code.match_indices("msg!(\"") {
            let rest = &code[at + "msg!(\"".len()..];
            let id = &rest[..rest.find('"').unwrap_or(0)];
            if !defined.contains_key(id) {
                unknown.push(format!("{}: {id}", entry.path().display()));
            }
        }
    }
    assert!(unknown.is_empty(), "messages no file defines: {unknown:?}");
}

#[test]
fn plurals_follow_the_language() {
    let summary = |errors: usize, warnings: usize, lang| {
        msg!("summary-problems", errors = errors, warnings = warnings).text(lang)
    };
    assert_eq!(summary(1, 0, Lang::En), "1 error, 0 warnings");
    assert_eq!(summary(2, 1, Lang::En), "2 errors, 1 warning");
    assert_eq!(summary(1, 1, Lang::Da), "1 fejl, 1 advarsel");
    assert_eq!(summary(3, 2, Lang::Da), "3 fejl, 2 advarsler");
}

#[test]
fn a_language_tag_chooses_its_messages_and_others_fall_back_to_english() {
    assert_eq!(Lang::from_tag("da"), Some(Lang::Da));
    assert_eq!(Lang::from_tag("da-DK"), Some(Lang::Da));
    assert_eq!(Lang::from_tag("EN_gb"), Some(Lang::En));
    assert_eq!(Lang::from_tag("sv"), None);
    assert_eq!(Lang::for_handbook("sv"), Lang::En);
    assert!("xx".parse::<Lang>().unwrap_err().contains("da, en"));
}

#[test]
fn a_message_no_file_defines_still_says_what_happened() {
    let text = Message::new("no-such-message")
        .arg("file", "a.md")
        .english();
    assert_eq!(text, "no-such-message (file=a.md)");
}

#[test]
fn a_message_that_adds_where_it_happened_is_about_the_message_it_wraps() {
    let inner = msg!("yaml-unknown-key", key = "titel");
    let wrapped = msg!("yaml-in", message = inner.clone(), path = "weeks[2]");
    assert_eq!(wrapped.subject().id(), "yaml-unknown-key");
    assert_eq!(inner.subject().id(), "yaml-unknown-key");
    assert_eq!(wrapped.english(), "unknown key `titel` (in `weeks[2]`)");
}
