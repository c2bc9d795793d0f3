"""Build time: sign the lab's example files with Content Credentials, using a test certificate chain.

    .venv/bin/python -m telltale.provenance.sign

Makes two throwaway test roots with `cryptography` (one on the app's trust list, one not),
an end-entity certificate per signer named in lessons/provenance.yaml (every name says
"test signer": never a real identity), signs each example with c2pa-python, and writes the
files to images/provenance/ together with the trusted root (trust-anchors.pem). The private
keys live only in memory while this runs. Then, as the lesson file says per file, a copy is
stripped of its credentials (re-encoded, as platforms do on upload) or tampered with (pixels
changed after signing). The app itself never signs.
"""
from __future__ import annotations

import datetime
import io
import sys

import c2pa
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from PIL import Image, ImageDraw

from telltale.images import SIZE
from telltale.provenance import SIGNED_DIR, TRUST_FILE
from telltale.provenance.credentials import read_file
from telltale.provenance.lab import SOURCES, CredentialFile, load_lab

VALID_FROM = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
VALID_FOR = datetime.timedelta(days=3650)
ORGANISATION = "Telltale test certificates (not a real identity)"


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANISATION)])


def _key_usage(signing: bool) -> x509.KeyUsage:
    return x509.KeyUsage(digital_signature=signing, content_commitment=False, key_encipherment=False,
                         data_encipherment=False, key_agreement=False, key_cert_sign=not signing,
                         crl_sign=not signing, encipher_only=False, decipher_only=False)


def make_root(common_name: str):
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(_name(common_name)).issuer_name(_name(common_name))
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(VALID_FROM).not_valid_after(VALID_FROM + VALID_FOR)
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(_key_usage(signing=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    return key, cert


def make_signer_cert(common_name: str, root_key, root_cert):
    """An end-entity certificate as C2PA wants it: digital signature, e-mail protection EKU."""
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(_name(common_name)).issuer_name(root_cert.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(VALID_FROM).not_valid_after(VALID_FROM + VALID_FOR)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(_key_usage(signing=True), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False)
            .sign(root_key, hashes.SHA256()))
    return key, cert


def _pem(cert) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def signer_for(common_name: str, root_key, root_cert) -> c2pa.Signer:
    key, cert = make_signer_cert(f"{common_name} (test signer)", root_key, root_cert)
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return c2pa.Signer.from_info(c2pa.C2paSignerInfo(b"es256", _pem(cert) + _pem(root_cert), key_pem, None))


def manifest_for(entry: CredentialFile) -> dict:
    name, _, version = entry.tool.rpartition(" ")
    actions = [{"action": "c2pa.created", "digitalSourceType": SOURCES[entry.source],
                "softwareAgent": {"name": entry.tool}}]
    actions += [{"action": edit, "softwareAgent": {"name": entry.tool}} for edit in entry.edits]
    return {"claim_generator_info": [{"name": name or entry.tool, "version": version or "1"}],
            "title": entry.file, "format": "image/jpeg",
            "assertions": [{"label": "c2pa.actions", "data": {"actions": actions}}]}


def source_jpeg(face_path) -> bytes:
    with Image.open(face_path) as image:
        picture = image.convert("RGB").resize((SIZE, SIZE), Image.LANCZOS)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


def strip(data: bytes) -> bytes:
    """What a platform does on upload: decode and re-encode, keeping no metadata."""
    with Image.open(io.BytesIO(data)) as image:
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def tamper(data: bytes) -> bytes:
    """Change the picture after signing but keep the manifest: paint a small patch over the pixels.

    Done on the signed file's image data only (the JPEG is re-encoded with the manifest's segments
    copied back), so the manifest still reads but its hash of the image no longer matches."""
    with Image.open(io.BytesIO(data)) as image:
        picture = image.convert("RGB")
        app11 = [segment for marker, segment in image.applist if marker == "APP11"]
    ImageDraw.Draw(picture).rectangle((SIZE - 90, SIZE - 40, SIZE - 10, SIZE - 10), fill=(238, 236, 230))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=88)
    body = buffer.getvalue()
    segments = b"".join(b"\xff\xeb" + (len(s) + 2).to_bytes(2, "big") + s for s in app11)
    return body[:2] + segments + body[2:]  # right after the start-of-image marker, where c2pa puts them


def sign_all(out=sys.stdout) -> None:
    lab = load_lab(need_files=False)
    trusted_root = make_root("Telltale Test Root CA")
    other_root = make_root("Unlisted Test Root CA")
    SIGNED_DIR.mkdir(parents=True, exist_ok=True)
    TRUST_FILE.write_bytes(_pem(trusted_root[1]))
    for entry in lab.credentials.values():
        root_key, root_cert = trusted_root if entry.trusted else other_root
        signer = signer_for(entry.signer, root_key, root_cert)
        signed = io.BytesIO()
        with c2pa.Builder(manifest_for(entry)) as builder:
            builder.sign(signer, "image/jpeg", io.BytesIO(source_jpeg(lab.faces[entry.face])), signed)
        data = signed.getvalue()
        data = {"none": data, "strip": strip(data), "tamper": tamper(data)}[entry.after]
        entry.path.write_bytes(data)
        report = read_file(entry.path)
        out.write(f"{entry.path.name}: {report.state} (expected {entry.expect}) {len(data)} bytes\n")


if __name__ == "__main__":
    sign_all()
