
# Sider: filnavne, front matter og de nøgler, hver slags side må bruge (src/content/page.rs).

page-kind-front = forsiden
page-kind-section = en sektionsside
page-kind-experience = en oplevelsesside
page-kind-module = en modulside
page-kind-story = en historie
page-kind-audience = en målgruppes introduktion
page-kind-plain = en almindelig side
page-kind-experiences-home = oplevelsessider (experiences/NN-navn.md)
page-kind-modules-home = modulsider (modules/<id>.md)
page-allowed-keys = { $suggestion } (på { $kind })
page-name-audience-hint = giv filen navn efter en målgruppe: { $files }
page-name-experience-hint = omdøb filen, så navnet starter med oplevelsens nummer og en bindestreg
page-no-audience = `{ $file }` i audiences/ nævner ingen målgruppe ({ $suggestion })
page-experience-name = en oplevelsesfils navn starter med dens nummer, fx `03-linjeledere.md`; det gør `{ $file }` ikke
page-front-matter-open = front matter er ikke afsluttet
page-front-matter-open-hint = tilføj en linje med kun `---` efter den sidste nøgle i front matter
page-share-not-story = `share: true` er kun for historier om god praksis
page-share-not-story-hint = flyt filen til stories/ i din divisions mappe, eller fjern `share`
not-a-date = `{ $text }` er ikke en dato
page-review-by-hint = skriv datoen for sidens næste gennemgang som ÅÅÅÅ-MM-DD, fx `review_by: "2027-09-01"`
page-no-title = siden har ingen `title`
page-no-title-hint = start filen med front matter:
    ---
    title: Sidens titel
    ---
page-key-division-only-hint = `{ $key }` er til filer i en divisions mappe; fjern linjen
page-key-elsewhere-hint = `{ $key }` hører til på { $home }; fjern den her
page-key-not-allowed = `{ $key }` er ikke tilladt på { $kind }
page-locked-shared-only-hint = kun HR låser sider, i det fælles indhold; fjern linjen
page-owner-shared-only-hint = kun HR angiver en sides ejer og gennemgangsdato, i det fælles indhold; fjern linjen
page-key-shared-only = `{ $key }` er kun til fælles sider, ikke til en divisions filer

# Indlæsning af indholdet: hvad hver fil er, og hvad det fælles indhold nævner (src/content/mod.rs, checks.rs).

content-unused-yaml = handbook læser ikke denne YAML-fil
content-unused-yaml-hint = datafilerne er followup.yaml, calendar.yaml, business-case.yaml og approvals.yaml i content/ (og division.yaml i en divisions mappe)
content-experience-number-twice = oplevelse nummer { $number } bruges to gange: her og i { $file }
content-experience-number-twice-hint = giv hver oplevelse sit eget nummer først i filnavnet
content-no-experience = der er ingen oplevelse { $number }
content-no-experience-hint = oplevelserne har numrene { $numbers }
content-no-module = der er intet modul `{ $id }`
content-no-module-hint = et moduls id er dets filnavn under modules/ uden `.md`
content-path-did-you-mean = mente du `{ $path }`? Stier er relative til content/
content-path-example = skriv stien relativt til content/, fx `experiences/05-faelles-sprog.md`

# Divisionsmapper og division.yaml (src/content/mod.rs, division.rs).

division-loose-file = filer direkte i content/divisions/ hører ikke til nogen division
division-loose-file-hint = læg filen i en divisions mappe, content/divisions/<id>/
division-invalid-id = `{ $id }` er ikke et gyldigt navn på en divisionsmappe
division-invalid-id-hint = brug små bogstaver a-z, cifre og bindestreger, og start med et bogstav eller et ciffer (fx `privat`)
division-no-config = divisionsmappen `{ $id }` har ingen { $file }
division-no-config-hint = tilføj content/divisions/{ $id }/{ $file } med mindst `name: ...`
division-country-invalid = `{ $text }` er ikke en landekode
division-country-invalid-hint = skriv divisionens land som ISO 3166-kode med to bogstaver: en af { $known }
division-country-unknown = handbook kender ikke helligdagene i `{ $code }`: opfølgningens uger får ingen besked om helligdage
division-country-unknown-hint = de lande, handbook kender, er { $known }; fjern `country`, hvis divisionen ikke ligger i nogen af dem
division-followup-start-year = `followup_start: { $start }` ligger ikke i et år fra { $first } til { $last }
division-followup-start-year-hint = tjek årstallet for den mandag, opfølgningen starter, fx `followup_start: "2027-02-01"`

# Læsning af filer: hvor de fører hen, hvad de er, hvor store, i hvilken kodning (src/source.rs, src/content/walk.rs).

file-path-unreadable = kan ikke læse denne sti: { $reason }
file-path-unreadable-hint = tjek filens rettigheder, eller fjern et symlink, der peger i ring
file-symlink-loop = et symlink, der peger i ring
file-io-error = { $error }
file-same-name-unicode = denne fil og { $other } har samme navn, skrevet med forskellige Unicode-former
file-same-name-unicode-hint = behold den ene af dem: navnene ser ens ud, men det ene staver bogstaver som `å` med to tegn (sådan som macOS gør)
file-symlink-outside = dette symlink fører uden for håndbogens mappe
file-symlink-outside-hint = kopiér filen ind i håndbogen i stedet for at linke til den
file-not-regular = dette er { $kind }, ikke en almindelig fil
file-not-regular-hint = handbook læser kun almindelige filer: fjern den, eller erstat den med en fil
file-kind-folder = en mappe
file-kind-named-pipe = en navngiven pipe (FIFO)
file-kind-socket = en socket
file-kind-device = en enhed
file-kind-special = en speciel fil
file-too-big = filen er for stor ({ $size })
file-too-big-hint = handbook læser filer på højst { $max } ({ $limit } byte); denne fil har { $size } byte: del den op, eller gør den mindre
file-mebibytes = { $whole },{ $tenths } MiB
file-cannot-read = kan ikke læse filen: { $reason }
file-cannot-read-hint = tjek, at filen findes og kan læses
file-changed = den ændrede sig under bygningen ({ $was } byte ved indlæsningen, { $now } byte nu)
file-not-utf8 = filen er ikke UTF-8-tekst
file-not-utf8-hint = gem den som UTF-8 (i de fleste editorer: "Gem med kodning" -> UTF-8)
