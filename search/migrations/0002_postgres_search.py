"""PostgreSQL only: the extensions and indexes of the shared search backend. On SQLite the
SearchDocument table exists but is unused (SEARCH_BACKEND=postgres needs PostgreSQL)."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE INDEX IF NOT EXISTS search_doc_vector ON search_searchdocument USING gin (vector)",
    "CREATE INDEX IF NOT EXISTS search_doc_words_trgm ON search_searchdocument "
    "USING gin (words gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_doc_words_trgm",
    "DROP INDEX IF EXISTS search_doc_vector",
]


class PostgresOnly(migrations.RunSQL):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_index_queue_and_logs")]
    operations = [PostgresOnly(sql=FORWARD, reverse_sql=BACKWARD)]
