"""The MobileStyleGAN generator is deterministic per recipe (needs the optional packages)."""
import numpy as np
import pytest

from telltale import generator

pytestmark = pytest.mark.skipif(
    not generator.available(),
    reason="optional generator packages missing (pip install --no-deps "
           "random-face==2021.7.21.1 && pip install openvino)",
)


@pytest.fixture(scope="module")
def gen():
    return generator.FaceGenerator()


def test_same_seed_gives_identical_pixels(gen):
    first = np.asarray(gen.generate(generator.FaceRecipe(seed=7)))
    second = np.asarray(gen.generate(generator.FaceRecipe(seed=7)))
    assert np.array_equal(first, second)


def test_same_seed_identical_across_generator_instances(gen):
    again = generator.FaceGenerator()
    recipe = generator.FaceRecipe(seed=11, truncation=0.7)
    assert np.array_equal(np.asarray(gen.generate(recipe)), np.asarray(again.generate(recipe)))


def test_different_seeds_differ(gen):
    a = np.asarray(gen.generate(generator.FaceRecipe(seed=1)), dtype=np.int16)
    b = np.asarray(gen.generate(generator.FaceRecipe(seed=2)), dtype=np.int16)
    assert np.abs(a - b).mean() > 10


def test_truncation_changes_the_face(gen):
    a = np.asarray(gen.generate(generator.FaceRecipe(seed=3, truncation=0.5)), dtype=np.int16)
    b = np.asarray(gen.generate(generator.FaceRecipe(seed=3, truncation=0.9)), dtype=np.int16)
    assert np.abs(a - b).mean() > 1


def test_output_is_1024_rgb(gen):
    face = gen.generate(generator.FaceRecipe(seed=5))
    assert face.size == (1024, 1024)
    assert face.mode == "RGB"
    pixels = np.asarray(face)
    assert pixels.std() > 20  # a face, not a flat image


def test_noise_is_seeded():
    assert np.array_equal(generator.noise_for_seed(4), generator.noise_for_seed(4))
    assert not np.array_equal(generator.noise_for_seed(4), generator.noise_for_seed(5))
