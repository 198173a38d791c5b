
# Pages: file names, front matter and the keys each kind of page may use (src/content/page.rs).

page-kind-front = the front page
page-kind-section = a section page
page-kind-experience = an experience page
page-kind-module = a module page
page-kind-story = a story
page-kind-audience = an audience's introduction
page-kind-plain = a plain page
page-kind-experiences-home = experience pages (experiences/NN-name.md)
page-kind-modules-home = module pages (modules/<id>.md)
page-allowed-keys = { $suggestion } (on { $kind })
page-name-audience-hint = name the file after an audience: { $files }
page-name-experience-hint = rename the file so it starts with the experience number and a dash
page-no-audience = `{ $file }` in audiences/ names no audience ({ $suggestion })
page-experience-name = an experience file's name starts with its number, like `03-linjeledere.md`; `{ $file }` does not
page-front-matter-open = the front matter is not closed
page-front-matter-open-hint = add a line with only `---` after the last front-matter key
page-share-not-story = `share: true` is only for best-practice stories
page-share-not-story-hint = move the file under stories/ in your division's folder, or remove `share`
not-a-date = `{ $text }` is not a date
page-review-by-hint = write the date the page is due for review as YYYY-MM-DD, e.g. `review_by: "2027-09-01"`
page-no-title = this page has no `title`
page-no-title-hint = start the file with front matter:
    ---
    title: The page's title
    ---
page-key-division-only-hint = `{ $key }` is for files in a division's folder; remove the line
page-key-elsewhere-hint = `{ $key }` belongs on { $home }; remove it here
page-key-not-allowed = `{ $key }` is not allowed on { $kind }
page-locked-shared-only-hint = only HR locks pages, in the shared content; remove the line
page-owner-shared-only-hint = only HR names a page's owner and review date, in the shared content; remove the line
page-key-shared-only = `{ $key }` is only for shared pages, not a division's files

# Loading the content: what each file is, and what the shared content names (src/content/mod.rs, checks.rs).

content-unused-yaml = handbook does not read this YAML file
content-unused-yaml-hint = data files are followup.yaml, calendar.yaml, business-case.yaml and approvals.yaml in content/ (and division.yaml in a division's folder)
content-experience-number-twice = experience number { $number } is used twice: here and in { $file }
content-experience-number-twice-hint = give each experience its own number at the start of the file name
content-no-experience = there is no experience { $number }
content-no-experience-hint = the experiences are numbered { $numbers }
content-no-module = there is no module `{ $id }`
content-no-module-hint = a module's id is its file name under modules/ without `.md`
content-path-did-you-mean = did you mean `{ $path }`? Paths are relative to content/
content-path-example = give the path relative to content/, e.g. `experiences/05-faelles-sprog.md`

# Division folders and division.yaml (src/content/mod.rs, division.rs).

division-loose-file = files directly in content/divisions/ belong to no division
division-loose-file-hint = put it in a division's folder, content/divisions/<id>/
division-invalid-id = `{ $id }` is not a valid division folder name
division-invalid-id-hint = use lower-case letters a-z, digits and dashes, starting with a letter or digit (e.g. `privat`)
division-no-config = the division folder `{ $id }` has no { $file }
division-no-config-hint = add content/divisions/{ $id }/{ $file } with at least `name: ...`
division-country-invalid = `{ $text }` is not a country code
division-country-invalid-hint = write the two-letter ISO 3166 code of the division's country: one of { $known }
division-country-unknown = handbook does not know the public holidays of `{ $code }`: the follow-up weeks get no holiday notices
division-country-unknown-hint = the countries it knows are { $known }; remove `country` if the division is in none of them
division-followup-start-year = `followup_start: { $start }` is not in a year from { $first } to { $last }
division-followup-start-year-hint = check the year of the Monday the follow-up starts, e.g. `followup_start: "2027-02-01"`

# Reading files: where they lead, what they are, how big, in which encoding (src/source.rs, src/content/walk.rs).

file-path-unreadable = cannot read this path: { $reason }
file-path-unreadable-hint = check the file's permissions, or remove a symlink that loops
file-symlink-loop = a symlink loop
file-io-error = { $error }
file-same-name-unicode = this file and { $other } have the same name, written with different Unicode forms
file-same-name-unicode-hint = keep one of them: their names look the same but one spells letters like `å` as two characters (as macOS does)
file-symlink-outside = this symlink leads outside the handbook folder
file-symlink-outside-hint = copy the file into the handbook instead of linking to it
file-not-regular = this is { $kind }, not a regular file
file-not-regular-hint = handbook reads only regular files: remove it or replace it with a file
file-kind-folder = a folder
file-kind-named-pipe = a named pipe (FIFO)
file-kind-socket = a socket
file-kind-device = a device
file-kind-special = a special file
file-too-big = this file is too big ({ $size })
file-too-big-hint = handbook reads files of at most { $max } ({ $limit } bytes); this one has { $size } bytes: split it or make it smaller
file-mebibytes = { $whole }.{ $tenths } MiB
file-cannot-read = cannot read this file: { $reason }
file-cannot-read-hint = check that the file exists and can be read
file-changed = it changed while building ({ $was } bytes when loaded, { $now } bytes now)
file-not-utf8 = this file is not UTF-8 text
file-not-utf8-hint = save it as UTF-8 (in most editors: "Save with encoding" -> UTF-8)
