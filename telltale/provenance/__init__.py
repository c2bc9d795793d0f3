"""The provenance lab: checking the source with working tools, offline.

- lab: the lesson file lessons/provenance.yaml (cases, lateral-reading searches, credential
  files), strictly validated; the learner's results in this part.
- search: reverse image search over what the app holds (perceptual hashes, index built once).
- credentials: reading and validating Content Credentials (C2PA) with c2pa-python.
- sign: the build-time script that signs the example files with a test certificate chain.
"""
from telltale import IMAGES_DIR, LESSONS_DIR

LAB_FILE = LESSONS_DIR / "provenance.yaml"
SIGNED_DIR = IMAGES_DIR / "provenance"  # the signed example files, written by telltale.provenance.sign
TRUST_FILE = SIGNED_DIR / "trust-anchors.pem"  # the test root the app's viewer trusts
