"""Values for a nonce'd <style> element (the CSP allows no `style` attribute)."""

import re
import string

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

_SAFE_CHARACTERS = string.ascii_letters + string.digits + "-_.:/?=&%~+,;"
_SAFE = frozenset(_SAFE_CHARACTERS)
# A value of safe characters only (a base64 placeholder, a signed URL) stays as it is.
_ALL_SAFE = re.compile(f"[{re.escape(_SAFE_CHARACTERS)}]*")


@register.filter
def css_url(value) -> str:
    """`url("...")` with every other character as a CSS escape, so a value can close
    neither the string nor the <style> element. (HTML entities mean nothing in <style>,
    so autoescaping would break `&` in signed URLs.)"""
    value = str(value)
    if _ALL_SAFE.fullmatch(value):
        return mark_safe(f'url("{value}")')  # noqa: S308 - every character is safe
    escaped = "".join(c if c in _SAFE else f"\\{ord(c):x} " for c in value)
    return mark_safe(f'url("{escaped}")')  # noqa: S308 - every unsafe character is escaped
