# What the command line shows around the diagnostics: labels, the summary lines.

severity-error = error
severity-warning = warning
hint-label = hint
division-label = division { $id }
summary-problems = { $errors ->
        [one] 1 error
       *[other] { $errors } errors
    }, { $warnings ->
        [one] 1 warning
       *[other] { $warnings } warnings
    }

# The line that ends a run without errors.
summary-sites = { $sites ->
        [one] 1 site
       *[other] { $sites } sites
    }
summary-pages = { $pages ->
        [one] 1 page
       *[other] { $pages } pages
    }
summary-up-to-date = Up to date: nothing changed since the last build into { $output } ({ summary-sites }, { summary-pages })
summary-built = Built { summary-sites }, { summary-pages }, into { $output } in { $seconds } s ({ $written ->
        [one] 1 file
       *[other] { $written } files
    } written, { $unchanged } unchanged, { $removed } removed)
summary-checked = Checked { summary-sites }, { summary-pages }, in { $seconds } s: no errors{ $awaiting ->
        [0] {""}
        [one] ; 1 local item awaits approval (`handbook check --approvals` lists it)
       *[other] ; { $awaiting } local items await approval (`handbook check --approvals` lists them)
    }

# Commands that cannot run (exit status 2).
division-unknown = unknown division `{ $id }` ({ $known })
division-known = divisions: { $divisions }
division-none-known = this handbook has no divisions
today-bad-epoch = SOURCE_DATE_EPOCH is `{ $text }`, not a number of seconds since 1970 (unset it, or give --today YYYY-MM-DD)
approve-by-empty = --by names who approves; it is empty
approve-cannot-write = cannot write { $path }: { $detail }
approve-not-an-item = `{ $path }` is not a local item of division `{ $division }` (its items: { $count ->
        [0] none
       *[other] { $items }
    })

# `handbook check --approvals`, `handbook approve`, `handbook init`.
approvals-all = Every local item is approved ({ $count ->
        [one] 1 item
       *[other] { $count } items
    }).
approvals-waiting = Local items not approved ({ $count }):
approvals-changed-since = changed since approved by { $by } on { $date }
approvals-changed = changed since approval
approvals-unapproved = unapproved
approve-recorded = Recorded { $count ->
        [one] 1 local item
       *[other] { $count } local items
    } approved by { $by } on { $date } for division `{ $division }` in { $file }{ $removed_count ->
        [0] {""}
       *[other] ; removed the entries of items that no longer exist: { $removed }
    }
init-created = Created a new handbook in { $dir }.
    Next, build it and open { $page } in a browser:
    {"  "}{ $step }
init-install = (To type `handbook` instead, install it from its source folder with `cargo install --path .`.)
init-occupied = { $dir } exists and is not empty; choose a new folder

# `handbook serve`.
serve-exposed = serving on { $address }: anyone who can reach this machine on the network can read the handbook
serve-serving = Serving the handbook at { $url } (Ctrl+C to stop)
serve-rebuilt = Rebuilt in { $millis } ms

# handbook.yaml missing, `handbook translations --stamp`.
config-missing = no handbook.yaml in { $root }: is this a handbook folder? (`handbook init DIR` creates one)
config-unreadable = cannot read { $path }: { $detail }
stamp-unchanged = { $file } already names its original as it is now ({ $hash })
stamp-done = stamped { $file }: translated from { $hash }
stamp-not-a-translation = { $file } is not a translation of a shared file (`<path>.<language>.md`, `followup.<language>.yaml`, `calendar.<language>.yaml`, `business-case.<language>.yaml`, `handouts/handouts.<language>.yaml`)
stamp-no-original = { $file } has no original: there is no { $original }
stamp-not-utf8 = { $file } is not UTF-8 text
stamp-no-file = there is no file { $file } (paths are relative to the current folder or to the handbook)
stamp-outside-content = { $file } is not in the handbook's content folder
serve-cannot-open = cannot open { $path }: { $detail }
serve-cannot-listen = cannot listen on { $address }: { $detail } (is another preview running? `--port` chooses another port)
serve-cannot-watch = cannot watch files: { $detail }
serve-watcher-stopped = the file watcher stopped
