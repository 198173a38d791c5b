
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
