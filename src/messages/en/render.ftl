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

# The output folder: refusals, the lock, write errors (src/output/).
output-cannot-write = cannot write the output: { $detail } while { $doing } { $path }
output-doing-reading = reading
output-doing-writing = writing
output-doing-creating = creating
output-doing-clearing = clearing
output-doing-removing = removing
output-cannot-read = cannot read { $path }: { $detail }
output-zip-entry = cannot make a zip entry { $name }: { $detail }
output-zip-finish = cannot finish a zip file: { $detail }
output-unusable = cannot use { $path } as the output folder: { $detail }
output-dangling-link = cannot use { $path } as the output folder: { $link } is a link that leads nowhere ({ $detail })
output-named-that-is = { $output } (that is { $target })
output-refused = refusing to write into { $folder }: { $why }
output-refused-root = it holds the handbook itself; choose a folder inside it such as `public`
output-refused-sources = it is inside the handbook's `{ $folder }` folder, and the next build would read the output as { $folder }; choose a folder such as `public`
output-refused-not-folder = it is not a folder
output-refused-handbook = it contains `{ $name }`, so it looks like a handbook, not an output folder
output-refused-not-ours = the folder is not empty and was not written by handbook; empty it or choose another `--output`
output-cannot-lock = cannot lock the output folder ({ $path }): { $detail }
output-locked = another build into { $output } did not finish within { $seconds } s; wait for it, or remove { $path } if no build is running
output-in-the-way = refusing to write into { $output }: in the way are things handbook did not write: { $things }{ $more ->
        [0] {""}
       *[other] {" "}and { $more } more
    }; it never replaces them, nor writes or removes through a link; move them away or choose another `--output`
output-in-the-way-item = { $path } ({ $what })
output-thing-symlink = a symbolic link
output-thing-file-for-folder = a file where a folder belongs
output-thing-special = a special file
output-thing-foreign-folder = a folder handbook did not write
output-thing-foreign-file = a file handbook did not write
output-thing-taken = a file handbook did not write, where the new build writes
output-thing-cannot-keep = a special file handbook cannot keep
output-internal-refusal = internal error: refusing to write `{ $path }`
output-put-back = the previous output is as it was
output-put-back-failed = putting the previous output back failed too ({ $detail }); the next build repairs it
output-swap-failed = cannot write the output: { $detail } while moving the new files into { $output }; { $outcome }
search-shared-pages = the pages shared by { $count } divisions
search-the-site = the site
