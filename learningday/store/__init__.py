"""The event file: engine, pragmas, ORM models, migrations, folding and the arrival rule."""
