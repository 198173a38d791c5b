# Rendering: templates, the theme, the pages the site makes (src/render/).

template-error-rendering = template error while rendering { $page }: { $detail }
template-error = template error: { $detail }
template-error-hint = fix the template; if you did not change the theme, please report this as a bug
template-not-utf8 = this template is not UTF-8 text
template-not-utf8-hint = save it as UTF-8
rendering-chooser = the division chooser
rendering-print = the printable handbook
rendering-report = the adaptation report
