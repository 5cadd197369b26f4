"""MkDocs hooks (mkdocs.yml `hooks:`): small fixes to plugins, each with the reason."""

from mkdocs.plugins import event_priority


@event_priority(-100)  # after static-i18n (50), which resets the switcher on every page
def on_page_context(context, page, config, nav):
    # static-i18n points the home pages' language switcher at absolute "/" and "/en/", which break
    # when the site is served from a sub-path; the alternate page's own URL is made relative by
    # Material's `url` filter like every other link.
    # (static-i18n sets `config.extra.alternate` as an attribute, which templates read first.)
    for alternate in getattr(config.extra, "alternate", None) or []:
        target = getattr(page.file, "alternates", {}).get(alternate["lang"])
        if target is not None:
            alternate["link"] = target.url or "./"
    return context
