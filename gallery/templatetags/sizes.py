"""File sizes as a person writes them: "200 MB", "1.4 MB", "350 KB", never "200.0 MB".

Binary units under the usual names, as Django's `filesizeformat` and the upload page's
script count them, so the limit the page states is the limit the script applies.
"""

from django import template

register = template.Library()

UNITS = ("KB", "MB", "GB", "TB")


@register.filter
def file_size(value) -> str:
    try:
        size = float(value)
    except (TypeError, ValueError):
        return ""
    if size < 1024:
        return f"{int(size)} bytes"
    for unit in UNITS:
        size /= 1024
        if size < 1024 or unit == UNITS[-1]:
            break
    shown = round(size, 1) if size < 10 else round(size)
    return f"{shown:g} {unit}"
