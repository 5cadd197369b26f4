"""The site's MkDocs hooks (mkdocs.yml `hooks:`): one module per feature, on public APIs.

- every_language.py: a page missing in one language fails the build, naming it.
- build_once.py: what both languages' builds compute alike is computed once per build.
- notebook_pages.py: each committed notebook shown as a page beside its lesson.
- walk_figures.py: a walk's picture becomes a figure that steps through it.
- maths.py: formulas become MathML when the site is built.
- page_context.py: what every page's template reads (switcher, hreflang, dates, translation).
- not_found.py: one 404 page that speaks the language of the address it is served at.
- search.py: one search index per language, exercise solutions left out, lunr's word trie fixed.
- llms_txt.py: an llms.txt per language.

Importing `tools`: MkDocs loads a hook by its path, with only the hook's own folder on sys.path,
so each hook puts the repository first (three lines at its top). That works for `mkdocs build`,
`mkdocs serve`, `python -m mkdocs` and the deploy workflow alike; installing the project would too,
but would tie the one shared virtual environment to one checkout.

State: MkDocs keeps a hook module for the life of the process (`mkdocs serve` rebuilds with the
same module), and static-i18n builds every other language inside the first one's build. What a
hook keeps lives for one build, both languages, and is cleared when the next build starts
(i18n.outermost): no page is ever made from a previous build's state, and nothing is
written outside the site.
"""
