"""The workflow kit: a record's life-cycle as data, and the one locked path that moves it.

An area declares a :class:`~danvan.workflow.machine.Machine` (states, actions, and for each action
the right it needs, the states it leaves, the kinds it applies to, its parameters, its service and
its legal basis). :func:`~danvan.workflow.engine.transition` is then the only way a record changes
state; the page's action forms, the API's ``POST …/transitions/{action}``, bulk actions,
``allowed_actions`` and "who acts next" all come from the same definition.
"""
