# Gengivelse: skabeloner, temaet, de sider, sitet laver (src/render/).

template-error-rendering = skabelonfejl under gengivelsen af { $page }: { $detail }
template-error = skabelonfejl: { $detail }
template-error-hint = ret skabelonen; hvis du ikke har ændret temaet, så meld det som en fejl i handbook
template-not-utf8 = skabelonen er ikke UTF-8-tekst
template-not-utf8-hint = gem den som UTF-8
rendering-chooser = divisionsvælgeren
rendering-print = den printbare håndbog
rendering-report = tilpasningsrapporten
