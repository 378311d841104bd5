"""The PostgreSQL backend at 100,000 documents: a vocabulary table with document frequencies
(trigram index on the word) for "did you mean" and typo matching, an index generation row for
the result cache, and a title-and-tags vector with its own GIN index for as-you-type
suggestions. The trigram index on `words` goes: nothing matches on it any more. Existing
documents get a title vector and a vocabulary here; a rebuild makes both exact."""

import django.contrib.postgres.search
from django.db import migrations, models

from search.migrations._postgres import PostgresOnly

FORWARD = [
    "CREATE INDEX IF NOT EXISTS search_doc_title_vector ON search_searchdocument "
    "USING gin (title_vector)",
    "CREATE INDEX IF NOT EXISTS search_vocabulary_word_trgm ON search_vocabularyword "
    "USING gist (word gist_trgm_ops)",
    "DROP INDEX IF EXISTS search_doc_words_trgm",
    # Small pending lists: every search reads the pending list of a GIN index in full, so
    # index writes between vacuums are merged into the index every 256 kB instead of 4 MB.
    "ALTER INDEX search_doc_vector SET (gin_pending_list_limit = 256)",
    "ALTER INDEX search_doc_title_vector SET (gin_pending_list_limit = 256)",
    "UPDATE search_searchdocument SET title_vector = "
    "setweight(to_tsvector((CASE WHEN language = 'en' THEN 'english' ELSE 'dutch' END)::regconfig, "
    "unaccent(words)), 'B')",
    "INSERT INTO search_vocabularyword (word, language, documents) "
    "SELECT w, d.language, count(*) FROM search_searchdocument d, "
    "unnest(tsvector_to_array(to_tsvector('simple', d.words || ' ' || unaccent(d.body)))) w "
    "WHERE w ~ '^[a-z0-9]+$' AND length(w) <= 100 GROUP BY w, d.language",
]
BACKWARD = [
    "CREATE INDEX IF NOT EXISTS search_doc_words_trgm ON search_searchdocument "
    "USING gin (words gin_trgm_ops)",
    "DROP INDEX IF EXISTS search_vocabulary_word_trgm",
    "DROP INDEX IF EXISTS search_doc_title_vector",
]


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0006_learned_phrasings'),
    ]

    operations = [
        migrations.CreateModel(
            name='IndexGeneration',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('value', models.BigIntegerField(default=0)),
            ],
        ),
        migrations.AddField(
            model_name='searchdocument',
            name='title_vector',
            field=django.contrib.postgres.search.SearchVectorField(null=True),
        ),
        migrations.CreateModel(
            name='VocabularyWord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('word', models.CharField(max_length=100)),
                ('language', models.CharField(max_length=10)),
                ('documents', models.IntegerField(default=0)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('word', 'language'), name='search_one_vocabulary_word')],
            },
        ),
        PostgresOnly(sql=FORWARD, reverse_sql=BACKWARD),
    ]
