"""A learner's results from stored answers: per-test detection, tells mastered, certificate."""
import io
from datetime import date, datetime, timezone

from PIL import Image

from telltale.certificate import certificate_png
from telltale.content.lessons import Clue, FaceItem
from telltale.results import learner_results
from telltale.storage import Answer, legacy_kind_and_expected

ITEMS = {
    "r1": FaceItem("r1", "real", "A", 1, ()),
    "g1": FaceItem("g1", "gan", "A", 1, (Clue("teeth-odd", (0, 0, 1, 1), "x"),)),
    "g2": FaceItem("g2", "gan", "B", 1, (Clue("teeth-odd", (0, 0, 1, 1), "x"), Clue("hair-painted", (0, 0, 1, 1), "y"))),
    "r2": FaceItem("r2", "real", "B", 1, ()),
}


def answer(phase, position, item, choice, correct, confidence=80):
    kind, expected = legacy_kind_and_expected(phase, item, choice, correct, {})
    return Answer(phase, position, item, kind, choice, expected, confidence, 1000, correct, float(correct), {},
                  datetime.now(timezone.utc))


def test_results_per_test_and_tells_caught():
    answers = [
        answer("pretest", 0, "r1", "ai", False), answer("pretest", 1, "g1", "real", False),
        answer("practice", 0, "r2+g2", "r2", True),
        answer("posttest", 0, "r2", "real", True), answer("posttest", 1, "g2", "ai", True),
        answer("posttest", 2, "g1", "real", False, confidence=100),
    ]
    results = learner_results(ITEMS, answers)
    assert (results.pretest.correct, results.pretest.n) == (0, 2)
    assert (results.posttest.correct, results.posttest.n, results.posttest.hits) == (2, 3, 1)
    assert results.practice_correct == 1 and results.practice_total == 1
    tells = {r.tell: (r.seen, r.spotted) for r in results.tells}
    # teeth: g2 caught in the pair and in the test, g1 missed in the test; hair: g2 twice caught.
    assert tells == {"teeth-odd": (3, 2), "hair-painted": (2, 2)}
    assert [r.tell for r in results.tells if r.mastered] == ["hair-painted"]


def test_certificate_is_a_png_with_the_name_drawn_not_required():
    with_name = certificate_png("Sam", ["Final test: 8 of 10 right"], date(2026, 11, 29))
    without = certificate_png("", ["Final test: 8 of 10 right"], date(2026, 11, 29))
    image = Image.open(io.BytesIO(with_name))
    assert image.format == "PNG" and image.size == (1200, 800)
    assert with_name != without


def test_calibration_is_put_in_words_by_how_far_confidence_runs_from_accuracy():
    from telltale.results import calibration_in_words
    assert "**20 points more sure than right**" in calibration_in_words(20.0)
    assert "most confident" in calibration_in_words(20.0)
    assert "well calibrated" in calibration_in_words(-5.0) and "**5 points less" in calibration_in_words(-5.0)
    assert "trust your eye a little more" in calibration_in_words(-25.0)


def test_accuracy_by_kind_over_both_tests_only():
    from telltale.results import accuracy_by_kind, published_d_prime

    items = dict(ITEMS, d1=FaceItem("d1", "diffusion", "A", 3, ()))
    answers = [
        answer("pretest", 0, "d1", "real", False), answer("pretest", 1, "r1", "real", True),
        answer("posttest", 0, "g1", "ai", True), answer("posttest", 1, "g2", "real", False),
        answer("practice", 0, "d1", "ai", True),  # practice does not count
    ]
    by_kind = {r.kind: (r.correct, r.n) for r in accuracy_by_kind(items, answers)}
    assert by_kind == {"real": (1, 1), "gan": (1, 2), "diffusion": (0, 1)}
    # Gray et al. 2025: hits 31% -> 51%, false alarms 46% -> 49%: d' stays near zero.
    assert published_d_prime(31, 46) == -0.4 and published_d_prime(51, 49) == 0.05


def test_the_spanish_certificate_has_a_glyph_for_every_letter_and_a_spanish_date():
    from telltale import i18n
    from telltale.ads.fonts import missing_glyphs

    words = [i18n.gettext("es", message) for message in
             ("Certificate of completion", "A Telltale learner", "completed the course “Can you spot a fake face?”")]
    lines = ["Prueba final: 8 de 10 correctas", "Sensibilidad d′ = 1,23"]
    assert missing_glyphs("".join(words + lines + [i18n.day("es", date(2026, 12, 1))])) == []
    assert i18n.day("es", date(2026, 12, 1)) == "1 de diciembre de 2026"
    spanish = certificate_png("", lines, date(2026, 12, 1), language="es")
    assert spanish != certificate_png("", lines, date(2026, 12, 1))  # the certificate's own words are Spanish
    assert Image.open(io.BytesIO(spanish)).size == (1200, 800)
