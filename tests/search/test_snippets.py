"""A search snippet says where it was cut: "…" before one that does not start at the beginning of
its text, "…" after one that stops before the end (search/snippets.py, used by both backends)."""

import pytest

from search.snippets import excerpt, frame


@pytest.fixture(autouse=True)
def search_backend():
    """A pure function: no index and no database, so not once per backend."""


TEXT = (
    "Je retour aanmelden doe je online. Print het retourlabel en plak het op de doos. "
    "Breng het pakket naar een afhaalpunt. Het geld staat binnen vijf werkdagen op je rekening."
)


class TestFrame:
    def test_a_snippet_from_the_middle_gets_an_ellipsis_on_both_sides(self):
        snippet = "Print het <mark>retourlabel</mark> en plak het op de doos"
        assert frame(snippet, TEXT) == f"… {snippet} …"

    def test_a_snippet_at_the_start_gets_one_only_at_the_end(self):
        snippet = "Je <mark>retour</mark> aanmelden doe je online."
        assert frame(snippet, TEXT) == f"{snippet} …"

    def test_a_snippet_at_the_end_gets_one_only_at_the_start(self):
        snippet = "Het <mark>geld</mark> staat binnen vijf werkdagen op je rekening."
        assert frame(snippet, TEXT) == f"… {snippet}"

    def test_the_whole_text_gets_none_whatever_its_punctuation_and_spacing(self):
        assert frame("  <mark>Ontkalk</mark>  elke maand ", "Ontkalk elke\nmaand.") == (
            "<mark>Ontkalk</mark>  elke maand"
        )

    def test_fragments_are_joined_by_one_ellipsis_whichever_backend_made_them(self):
        whoosh = "Je <mark>retour</mark> aanmelden … het <mark>geld</mark> staat"
        postgres = "Je <mark>retour</mark> aanmelden ... het <mark>geld</mark> staat"
        expected = "Je <mark>retour</mark> aanmelden … het <mark>geld</mark> staat …"
        assert frame(whoosh, TEXT) == frame(postgres, TEXT) == expected

    def test_escaped_characters_and_marks_inside_words_still_compare(self):
        text = "Tips & trucs voor retouren: zo gaat het snel."
        assert frame("Tips &amp; trucs voor <mark>retour</mark>en", text) == (
            "Tips &amp; trucs voor <mark>retour</mark>en …"
        )

    def test_an_empty_snippet_stays_empty(self):
        assert frame("", TEXT) == ""
        assert frame(" … ", TEXT) == ""


class TestExcerpt:
    def test_a_long_text_is_cut_between_words_and_framed(self):
        cut = excerpt(TEXT, 40)
        assert cut == "Je retour aanmelden doe je online. Print"
        assert frame(cut, TEXT) == cut + " …"

    def test_a_short_text_is_whole_and_escaped(self):
        assert excerpt("Tips & trucs", 40) == "Tips &amp; trucs"
        assert frame(excerpt("Tips & trucs", 40), "Tips & trucs") == "Tips &amp; trucs"
