"""The photographer's studio on the client's pages: `{% studio_brand as brand %}` in each
block that shows it (blocks do not share variables), and the gallery's cover hero.

The brand is looked up once per request: from `brand` when the view gives one (a closed
link's page, whose gallery it must not otherwise show), else from the page's `gallery`,
else the site's only studio (an unknown link)."""

from django import template

from gallery import branding

register = template.Library()

_MISSING = object()


@register.simple_tag(takes_context=True)
def studio_brand(context):
    given = context.get("brand")
    if given is not None:
        return given
    request = context.get("request")
    cached = getattr(request, "_studio_brand", _MISSING)
    if cached is not _MISSING:
        return cached
    gallery = context.get("gallery")
    brand = branding.gallery_brand(gallery=gallery) if gallery else branding.site_brand()
    if request is not None:
        request._studio_brand = brand
    return brand


@register.inclusion_tag("sharing/client/_hero.html")
def client_hero(gallery, cover, image_url):
    """The gallery's cover (`ClientGallery.cover`, shown at `image_url`: the proof, or the
    clean image once released), large, with its title and date over it (just the title
    and date while no photo is ready)."""
    return {"gallery": gallery, "cover": cover, "image_url": image_url}
