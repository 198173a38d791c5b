# Sites: a division's overlay of local pages, links, output paths (src/resolve/, src/urls.rs).

## Links between pages, and handouts (src/resolve/links.rs).

link-rule = links are relative to this file, or start with @/ for content/
handout-unused = no page links to this handout
handout-unused-hint = link it from a module (`handouts:`), a follow-up week (`kit:`) or a page, or delete it
link-anchor-no-page = `#{ $fragment }` points into the page of { $key }, which this site does not have
link-anchor-no-page-hint = link to a page instead, e.g. `@/{ $key }#...`
link-to-draft = `{ $link }` links to a draft page
link-to-draft-hint = publish the page (remove `draft: true`), remove the link, or build with --drafts
link-division-only = `{ $link }` leads to a page that only division { $divisions } has
link-division-only-hint = shared pages cannot link to a division's own pages; link to a shared page instead
link-to-translation = `{ $link }` links to a translation, which is not a page of its own
link-to-translation-hint = link to the original, `{ $original }`: each division reads it in its own language
link-nowhere = `{ $link }` leads nowhere: there is no `{ $path }` in the handbook
link-nowhere-in-division = `{ $link }` leads nowhere: there is no `{ $path }` in this division's handbook
link-did-you-mean = did you mean `{ $link }`? ({ link-rule })
link-did-you-mean-path = did you mean `{ $link }` (content/{ $path })? ({ link-rule })
link-check-spelling = check the spelling; { link-rule }
link-division-folder = `{ $link }` names a division's folder
link-division-folder-hint = a division's files sit in the merged tree as if they were shared: write `@/guides/page.md`, not `@/divisions/<id>/guides/page.md`
link-climbs-out = `{ $link }` climbs out of the content folder
link-climbs-out-hint = remove a `../`: { link-rule }
link-no-heading = `{ $target }` has no heading `#{ $fragment }`
link-no-heading-here = this page has no heading `#{ $fragment }`
link-heading-did-you-mean = did you mean `#{ $id }`? Heading ids are lower case with `-` for spaces
link-no-headings = the page has no headings to link to; remove the `#...` part
link-heading-ids = ids on that page: { $ids }
link-heading-only-in-original = `{ $target }` has no heading `#{ $fragment }` in this division's language: only its original has it
link-heading-only-in-original-hint = give the translated heading the same id in { $translation } (`## Heading { "{" }#{ $fragment }{ "}" }`), or link to one of the translation's ids: { $ids }
link-handout-outside = the handout path `{ $path }` must stay inside content/handouts/
link-handout-missing = the handout `{ $path }` does not exist
link-kit-missing = the meeting kit `{ $path }` of week { $week } does not exist
link-handout-did-you-mean = did you mean `{ $path }`? Handout paths are relative to content/handouts/
link-handout-relative = handout paths are relative to content/handouts/, e.g. `moedepakker/uge-01.pdf`

## A division's local pages over the shared ones (src/resolve/overlay.rs).

local-hide-unknown = `hide` names `{ $path }`, which is not a shared page
local-hide-locked = `{ $path }` is locked by HR and cannot be hidden
local-hide-locked-hint = a division may add a local section to a locked page, but not hide or replace it
local-file-hidden = `{ $path }` is hidden in this division's division.yaml, so this file would never be shown
local-file-hidden-hint = remove the path from `hide`, or delete this file
local-replace-nothing = there is no shared page `{ $path }` to replace
local-replace-nothing-hint = remove `replace: true` to make this a local page, or move the file to the shared page's path
local-page-no-title-hint = this is a local page (the shared content has no page at this path), so it needs a title:
    ---
    title: ...
    ---
local-replace-locked = the shared page { $file } is locked and cannot be replaced
local-replace-locked-hint = remove `replace: true`: the file then becomes a local section shown after the shared text
local-experience-taken = experience number { $number } is already { $file }
local-experience-taken-hint = to adapt that experience, name your file `{ $path }` (a local section, or `replace: true`); a new local experience needs a number of its own
local-section-key = `{ $key }` does not apply to a local section
local-section-key-hint = a local section only adds text below the shared page; add `replace: true` to replace the page instead
local-required-missing = division `{ $division }` has no local section for `{ $page }`, which every division must add
local-required-missing-hint = create content/divisions/{ $division }/{ $page } describing your local implementation

## Output paths (src/resolve/routes.rs, src/urls.rs).

route-collision = { $first } and { $second } would both be written to `{ $path }`
route-collision-hint = rename or move one of them: URLs ignore upper/lower case, `x.md` and `x/_index.md` are the same page, and some names belong to the pages handbook makes
url-name-too-long = the output name `{ $name }...` would be { $bytes } bytes long; file systems allow { $max }
url-path-too-long = the output path would be { $bytes } bytes long; handbook writes at most { $max }
url-too-long-hint = shorten the file's name (or its folders' names); a shared story's name also gets its division's id and a dash in front

# What else writes an output path, as a collision names it.
route-owner-front = the front page
route-owner-section = the section page of content/{ $folder }
route-owner-audiences = the audience pages
route-owner-changes = the change log
route-owner-print = the printable handbook
route-owner-search = the search page
route-owner-not-found = the 404 page
route-owner-sitemap = the sitemap
route-owner-calendar-feed = the calendar feed (calendar.ics)
route-owner-followup-feed = the follow-up feed (followup.ics)
route-owner-pdf = the handbook as PDF
route-owner-change-feed = the change feed (changes.xml)
route-owner-search-index = the search index
route-owner-theme = the theme's files
route-owner-downloads = the downloads
route-owner-report = the adaptation report
route-owner-chooser = the division chooser
