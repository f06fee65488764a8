"""``{% sort_header listing "name" %}``: a column header that sorts the list by its key, and says how."""

from __future__ import annotations

from django import template
from django.http import QueryDict
from django.utils.html import format_html
from django.utils.translation import gettext as _

from danvan.lists.spec import SORT_PARAM, BoundList

register = template.Library()


@register.simple_tag(takes_context=True)
def sort_header(context: template.Context, listing: BoundList, key: str, css: str = "text-nowrap") -> str:
    label = listing.spec.sort_labels[key]
    current = listing.sort.removeprefix("-") == key
    descending = listing.sort.startswith("-")
    query: QueryDict = context["request"].GET.copy()
    query.pop("page", None)
    query[SORT_PARAM] = f"-{key}" if current and not descending else key
    if current:
        state, arrow, hint = ("descending", "▼", _("giảm dần")) if descending else ("ascending", "▲", _("tăng dần"))
        return format_html(
            '<th scope="col" class="{}" aria-sort="{}"><a href="?{}" class="link-body-emphasis">{} '
            '<span aria-hidden="true">{}</span><span class="visually-hidden">({})</span></a></th>',
            css, state, query.urlencode(), label, arrow, hint,
        )  # fmt: skip
    return format_html(
        '<th scope="col" class="{}"><a href="?{}" class="link-body-emphasis">{}</a></th>', css, query.urlencode(), label
    )
