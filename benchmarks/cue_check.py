"""Can anything but the face tell real from AI in the quiz images?

For each AI kind (gan, diffusion) against the real photos, a logistic regression
(standardized features, balanced class weights, 5-fold stratified cross-validation) is trained on properties a learner should NOT be judging:

  file     file size, sharpness (variance of the Laplacian), per-channel mean and spread,
           saturation, brightness
  framing  where the face is and how big (OpenCV's Haar face detector: centre x, centre y,
           width; found or not), the turn of the eye line (Haar eye detector), and how well a
           64x64 grey thumbnail matches the average of the uncropped GAN faces (the aligned
           template that gave GAN faces away when they were shown whole)
  border   grey mean and spread of the outer 10% of each side, and its edge density

It prints balanced accuracy and ROC AUC per kind, for all features and for each group. The
goal: balanced accuracy at most 0.60 and AUC at most 0.65 for each kind with all features.

Skin tone: the course balances skin tone within each test form and within practice, so a
learner never compares mostly medium-toned AI faces with mostly light-toned real ones. The
check does the same: for each kind, the real photos are drawn to the kind's skin-tone mix
(two per AI image where the library has them), ten times over, and the figures averaged.

Which images: every image a learner judges - the items of lessons/faces.yaml (GAN and
diffusion) and all real photos (More practice draws from every one). The uncropped GAN faces
of the averaging demo and the network case are shown as GAN faces on purpose; they only make
the template.

    python benchmarks/cue_check.py [--max-balanced 0.60] [--max-auc 0.65]

Needs scikit-learn and opencv-python-headless (development dependencies, not the app's).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import yaml
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from telltale.content.manifest import KINDS, load_manifest  # noqa: E402

FILE_FEATURES = ("file_bytes", "sharpness", "mean_r", "mean_g", "mean_b", "std_r", "std_g", "std_b",
                 "saturation", "brightness")
FRAMING_FEATURES = ("face_found", "face_x", "face_y", "face_width", "eye_turn", "template_match")
BORDER_FEATURES = ("top_mean", "top_std", "bottom_mean", "bottom_std", "left_mean", "left_std",
                   "right_mean", "right_std", "border_edges")
GROUPS = {"file": FILE_FEATURES, "framing": FRAMING_FEATURES, "border": BORDER_FEATURES}
FEATURES = FILE_FEATURES + FRAMING_FEATURES + BORDER_FEATURES
THUMB = 64


def laplacian_variance(gray: np.ndarray) -> float:
    """Variance of the 4-neighbour Laplacian (a common sharpness measure)."""
    lap = (
        -4.0 * gray[1:-1, 1:-1]
        + gray[:-2, 1:-1] + gray[2:, 1:-1] + gray[1:-1, :-2] + gray[1:-1, 2:]
    )
    return float(lap.var())


def thumbnail(path: Path) -> np.ndarray:
    with Image.open(path) as img:
        small = np.asarray(img.convert("L").resize((THUMB, THUMB), Image.Resampling.BILINEAR), dtype=np.float64)
    return (small - small.mean()) / (small.std() + 1e-9)


class Detector:
    def __init__(self):
        import cv2

        self.cv2 = cv2
        self.faces = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_frontalface_default.xml")
        self.eyes = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_eye.xml")

    def framing(self, gray: np.ndarray) -> list[float]:
        """face_found, centre x, centre y, width (fractions of the side), eye-line turn (degrees)."""
        side = gray.shape[0]
        image = gray.astype(np.uint8)
        found = self.faces.detectMultiScale(image, 1.1, 5, minSize=(side // 8, side // 8))
        if len(found) == 0:
            return [0.0, 0.5, 0.5, 0.0, 0.0]
        x, y, w, h = max(found, key=lambda r: r[2])
        turn = 0.0
        upper = image[y:y + h // 2 + h // 8, x:x + w]
        eyes = self.eyes.detectMultiScale(upper, 1.1, 4, minSize=(w // 10, w // 10))
        if len(eyes) >= 2:
            two = sorted(sorted(eyes, key=lambda e: -e[2])[:2], key=lambda e: e[0])
            (ax, ay, aw, ah), (bx, by, bw, bh) = two
            dx = (bx + bw / 2) - (ax + aw / 2)
            dy = (by + bh / 2) - (ay + ah / 2)
            if dx > 0:
                turn = float(np.degrees(np.arctan2(dy, dx)))
        return [1.0, (x + w / 2) / side, (y + h / 2) / side, w / side, turn]


def border_stats(gray: np.ndarray) -> list[float]:
    band = max(1, gray.shape[0] // 10)
    sides = (gray[:band], gray[-band:], gray[:, :band], gray[:, -band:])
    values = []
    for part in sides:
        values += [float(part.mean()), float(part.std())]
    gy, gx = np.gradient(gray)
    magnitude = np.hypot(gx, gy)
    mask = np.zeros_like(gray, dtype=bool)
    mask[:band] = mask[-band:] = True
    mask[:, :band] = mask[:, -band:] = True
    values.append(float(magnitude[mask].mean()))
    return values


def features(path: Path, detector: Detector, template: np.ndarray) -> list[float]:
    with Image.open(path) as img:
        rgb = np.asarray(img.convert("RGB"), dtype=np.float64)
        hsv = np.asarray(img.convert("HSV"), dtype=np.float64)
        gray = np.asarray(img.convert("L"), dtype=np.float64)
    file_part = [
        float(path.stat().st_size),
        laplacian_variance(gray),
        *rgb.reshape(-1, 3).mean(axis=0),
        *rgb.reshape(-1, 3).std(axis=0),
        float(hsv[..., 1].mean()),
        float(gray.mean()),
    ]
    match = float((thumbnail(path) * template).mean())
    return file_part + detector.framing(gray) + [match] + border_stats(gray)


def matched_reals(tones: np.ndarray, kinds: np.ndarray, kind: str, rng: np.random.Generator,
                  per_image: int = 2) -> np.ndarray:
    """Indices of real photos drawn to the skin-tone mix of `kind` (up to per_image per AI image)."""
    chosen = []
    ai_counts = {t: int(((kinds == kind) & (tones == t)).sum()) for t in np.unique(tones)}
    pools = {t: np.flatnonzero((kinds == "real") & (tones == t)) for t in ai_counts}
    # The same ratio for every tone, so the mix is kept exactly even when one tone is scarce.
    ratio = min([per_image] + [len(pools[t]) / n for t, n in ai_counts.items() if n])
    for tone, count in ai_counts.items():
        take = int(round(count * ratio))
        if take:
            chosen.extend(rng.choice(pools[tone], size=take, replace=False))
    return np.array(sorted(chosen), dtype=int)


def evaluate(X: np.ndarray, y: np.ndarray, seed: int, repeats: int = 1) -> tuple[float, float]:
    """Mean balanced accuracy and ROC AUC over (repeated) stratified 5-fold CV."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import balanced_accuracy_score, roc_auc_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    balanced, aucs = [], []
    for repeat in range(repeats):
        model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000, class_weight="balanced"))
        folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed + repeat)
        scores = cross_val_predict(model, X, y, cv=folds, method="predict_proba")[:, 1]
        balanced.append(balanced_accuracy_score(y, scores >= 0.5))
        aucs.append(roc_auc_score(y, scores))
    return float(np.mean(balanced)), float(np.mean(aucs))


def judged_images(manifest, faces_path: Path):
    """Every image a learner judges: the quiz items and all real photos."""
    data = yaml.safe_load(faces_path.read_text(encoding="utf-8"))
    quiz = {item["image"] for item in data["items"]}
    judged = [e for e in manifest.values() if e.id in quiz or e.kind == "real"]
    template_set = [e for e in manifest.values() if e.kind == "gan" and e.id not in quiz]
    return sorted(judged, key=lambda e: e.id), template_set


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manifest", type=Path, default=ROOT / "images" / "manifest.csv")
    parser.add_argument("--faces", type=Path, default=ROOT / "lessons" / "faces.yaml")
    parser.add_argument("--max-balanced", type=float, default=0.60)
    parser.add_argument("--max-auc", type=float, default=0.65)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    manifest = load_manifest(args.manifest)
    images_dir = args.manifest.parent
    entries, template_set = judged_images(manifest, args.faces)
    if template_set:
        template = np.mean([thumbnail(images_dir / e.file) for e in template_set], axis=0)
    else:  # no uncropped GAN faces: match against the mean of everything judged
        template = np.mean([thumbnail(images_dir / e.file) for e in entries], axis=0)
    template = (template - template.mean()) / (template.std() + 1e-9)
    detector = Detector()
    X = np.array([features(images_dir / e.file, detector, template) for e in entries])
    kinds = np.array([e.kind for e in entries])
    tones = np.array([e.skin_tone for e in entries])

    print(f"judged images: {len(entries)} (real {int((kinds == 'real').sum())}, gan {int((kinds == 'gan').sum())}, "
          f"diffusion {int((kinds == 'diffusion').sum())}); template: {len(template_set)} uncropped GAN faces")
    print("median per kind (framing):")
    columns = [FEATURES.index(n) for n in FRAMING_FEATURES]
    for kind in KINDS:
        mask = kinds == kind
        if mask.any():
            med = np.median(X[mask][:, columns], axis=0)
            print(f"  {kind:9s} " + "  ".join(f"{n}={v:.3f}" for n, v in zip(FRAMING_FEATURES, med)))
    ok = True
    print(f"{'kind vs real':14s} {'features':9s} {'balanced acc':>12s} {'ROC AUC':>8s}")
    for kind in ("gan", "diffusion"):
        ai = np.flatnonzero(kinds == kind)
        if len(ai) < 5:
            print(f"{kind:14s} too few images to test")
            continue
        rng = np.random.default_rng(args.seed)
        draws = [np.concatenate([ai, matched_reals(tones, kinds, kind, rng)]) for _ in range(10)]
        print(f"{kind:14s} {len(ai)} {kind} images against {len(draws[0]) - len(ai)} real ones of the same skin-tone mix")
        for group, names in (("all", FEATURES), *GROUPS.items()):
            cols = [FEATURES.index(n) for n in names]
            results = [evaluate(X[rows][:, cols], (kinds[rows] == kind).astype(int), args.seed + n)
                       for n, rows in enumerate(draws)]
            balanced, auc = (float(v) for v in np.mean(results, axis=0))
            print(f"{kind:14s} {group:9s} {balanced:12.3f} {auc:8.3f}")
            if group == "all":
                ok &= balanced <= args.max_balanced and auc <= args.max_auc
    print(("PASS" if ok else "FAIL") + f": goal balanced accuracy <= {args.max_balanced:.2f} "
          f"and ROC AUC <= {args.max_auc:.2f} per kind (all features)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
