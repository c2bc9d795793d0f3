"""Pictures as each viewer receives them: the same to the eye, different in every byte.

Why. The repository is public: it holds every quiz face, and images/manifest.csv lists each
file's SHA-256 next to its kind. Served as stored, a face (and its /media/ address, which
Streamlit derives from the bytes) could be looked up in the repository, or in a list of
address -> answer shared across classes and years. So every picture a learner receives is
made for its viewer: its pixels get a faint noise pattern drawn from a key, then it is
encoded again as JPEG. The key is HMAC(server secret, viewer), and the server secret is made
at random with the database (telltale_instance), so nobody who only has the repository can
compute the bytes. The viewer is a class (its students share one key, so the server makes
each face once per class rather than once per answer) or a self-paced learner: two classes, or
two learners at home, never receive the same bytes for the same face. Within one class a shared
address tells no more than pointing at the screen beside you does. (The sponsored posts of the
ads part are keyed by the server alone, and made once per server: a post's text tells learners
which one it is anyway; see app_pages/views/ads.post_pictures.)

What remains possible, and why that is acceptable. The picture is deliberately the same to
the eye (a change of at most NOISE_LEVEL out of 255 per channel, PSNR above 40 dB): it must
teach the same tells. So someone can still match a served face against the repository's
faces by eye or with a perceptual hash, and learn its kind from the manifest. That takes the
repository, a script and effort on every face, rather than a lookup anyone can share, and it
is the same as cheating in any self-assessment: the course scores learners only for their
own feedback and a teacher's dashboard, not for grades that matter. The course's content has
to stay public (licences, credits, the science), so hiding the faces themselves is not an
option.
"""
from __future__ import annotations

import hashlib
import hmac
import io

import numpy as np
from PIL import Image, ImageChops, JpegImagePlugin

NOISE_LEVEL = 2  # at most this many levels (of 255) up or down per channel
QUALITY = 90  # the quiz format's quality (telltale.images.JPEG_QUALITY)


def viewer_key(secret: bytes, viewer: str) -> bytes:
    """The key of one viewer ("learner:<id>:<seed>", "class:<id>", ...) under the server secret."""
    return hmac.new(secret, f"telltale-served:{viewer}".encode(), hashlib.sha256).digest()


def served_bytes(picture: bytes, key: bytes) -> bytes:
    """`picture` (JPEG or PNG bytes) as the viewer with this key receives it: a JPEG whose bytes
    depend on the key and on the picture, and that no one without the key can compute."""
    seed = hmac.new(key, hashlib.sha256(picture).digest(), hashlib.sha256).digest()
    rng = np.random.default_rng(int.from_bytes(seed, "big"))
    with Image.open(io.BytesIO(picture)) as image:
        image.load()
        if image.mode != "RGB":
            image = image.convert("RGB")  # a new image: no tables to keep
        # A JPEG keeps its own quantization tables and chroma sampling: the same size and look as the
        # stored file (re-encoding at a fixed quality made the ads a third larger). Only pixels and
        # tables go out: no metadata.
        tables = ({"qtables": image.quantization, "subsampling": JpegImagePlugin.get_sampling(image)}
                  if image.format == "JPEG" else {"quality": QUALITY})
        levels = rng.integers(0, 2 * NOISE_LEVEL + 1, size=image.width * image.height * 3, dtype=np.uint8)
        noise = Image.frombytes("RGB", image.size, levels.tobytes())
        # pixel + level - NOISE_LEVEL, clipped to 0..255, in Pillow's C code (a third faster than numpy)
        noisy = ImageChops.add(image, noise, scale=1.0, offset=-NOISE_LEVEL)
        out = io.BytesIO()
        noisy.save(out, "JPEG", optimize=True, progressive=False, **tables)
    return out.getvalue()
