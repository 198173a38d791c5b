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
