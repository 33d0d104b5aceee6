"""Names for hand-written SQL, taken from the models and quoted by the database backend.

Raw SQL never spells a table or a foreign key's column itself: a model's table is
``table(Model)`` (its ``_meta.db_table``, which survives a model moving to another app) and
a field's column ``column(Model, "field")`` (``account`` is ``"account_id"``). Values are
never put into the SQL text: they go to ``cursor.execute`` as parameters.
"""

from collections.abc import Callable
from typing import Any

from django.db import connection, migrations
from django.db.models import Field, Model


def table(model: type[Model]) -> str:
    """The model's table, quoted: ``"campaigns_metricsample"``."""
    return connection.ops.quote_name(model._meta.db_table)


def column(model: type[Model], field: str) -> str:
    """The column of one of the model's fields, quoted: ``column(Delivery, "post")`` is
    ``"post_id"``."""
    model_field = model._meta.get_field(field)
    if not isinstance(model_field, Field) or model_field.column is None:
        raise ValueError(f"{model.__name__}.{field} has no column of its own")
    return connection.ops.quote_name(model_field.column)


def on_postgresql(sql: str, reverse_sql: str) -> migrations.RunPython:
    """A migration step in SQL only PostgreSQL understands (an index on an expression, a
    column's storage): SQLite, the embedded default, skips it both ways."""

    def runner(statement: str) -> Callable[[Any, Any], None]:
        def run(apps: Any, schema_editor: Any) -> None:
            if schema_editor.connection.vendor == "postgresql":
                schema_editor.execute(statement)

        return run

    return migrations.RunPython(runner(sql), runner(reverse_sql))
