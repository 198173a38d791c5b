# What the command line shows around the diagnostics: labels, the summary lines.

text = { $text }

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
summary-up-to-date = Up to date: nothing changed since the last build into { $output } ({ summary-sites }, { $pages } pages)
summary-built = Built { summary-sites }, { $pages } pages, into { $output } in { $seconds } s ({ $written } files written, { $unchanged } unchanged, { $removed } removed)
summary-checked = Checked { summary-sites }, { $pages } pages, in { $seconds } s: no errors{ $awaiting ->
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
