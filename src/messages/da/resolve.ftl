# Sites: en divisions lokale sider oven på de fælles, links, outputstier (src/resolve/, src/urls.rs).

## Links mellem sider, og handouts (src/resolve/links.rs).

link-rule = links regnes fra denne fil, eller starter med @/ for content/
handout-unused = ingen side linker til denne handout
handout-unused-hint = link til den fra et modul (`handouts:`), en opfølgningsuge (`kit:`) eller en side, eller slet den
link-anchor-no-page = `#{ $fragment }` peger ind i siden for { $key }, som dette site ikke har
link-anchor-no-page-hint = link til en side i stedet, fx `@/{ $key }#...`
link-to-draft = `{ $link }` linker til en kladde
link-to-draft-hint = udgiv siden (fjern `draft: true`), fjern linket, eller byg med --drafts
link-division-only = `{ $link }` fører til en side, som kun division { $divisions } har
link-division-only-hint = fælles sider kan ikke linke til en divisions egne sider; link til en fælles side i stedet
link-to-translation = `{ $link }` linker til en oversættelse, som ikke er en side for sig
link-to-translation-hint = link til originalen, `{ $original }`: hver division læser den på sit eget sprog
link-nowhere = `{ $link }` fører ingen steder hen: der er ingen `{ $path }` i håndbogen
link-nowhere-in-division = `{ $link }` fører ingen steder hen: der er ingen `{ $path }` i denne divisions håndbog
link-did-you-mean = mente du `{ $link }`? ({ link-rule })
link-did-you-mean-path = mente du `{ $link }` (content/{ $path })? ({ link-rule })
link-check-spelling = tjek stavningen; { link-rule }
link-division-folder = `{ $link }` nævner en divisions mappe
link-division-folder-hint = en divisions filer ligger i det samlede træ, som om de var fælles: skriv `@/guides/page.md`, ikke `@/divisions/<id>/guides/page.md`
link-climbs-out = `{ $link }` går op uden for content-mappen
link-climbs-out-hint = fjern en `../`: { link-rule }
link-no-heading = `{ $target }` har ingen overskrift `#{ $fragment }`
link-no-heading-here = denne side har ingen overskrift `#{ $fragment }`
link-heading-did-you-mean = mente du `#{ $id }`? Overskrifters id'er skrives med små bogstaver og `-` i stedet for mellemrum
link-no-headings = siden har ingen overskrifter at linke til; fjern `#...`-delen
link-heading-ids = id'er på den side: { $ids }
link-heading-only-in-original = `{ $target }` har ingen overskrift `#{ $fragment }` på denne divisions sprog: kun originalen har den
link-heading-only-in-original-hint = giv den oversatte overskrift samme id i { $translation } (`## Overskrift { "{" }#{ $fragment }{ "}" }`), eller link til et af oversættelsens id'er: { $ids }
link-handout-outside = handout-stien `{ $path }` skal blive inden for content/handouts/
link-handout-missing = handouten `{ $path }` findes ikke
link-kit-missing = mødepakken `{ $path }` for uge { $week } findes ikke
link-handout-did-you-mean = mente du `{ $path }`? Handout-stier regnes fra content/handouts/
link-handout-relative = handout-stier regnes fra content/handouts/, fx `moedepakker/uge-01.pdf`

## En divisions lokale sider oven på de fælles (src/resolve/overlay.rs).

local-hide-unknown = `hide` nævner `{ $path }`, som ikke er en fælles side
local-hide-locked = `{ $path }` er låst af HR og kan ikke skjules
local-hide-locked-hint = en division kan tilføje et lokalt afsnit til en låst side, men ikke skjule eller erstatte den
local-file-hidden = `{ $path }` er skjult i denne divisions division.yaml, så filen ville aldrig blive vist
local-file-hidden-hint = fjern stien fra `hide`, eller slet filen
local-replace-nothing = der er ingen fælles side `{ $path }` at erstatte
local-replace-nothing-hint = fjern `replace: true` for at gøre den til en lokal side, eller flyt filen til den fælles sides sti
local-page-no-title-hint = dette er en lokal side (det fælles indhold har ingen side på denne sti), så den skal have en titel:
    ---
    title: ...
    ---
local-replace-locked = den fælles side { $file } er låst og kan ikke erstattes
local-replace-locked-hint = fjern `replace: true`: så bliver filen et lokalt afsnit, der vises efter den fælles tekst
local-experience-taken = oplevelse nummer { $number } er allerede { $file }
local-experience-taken-hint = for at tilpasse den oplevelse skal du kalde din fil `{ $path }` (et lokalt afsnit, eller `replace: true`); en ny lokal oplevelse skal have sit eget nummer
local-section-key = `{ $key }` gælder ikke for et lokalt afsnit
local-section-key-hint = et lokalt afsnit tilføjer kun tekst under den fælles side; tilføj `replace: true` for at erstatte siden i stedet
local-required-missing = division `{ $division }` har intet lokalt afsnit til `{ $page }`, som alle divisioner skal tilføje
local-required-missing-hint = opret content/divisions/{ $division }/{ $page } med en beskrivelse af jeres lokale gennemførelse

## Outputstier (src/resolve/routes.rs, src/urls.rs).

route-collision = { $first } og { $second } ville begge blive skrevet til `{ $path }`
route-collision-hint = omdøb eller flyt en af dem: URL'er skelner ikke mellem store og små bogstaver, `x.md` og `x/_index.md` er den samme side, og nogle navne hører til de sider, handbook selv laver
url-name-too-long = outputnavnet `{ $name }...` ville blive { $bytes } bytes langt; filsystemer tillader { $max }
url-path-too-long = outputstien ville blive { $bytes } bytes lang; handbook skriver højst { $max }
url-too-long-hint = forkort filens navn (eller mappernes navne); en delt histories navn får også divisionens id og en bindestreg foran

# Hvad der ellers skriver til en outputsti, som en kollision nævner det.
route-owner-front = forsiden
route-owner-section = sektionssiden for content/{ $folder }
route-owner-audiences = målgruppesiderne
route-owner-changes = ændringsloggen
route-owner-print = den printbare håndbog
route-owner-search = søgesiden
route-owner-not-found = 404-siden
route-owner-sitemap = sitemap'et
route-owner-calendar-feed = kalenderfeedet (calendar.ics)
route-owner-followup-feed = opfølgningsfeedet (followup.ics)
route-owner-pdf = håndbogen som PDF
route-owner-change-feed = ændringsfeedet (changes.xml)
route-owner-search-index = søgeindekset
route-owner-theme = temaets filer
route-owner-downloads = downloadfilerne
route-owner-report = tilpasningsrapporten
route-owner-chooser = divisionsvælgeren
