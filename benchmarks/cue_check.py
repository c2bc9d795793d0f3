"""Can anything but the face tell real from AI in the quiz images?

Trains a logistic regression (standardized features, 5-fold stratified cross-validation)
on NON-face properties of each library image: file size, sharpness (variance of the
Laplacian), per-channel mean and standard deviation, mean saturation, brightness, width
and height. It predicts real vs AI (gan + diffusion). If it does much better than the
majority class, the pipeline leaks the answer and the quiz tests file forensics instead
of faces. The library passes when the accuracy is at most 65%.

    python benchmarks/cue_check.py [--manifest images/manifest.csv] [--max 0.65]

Needs scikit-learn (a development dependency, not needed by the app).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from telltale.content.manifest import KINDS, load_manifest  # noqa: E402

FEATURES = (
    "file_bytes", "sharpness", "mean_r", "mean_g", "mean_b", "std_r", "std_g", "std_b",
    "saturation", "brightness", "width", "height",
)


def laplacian_variance(gray: np.ndarray) -> float:
    """Variance of the 4-neighbour Laplacian (a common sharpness measure)."""
    lap = (
        -4.0 * gray[1:-1, 1:-1]
        + gray[:-2, 1:-1] + gray[2:, 1:-1] + gray[1:-1, :-2] + gray[1:-1, 2:]
    )
    return float(lap.var())


def features(path: Path) -> list[float]:
    with Image.open(path) as img:
        rgb = np.asarray(img.convert("RGB"), dtype=np.float64)
        hsv = np.asarray(img.convert("HSV"), dtype=np.float64)
        gray = np.asarray(img.convert("L"), dtype=np.float64)
        width, height = img.size
    return [
        float(path.stat().st_size),
        laplacian_variance(gray),
        *rgb.reshape(-1, 3).mean(axis=0),
        *rgb.reshape(-1, 3).std(axis=0),
        float(hsv[..., 1].mean()),
        float(gray.mean()),
        float(width),
        float(height),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manifest", type=Path, default=ROOT / "images" / "manifest.csv")
    parser.add_argument("--max", type=float, default=0.65, help="highest acceptable accuracy")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    entries = sorted(load_manifest(args.manifest).values(), key=lambda e: e.id)
    images_dir = args.manifest.parent
    X = np.array([features(images_dir / e.file) for e in entries])
    y = np.array([1 if e.is_ai else 0 for e in entries])
    kinds = np.array([e.kind for e in entries])

    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000))
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=args.seed)
    scores = cross_val_score(model, X, y, cv=folds, scoring="accuracy")
    accuracy = float(scores.mean())
    majority = max(y.mean(), 1 - y.mean())

    print(f"images: {len(y)} (real {int((y == 0).sum())}, AI {int(y.sum())}: "
          f"gan {int((kinds == 'gan').sum())}, diffusion {int((kinds == 'diffusion').sum())})")
    print("features: " + ", ".join(FEATURES))
    print("median per kind:")
    for kind in KINDS:
        mask = kinds == kind
        if mask.any():
            med = np.median(X[mask], axis=0)
            print(f"  {kind:9s} " + "  ".join(f"{n}={v:.1f}" for n, v in zip(FEATURES, med)))
    print(f"majority-class baseline: {majority:.1%}")
    print(f"logistic regression, 5-fold stratified CV accuracy: {accuracy:.1%} "
          f"(folds: {', '.join(f'{s:.1%}' for s in scores)})")
    ok = accuracy <= args.max
    print(("PASS" if ok else "FAIL") + f": limit {args.max:.0%}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
