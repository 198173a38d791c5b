# Gengivelse: skabeloner, temaet, de sider, sitet laver (src/render/).

template-error-rendering = skabelonfejl under gengivelsen af { $page }: { $detail }
template-error = skabelonfejl: { $detail }
template-error-hint = ret skabelonen; hvis du ikke har ændret temaet, så meld det som en fejl i handbook
template-not-utf8 = skabelonen er ikke UTF-8-tekst
template-not-utf8-hint = gem den som UTF-8
rendering-chooser = divisionsvælgeren
rendering-print = den printbare håndbog
rendering-report = tilpasningsrapporten
theme-missing = der findes intet tema `{ $name }`
theme-missing-hint = opret themes/{ $name }/, eller fjern `theme:` for at bruge det indbyggede standardtema
theme-no-labels = temaet har ingen tekster til sproget `{ $language }`
theme-no-labels-hint = brug et af: { $known }, eller tilføj i18n/{ $language }.yaml til dit tema
theme-unreadable = temaet kan ikke læses: { $detail }
theme-unreadable-hint = tjek rettighederne til temaets mappe
render-internal-error = intern fejl under gengivelsen af { $page }
render-internal-error-hint = dette er en fejl i handbook; meld den sammen med denne fil
output-failed = { $detail }
search-failed = søgeindekset for { $site } kunne ikke bygges: { $detail }
search-failed-hint = byg med `--no-search` (eller `search: false` i handbook.yaml) for at fortsætte uden søgning, og meld fejlen
pdf-text-too-long = denne tekst er for lang til den trykte håndbog ({ $size } KiB; højst { $limit } KiB): PDF'en viser en bemærkning i stedet
pdf-text-too-long-hint = del den op i flere sider, eller lad den være, hvis den ikke er beregnet til tryk
pdf-typeset-failed = { $path } kan ikke sættes: { $detail }
pdf-typeset-failed-hint = dette er en fejl i handbook; meld den (byg med --no-pdf for at fortsætte imens)

# Output-mappen: afvisninger, låsen, skrivefejl (src/output/).
output-cannot-write = outputtet kan ikke skrives: { $detail } under { $doing } af { $path }
output-doing-reading = læsning
output-doing-writing = skrivning
output-doing-creating = oprettelse
output-doing-clearing = tømning
output-doing-removing = fjernelse
output-cannot-read = { $path } kan ikke læses: { $detail }
output-zip-entry = zip-posten { $name } kan ikke laves: { $detail }
output-zip-finish = zip-filen kan ikke afsluttes: { $detail }
output-unusable = { $path } kan ikke bruges som output-mappe: { $detail }
output-dangling-link = { $path } kan ikke bruges som output-mappe: { $link } er et link, der ikke fører nogen steder hen ({ $detail })
output-named-that-is = { $output } (dvs. { $target })
output-refused = skriver ikke i { $folder }: { $why }
output-refused-root = den rummer selve håndbogen; vælg en mappe inde i den, fx `public`
output-refused-sources = den ligger i håndbogens mappe `{ $folder }`, og næste bygning ville læse outputtet som { $folder }; vælg en mappe som `public`
output-refused-not-folder = den er ikke en mappe
output-refused-handbook = den indeholder `{ $name }`, så den ligner en håndbog, ikke en output-mappe
output-refused-not-ours = mappen er ikke tom og er ikke skrevet af handbook; tøm den, eller vælg en anden `--output`
output-cannot-lock = output-mappen kan ikke låses ({ $path }): { $detail }
output-locked = en anden bygning til { $output } blev ikke færdig inden for { $seconds } s; vent på den, eller fjern { $path }, hvis ingen bygning kører
output-in-the-way = skriver ikke i { $output }: i vejen står ting, som handbook ikke har skrevet: { $things }{ $more ->
        [0] {""}
       *[other] {" "}og { $more } til
    }; handbook erstatter dem aldrig og skriver eller fjerner aldrig gennem et link; flyt dem væk, eller vælg en anden `--output`
output-in-the-way-item = { $path } ({ $what })
output-thing-symlink = et symbolsk link
output-thing-file-for-folder = en fil, hvor der skal være en mappe
output-thing-special = en speciel fil
output-thing-foreign-folder = en mappe, som handbook ikke har skrevet
output-thing-foreign-file = en fil, som handbook ikke har skrevet
output-thing-taken = en fil, som handbook ikke har skrevet, hvor den nye bygning skriver
output-thing-cannot-keep = en speciel fil, som handbook ikke kan beholde
output-internal-refusal = intern fejl: skriver ikke `{ $path }`
output-put-back = det tidligere output er, som det var
output-put-back-failed = det mislykkedes også at sætte det tidligere output tilbage ({ $detail }); næste bygning reparerer det
output-swap-failed = outputtet kan ikke skrives: { $detail } under flytningen af de nye filer ind i { $output }; { $outcome }
search-shared-pages = de sider, som { $count } divisioner deler
search-the-site = sitet
