"""``make bench``: build time, authoring loop, page weight and Lighthouse against mkdocs-static-i18n."""
