"""The teacher's printable materials, drawn from the lesson files: one handout page per tell, the
"check the source" card, the lesson plan and the class's summary after the lesson, as PDF (fpdf2).

Text is set in Noto Sans (fontpkg-noto-sans, the ads' font), so every language's accents print.
Every face on a handout is a worked example of the tells lesson (never a quiz face), with the
tell's clue boxes drawn by the app's own telltale.library.draw_clues, and goes through
telltale.served like every picture the app shows: its bytes are made for this class with the
server's secret, so a printed or forwarded handout matches no file of the public repository.
"""
from __future__ import annotations

import hashlib
import io
import os
import re
import tempfile
from datetime import datetime, timezone
from functools import lru_cache, partial
from pathlib import Path
from statistics import mean

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from telltale import i18n, parts, served
from telltale.content import reader
from telltale.ads.fonts import FONT_PATH
from telltale.kit.plan import LessonPlan
from telltale.kit.teaching import Teaching

FONT = "noto"
INK = (20, 33, 61)
MUTED = (75, 85, 99)
SHADE = (238, 241, 245)
ACCENT = (29, 78, 216)
EXAMPLES_PER_TELL = 2
AVERAGED = 12  # faces in each average of the eyes-fixed handout, as in the lesson's first view
ITALIC_PATH = FONT_PATH.with_name("NotoSans-Italic[wdth,wght].ttf")
_FPDF_MARKS = re.compile(r"(\*\*|__|--|~~)")
_MARKS = re.compile(r"(\*\*|__|\*|`)")


def plain(text: str) -> str:
    """Lesson Markdown as printed text: the marks of bold, italic and code taken out."""
    return _MARKS.sub("", text).replace("\\", "")


# The scripts the fonts keep: Latin (with every accent of the course's languages), Greek, Cyrillic,
# punctuation and the few symbols the materials print (′ of d′, arrows, the euro).
PRINTED = [*range(0x20, 0x7F), *range(0xA0, 0x250), *range(0x370, 0x400), *range(0x400, 0x530),
           *range(0x2010, 0x2070), 0x20AC, 0x2122, 0x2190, 0x2192, 0x2212]
STYLES = {"": (FONT_PATH, 400), "B": (FONT_PATH, 700), "I": (ITALIC_PATH, 400)}


@lru_cache(maxsize=1)
def static_fonts() -> dict[str, Path]:
    """Noto Sans regular, bold and italic as static fonts, made from the variable fonts once per
    version of them (kept in the system's temporary folder, so another process reuses them): cut
    down to the printed scripts and without the layout tables fpdf2 does not use. fpdf2 instancing
    the whole variable font took about ten seconds a style, mostly merging those tables."""
    stamp = hashlib.sha256(repr((reader.version(*sorted({p for p, _ in STYLES.values()})), PRINTED)).encode()).hexdigest()
    folder = Path(tempfile.gettempdir()) / f"telltale-fonts-{stamp[:16]}"
    paths = {style: folder / f"noto-{style or 'R'}.ttf" for style in STYLES}
    if not all(path.exists() for path in paths.values()):
        folder.mkdir(exist_ok=True)
        for style, (source, weight) in STYLES.items():
            made = folder / f".{paths[style].name}.{os.getpid()}"
            static_font(source, weight).save(str(made))
            os.replace(made, paths[style])  # whole or not at all, even with another process at it
    return paths


def static_font(source: Path, weight: int):
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.varLib.instancer import instantiateVariableFont

    font = TTFont(str(source))
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["GSUB", "GPOS", "GDEF"]  # fpdf2 lays text out without them (no text shaping)
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=PRINTED)
    cutter.subset(font)
    return instantiateVariableFont(font, {"wght": weight, "wdth": 100})


def printable(text: str) -> str:
    """Text as the fonts can print it: a character they lack (a nickname in another script) becomes "?"."""
    kept = _PRINTED_SET
    return "".join(c if ord(c) in kept or c in "\n\t" else "?" for c in text)


_PRINTED_SET = frozenset(PRINTED)


class Sheet(FPDF):
    """An A4 page in Noto Sans with Telltale's footer."""

    def __init__(self, footer: str):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        for style, path in static_fonts().items():  # italic for fpdf2's Markdown __marks__
            self.add_font(FONT, style, str(path))
        self.set_margins(16, 14, 16)
        self.set_auto_page_break(True, margin=16)
        self.footer_text = footer
        self.set_creator("Telltale")
        self.set_title(footer)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"{self.footer_text} · {self.page_no()}", align="C")

    def heading(self, text: str, size: float = 18, colour=INK, after: float = 2) -> None:
        self.set_font(FONT, "B", size)
        self.set_text_color(*colour)
        self.multi_cell(0, size * 0.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(after)

    def text(self, text: str, size: float = 10.5, bold: bool = False, colour=INK, after: float = 1.5,
             fill: bool = False) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.set_text_color(*colour)
        if fill:
            self.set_fill_color(*SHADE)
        self.multi_cell(0, size * 0.5, text, fill=fill, padding=3 if fill else 0, align="L",
                        new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(after)

    def labelled(self, label: str, text: str, size: float = 10.5, after: float = 1.5) -> None:
        """A bold label and its text as one paragraph."""
        self.set_text_color(*INK)
        self.set_font(FONT, "", size)
        self.multi_cell(0, size * 0.5, f"**{escape(label)}** {escape(text)}", markdown=True, align="L",
                        new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(after)

    def bullets(self, lines, size: float = 10.5) -> None:
        """A list whose lines wrap under their text, not under the bullet."""
        self.set_font(FONT, "", size)
        self.set_text_color(*INK)
        for line in lines:
            self.cell(5, size * 0.5, "•")
            self.multi_cell(self.epw - 5, size * 0.5, line, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.ln(0.8)
        self.ln(1)

    def picture(self, jpeg: bytes, x: float, y: float, width: float) -> None:
        self.image(io.BytesIO(jpeg), x=x, y=y, w=width)

    def output_bytes(self) -> bytes:
        return bytes(self.output())


# --- one handout page per tell ----------------------------------------------------------------

def examples_of(library, tell_id: str) -> list[str]:
    """The tells lesson's worked examples showing this tell: those its steps show first, then the
    other lesson faces with its clue; never a quiz face (form "lesson" only)."""
    shown = [image for step in library.lessons.steps if step.tell == tell_id for image in step.examples]
    others = sorted(i for i, item in library.items.items() if item.form == "lesson")
    found = []
    for image in shown + others:
        item = library.items.get(image)
        if item and item.form == "lesson" and image not in found and library.clues(image, tell_id):
            found.append(image)
    return found[:EXAMPLES_PER_TELL]


def handouts_pdf(library, teaching: Teaching, picture_key: bytes, language: str = i18n.DEFAULT) -> bytes:
    """One page per tell of the face lessons: its rule, how far to trust it, what it is and how to
    check it, its worked examples with the tell's clues outlined and explained, and a prompt. The
    library's lessons give the words (load_library(language=) for the class's language)."""
    _ = partial(i18n.gettext, language)
    lessons = library.lessons
    sheet = Sheet(_("Telltale · The tells"))
    served_picture = partial(served.served_bytes, key=picture_key)
    for tell in lessons.tells.values():
        sheet.add_page()
        sheet.text(_("Telltale · The tells"), size=9, colour=MUTED, after=0.5)
        sheet.heading(plain(tell.name), size=20)
        sign = _("A sign of an AI-made face") if tell.points_to == "ai" else _("A sign of a real photo")
        sheet.text(sign, size=10, bold=True, colour=ACCENT, after=2)
        notes = teaching.tells[tell.id]
        sheet.text(notes.rule, size=13, bold=True, fill=True, after=3)
        sheet.labelled(_("How far to trust it:"), teaching.trust[tell.strength])
        sheet.labelled(_("What it is:"), plain(tell.summary))
        sheet.labelled(_("How to check:"), plain(tell.how_to_check))
        sheet.ln(2)
        if tell.id == "eyes-fixed":
            averages(sheet, library, served_picture, _)
        else:
            worked_examples(sheet, library, lessons, tell.id, served_picture, _)
        sheet.ln(2)
        sheet.labelled(_("Talk about it:"), notes.prompt)
    return sheet.output_bytes()


def worked_examples(sheet: Sheet, library, lessons, tell_id: str, served_picture, _) -> None:
    images = examples_of(library, tell_id)
    if not images:
        sheet.text(_("The lesson has no worked example of this tell yet: look for it in the faces you "
                     "discuss with the class."), size=10, colour=MUTED)
        return
    width = (sheet.epw - 8) / 2
    top = sheet.get_y()
    bottom = top
    for index, image in enumerate(images):
        x = sheet.l_margin + index * (width + 8)
        sheet.picture(served_picture(library.highlighted_bytes(image, tell_id)), x, top, width)
        sheet.set_xy(x, top + width + 2)
        item = lessons.items[image]
        caption = _("AI-made face") if item.is_ai else _("Real photo")
        sheet.set_font(FONT, "B", 9.5)
        sheet.set_text_color(*INK)
        sheet.multi_cell(width, 4.6, caption, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
        sheet.set_font(FONT, "", 9.5)
        notes = (clue for clue in item.clues if clue.tell == tell_id)  # in the order numbered on the picture
        for number, clue in enumerate(notes, start=1):
            sheet.set_x(x)
            sheet.multi_cell(width, 4.6, f"{number}. {plain(clue.note)}", align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
        bottom = max(bottom, sheet.get_y())
    sheet.set_xy(sheet.l_margin, bottom + 2)


def averages(sheet: Sheet, library, served_picture, _) -> None:
    """The investigators' trick, as the lesson shows it: uncropped AI faces averaged against real photos."""
    width = (sheet.epw - 8) / 2
    top = sheet.get_y()
    captions = (_("{count} uncropped AI faces, averaged: the eyes stay sharp").format(count=AVERAGED),
                _("{count} real photos, averaged: a blur").format(count=AVERAGED))
    for index, (kind, caption) in enumerate(zip(("gan", "real"), captions)):
        x = sheet.l_margin + index * (width + 8)
        sheet.picture(served_picture(library.average_bytes(kind, AVERAGED)), x, top, width)
        sheet.set_xy(x, top + width + 2)
        sheet.set_font(FONT, "", 9.5)
        sheet.set_text_color(*INK)
        sheet.multi_cell(width, 4.6, caption, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
    sheet.set_xy(sheet.l_margin, top + width + 14)


# --- the "check the source" card ------------------------------------------------------------

def source_card_pdf(lab, flags: dict, teaching: Teaching, language: str = i18n.DEFAULT) -> bytes:
    """One page: the provenance lab's kinds of evidence, each with how to use it, then the red flags
    of inauthentic Pages (lessons/ads.yaml)."""
    _ = partial(i18n.gettext, language)
    sheet = Sheet(_("Telltale · Check the source"))
    sheet.set_auto_page_break(False)  # one page: the test of the card checks that it fits
    sheet.add_page()
    sheet.heading(plain(lab.title), size=22)
    sheet.text(teaching.card_intro, size=11.5, bold=True, fill=True, after=4)
    for number, evidence in enumerate(lab.evidence, start=1):
        sheet.labelled(f"{number}. {plain(evidence.label)}.", teaching.card_evidence[evidence.id], size=10.5)
        sheet.ln(0.5)
    sheet.ln(2)
    sheet.heading(teaching.card_accounts, size=13, after=1.5)
    for flag in flags.values():
        sheet.labelled(f"{plain(flag.label)}:", plain(flag.description), size=9.5)
    return sheet.output_bytes()


# --- the lesson plan ------------------------------------------------------------------------

def plan_pdf(plan: LessonPlan, class_label: str = "") -> bytes:
    _ = partial(i18n.gettext, plan.language)
    heading = _("{minutes}-minute lesson plan").format(minutes=plan.length)
    sheet = Sheet(f"{plan.title} · {heading}")
    sheet.add_page()
    sheet.text(plan.title, size=9, colour=MUTED, after=0.5)
    sheet.heading(heading + (f" · {class_label}" if class_label else ""), size=20)
    sheet.labelled(_("Who it is for:"), plan.audience, size=10)
    sheet.text(_("Learning goals"), size=12, bold=True, after=1)
    sheet.bullets(plan.goals, size=10)
    sheet.text(_("Minute by minute"), size=12, bold=True, after=1)
    sheet.set_font(FONT, "", 9)
    sheet.set_text_color(*INK)
    with sheet.table(col_widths=(18, 160), text_align=("LEFT", "LEFT"), line_height=4.4,
                     first_row_as_headings=True, markdown=True, padding=1.5) as table:
        table.row((_("Minutes"), _("What happens")))
        for segment in plan.segments:
            lines = [f"**{escape(segment.title)}**" + (f" ({escape(segment.detail)})" if segment.detail else ""),
                     escape(segment.do)]
            if segment.goal:
                lines.append("__" + escape(_("Goal:") + " " + segment.goal) + "__")
            table.row((f"{segment.start}–{segment.end}", "\n".join(lines)))
    sheet.ln(2)
    if plan.later:
        sheet.labelled(_("Left for another lesson:"),
                       _("{parts}. Students continue where they stopped: their answers are kept until you "
                         "close or delete the class.").format(parts=", ".join(plan.later)))
    sheet.text(_("Where it fits"), size=12, bold=True, after=1)
    for standard in plan.standards:
        sheet.labelled(f"{standard.framework}, {standard.code} ({standard.name}):", standard.how, size=9, after=1)
    if plan.prompts:
        sheet.text(_("Discussion prompts"), size=12, bold=True, after=1)
        for name, prompt in plan.prompts:
            sheet.labelled(f"{plain(name)}:", prompt, size=9, after=0.8)
    return sheet.output_bytes()


def escape(text: str) -> str:
    """Text inside fpdf2's Markdown (bold **, italic __, underline --, strike ~~): its marks shown as typed."""
    return _FPDF_MARKS.sub(r"\\\1", text)


# --- the class's summary -------------------------------------------------------------------

def percent(value: float | None, language: str) -> str:
    return "" if value is None else f"{i18n.number(language, 100 * value)}%"


def class_summary_pdf(snap, language: str = i18n.DEFAULT, with_nicknames: bool = False,
                      flag_names: dict[str, str] | None = None, evidence_names: dict[str, str] | None = None,
                      kinds: dict[str, str] | None = None, now: datetime | None = None) -> bytes:
    """The class's figures after the lesson (telltale.classroom.figures), without nicknames unless asked."""
    _ = partial(i18n.gettext, language)
    the_class = snap.the_class
    name = f"{the_class.title} · " if the_class.title else ""
    sheet = Sheet(_("Telltale · Class summary"))
    sheet.add_page()
    sheet.text(_("Telltale · Class summary"), size=9, colour=MUTED, after=0.5)
    sheet.heading(name + _("Class {code}").format(code=the_class.code), size=20)
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M")
    sheet.text(_("Started {started} UTC · summary made {made} UTC").format(
        started=the_class.created_at.strftime("%Y-%m-%d %H:%M"), made=stamp), size=9.5, colour=MUTED)
    finished = sum(s.section == "results" for s in snap.students)
    sheet.bullets([_("Students: {joined} joined, {finished} finished").format(joined=len(snap.students),
                                                                             finished=finished),
                   _("Answers: {count}").format(count=snap.answer_count)])

    means = snap.test_means()
    if means:
        sheet.text(_("Real or AI: the tests"), size=12, bold=True, after=1)
        lines = []
        for phase in means:
            accuracy, students = means[phase]
            tests = [getattr(s, phase) for s in snap.students if getattr(s, phase)]
            lines.append(_("{test}: {accuracy} right on average ({students} students); sensitivity d′ {d}, "
                           "bias c {c}").format(
                test=parts.title(phase, language), accuracy=percent(accuracy, language), students=students,
                d=i18n.number(language, mean(t.d_prime for t in tests), 2, signed=True),
                c=i18n.number(language, mean(t.criterion for t in tests), 2, signed=True)))
        sheet.bullets(lines)
        sheet.text(_("d′ 0 is guessing; higher tells real from AI better. c below 0 leans towards calling "
                     "faces AI (real people accused), above 0 towards letting AI faces through."),
                   size=9, colour=MUTED)
    if snap.calibration:
        answered = sum(b.n for b in snap.calibration)
        sure = sum(b.n * b.confidence for b in snap.calibration) / answered
        right = sum(b.n * b.accuracy for b in snap.calibration) / answered
        sheet.labelled(_("Confidence:"), _("{sure} sure on average, {right} right.").format(
            sure=f"{i18n.number(language, sure)}%", right=percent(right, language)))
    fooled = snap.fooled_most(limit=5)
    if fooled:
        sheet.text(_("The faces that fooled the class most"), size=12, bold=True, after=1)
        lines = []
        for rank, stat in enumerate(fooled, start=1):
            truth = _("AI-made") if stat.truth == "ai" else _("Real photo")
            kind = (kinds or {}).get(stat.item_id)
            lines.append(_("Face {rank} ({truth}): {right} of {n} right").format(
                rank=rank, truth=f"{truth}, {kind}" if kind else truth, right=stat.correct, n=stat.n))
        sheet.bullets(lines, size=10)
    if snap.ads.answers:
        sheet.text(parts.title("ads", language), size=12, bold=True, after=1)
        sheet.text(_("Posts judged: {answers} · students: {students} · average score {score}").format(
            answers=snap.ads.answers, students=snap.ads.students, score=percent(snap.ads.mean_score, language)))
        found = [f"{plain((flag_names or {}).get(flag, flag))}: {count}" for flag, count in snap.ads.flags]
        if found:
            sheet.labelled(_("Red flags found (times):"), "; ".join(found), size=10)
    lab = snap.provenance
    if lab and lab.answers:
        sheet.text(_("Checking the source"), size=12, bold=True, after=1)
        sheet.text(_("Cases decided: {answers} · students: {students} · average score {score}").format(
            answers=lab.answers, students=lab.students, score=percent(lab.mean_score, language)))
        named = [f"{plain((evidence_names or {}).get(e, e))}: {n}" for e, n in lab.evidence]
        if named:
            sheet.labelled(_("Evidence named (times):"), "; ".join(named), size=10)
    if with_nicknames and snap.students:
        sheet.text(_("Each student"), size=12, bold=True, after=1)
        sheet.set_font(FONT, "", 9)
        sheet.set_text_color(*INK)
        with sheet.table(col_widths=(50, 26, 26, 26, 26, 24), line_height=4.6, padding=1.2,
                         text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT")) as table:
            table.row((_("Nickname"), *(parts.title(p, language) for p in (*parts.TESTS, "practice", "ads")),
                       _("Source")))
            for s in sorted(snap.students, key=lambda s: s.nickname.casefold()):
                practice = f"{s.practice_correct}/{s.practice_total}" if s.practice_total else ""
                table.row((printable(s.nickname), percent(s.pretest.accuracy if s.pretest else None, language),
                           percent(s.posttest.accuracy if s.posttest else None, language), practice,
                           percent(s.ads_score, language), percent(s.provenance_score, language)))
    elif snap.students:
        sheet.text(_("Nicknames are left out of this summary. Tick \"Include nicknames\" before downloading "
                     "to list each student."), size=9, colour=MUTED)
    return sheet.output_bytes()
