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
