from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("sharing/manage/_gallery_links.html")
def sharing_links(gallery):
    """The Share and Selections buttons on the photographer's gallery page."""
    return {
        "gallery": gallery,
        "new_submissions": selectors.new_submissions_count(gallery=gallery),
    }
