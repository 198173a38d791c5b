//! Safe on a locked-down intranet (PRODUCT.md): no inline script, handler, style or
//! `javascript:` URL anywhere in the output, and every page carries the site's
//! Content-Security-Policy before anything it governs.

mod common;

use common::{Fixture, select, tree};
use scraper::Html;

/// A page with everything Markdown can turn into markup a strict policy would block:
/// aligned table columns, task lists, highlighted code, and raw HTML with a style.
const TRICKY_PAGE: &str = "---\ntitle: Tjekliste\n---\n\n## Før mødet\n\n- [ ] Book lokalet\n- [x] Print mødepakken\n\n| Uge | Tema | Minutter |\n|:----|:----:|---------:|\n| 1 | Start | 15 |\n\n```yaml\n# kommentar\nweek: 1\n```\n\n<p style=\"color: red\" onclick=\"alert(1)\">Rød <a href=\"javascript:alert(2)\">tekst</a></p>\n";

fn built() -> common::Run {
    let fixture = Fixture::example();
    fixture.write("content/vejledning/tjekliste.md", TRICKY_PAGE);
    let run = fixture.build();
    run.assert_ok();
    run
}

/// Every way a page could run script or apply style that the policy would refuse.
fn inline_problems(html: &Html) -> Vec<String> {
    let mut problems = Vec::new();
    for script in select(html, "script") {
        if script.value().attr("src").is_none() || script.text().any(|t| !t.trim().is_empty()) {
            problems.push(format!("inline script: {}", script.html()));
        }
    }
    if !select(html, "style").is_empty() {
        problems.push("a <style> element".into());
    }
    for element in select(html, "*") {
        for (name, value) in element.value().attrs() {
            let lower = value.trim().to_ascii_lowercase();
            if name.starts_with("on") {
                problems.push(format!("handler {name}=\"{value}\""));
            } else if name == "style" {
                problems.push(format!("style attribute on <{}>", element.value().name()));
            } else if ["href", "src", "action", "formaction"].contains(&name)
                && lower.starts_with("javascript:")
            {
                problems.push(format!("{name}=\"{value}\""));
            }
        }
    }
    problems
}

/// The policy's meta element must be in `<head>` before any script or stylesheet.
fn policy_problems(html: &Html) -> Vec<String> {
    let policies = select(html, "meta[http-equiv='Content-Security-Policy']");
    let [policy] = policies.as_slice() else {
        return vec![format!("{} policy meta elements", policies.len())];
    };
    let content = policy.value().attr("content").unwrap_or_default();
    let mut problems: Vec<String> = [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "form-action 'self'",
    ]
    .into_iter()
    .filter(|directive| !content.split(';').any(|d| d.trim() == *directive))
    .map(|directive| format!("the policy lacks `{directive}`: {content}"))
    .collect();
    let head = select(html, "head > *");
    let before: Vec<String> = head
        .iter()
        .take_while(|e| e.id() != policy.id())
        .filter(|e| ["script", "link", "style", "base"].contains(&e.value().name()))
        .map(|e| e.value().name().to_string())
        .collect();
    if head.iter().all(|e| e.id() != policy.id()) {
        problems.push("the policy is not in <head>".into());
    } else if !before.is_empty() {
        problems.push(format!("the policy comes after {before:?}"));
    }
    problems
}

#[test]
fn no_page_has_inline_script_handler_style_or_javascript_url_and_every_page_has_the_policy() {
    let run = built();
    let mut problems = Vec::new();
    let mut pages = 0;
    for (path, bytes) in tree(&run.out) {
        if !path.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = Html::parse_document(&String::from_utf8_lossy(&bytes));
        for problem in inline_problems(&html)
            .into_iter()
            .chain(policy_problems(&html))
        {
            problems.push(format!("{path}: {problem}"));
        }
    }
    assert!(pages > 100, "the example has its pages ({pages})");
    for must in [
        "index.html",
        "report/index.html",
        "report/privat/index.html",
        "privat/changes/index.html",
        "privat/404.html",
        "privat/search/index.html",
        "privat/print/index.html",
        "privat/vejledning/tjekliste/index.html",
    ] {
        assert!(run.exists(must), "{must}");
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_tricky_page_keeps_its_alignment_and_names_its_checkboxes_without_inline_style() {
    let run = built();
    let page = run.html("privat/vejledning/tjekliste/index.html");
    assert_eq!(select(&page, "th.align-left").len(), 1);
    assert_eq!(select(&page, "th.align-center").len(), 1);
    assert_eq!(select(&page, "td.align-right").len(), 1);
    let names: Vec<&str> = select(&page, "input[type=checkbox]")
        .iter()
        .filter_map(|input| input.value().attr("aria-label"))
        .collect();
    assert_eq!(names, ["Book lokalet", "Print mødepakken"]);
    assert!(!select(&page, "pre.code [class^='hl-']").is_empty());
    // The print button has no handler: it is hidden until the site's script shows it.
    let print = run.html("privat/print/index.html");
    let buttons = select(&print, "button[data-hb-print][hidden]");
    assert_eq!(buttons.len(), 1);
}
