# Oversættelser af det fælles indhold: deres filer, stempler og det, de nævner
# (src/content/translation/, src/content/mod.rs).

translation-stamp-invalid = `translated_from: { $text }` er ikke en kildehash
translation-stamp-invalid-hint = det er de første { $digits } hexcifre af SHA-256 for originalfilen; `handbook translations --stamp` skriver den, når oversættelsen svarer til originalen
translation-stamp-missing = oversættelsen siger ikke, hvilken version af originalen den oversætter (`translated_from`)
translation-stamp-missing-hint = indtil den gør det, får læserne at vide, at originalen kan have ændret sig; `handbook translations --stamp` skriver den, når oversættelsen svarer til originalen
translation-fact-module-only = `{ $key }` oversættes kun på modulsider
translation-fact-module-only-hint = fjern linjen: originalen har ingen sådan oplysning at oversætte
translation-unknown-key = ukendt nøgle `{ $key }` i en oversættelse
translation-source-key-hint = `{ $key }` kommer fra originalen, content/{ $source }: en oversættelse har kun de tekster, læseren ser ({ $allowed })
translation-own-language = dette er en oversættelse til `{ $language }`, håndbogens eget sprog
translation-own-language-hint = divisioner på håndbogens sprog læser originalen; slet filen, eller omdøb den, hvis den er en selvstændig side
translation-no-original = denne oversættelse til `{ $language }` har ingen original: der findes ingen content/{ $source }
translation-no-original-hint = En oversættelse ligger ved siden af sin original og har sproget foran filendelsen; en selvstændig side må ikke ende på `.<language>.md`
translation-no-original-nearest-hint = ville du oversætte `{ $path }`? Så skal filen hedde `{ $name }`. En oversættelse ligger ved siden af sin original og har sproget foran filendelsen; en selvstændig side må ikke ende på `.<language>.md`
translation-no-week = den oprindelige opfølgning har ingen uge { $week }
translation-no-week-hint = oversæt ugerne i { $file }: de er nummereret fra 1 til { $last }
translation-week-twice = uge { $week } er oversat to gange
translation-week-twice-hint = behold én oversættelse af hver uge
translation-no-activity = ingen fælles aktivitet har id'et `{ $id }`
translation-activity-no-ids-hint = giv den fælles aktivitet et `id:` i { $file }, og brug det her
translation-activity-ids-hint = { $suggestion } (`id`'erne i { $file })
translation-activity-twice = aktiviteten `{ $id }` er oversat to gange
translation-activity-twice-hint = behold én oversættelse af hver aktivitet
translation-segments-past = den oprindelige business case har { $count ->
        [one] { $count } segment
       *[other] { $count } segmenter
    }; denne oversættelse nævner flere
translation-segments-past-hint = oversæt navnene på segmenterne i { $file }, i samme rækkefølge
translation-activity-id-twice = aktivitets-id'et `{ $id }` bruges to gange (også på linje { $line })
translation-activity-id-twice-hint = giv hver aktivitet sit eget id: oversættelserne finder deres aktivitet ud fra det
translation-division-own = en divisions egne filer oversættes ikke
translation-division-own-hint = skriv divisionens tekst på dens eget sprog som `{ $source }`; oversættelser af fælles filer ligger ved siden af dem i content/, fx content/{ $path }
