"""PostgreSQL only: the extensions and indexes of the shared search backend. On SQLite the
SearchDocument table exists but is unused (SEARCH_BACKEND=postgres needs PostgreSQL)."""

from django.db import migrations

from search.migrations._postgres import PostgresOnly

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


class Migration(migrations.Migration):
    dependencies = [("search", "0001_index_queue_and_logs")]
    operations = [PostgresOnly(sql=FORWARD, reverse_sql=BACKWARD)]
