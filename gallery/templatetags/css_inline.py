"""Values for a nonce'd <style> element (the CSP allows no `style` attribute)."""

import string

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

_SAFE = frozenset(string.ascii_letters + string.digits + "-_.:/?=&%~+,;")


@register.filter
def css_url(value) -> str:
    """`url("...")` with every other character as a CSS escape, so a value can close
    neither the string nor the <style> element. (HTML entities mean nothing in <style>,
    so autoescaping would break `&` in signed URLs.)"""
    escaped = "".join(c if c in _SAFE else f"\\{ord(c):x} " for c in str(value))
    return mark_safe(f'url("{escaped}")')  # noqa: S308 - every unsafe character is escaped
