# Det, kommandolinjen viser omkring fejl og advarsler: betegnelser og opsummeringen.

severity-error = fejl
severity-warning = advarsel
hint-label = tip
division-label = division { $id }
summary-problems = { $errors ->
        [one] 1 fejl
       *[other] { $errors } fejl
    }, { $warnings ->
        [one] 1 advarsel
       *[other] { $warnings } advarsler
    }

# Linjen, der afslutter en kørsel uden fejl.
summary-sites = { $sites ->
        [one] 1 site
       *[other] { $sites } sites
    }
summary-pages = { $pages ->
        [one] 1 side
       *[other] { $pages } sider
    }
summary-up-to-date = Allerede ajour: intet er ændret siden sidste bygning til { $output } ({ summary-sites }, { summary-pages })
summary-built = Byggede { summary-sites }, { summary-pages }, til { $output } på { $seconds } s ({ $written ->
        [one] 1 fil
       *[other] { $written } filer
    } skrevet, { $unchanged } uændrede, { $removed } fjernet)
summary-checked = Tjekkede { summary-sites }, { summary-pages }, på { $seconds } s: ingen fejl{ $awaiting ->
        [0] {""}
        [one] ; 1 lokalt punkt venter på godkendelse (`handbook check --approvals` viser det)
       *[other] ; { $awaiting } lokale punkter venter på godkendelse (`handbook check --approvals` viser dem)
    }

# Kommandoer, der ikke kan køre (afslutningskode 2).
division-unknown = ukendt division `{ $id }` ({ $known })
division-known = divisioner: { $divisions }
division-none-known = håndbogen har ingen divisioner
today-bad-epoch = SOURCE_DATE_EPOCH er `{ $text }`, ikke et antal sekunder siden 1970 (fjern den, eller angiv --today ÅÅÅÅ-MM-DD)
approve-by-empty = --by angiver, hvem der godkender; den er tom
approve-cannot-write = { $path } kan ikke skrives: { $detail }
approve-not-an-item = `{ $path }` er ikke et lokalt punkt i divisionen `{ $division }` (dens punkter: { $count ->
        [0] ingen
       *[other] { $items }
    })

# `handbook check --approvals`, `handbook approve`, `handbook init`.
approvals-all = Alle lokale punkter er godkendt ({ $count ->
        [one] 1 punkt
       *[other] { $count } punkter
    }).
approvals-waiting = Lokale punkter, der ikke er godkendt ({ $count }):
approvals-changed-since = ændret siden godkendelsen af { $by } { $date }
approvals-changed = ændret siden godkendelsen
approvals-unapproved = ikke godkendt
approve-recorded = Registrerede { $count ->
        [one] 1 lokalt punkt
       *[other] { $count } lokale punkter
    } som godkendt af { $by } { $date } for divisionen `{ $division }` i { $file }{ $removed_count ->
        [0] {""}
       *[other] ; fjernede linjerne for punkter, der ikke findes mere: { $removed }
    }
init-created = Oprettede en ny håndbog i { $dir }.
    Byg den derefter, og åbn { $page } i en browser:
    {"  "}{ $step }
init-install = (For at kunne skrive `handbook` i stedet skal du installere det fra kildemappen med `cargo install --path .`.)
init-occupied = { $dir } findes og er ikke tom; vælg en ny mappe

# `handbook serve`.
serve-exposed = serverer på { $address }: alle, der kan nå denne maskine på netværket, kan læse håndbogen
serve-serving = Håndbogen vises på { $url } (Ctrl+C for at stoppe)
serve-rebuilt = Bygget igen på { $millis } ms

# handbook.yaml mangler, `handbook translations --stamp`.
config-missing = der er ingen handbook.yaml i { $root }: er det en håndbogsmappe? (`handbook init MAPPE` opretter en)
config-unreadable = { $path } kan ikke læses: { $detail }
stamp-unchanged = { $file } nævner allerede sin original, som den er nu ({ $hash })
stamp-done = stemplede { $file }: oversat fra { $hash }
stamp-not-a-translation = { $file } er ikke en oversættelse af en fælles fil (`<sti>.<sprog>.md`, `followup.<sprog>.yaml`, `calendar.<sprog>.yaml`, `business-case.<sprog>.yaml`, `handouts/handouts.<sprog>.yaml`)
stamp-no-original = { $file } har ingen original: der findes ingen { $original }
stamp-not-utf8 = { $file } er ikke UTF-8-tekst
stamp-no-file = der findes ingen fil { $file } (stier er i forhold til den aktuelle mappe eller til håndbogen)
stamp-outside-content = { $file } ligger ikke i håndbogens content-mappe
serve-cannot-open = { $path } kan ikke åbnes: { $detail }
serve-cannot-listen = kan ikke lytte på { $address }: { $detail } (kører der allerede en forhåndsvisning? `--port` vælger en anden port)
serve-cannot-watch = filerne kan ikke overvåges: { $detail }
serve-watcher-stopped = overvågningen af filerne stoppede
