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
the template. With --more-practice N, also N GAN faces made as More practice makes
them, against the real photos More practice shows.

Which bytes: what a learner's browser receives - each picture as telltale/served.py makes it
for one learner (a fresh random key), not the stored file (--stored measures that).

--explain prints, per kind, each feature's own AUC and how much the cross-validated AUC drops
when that feature (or group) is shuffled across the images: what gives a kind away.

    python benchmarks/cue_check.py [--max-balanced 0.60] [--max-auc 0.65] [--explain] [--more-practice 40]

Needs scikit-learn and opencv-python-headless (development dependencies, not the app's).
"""
from __future__ import annotations

import argparse
import io
import secrets
import sys
from pathlib import Path

import numpy as np
import yaml
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from telltale.content.manifest import KINDS, load_manifest  # noqa: E402
from telltale.served import viewer_key  # noqa: E402

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


def thumbnail(picture: Path | bytes) -> np.ndarray:
    with Image.open(io.BytesIO(picture) if isinstance(picture, bytes) else picture) as img:
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


def features(picture: bytes, detector: Detector, template: np.ndarray) -> list[float]:
    """The features of one picture, as the bytes a learner's browser receives."""
    with Image.open(io.BytesIO(picture)) as img:
        rgb = np.asarray(img.convert("RGB"), dtype=np.float64)
        hsv = np.asarray(img.convert("HSV"), dtype=np.float64)
        gray = np.asarray(img.convert("L"), dtype=np.float64)
    file_part = [
        float(len(picture)),
        laplacian_variance(gray),
        *rgb.reshape(-1, 3).mean(axis=0),
        *rgb.reshape(-1, 3).std(axis=0),
        float(hsv[..., 1].mean()),
        float(gray.mean()),
    ]
    match = float((thumbnail(picture) * template).mean())
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


def received(stored: bytes, key: bytes | None) -> bytes:
    """The picture as a learner's browser receives it (telltale/served.py), or as stored (key None)."""
    from telltale.served import served_bytes

    return stored if key is None else served_bytes(stored, key)


def single_feature_auc(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """ROC AUC of each feature alone, folded so that 0.5 is no separation and 1.0 full separation."""
    from sklearn.metrics import roc_auc_score

    aucs = []
    for column in X.T:
        auc = roc_auc_score(y, column) if np.ptp(column) > 0 else 0.5
        aucs.append(max(auc, 1 - auc))
    return np.array(aucs)


def permutation_drop(X: np.ndarray, y: np.ndarray, seed: int, names, groups: dict) -> dict[str, float]:
    """How much the cross-validated AUC of all features drops when one feature group (or one
    feature) is shuffled across the images: what the classifier actually relies on."""
    _, base = evaluate(X, y, seed)
    rng = np.random.default_rng(seed)
    drops = {}
    for label, members in [*groups.items(), *((n, (n,)) for n in names)]:
        cols = [names.index(m) for m in members]
        shuffled = X.copy()
        order = rng.permutation(len(X))
        shuffled[:, cols] = X[order][:, cols]
        drops[label] = base - evaluate(shuffled, y, seed)[1]
    return drops


FRESH = "more-practice"  # GAN faces made on the spot, as More practice makes them


def add_more_practice(X, kinds, tones, entries, args, detector, template, key):
    """Rows for `args.more_practice` new GAN faces made as More practice makes them, and the rows
    of the real photos More practice shows (every real one outside the test forms)."""
    from telltale.content.lessons import load_face_lessons
    from telltale.extra_practice import ExtraRound, draw_round, generated_face, practice_real_photos
    from telltale.generator import FaceGenerator

    manifest = load_manifest(args.manifest)
    allowed = practice_real_photos(manifest, load_face_lessons(args.faces.parent, manifest).items)
    generator = FaceGenerator()
    rounds: dict[int, ExtraRound] = {}  # the first distinct generated faces of the rounds, drawn as More practice draws
    for round_seed in range(args.seed * 1_000_000, args.seed * 1_000_000 + 100 * args.more_practice):
        extra = draw_round(round_seed, allowed)
        if extra.answer == "ai":
            rounds.setdefault(extra.seed, extra)
        if len(rounds) == args.more_practice:
            break
    images_dir = args.manifest.parent
    rows = [features(received(generated_face(generator, extra, (images_dir / manifest[extra.like].file).read_bytes()),
                              key), detector, template)
            for extra in rounds.values()]
    against = np.array([n for n, e in enumerate(entries) if e.id in allowed], dtype=int)
    return (np.vstack([X, np.array(rows)]), np.concatenate([kinds, [FRESH] * len(rows)]),
            np.concatenate([tones, ["unknown"] * len(rows)]), against)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manifest", type=Path, default=ROOT / "images" / "manifest.csv")
    parser.add_argument("--faces", type=Path, default=ROOT / "lessons" / "faces.yaml")
    parser.add_argument("--max-balanced", type=float, default=0.60)
    parser.add_argument("--max-auc", type=float, default=0.65)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--stored", action="store_true",
                        help="measure the stored files instead of the bytes a learner receives")
    parser.add_argument("--more-practice", type=int, default=0, metavar="N",
                        help="also make N brand-new GAN faces as More practice does and test them against the "
                             "real photos More practice shows (needs the optional generator)")
    parser.add_argument("--explain", action="store_true",
                        help="also print each feature's own AUC and what the classifier relies on")
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
    # A learner receives every picture re-encoded with a faint per-learner noise (served.py), so
    # by default the check measures those bytes, as one learner with a fresh key receives them.
    key = None if args.stored else viewer_key(secrets.token_bytes(32), "learner:cue-check")
    X = np.array([features(received((images_dir / e.file).read_bytes(), key), detector, template)
                  for e in entries])
    kinds = np.array([e.kind for e in entries])
    tones = np.array([e.skin_tone for e in entries])
    fresh_against = np.array([], dtype=int)
    if args.more_practice:
        X, kinds, tones, fresh_against = add_more_practice(X, kinds, tones, entries, args, detector, template, key)

    print(f"judged images: {len(entries)} (real {int((kinds == 'real').sum())}, gan {int((kinds == 'gan').sum())}, "
          f"diffusion {int((kinds == 'diffusion').sum())}), measured {'as stored' if key is None else 'as served to a learner'}; "
          f"template: {len(template_set)} uncropped GAN faces")
    print("median per kind (framing):")
    columns = [FEATURES.index(n) for n in FRAMING_FEATURES]
    for kind in KINDS:
        mask = kinds == kind
        if mask.any():
            med = np.median(X[mask][:, columns], axis=0)
            print(f"  {kind:9s} " + "  ".join(f"{n}={v:.3f}" for n, v in zip(FRAMING_FEATURES, med)))
    ok = True
    print(f"{'kind vs real':14s} {'features':9s} {'balanced acc':>12s} {'ROC AUC':>8s}")
    explained = {}
    for kind in ("gan", "diffusion", FRESH):
        ai = np.flatnonzero(kinds == kind)
        if kind == FRESH and not len(ai):
            continue
        if len(ai) < 5:
            print(f"{kind:14s} too few images to test")
            continue
        rng = np.random.default_rng(args.seed)
        if kind == FRESH:  # More practice shows a real photo as often as a new face, any real one outside the tests
            draws = [np.concatenate([ai, rng.choice(fresh_against, size=min(len(ai), len(fresh_against)), replace=False)])
                     for _ in range(10)]
            print(f"{kind:14s} {len(ai)} new GAN faces against {len(draws[0]) - len(ai)} of the real photos More practice shows")
        else:
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
        if args.explain:
            single = np.mean([single_feature_auc(X[rows], (kinds[rows] == kind).astype(int)) for rows in draws], axis=0)
            drops = [permutation_drop(X[rows], (kinds[rows] == kind).astype(int), args.seed + n, list(FEATURES), GROUPS)
                     for n, rows in enumerate(draws[:3])]  # three draws: 25 features x 5 folds each
            explained[kind] = (single, {k: float(np.mean([d[k] for d in drops])) for k in drops[0]},
                               {n: (float(np.median(X[ai][:, i])), float(np.median(X[np.setdiff1d(draws[0], ai)][:, i])))
                                for i, n in enumerate(FEATURES)})
    for kind, (single, drops, medians) in explained.items():
        print(f"\n{kind}: each feature alone (AUC, 0.5 = none) | AUC lost when it is shuffled | median {kind} / real")
        print("  groups: " + ", ".join(f"{g} {drops[g]:+.3f}" for g in GROUPS))
        for index in np.argsort(-single):
            name = FEATURES[index]
            ai_median, real_median = medians[name]
            print(f"  {name:15s} {single[index]:.3f}  {drops[name]:+.3f}  {ai_median:10.3f} / {real_median:10.3f}")
    print(("PASS" if ok else "FAIL") + f": goal balanced accuracy <= {args.max_balanced:.2f} "
          f"and ROC AUC <= {args.max_auc:.2f} per kind (all features)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
