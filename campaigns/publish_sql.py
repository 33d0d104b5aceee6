"""A publish run's statements, written as SQL: read the claimed row (a message's rows at once,
``read_ahead``), start the attempt, record the publication.

They run for every delivery, hundreds a second on the cores a worker node shares with
PostgreSQL, and the ORM spent more CPU composing them than PostgreSQL spent running them
(README, "Speed": ``make bench-dispatch``). The column lists come from the models' ``_meta``
and each move from the transition table (``states.planned``), so a new column or a new rule
reaches these statements as it reaches the ORM's. Everything else the dispatcher writes
(errors, holds, checks) goes through the ORM and ``states.move``.
"""

from collections.abc import Callable, Sequence
from datetime import datetime
from functools import cache
from typing import Any, cast

from django.db import OperationalError, connection, transaction
from django.db.models import Field, Model

from . import states
from .models import Campaign, Delivery, DeliveryAttempt, Post, PostImage, SocialAccount

Converter = Callable[[Any, Any, Any], Any]
LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE for NOWAIT on a row someone holds

# The claimed row and what its run needs, read in one SELECT: each model's columns in turn.
_READ: tuple[tuple[str, type[Model]], ...] = (
    ("d", Delivery),
    ("p", Post),
    ("a", SocialAccount),
    ("c", Campaign),  # a post's campaign is optional: NULLs
)


def read_claimed(delivery_id: int) -> Delivery | None:
    """The delivery, if it is still ``claimed``, with its post (and the post's campaign) and
    account loaded, and ``has_images`` set. No row lock: the move in ``start`` is the fence."""
    with connection.cursor() as cursor:
        cursor.execute(_read_sql(1, ahead=False), [delivery_id, states.S.CLAIMED])
        row = cursor.fetchone()
    return None if row is None else _loaded(row, ahead=False)


def read_ahead(delivery_ids: Sequence[int]) -> dict[int, Delivery]:
    """``read_claimed`` for all of a message's deliveries in one SELECT (on PostgreSQL; an
    empty dict elsewhere, and for one). Each keeps the row versions it was read at
    (PostgreSQL's ``xmin`` of the delivery, its post and its account): ``start`` moves it only
    if none of the three changed since, so what is sent is what a read right before the move
    would have found (a pause, a hold or new tokens make ``start`` refuse it, and the run
    reads it again)."""
    if connection.vendor != "postgresql" or len(delivery_ids) < 2:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(_read_sql(len(delivery_ids), ahead=True), [*delivery_ids, states.S.CLAIMED])
        read = [_loaded(row, ahead=True) for row in cursor.fetchall()]
    return {delivery.pk: delivery for delivery in read}


def _loaded(row: Sequence[Any], *, ahead: bool) -> Delivery:
    loaded: dict[str, Model | None] = {}
    start = 0
    for alias, model in _READ:
        fields, converters = _loading(alias, model)
        values = list(row[start : start + len(fields)])
        start += len(fields)
        for index, expression, converter in converters:
            values[index] = converter(values[index], expression, connection)
        loaded[alias] = (
            None if values[0] is None else model.from_db(connection.alias, fields, values)
        )
    delivery, post = cast(Delivery, loaded["d"]), cast(Post, loaded["p"])
    Post.campaign.field.set_cached_value(post, loaded["c"])
    Delivery.post.field.set_cached_value(delivery, post)
    Delivery.account.field.set_cached_value(delivery, loaded["a"])
    delivery.has_images = row[start]  # type: ignore[attr-defined]  # build_outgoing reads it
    if ahead:
        delivery.read_versions = tuple(row[start + 1 :])  # type: ignore[attr-defined]
    return delivery


def start(
    delivery: Delivery, *, kind: str, started: datetime, **moved: Any
) -> DeliveryAttempt | None:
    """Move the delivery from the claim read by ``read_claimed`` (same ``claimed_at``) to
    ``publishing`` and log its attempt; ``None`` when the claim moved on (a repeated message,
    or a swept claim taken again) and nothing was written.

    A worker lost while it waits for the row must leave nothing behind (its backend would
    otherwise finish the statement and commit ``publishing`` alone, forcing a check). On
    PostgreSQL the move is one statement that takes the row only if it is free (NOWAIT); a
    row someone holds is waited for inside a transaction, which a lost worker never commits.
    """
    allowed, values = states.planned(states.S.PUBLISHING, states.MACHINE, moved)
    logged = {"kind": kind, "started_at": started}
    versions: tuple[str, ...] = getattr(delivery, "read_versions", ())
    if connection.vendor != "postgresql":
        with transaction.atomic():
            fence = Delivery.objects.filter(pk=delivery.pk, claimed_at=delivery.claimed_at)
            if not fence.filter(status__in=allowed).update(**values):
                return None
            attempt = DeliveryAttempt.objects.create(delivery=delivery, **logged)
    else:
        params = [
            delivery.pk,
            delivery.claimed_at,
            *allowed,
            *versions,
            *_params(Delivery, values),
            *_inserted(DeliveryAttempt, logged, skip="delivery_id"),
        ]
        shape = (tuple(values), tuple(allowed), bool(versions))
        try:
            row = _one(_start_sql(*shape, wait=False), params)
        except OperationalError as error:
            if getattr(error.__cause__, "sqlstate", None) != LOCK_NOT_AVAILABLE:
                raise
            with transaction.atomic():
                row = _one(_start_sql(*shape, wait=True), params)
        if row is None:
            return None
        attempt = DeliveryAttempt(pk=row[0], delivery=delivery, **logged)
        attempt._state.adding = False
    for name, value in values.items():
        setattr(delivery, name, value)
    return attempt


def record_published(
    delivery: Delivery, attempt: DeliveryAttempt, logged: dict[str, Any], **published: Any
) -> bool:
    """The attempt's outcome (``logged``) and the delivery's move to ``published``. The row
    moves while this run holds its claim (``publishing``, its lease) or, late, while the
    swept row still waits for its check with nobody else working on it (the lease
    unchanged); the attempt is logged either way. Returns whether the row moved.

    On PostgreSQL both are one statement. Elsewhere the log is written first, then the row:
    a crash between them leaves a published attempt on a row the sweep sends to a check,
    which finds the post."""
    allowed, values = states.planned(states.S.PUBLISHED, states.MACHINE, published)
    if connection.vendor != "postgresql":
        DeliveryAttempt.objects.filter(pk=attempt.pk).update(**logged)
        fence = Delivery.objects.filter(pk=delivery.pk, lease=delivery.lease)
        moved = fence.filter(status__in=allowed).update(**values) == 1
    else:
        with connection.cursor() as cursor:
            cursor.execute(
                _record_sql(tuple(logged), tuple(values), tuple(allowed)),
                [
                    *_params(DeliveryAttempt, logged),
                    attempt.pk,
                    *_params(Delivery, values),
                    delivery.pk,
                    delivery.lease,
                    *allowed,
                ],
            )
            moved = cursor.rowcount == 1
    for name, value in logged.items():
        setattr(attempt, name, value)
    if moved:
        for name, value in values.items():
            setattr(delivery, name, value)
    return moved


def _one(sql: str, params: list[Any]) -> tuple[Any, ...] | None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row: tuple[Any, ...] | None = cursor.fetchone()
    return row


@cache
def _start_sql(
    moved: tuple[str, ...], allowed: tuple[str, ...], unchanged: bool, *, wait: bool
) -> str:
    """The move and its attempt; ``unchanged``: only if the delivery, its post and its
    account are still the row versions ``read_ahead`` read."""
    delivery, pk = _table(Delivery), _column(Delivery, "id")
    columns, selected = _insert_columns(DeliveryAttempt, {"delivery_id": "moved.id"})
    versions = (
        "AND d.xmin = %s::xid "  # noqa: S608 - names from _meta, values are parameters
        f"AND (SELECT xmin FROM {_table(Post)} WHERE {_column(Post, 'id')} = "
        f"d.{_column(Delivery, 'post')}) = %s::xid "
        f"AND (SELECT xmin FROM {_table(SocialAccount)} WHERE {_column(SocialAccount, 'id')} = "
        f"d.{_column(Delivery, 'account')}) = %s::xid "
        if unchanged
        else ""
    )
    return (
        # Names from the models' _meta, every value a parameter:
        f"WITH fenced AS (SELECT {pk} FROM {delivery} d WHERE {pk} = %s "  # noqa: S608
        f"AND {_column(Delivery, 'claimed_at')} IS NOT DISTINCT FROM %s "
        f"AND {_column(Delivery, 'status')} IN ({_placeholders(allowed)}) {versions}"
        f"FOR UPDATE OF d{'' if wait else ' NOWAIT'}), "
        f"moved AS (UPDATE {delivery} SET {_assignments(Delivery, moved)} "
        f"WHERE {pk} IN (SELECT {pk} FROM fenced) RETURNING {pk}) "
        f"INSERT INTO {_table(DeliveryAttempt)} ({columns}) SELECT {selected} FROM moved "
        f"RETURNING {_column(DeliveryAttempt, 'id')}"
    )


@cache
def _record_sql(logged: tuple[str, ...], moved: tuple[str, ...], allowed: tuple[str, ...]) -> str:
    return (
        f"WITH logged AS (UPDATE {_table(DeliveryAttempt)} "  # noqa: S608 - names from _meta
        f"SET {_assignments(DeliveryAttempt, logged)} "
        f"WHERE {_column(DeliveryAttempt, 'id')} = %s) "
        f"UPDATE {_table(Delivery)} SET {_assignments(Delivery, moved)} "
        f"WHERE {_column(Delivery, 'id')} = %s AND {_column(Delivery, 'lease')} = %s "
        f"AND {_column(Delivery, 'status')} IN ({_placeholders(allowed)})"
    )


@cache
def _read_sql(count: int, *, ahead: bool) -> str:
    columns = ", ".join(
        f"{alias}.{_quote(field.column)}"
        for alias, model in _READ
        for field in model._meta.concrete_fields
    )
    versions = ", d.xmin::text, p.xmin::text, a.xmin::text" if ahead else ""
    image_post, post = _column(PostImage, "post"), _column(Delivery, "post")
    return (
        f"SELECT {columns}, "  # noqa: S608 - names from _meta, values are parameters
        f"EXISTS (SELECT 1 FROM {_table(PostImage)} i WHERE i.{image_post} = d.{post}){versions} "
        f"FROM {_table(Delivery)} d "
        f"JOIN {_table(Post)} p ON p.{_column(Post, 'id')} = d.{post} "
        f"JOIN {_table(SocialAccount)} a "
        f"ON a.{_column(SocialAccount, 'id')} = d.{_column(Delivery, 'account')} "
        f"LEFT JOIN {_table(Campaign)} c "
        f"ON c.{_column(Campaign, 'id')} = p.{_column(Post, 'campaign')} "
        f"WHERE d.{_column(Delivery, 'id')} IN ({_placeholders(range(count))}) "
        f"AND d.{_column(Delivery, 'status')} = %s"
    )


@cache
def _loading(alias: str, model: type[Model]) -> tuple[list[str], list[tuple[int, Any, Converter]]]:
    """A model's attribute names in column order, and the converters its values need (what
    the ORM's compiler applies: the backend's and the field's ``from_db_value``)."""
    fields = model._meta.concrete_fields
    converters = []
    for index, field in enumerate(fields):
        column = field.get_col(alias)
        for converter in connection.ops.get_db_converters(column) + field.get_db_converters(
            connection
        ):
            converters.append((index, column, converter))
    return [field.attname for field in fields], converters


def _assignments(model: type[Model], names: tuple[str, ...]) -> str:
    return ", ".join(f"{_column(model, name)} = %s" for name in names)


def _params(model: type[Model], values: dict[str, Any]) -> list[Any]:
    """``values`` as the ORM would write them (``get_db_prep_save``)."""
    return [
        _field(model, name).get_db_prep_save(value, connection) for name, value in values.items()
    ]


def _insert_columns(model: type[Model], sql: dict[str, str]) -> tuple[str, str]:
    """An INSERT … SELECT's columns and select list: ``sql`` names the SQL of some columns,
    the others are parameters (``_inserted``), each cast to its column's type."""
    columns, selected = [], []
    for field in _insertable(model):
        columns.append(_quote(field.column))
        selected.append(sql.get(field.attname) or f"%s::{field.cast_db_type(connection)}")
    return ", ".join(columns), ", ".join(selected)


def _inserted(model: type[Model], values: dict[str, Any], skip: str) -> list[Any]:
    """The parameters of ``_insert_columns``: ``values``, and every other column's default."""
    defaults = _defaults(model)
    return [
        field.get_db_prep_save(values[field.attname], connection)
        if field.attname in values
        else defaults[field.attname]
        for field in _insertable(model)
        if field.attname != skip
    ]


@cache
def _insertable(model: type[Model]) -> list["Field[Any, Any]"]:
    return [field for field in model._meta.concrete_fields if not field.primary_key]


@cache
def _defaults(model: type[Model]) -> dict[str, Any]:
    """Each column's default as written, for models whose defaults are constants (a
    callable default would be the same for every row here)."""
    fields = _insertable(model)
    if any(field.has_default() and callable(field.default) for field in fields):
        raise TypeError(f"{model.__name__} has a default computed per row.")
    return {
        field.attname: field.get_db_prep_save(field.get_default(), connection) for field in fields
    }


@cache
def _field(model: type[Model], name: str) -> "Field[Any, Any]":
    field = model._meta.get_field(name)
    if not isinstance(field, Field) or not field.concrete:
        raise TypeError(f"{model.__name__}.{name} is not a column.")
    return field


@cache
def _column(model: type[Model], name: str) -> str:
    return _quote(_field(model, name).column)


def _table(model: type[Model]) -> str:
    return _quote(model._meta.db_table)


def _quote(name: str | None) -> str:
    if name is None:  # a field without a column: never one of ``concrete_fields``
        raise TypeError("A field without a column.")
    return connection.ops.quote_name(name)


def _placeholders(values: Sequence[Any]) -> str:
    return ", ".join(["%s"] * len(values))
