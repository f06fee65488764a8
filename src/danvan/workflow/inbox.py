"""The officer's inbox: what waits for whom, told by each area's workflow.

An area registers a :class:`Feed` for its machine: the records a user may see, who a step is assigned
to, the records a user follows, the due date. From the machine's table the inbox then knows, without
any code of the area's own:

* **what waits for me** — the open records on which I may take a step now: in a state the step
  leaves, of a kind it applies to, within the scope where I hold its right, and assigned to me (or to
  nobody yet, where the step is anybody's in scope);
* **overdue** and **due soon** among those and among the records I follow;
* **what waits for others that I follow** (I received it, I handle it), with who it waits for;
* **who to remind** of a record that is due: the people its next step is assigned to, else those who
  hold the step's right over its unit — the daily reminder reads this, so the bell and the e-mail
  say what the inbox says.

Counts are ``COUNT`` queries; only the few items shown are loaded, and for those the engine's exact
check (guards included) chooses the button.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from danvan.accounts import access
from danvan.core.calendar import add_working_days
from danvan.core.selectors import current_calendar
from danvan.core.services import notify
from danvan.core.text import format_date
from danvan.workflow.engine import allowed_actions, waiting_for
from danvan.workflow.machine import Action, Machine

#: "Due soon": due within this many working days (``DANVAN_DUE_SOON_WORKING_DAYS``, 3 by default).
DUE_SOON_WORKING_DAYS: int = getattr(settings, "DANVAN_DUE_SOON_WORKING_DAYS", 3)
#: Items shown per group (the counts are always whole; the list links to the rest).
SHOWN = 8


def _nobody(right: str, user: Any) -> Q | None:
    return None


@dataclass(frozen=True)
class Feed:
    """What one area tells the inbox about its records."""

    machine: Machine
    #: The records ``user`` may see (the area's selector: its scope, its sealed cases…). Each record once:
    #: the inbox counts rows, so neither this nor ``assigned`` and ``involved`` may join a many-valued
    #: relation (write it as ``Exists``).
    visible: Callable[[Any], QuerySet[Any]]
    #: The page of one record, and the page of one step on it (the action's form).
    url: Callable[[Any], str]
    act_url: Callable[[Any, str], str]
    #: The list page, filtered to a queue ("mine", "overdue", "due_soon") where the area has one.
    list_url: Callable[[str], str] | None = None
    #: How a record is named in the inbox ("Vụ việc 12/TD — tranh chấp đất").
    title: Callable[[Any], str] = str
    #: The lookup from a record to its unit's path.
    path: str = "unit__path"
    #: For a right whose steps are assigned to people: the records assigned to ``user`` (``None``:
    #: anybody holding the right in scope may take the step).
    assigned: Callable[[str, Any], Q | None] = _nobody
    #: The records ``user`` follows: received, created, handles, leads.
    involved: Callable[[Any], Q] | None = None
    #: The date field that a step is due by, and the states in which the record is still open.
    due_field: str | None = None
    open_states: frozenset[str] = frozenset()
    #: What a record is called in the reminder ("Vụ việc 12/TD (phường Đức Xuân)").
    describe: Callable[[Any], str] | None = None
    #: The new records one may start from the home page, given the request (or the user): (label, url)
    #: pairs ("Vào sổ đơn mới").
    starts: Callable[[Any], list[tuple[str, str]]] | None = None

    @property
    def name(self) -> str:
        return self.machine.name


_FEEDS: dict[str, Feed] = {}


def register(feed: Feed) -> Feed:
    """Called once by each area (its ``AppConfig.ready``)."""
    _FEEDS[feed.name] = feed
    return feed


def feeds() -> list[Feed]:
    return list(_FEEDS.values())


def _action_q(feed: Feed, action: Action, user: Any) -> Q | None:
    """The records on which ``user`` may take ``action`` now (queryset level: guards are checked per item)."""
    if action.right not in access.user_permissions(user):
        return None
    machine = feed.machine
    q = Q(**{f"{machine.state_field}__in": sorted(action.sources)})
    if action.kinds is not None:
        q &= Q(kind__in=sorted(action.kinds))
    scope = access.scope_for(user, action.right)
    if scope.is_empty:
        return None
    if not scope.everything:
        q &= scope.q(feed.path)
    assigned = feed.assigned(action.right, user)
    return q & assigned if assigned is not None else q


def todo_q(feed: Feed, user: Any) -> Q | None:
    """What waits for ``user`` in ``feed``: the records whose expected step (:attr:`Machine.expected`,
    the first that applies to the record's kind) ``user`` may take. In a state with no expected step,
    any step that moves the record on. An alternative the user could also take (a leader may decide
    a case the handler has yet to verify, anyone may discontinue a model) does not make it wait."""
    machine = feed.machine
    found: Q | None = None

    def add(q: Q | None) -> None:
        nonlocal found
        if q is not None:
            found = q if found is None else found | q

    for state in machine.states:
        names = machine.expected_names(state)
        if not names:
            for action in machine.actions.values():
                if state in action.sources and action.on_page and not action.danger and action.target is not None:
                    q = _action_q(feed, action, user)
                    add(None if q is None else q & Q(**{machine.state_field: state}))
            continue
        claimed: set[str] = set()
        for name in names:
            action = machine.actions[name]
            q = _action_q(feed, action, user)
            if q is not None:
                q &= Q(**{machine.state_field: state})
                if action.kinds is None and claimed:
                    q &= ~Q(kind__in=sorted(claimed))
                elif action.kinds is not None:
                    q &= Q(kind__in=sorted(action.kinds - claimed))
                add(q)
            if action.kinds is None:
                break
            claimed |= action.kinds
    return found


@dataclass
class Item:
    """One record in the inbox, with the step offered on it."""

    feed: Feed
    obj: Any
    url: str
    title: str
    state: str
    due: datetime.date | None
    overdue: bool
    #: The step to start from the inbox (the expected one where the user may take it), or None.
    action: Action | None = None
    waiting_for: list[str] = field(default_factory=list)

    @property
    def action_url(self) -> str:
        return self.feed.act_url(self.obj, self.action.name) if self.action is not None else self.url


@dataclass
class Group:
    key: str
    label: str
    count: int
    items: list[Item]
    #: Where the whole group is listed, when the area has such a list.
    more_url: str | None = None


@dataclass
class Inbox:
    """The inbox of one user: the groups of what waits for them, then what they follow."""

    todo: list[Group]
    overdue: Group
    due_soon: Group
    following: Group
    #: What the user may start: (label, url) pairs from every area.
    starts: list[tuple[str, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(g.count for g in self.todo)

    @property
    def empty(self) -> bool:
        return not (self.total or self.overdue.count or self.due_soon.count or self.following.count)


def _due(feed: Feed, obj: Any) -> datetime.date | None:
    return getattr(obj, feed.due_field) if feed.due_field else None


def _item(feed: Feed, obj: Any, user: Any, today: datetime.date, *, offer: bool) -> Item:
    due = _due(feed, obj)
    state = feed.machine.state_of(obj)
    item = Item(
        feed=feed,
        obj=obj,
        url=feed.url(obj),
        title=feed.title(obj),
        state=feed.machine.state_label(state),
        due=due,
        overdue=due is not None and due < today and state in feed.open_states,
    )
    if offer:
        allowed = allowed_actions(feed.machine, user, obj, page_only=True)
        names = feed.machine.expected_names(state)
        item.action = next((a for a in allowed if a.name in names), None) or next(
            (a for a in allowed if not a.danger and a.target is not None), None
        )
    else:
        item.waiting_for = waiting_for(feed.machine, obj)
    return item


def _ordered(feed: Feed, qs: QuerySet[Any]) -> QuerySet[Any]:
    if feed.due_field:
        return qs.order_by(f"{feed.due_field}", "-pk")
    return qs.order_by("-pk")


def for_user(user: Any, *, today: datetime.date | None = None, shown: int = SHOWN, who: Any = None) -> Inbox:
    """The inbox of ``user`` on ``today``, across every registered area (``who``: the request, for what
    depends on the working unit chosen in it)."""
    from django.utils import timezone

    today = today or timezone.localdate()
    soon = add_working_days(today, DUE_SOON_WORKING_DAYS, current_calendar())
    todo: list[Group] = []
    overdue = Group("overdue", "Quá hạn", 0, [])
    due_soon = Group("due_soon", f"Đến hạn trong {DUE_SOON_WORKING_DAYS} ngày làm việc", 0, [])
    following = Group("following", "Chờ người khác — việc tôi theo dõi", 0, [])
    for feed in feeds():
        visible = feed.visible(user)
        mine = todo_q(feed, user)
        if mine is not None:
            waiting = visible.filter(mine)
            machine = feed.machine
            counts = dict(waiting.order_by().values_list(machine.state_field).annotate(n=Count("pk")))
            # One group per expected step (several states may wait for the same one: "Kết thúc, lưu hồ sơ").
            steps: dict[str, list[str]] = {}
            for state in machine.states:
                if counts.get(state):
                    names = machine.expected_names(state)
                    steps.setdefault(names[0] if names else f"state:{state}", []).append(state)
            for step, states in steps.items():
                # The step's name where the user may take it, else the state (a reception officer's
                # verifying case waits for its decision, which is not theirs: "Đang xác minh").
                mine_too = step in machine.actions and machine.actions[step].right in access.user_permissions(user)
                label = machine.actions[step].label if mine_too else machine.state_label(states[0])
                rows = waiting.filter(**{f"{machine.state_field}__in": states})
                items = [_item(feed, obj, user, today, offer=True) for obj in _ordered(feed, rows)[:shown]]
                count = sum(counts[state] for state in states)
                todo.append(Group(f"{feed.name}:{step}", f"{label} — {machine.noun}", count, items))
        if not feed.due_field or not feed.open_states:
            continue
        followed = feed.involved(user) if feed.involved is not None else None
        responsible = mine if followed is None else (followed if mine is None else mine | followed)
        if responsible is None:
            continue
        open_q = Q(**{f"{feed.machine.state_field}__in": sorted(feed.open_states)})
        base = visible.filter(responsible, open_q)
        for group, when, queue in (
            (overdue, Q(**{f"{feed.due_field}__lt": today}), "overdue"),
            (due_soon, Q(**{f"{feed.due_field}__gte": today, f"{feed.due_field}__lte": soon}), "due_soon"),
        ):
            rows = base.filter(when)
            n = rows.count()
            if n:
                group.count += n
                group.items += [_item(feed, obj, user, today, offer=True) for obj in _ordered(feed, rows)[:shown]]
                if feed.list_url is not None:
                    group.more_url = feed.list_url(queue)
        if followed is not None:
            others = visible.filter(followed, open_q)
            if mine is not None:
                others = others.exclude(mine)
            n = others.count()
            if n:
                following.count += n
                following.items += [
                    _item(feed, obj, user, today, offer=False) for obj in _ordered(feed, others)[:shown]
                ]
    for group in (overdue, due_soon, following):
        group.items.sort(key=lambda i: (i.due is None, i.due or today))
        del group.items[shown:]
    starts = [start for feed in feeds() if feed.starts is not None for start in feed.starts(who or user)]
    return Inbox(todo, overdue, due_soon, following, starts)


# --- who acts next, and the daily reminder ---------------------------------------------------------


def responsible(feed: Feed, obj: Any) -> list[Any]:
    """The people a due record waits for: those its next steps are assigned to, else the active users
    holding a next step's right over its unit in whose inbox the record waits (unit roles: the nation's
    supervisors are not reminded)."""
    machine = feed.machine
    state = machine.state_of(obj)
    actions = [a for a in machine.actions.values() if a.on_page and state in a.sources and a.target is not None] or [
        a for a in machine.actions.values() if a.on_page and state in a.sources
    ]
    rights = sorted({a.right for a in actions})
    people: dict[int, Any] = {}
    if machine.assignees is not None:
        for right in rights:
            for person in machine.assignees(obj, right):
                people.setdefault(person.pk, person)
    if people:
        return list(people.values())
    for right in rights:
        for person in access.users_who_can(right, obj):
            people.setdefault(person.pk, person)
    return [person for person in people.values() if _waits_for(feed, obj, person)]


def _waits_for(feed: Feed, obj: Any, user: Any) -> bool:
    mine = todo_q(feed, user)
    return mine is not None and feed.visible(user).filter(mine, pk=obj.pk).exists()


@dataclass
class Reminded:
    records: int = 0
    notifications: int = 0
    emails: int = 0
    by_feed: dict[str, int] = field(default_factory=dict)


def send_reminders(
    today: datetime.date, *, due_soon_days: int = DUE_SOON_WORKING_DAYS, only: Iterable[str] | None = None
) -> Reminded:
    """Notify, once per fact (this record, this due date, overdue or due soon), the people each open
    record due by ``due_soon_days`` working days waits for — in the app and by e-mail."""
    limit = add_working_days(today, due_soon_days, current_calendar())
    result = Reminded()
    chosen = set(only) if only is not None else None
    for feed in feeds():
        if not feed.due_field or not feed.open_states or (chosen is not None and feed.name not in chosen):
            continue
        model = feed.machine.model
        due = feed.due_field
        records = model._default_manager.filter(
            **{
                f"{feed.machine.state_field}__in": sorted(feed.open_states),
                f"{due}__isnull": False,
                f"{due}__lte": limit,
            }
        ).order_by(due, "pk")
        for obj in records:
            when = getattr(obj, due)
            overdue = when < today
            people = responsible(feed, obj)
            if not people:
                continue
            name = feed.describe(obj) if feed.describe is not None else str(obj)
            what = "đã quá hạn" if overdue else "sắp đến hạn"
            key = f"{feed.name}-{obj.pk}-{'overdue' if overdue else 'due'}-{when.isoformat()}"
            told = notify(
                users=people,
                may_see=functools.partial(_may_see, feed, obj),
                key=key,
                message=f"{name} {what}: hạn {format_date(when)}.",
                url=feed.url(obj),
                email=True,
                body=str(getattr(obj, "due_explanation", "") or ""),
            )
            result.records += 1
            result.by_feed[feed.name] = result.by_feed.get(feed.name, 0) + 1
            result.notifications += len(told)
            result.emails += sum(1 for user in told if user.email)
    return result


def _may_see(feed: Feed, obj: Any, user: Any) -> bool:
    return feed.visible(user).filter(pk=obj.pk).exists()
