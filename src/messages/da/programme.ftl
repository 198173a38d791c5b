# Programmet: opfølgningen, marketingkalenderen, business casen, handouts og de
# oplevelser, de nævner (src/content/programme.rs, src/resolve/programme.rs,
# src/content/handouts.rs).

## Opfølgning (followup.yaml, en divisions noter og `followup_start`)

followup-week-zero = ugenumrene starter ved 1
followup-week-zero-hint = nummerér ugerne 1, 2, 3, ...
followup-week-past-last = uge { $week } ligger efter uge { $max }
followup-week-past-last-hint = nummerér ugerne 1, 2, 3, ... uden huller
followup-week-twice = uge { $week } står der to gange (også på linje { $line })
followup-week-twice-hint = hvert ugenummer må kun stå der én gang; omnummerér, eller slå de to uger sammen
followup-skips = opfølgningen springer { $count ->
        [one] uge { $first }
       *[other] ugerne { $first } til { $last }
    } over: uge { $next } kommer derefter
followup-skips-hint = ugerne løber fra 1 uden huller: tilføj de manglende uger, eller omnummerér
followup-notes-no-week = den fælles opfølgning har ingen uge { $week }
followup-notes-no-week-hint = lokale noter hører til de fælles uger 1 til { $last }
followup-notes-no-plan = der er ingen fælles followup.yaml, som disse noter kan høre til
followup-notes-no-plan-hint = bed HR om den fælles opfølgningsplan, eller fjern denne fil
followup-start-hint = skriv den mandag, opfølgningen starter, som ÅÅÅÅ-MM-DD, fx `followup_start: "2027-02-01"`
followup-start-not-monday = `followup_start: { $start }` er ikke en mandag; ugerne starter mandag { $monday }
followup-start-not-monday-hint = angiv den mandag, forløbet starter, eller lad datoen stå: så bruges mandagen i den uge

## Marketingkalender (calendar.yaml og en divisions aktiviteter)

calendar-not-a-month = `{ $text }` er ikke en måned
calendar-start-hint = skriv planens første måned som ÅÅÅÅ-MM, fx `start: "2027-01"`
calendar-start-year = `start: { $month }` ligger ikke i et år fra { $first } til { $last }
calendar-start-year-hint = tjek årstallet for planens første måned, fx `start: "2027-01"`
calendar-month-hint = skriv den som ÅÅÅÅ-MM, fx `month: "2027-03"`
calendar-date-hint = skriv den som ÅÅÅÅ-MM-DD, fx `date: "2027-03-15"`
calendar-unknown-channel = ukendt kanal `{ $channel }`
# $channels: hver kanals id med dens navn på siden, "`event` (Arrangement), ...".
calendar-channel-named-hint = `{ $text }` er det, siden viser for `{ $id }`; skriv `channel: { $id }`. Kanalerne: { $channels }
calendar-channel-nearest-hint = mente du `{ $id }`? Kanalerne: { $channels }
calendar-channel-list-hint = skriv en af kanalerne: { $channels }
calendar-no-month-or-date = aktiviteten `{ $title }` har hverken `month` eller `date`
calendar-no-month-or-date-hint = tilføj `month: YYYY-MM`, eller `date: YYYY-MM-DD` for en bestemt dag
calendar-month-and-date = aktiviteten `{ $title }` har både `month` og `date`
calendar-month-and-date-hint = brug `date` til en bestemt dag eller `month` til noget i løbet af måneden
calendar-outside-plan = `{ $when }` ligger uden for planens tolv måneder ({ $first } til { $last })
calendar-outside-plan-hint = flyt aktiviteten ind i planen, eller ret `start` i calendar.yaml
calendar-outside-plan-local-hint = flyt aktiviteten ind i den fælles plans måneder; planens start fastlægges af HR
calendar-empty-month = ingen aktivitet i { $month }
calendar-empty-month-hint = planen skal holde emnet levende hver måned: tilføj mindst én aktivitet
calendar-local-no-plan = der er ingen fælles calendar.yaml, som disse aktiviteter kan indgå i
calendar-local-no-plan-hint = bed HR om den fælles marketingkalender, eller fjern denne fil

## Oplevelser, som opfølgningen, kalenderen og modulerne nævner

programme-no-experience = der er ingen oplevelse { $number }
# $numbers: numrene på de oplevelser, der findes, "1, 2, 3".
programme-experiences-hint = oplevelserne har numrene { $numbers }

## Business case (business-case.yaml)

business-too-few-segments = business casen skal have mindst to segmenter
business-too-few-segments-hint = angiv tilfredshedssegmenterne fra de mindst til de mest tilfredse
business-shift-not-percentage = `shift_pct: { $value }` er ikke en procentsats
business-shift-not-percentage-hint = angiv den andel af kunderne, der rykker ét segment op, mellem 0 og 100
business-out-of-range = `{ $key }: { $value }` ligger uden for det tilladte område
business-percentage-hint = angiv en procentsats mellem 0 og 100
business-amount-hint = angiv et tal fra 0 til { $max }
business-too-large = business casens summer er for store til at blive regnet ud
business-too-large-hint = tjek antallet af kunder og omsætningen pr. kunde

## Handouts (handouts/handouts.yaml)

handouts-no-such-file = der er ingen handout `{ $file }`
handouts-did-you-mean-hint = mente du `{ $nearest }`? `file` er relativ til content/handouts/
handouts-relative-hint = `file` er relativ til content/handouts/, fx `moedepakker/uge-01.pdf`
handouts-described-twice = `{ $file }` er beskrevet to gange
handouts-described-twice-hint = behold én post pr. handout
