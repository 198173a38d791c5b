# Markdown-tekster: overskrifter, tilgængelighed, kodeblokke, rå HTML, links (src/markdown/).

md-heading-id-twice = id'et `{ $id }` bruges to gange på denne side
md-heading-id-twice-hint = links til det når kun den første overskrift: giv hver `{ "{" }#id{ "}" }` sit eget navn
md-heading-jump = overskriftsniveauet springer fra h{ $from } til h{ $to }
md-heading-jump-hint = brug { $marks } her (sidens titel er den eneste h1), så skærmlæsere kan følge strukturen
md-image-no-alt = billedet har ingen alternativ tekst
md-image-no-alt-hint = beskriv billedet i de firkantede parenteser: ![Hvad billedet viser](fil.png)
md-vague-link-text = linkteksten `{ $text }` siger ikke, hvor linket fører hen
md-vague-link-text-hint = skriv en linktekst, der giver mening i sig selv, fx titlen på den side, linket fører til
md-bare-url-text = linkteksten er en bar URL
md-bare-url-text-hint = skærmlæsere læser URL'er op tegn for tegn: skriv [hvad siden er](https://...) i stedet
md-unknown-language = ukendt kodesprog `{ $language }`: vises som almindelig tekst
md-unknown-language-hint = brug et almindeligt navn som `yaml`, `json`, `bash`, `python`, `rust`, `html` eller `text`
md-code-too-large = kodeblokken er for stor til at blive farvelagt: vises som almindelig tekst
md-code-too-large-hint = del meget lange linjer eller blokke op, eller markér blokken som `text`
md-raw-html-denied = rå HTML er ikke tilladt i denne håndbog (`raw_html: deny`)
md-raw-html-denied-hint = skriv det i Markdown i stedet, eller bed HR om at tillade HTML i handbook.yaml
md-raw-html-too-much = siden har mere end { $max } rå HTML-tags: de vises som tekst, ikke som HTML
md-raw-html-too-much-hint = skriv siden i Markdown, eller del HTML'en ud på flere sider
md-dangerous-link = et link til en `{ $scheme }:`-URL blev fjernet
md-dangerous-link-hint = sådanne links kan køre kode i læserens browser; link til en side eller en https://-adresse
