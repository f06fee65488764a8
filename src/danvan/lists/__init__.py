"""Scoped lists, the kit's piece for every list page, API list and Excel export.

An area declares a list once (:class:`danvan.lists.spec.ScopedList`): its base queryset from the area's
selector (always ``Model.objects.visible_to(user, permission)``), its filters with Vietnamese labels, its
accent-free search over folded text, its sort keys, its page size and its export columns. From that one
declaration come the page's filter form and sorted, paginated list (:mod:`danvan.lists.views`), the API's
``count/page/page_size/results`` page (:mod:`danvan.lists.api`) and the Excel export, streamed in the
request for a few thousand rows and run as a background task with a progress bar above that
(:mod:`danvan.lists.exports`, :mod:`danvan.lists.tasks`).
"""
