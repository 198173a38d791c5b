
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
