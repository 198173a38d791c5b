# Markdown bodies: headings, accessibility, code blocks, raw HTML, links (src/markdown/).

md-heading-id-twice = the id `{ $id }` is used twice on this page
md-heading-id-twice-hint = links to it reach only the first heading: give each `{ "{" }#id{ "}" }` its own name
md-heading-jump = the heading level jumps from h{ $from } to h{ $to }
md-heading-jump-hint = use { $marks } here (the page title is the only h1), so screen readers can follow the outline
md-image-no-alt = this image has no alternative text
md-image-no-alt-hint = describe the image in the brackets: ![What the picture shows](file.png)
md-vague-link-text = the link text `{ $text }` does not say where the link goes
md-vague-link-text-hint = write link text that makes sense on its own, such as the title of the page it leads to
md-bare-url-text = the link text is a bare URL
md-bare-url-text-hint = screen readers read URLs letter by letter: write [what the page is](https://...) instead
md-unknown-language = unknown code language `{ $language }`: shown as plain text
md-unknown-language-hint = use a common name such as `yaml`, `json`, `bash`, `python`, `rust`, `html`, or `text`
md-code-too-large = this code block is too large to highlight: shown as plain text
md-code-too-large-hint = split very long lines or blocks, or mark the block as `text`
md-raw-html-denied = raw HTML is not allowed in this handbook (`raw_html: deny`)
md-raw-html-denied-hint = write it in Markdown instead, or ask HR to allow HTML in handbook.yaml
md-raw-html-too-much = this page has more than { $max } raw HTML tags: they are shown as text, not as HTML
md-raw-html-too-much-hint = write the page in Markdown, or split the HTML over several pages
md-dangerous-link = a link to a `{ $scheme }:` URL was removed
md-dangerous-link-hint = such links can run code in the reader's browser; link to a page or an https:// address
