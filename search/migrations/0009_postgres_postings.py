"""The PostgreSQL backend reads postings instead of ranking every match: `SearchTerm` holds
each lexeme's documents best first (see `search.backends.postgres`). The title vector and its
GIN index go: suggestions rank on the postings too. Existing documents get their postings
here; a rebuild gives the same."""

import django.contrib.postgres.fields
from django.db import migrations, models

from search.migrations._postgres import PostgresOnly

FORWARD = [
    # Completions of the word being typed: `term LIKE 'wasm%'` within one language.
    "CREATE INDEX search_term_prefix ON search_searchterm (language, term text_pattern_ops)",
]


def fill_postings(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from search.backends.postgres import PostgresBackend

    PostgresBackend._add_postings("true", [])


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0008_more_synonyms'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='searchdocument',
            name='title_vector',
        ),
        migrations.CreateModel(
            name='SearchTerm',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(max_length=10)),
                ('term', models.TextField()),
                ('frequency', models.IntegerField()),
                ('documents', django.contrib.postgres.fields.ArrayField(base_field=models.IntegerField(), size=None)),
                ('impacts', django.contrib.postgres.fields.ArrayField(base_field=models.FloatField(), size=None)),
                ('boosts', django.contrib.postgres.fields.ArrayField(base_field=models.FloatField(), size=None)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('language', 'term'), name='search_one_term')],
            },
        ),
        PostgresOnly(sql=FORWARD, reverse_sql=["DROP INDEX IF EXISTS search_term_prefix"]),
        migrations.RunPython(fill_postings, migrations.RunPython.noop),
    ]
