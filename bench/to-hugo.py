#!/usr/bin/env python3
"""Convert a handbook (as made by examples/gen-handbook.rs) into a minimal Hugo site.

Usage: bench/to-hugo.py HANDBOOK_DIR HUGO_SITE_DIR

The Hugo site does comparable work to `handbook build`: one copy of the content per
division under `content/<division>/` (the division's merged tree: shared pages, local
sections appended to their page under a heading, local pages added), handouts copied as
static files per division, and a trivial layout that shows on every page the division's
sections and the pages of the current section (our theme's navigation), a table of
contents and the content. Code blocks are highlighted (Hugo's default), as ours are.

Not converted, because Hugo has no equivalent: the programme pages generated from YAML
(follow-up, calendar, business case, audience and handout lists, print page, report,
.ics files). Links stay as written (`@/x.md`, `../x.md`): Hugo does not check them.
A handbook without divisions becomes one copy under `content/site/`.

HUGO_SITE_DIR must not exist or be an earlier output of this script.
"""

import os
import re
import shutil
import sys

MARKER = ".to-hugo"

CONFIG = """\
baseURL = "https://handbook.example/"
title = "{title}"
locale = "da"
defaultContentLanguage = "da"
relativeURLs = true
disableKinds = ["taxonomy", "term", "rss"]
enableRobotsTXT = false

[markup.goldmark.renderer]
unsafe = false

[markup.highlight]
noClasses = false

[markup.tableOfContents]
startLevel = 2
endLevel = 3
"""

BASEOF = """\
<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<title>{{ .Title }} | {{ .Site.Title }}</title>
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<header><a href="{{ "" | relURL }}">{{ .Site.Title }}</a></header>
<nav class="sections">
{{- with .FirstSection }}
<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>
<ul>{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{- end }}
</nav>
<nav class="pages">
{{- with .CurrentSection }}
<ul>{{ range .RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{- end }}
</nav>
<main>
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
{{ .TableOfContents }}
{{ block "main" . }}{{ end }}
</main>
</body>
</html>
"""

SINGLE = """\
{{ define "main" }}{{ .Content }}{{ end }}
"""

LIST = """\
{{ define "main" }}{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ with .Params.summary }}: {{ . }}{{ end }}</li>{{ end }}</ul>
{{ end }}
"""


def split_front_matter(text):
    """(front matter lines including the --- fences, body) of a Markdown file."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end >= 0:
            return text[: end + 5], text[end + 5 :]
    return "", text


def hugo_path(rel):
    """Where a page at `rel` (relative to content/) goes in a Hugo section."""
    if rel == "index.md":
        return "_index.md"
    return rel


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, dst = sys.argv[1], sys.argv[2]
    content = os.path.join(src, "content")
    if os.path.exists(dst):
        if not os.path.exists(os.path.join(dst, MARKER)):
            sys.exit(f"{dst} exists and was not made by to-hugo.py")
        shutil.rmtree(dst)
    os.makedirs(dst)
    open(os.path.join(dst, MARKER), "w").write("made by bench/to-hugo.py\n")

    title = "Handbook"
    with open(os.path.join(src, "handbook.yaml"), encoding="utf-8") as f:
        m = re.search(r'^title:\s*"?(.*?)"?\s*$', f.read(), re.M)
        if m:
            title = m.group(1)
    with open(os.path.join(dst, "hugo.toml"), "w", encoding="utf-8") as f:
        f.write(CONFIG.format(title=title.replace('"', "")))
    layouts = os.path.join(dst, "layouts")
    os.makedirs(layouts)
    for name, text in [("baseof.html", BASEOF), ("single.html", SINGLE), ("list.html", LIST)]:
        with open(os.path.join(layouts, name), "w", encoding="utf-8") as f:
            f.write(text)
    os.makedirs(os.path.join(dst, "static"))
    with open(os.path.join(dst, "static", "style.css"), "w") as f:
        f.write("body{font-family:sans-serif;max-width:60rem;margin:auto}\n")

    # The shared tree: Markdown pages and handouts.
    shared_pages = {}
    shared_handouts = {}
    for dirpath, dirnames, filenames in os.walk(content):
        rel_dir = os.path.relpath(dirpath, content)
        if rel_dir == "divisions" or rel_dir.startswith("divisions" + os.sep):
            dirnames[:] = []
            continue
        for name in filenames:
            full = os.path.join(dirpath, name)
            rel = os.path.normpath(os.path.join(rel_dir, name)).replace(os.sep, "/")
            if rel.startswith("handouts/"):
                shared_handouts[rel] = full
            elif name.endswith(".md"):
                with open(full, encoding="utf-8") as f:
                    shared_pages[rel] = f.read()

    divisions_dir = os.path.join(content, "divisions")
    divisions = []
    if os.path.isdir(divisions_dir):
        divisions = sorted(
            d for d in os.listdir(divisions_dir) if os.path.isdir(os.path.join(divisions_dir, d))
        )
    if not divisions:
        divisions = [None]

    pages_written = 0
    out_content = os.path.join(dst, "content")
    # The root home page: the division chooser.
    os.makedirs(out_content)
    with open(os.path.join(out_content, "_index.md"), "w", encoding="utf-8") as f:
        f.write(f'---\ntitle: "{title}"\n---\n\nVælg din division.\n')
    for division in divisions:
        div_id = division or "site"
        name = div_id
        pages = dict(shared_pages)
        handouts = dict(shared_handouts)
        if division:
            div_root = os.path.join(divisions_dir, division)
            yaml_path = os.path.join(div_root, "division.yaml")
            if os.path.exists(yaml_path):
                with open(yaml_path, encoding="utf-8") as f:
                    m = re.search(r'^name:\s*"?(.*?)"?\s*$', f.read(), re.M)
                    if m:
                        name = m.group(1)
            for dirpath, _, filenames in os.walk(div_root):
                rel_dir = os.path.relpath(dirpath, div_root)
                for fname in filenames:
                    full = os.path.join(dirpath, fname)
                    rel = os.path.normpath(os.path.join(rel_dir, fname)).replace(os.sep, "/")
                    if rel.startswith("handouts/"):
                        handouts[rel] = full
                    elif fname.endswith(".md"):
                        with open(full, encoding="utf-8") as f:
                            text = f.read()
                        front, body = split_front_matter(text)
                        if rel in pages and not re.search(r"^replace:\s*true", front, re.M):
                            # a local section, appended under a heading
                            pages[rel] = (
                                pages[rel].rstrip("\n")
                                + f"\n\n## Lokal implementering — {name}\n\n"
                                + body.lstrip("\n")
                            )
                        else:
                            pages[rel] = text
        # Hugo makes only top-level folders sections by themselves; give every folder an
        # _index.md so that each is a section, as in our tool.
        for rel in list(pages):
            folder = os.path.dirname(rel)
            if folder and folder + "/_index.md" not in pages:
                pages[folder + "/_index.md"] = f'---\ntitle: "{folder}"\n---\n'
        base = os.path.join(out_content, div_id)
        for rel, text in pages.items():
            path = os.path.join(base, hugo_path(rel))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            if rel == "index.md":
                front, body = split_front_matter(text)
                text = f'---\ntitle: "{name}"\n---\n' + body
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            pages_written += 1
        for rel, full in handouts.items():
            path = os.path.join(dst, "static", div_id, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            shutil.copyfile(full, path)

    print(
        f"to-hugo: {pages_written} pages for {len(divisions)} division(s) in {dst}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
