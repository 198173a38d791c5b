# Rendering: templates, the theme, the pages the site makes (src/render/).

template-error-rendering = template error while rendering { $page }: { $detail }
template-error = template error: { $detail }
template-error-hint = fix the template; if you did not change the theme, please report this as a bug
template-not-utf8 = this template is not UTF-8 text
template-not-utf8-hint = save it as UTF-8
rendering-chooser = the division chooser
rendering-print = the printable handbook
rendering-report = the adaptation report
theme-missing = there is no theme `{ $name }`
theme-missing-hint = create themes/{ $name }/ or remove `theme:` to use the built-in default theme
theme-no-labels = the theme has no labels for the language `{ $language }`
theme-no-labels-hint = use one of: { $known }, or add i18n/{ $language }.yaml to your theme
theme-unreadable = cannot read the theme: { $detail }
theme-unreadable-hint = check the theme folder's permissions
render-internal-error = internal error while rendering { $page }
render-internal-error-hint = this is a bug in handbook; please report it with this file
output-failed = { $detail }
search-failed = building the search index of { $site } failed: { $detail }
search-failed-hint = build with `--no-search` (or `search: false` in handbook.yaml) to go on without search, and report this
pdf-text-too-long = this text is too long for the printed handbook ({ $size } KiB; at most { $limit } KiB): the PDF shows a notice in its place
pdf-text-too-long-hint = split it into several pages, or leave it as it is if it is not meant for print
pdf-typeset-failed = cannot typeset { $path }: { $detail }
pdf-typeset-failed-hint = this is a bug in handbook; please report it (build with --no-pdf to go on meanwhile)
