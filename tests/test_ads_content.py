"""lessons/ads.yaml and lessons/network.yaml: the committed content, and one test per
validation rule showing that a mistake is reported with file, line, item and field."""
from __future__ import annotations

import re
import textwrap

import pytest

from telltale.ads.fonts import missing_glyphs
from telltale.ads.load import load_ads, parse_ads, parse_network
from telltale.ads.model import CATEGORIES, PARTS
from telltale.content.problems import ContentError

# ---------------------------------------------------------------------------------------
# The committed content
# ---------------------------------------------------------------------------------------

# Scores are stored against these ids: they may be added to, never renamed or removed.
STABLE_IDS = {
    "heartland-patriots", "save-our-rivers", "millcombe-bulletin", "libertad-y-salud",
    "workers-voice", "brackenmere-parents", "helena-voss-tips", "vennacoin-giveaway",
    "luxe-boots-outlet", "hartmoor-bakery", "wendlecombe-library", "harbor-food-bank",
    "dalton-hardware", "reyes-water-board", "lakemere-ledger", "rivermead-nurses",
    "cedarmoor-creek-friends", "energy-future", "pine-hollow-pool", "emigrants-norvania", "hollin-farmers",
    "asociacion-hispana",
}

# Real platforms, brands and coins that must not appear anywhere in the lessons.
REAL_NAMES = ("facebook", "instagram", "twitter", "tiktok", "youtube", "whatsapp", "google",
              "meta ", "bitcoin", "ethereum", "amazon", "paypal", "epoch", "the bl ")


def test_ads_lesson_loads_with_enough_examples_of_both_kinds(lesson):
    verdicts = [e.verdict for e in lesson.examples]
    assert len(lesson.examples) >= 14
    assert verdicts.count("inauthentic") >= 6 and verdicts.count("authentic") >= 6
    assert {e.category for e in lesson.examples} == set(CATEGORIES)


def test_example_ids_are_stable(lesson):
    assert STABLE_IDS <= {e.id for e in lesson.examples}


def test_every_flag_and_sign_in_the_catalogues_is_used(lesson):
    used_flags = {m.id for e in lesson.examples for m in e.red_flags}
    used_signs = {m.id for e in lesson.examples for m in e.authentic_signs}
    assert used_flags == set(lesson.flags)
    assert used_signs == set(lesson.signs)


def test_marks_point_at_known_parts(lesson):
    for example in lesson.examples:
        for mark in example.red_flags + example.authentic_signs:
            assert mark.part in PARTS
            assert mark.explain.endswith((".", "!", "?", "'", '"')), (example.id, mark.explain)


def test_issue_ads_without_disclaimer_carry_the_no_disclaimer_flag(lesson):
    """The transparency panel shows "No disclaimer": on an issue ad that must be a flag."""
    for example in lesson.examples:
        if example.category == "issue" and example.transparency.paid_for_by is None:
            assert "no-disclaimer" in example.flag_ids, example.id
        if "no-disclaimer" in example.flag_ids:
            assert example.transparency.paid_for_by is None and example.category == "issue"


def test_content_has_non_latin_text_and_every_character_has_a_glyph(lesson, case):
    texts = []
    for e in lesson.examples:
        texts += [e.text, e.page.name, e.picture.headline, e.picture.subline or "", e.picture.sticker or "",
                  e.transparency.paid_for_by or "", e.page.avatar.logo.initials]
        texts += [c.old_name + c.new_name for c in e.transparency.name_changes]
        texts += [m.country for m in e.transparency.managers]
        if e.link:
            texts += [e.link.domain, e.link.title, e.link.button]
    texts += [a.display_name for a in case.accounts]
    joined = "\n".join(texts)
    assert re.search("[\u0370-\u03ff]", joined) or re.search("[\u0400-\u04ff]", joined)
    assert re.search("[áéíóúñ¿¡]", joined)
    assert missing_glyphs(joined) == []


def test_no_real_product_or_town_is_shown(lesson, case):
    """Names a learner reads, and the ids a teacher reads in the export: real products and towns were renamed."""
    shown = []
    for e in lesson.examples:
        shown += [e.id.replace("-", " "), e.page.name, e.text, e.picture.headline, e.picture.subline or "", e.transparency.paid_for_by or ""]
        shown += [c.old_name + " " + c.new_name for c in e.transparency.name_changes]
        if e.link:
            shown += [e.link.domain, e.link.title]
    shown += [a.display_name + " " + a.handle for a in case.accounts]
    text = "\n".join(shown).lower()
    for name in ("novacoin", "jointflex", "cedar falls", "harwick", "westbrook"):
        assert name not in text, name


def test_lessons_name_no_real_platform_brand_or_coin():
    from telltale.ads.load import ADS_FILE, NETWORK_FILE

    for path in (ADS_FILE, NETWORK_FILE):
        body = path.read_text(encoding="utf-8").lower()
        # the header comment may cite the 2019 case in general terms, not by name
        for name in REAL_NAMES:
            assert name not in body, (path.name, name)


def test_network_case_has_a_network_and_decoys(case):
    assert 8 <= len(case.accounts) <= 12
    network = [a for a in case.accounts if a.belongs_to_network]
    others = [a for a in case.accounts if not a.belongs_to_network]
    assert len(network) >= 4 and len(others) >= 4
    # one network: every account is tied to another through a shared admin
    admins_by_handle = {a.handle: set(a.admins) for a in network}
    reached = {network[0].handle}
    changed = True
    while changed:
        changed = False
        for handle, admins in admins_by_handle.items():
            if handle not in reached and any(admins & admins_by_handle[r] for r in reached):
                reached.add(handle)
                changed = True
    assert reached == set(admins_by_handle)
    # decoys share no admin with the network
    network_admins = set().union(*admins_by_handle.values())
    assert all(not set(a.admins) & network_admins for a in others)
    # network accounts were created in one batch, minutes apart
    created = sorted(a.created_at for a in network)
    assert (created[-1] - created[0]).total_seconds() <= 3600
    # network posts are machine-regular (on the minute); the others' are not
    assert all(t.second == 0 for a in network for t in a.post_times)
    assert any(t.second != 0 for a in others for t in a.post_times)


# ---------------------------------------------------------------------------------------
# Validation rules, lessons/ads.yaml
# ---------------------------------------------------------------------------------------

VALID = textwrap.dedent("""\
    as_of: 2025-10-01
    home_country: Westmark
    flags:
      - {id: new-page, label: New Page, description: The Page is new.}
      - {id: no-disclaimer, label: No disclaimer, description: Nobody says who paid.}
    signs:
      - {id: long-history, label: Long history, description: The Page is old.}
    examples:
      - id: alpha-page
        verdict: inauthentic
        category: issue
        page:
          name: Alpha Page
          avatar: {face: any-gan}
          followers: 100
        text: Share this now!
        picture:
          style: gradient
          colors: ["#112233", "#445566"]
          headline: Look at this
        link: {domain: alpha-news.nv, title: Read it, button: Learn more}
        engagement: {reactions: 5000, comments: 2, shares: 900}
        transparency:
          created_on: 2025-09-01
          managers:
            - {country: Norvania, count: 3}
          name_changes:
            - {date: 2025-09-10, from: Old Name, to: Alpha Page}
          paid_for_by: null
        red_flags:
          - flag: new-page
            part: transparency_created
            explain: The Page is a month old.
          - flag: no-disclaimer
            part: paid_for_by
            explain: Nobody says who paid.
      - id: beta-shop
        verdict: authentic
        category: commercial
        page:
          name: Beta Shop
          avatar:
            logo: {initials: BS, background: "#aa5500", foreground: "#ffffff"}
          followers: 900
        text: Open Monday to Friday.
        picture:
          style: stripes
          colors: ["#112233", "#445566", "#778899"]
          headline: Open all week
        engagement: {reactions: 50, comments: 4, shares: 1}
        transparency:
          created_on: 2012-01-01
          managers:
            - {country: Westmark, count: 2}
          name_changes: []
          paid_for_by: null
        authentic_signs:
          - sign: long-history
            part: transparency_created
            explain: The Page is old.
    """)


def problems_of(text: str) -> list[str]:
    with pytest.raises(ContentError) as caught:
        parse_ads(text)
    return [str(p) for p in caught.value.problems]


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the ``occurrence``-th line containing ``needle``."""
    hits = [i for i, line in enumerate(text.splitlines(), start=1) if needle in line]
    return hits[occurrence - 1]


def edit(old: str, new: str, text: str = VALID, count: int = 1) -> str:
    assert text.count(old) >= count, old
    return text.replace(old, new, count)


def assert_one_problem(text: str, where: str, *words: str) -> None:
    found = problems_of(text)
    assert len(found) == 1, found
    assert found[0].startswith(where), found[0]
    for word in words:
        assert word in found[0], found[0]


def test_valid_sample_loads():
    lesson = parse_ads(VALID)
    assert [e.id for e in lesson.examples] == ["alpha-page", "beta-shop"]
    alpha = lesson.example("alpha-page")
    assert alpha.transparency.name_changes[0].old_name == "Old Name"
    assert alpha.page.avatar.face == "any-gan" and alpha.page.avatar.logo.initials == "AP"


def test_unknown_field_is_named_with_a_suggestion():
    text = edit("    text: Share this now!", "    text: Share this now!\n    colour: red")
    assert_one_problem(text, f"lessons/ads.yaml:{line_of(text, 'colour: red')} example alpha-page field colour",
                       "unknown field")


def test_unknown_nested_field_names_its_path():
    text = edit("      headline: Look at this", "      headline: Look at this\n      colours: []")
    assert_one_problem(text, f"lessons/ads.yaml:{line_of(text, 'colours')} example alpha-page field picture.colours",
                       "did you mean 'colors'")


def test_missing_field_is_named():
    text = edit("    text: Share this now!\n", "")
    assert_one_problem(text, f"lessons/ads.yaml:{line_of(text, 'id: alpha-page')} example alpha-page field text",
                       "missing field 'text'")


def test_wrong_type_is_named():
    text = edit("followers: 100", "followers: many")
    assert_one_problem(text, f"lessons/ads.yaml:{line_of(text, 'followers: many')} example alpha-page "
                             "field page.followers", "whole number")


def test_wrong_type_for_a_date():
    text = edit("created_on: 2025-09-01", "created_on: last week")
    assert_one_problem(text, f"lessons/ads.yaml:{line_of(text, 'last week')} example alpha-page "
                             "field transparency.created_on", "date")


def test_unknown_flag_id_is_named():
    text = edit("- flag: new-page", "- flag: new-pages")
    assert_one_problem(text, f"lessons/ads.yaml:{line_of(text, 'new-pages')} example alpha-page "
                             "field red_flags[0].flag", "unknown flag id 'new-pages'", "did you mean 'new-page'")


def test_unknown_sign_id_is_named():
    text = edit("- sign: long-history", "- sign: old-page")
    assert_one_problem(text, f"lessons/ads.yaml:{line_of(text, 'old-page')} example beta-shop "
                             "field authentic_signs[0].sign", "unknown sign id")


def test_unknown_part_is_named():
    text = edit("part: paid_for_by", "part: disclaimer")
    assert_one_problem(text, f"lessons/ads.yaml:{line_of(text, 'part: disclaimer')} example alpha-page "
                             "field red_flags[1].part", "must be one of")


def test_link_part_without_a_link():
    text = edit("        part: transparency_created\n        explain: The Page is old.",
                "        part: link\n        explain: The Page is old.")
    assert_one_problem(text, f"lessons/ads.yaml:{line_of(text, 'part: link')} example beta-shop "
                             "field authentic_signs[0].part", "no link")


def test_duplicate_example_id():
    text = edit("- id: beta-shop", "- id: alpha-page")
    found = problems_of(text)
    assert len(found) == 1, found
    assert found[0].startswith(f"lessons/ads.yaml:{line_of(text, '- id: alpha-page', 2)} example alpha-page field id")
    assert f"first on line {line_of(text, '- id: alpha-page')}" in found[0]


def test_duplicate_catalogue_id():
    text = edit("{id: no-disclaimer, label: No disclaimer", "{id: new-page, label: No disclaimer")
    text = edit("- flag: no-disclaimer", "- flag: new-page", text)
    found = problems_of(text)
    assert any(p.startswith(f"lessons/ads.yaml:{line_of(text, 'label: No disclaimer')} flag new-page field id")
               and "duplicate flag id" in p for p in found), found


def test_duplicate_yaml_key():
    text = edit("    category: issue", "    category: issue\n    category: commercial")
    assert_one_problem(text, f"lessons/ads.yaml:{line_of(text, 'category: commercial')} example alpha-page "
                             "field category", "appears twice")


def test_bad_verdict():
    text = edit("verdict: inauthentic", "verdict: fake")
    assert_one_problem(text, f"lessons/ads.yaml:{line_of(text, 'verdict: fake')} example alpha-page field verdict",
                       "authentic, inauthentic")


def test_inauthentic_example_needs_red_flags():
    start = VALID.index("    red_flags:")
    end = VALID.index("  - id: beta-shop")
    text = VALID[:start] + VALID[end:]
    assert_one_problem(text, f"lessons/ads.yaml:{line_of(text, 'id: alpha-page')} example alpha-page field red_flags",
                       "at least one red flag")


def test_authentic_example_has_no_red_flags():
    text = edit("    authentic_signs:", "    red_flags:\n      - {flag: new-page, part: text, "
                                            "explain: Nope.}\n    authentic_signs:")
    assert_one_problem(text, f"lessons/ads.yaml:{line_of(text, '{flag: new-page')} example beta-shop field red_flags",
                       "no red flags")


def test_authentic_example_needs_signs():
    start = VALID.index("    authentic_signs:")
    text = VALID[:start]
    assert_one_problem(text, f"lessons/ads.yaml:{line_of(text, 'id: beta-shop')} example beta-shop "
                             "field authentic_signs", "at least one authentic sign")


def test_flag_listed_twice_in_one_example():
    text = edit("      - flag: no-disclaimer", "      - flag: new-page")
    assert_one_problem(text, f"lessons/ads.yaml:{line_of(text, '- flag: new-page', 2)} example alpha-page "
                             "field red_flags[1].flag", "listed twice")


def test_bad_colour():
    text = edit('background: "#aa5500"', "background: orange")
    assert_one_problem(text, f"lessons/ads.yaml:{line_of(text, 'background: orange')} example beta-shop "
                             "field page.avatar.logo.background", "colour")


def test_bad_face_key():
    text = edit("{face: any-gan}", "{face: any-robot}")
    assert_one_problem(text, f"lessons/ads.yaml:{line_of(text, 'any-robot')} example alpha-page "
                             "field page.avatar.face", "any-gan")


def test_unknown_picture_style():
    text = edit("style: stripes", "style: plaid")
    assert_one_problem(text, f"lessons/ads.yaml:{line_of(text, 'style: plaid')} example beta-shop "
                             "field picture.style", "gradient")


def test_created_after_as_of():
    text = edit("created_on: 2012-01-01", "created_on: 2026-01-01")
    assert_one_problem(text, f"lessons/ads.yaml:{line_of(text, '2026-01-01')} example beta-shop "
                             "field transparency.created_on", "as_of")


def test_name_change_before_creation():
    text = edit("{date: 2025-09-10, from: Old Name", "{date: 2025-08-10, from: Old Name")
    assert_one_problem(text, f"lessons/ads.yaml:{line_of(text, '2025-08-10')} example alpha-page "
                             "field transparency.name_changes[0].date", "before the Page was created")


def test_last_name_change_must_give_the_page_name():
    text = edit("from: Old Name, to: Alpha Page}", "from: Old Name, to: Alpha Pages}")
    assert_one_problem(text, f"lessons/ads.yaml:{line_of(text, 'Alpha Pages')} example alpha-page "
                             "field transparency.name_changes[0].to", "'Alpha Page'")


def test_name_changes_must_chain():
    text = edit("        - {date: 2025-09-10, from: Old Name, to: Alpha Page}",
                "        - {date: 2025-09-05, from: First Name, to: Second Name}\n"
                "        - {date: 2025-09-10, from: Old Name, to: Alpha Page}")
    assert_one_problem(text, f"lessons/ads.yaml:{line_of(text, 'from: Old Name')} example alpha-page "
                             "field transparency.name_changes[1].from", "'Second Name'")


def test_id_must_not_give_the_answer_away():
    text = edit("- id: alpha-page", "- id: alpha-fake-page")
    assert_one_problem(text, f"lessons/ads.yaml:{line_of(text, 'alpha-fake-page')} example alpha-fake-page field id",
                       "fake")


def test_text_that_yaml_reads_as_a_number_is_refused():
    text = edit("name: Beta Shop", "name: 1984")
    found = problems_of(text)
    assert any(p.startswith(f"lessons/ads.yaml:{line_of(text, 'name: 1984')} example beta-shop field page.name")
               and "quotes" in p for p in found), found


def test_yaml_syntax_error_names_the_line():
    text = edit("    text: Share this now!", "    text: [unclosed")
    found = problems_of(text)
    assert len(found) == 1 and found[0].startswith("lessons/ads.yaml:") and "not valid YAML" in found[0]


def test_every_problem_is_reported_at_once():
    text = edit("followers: 100", "followers: -3")
    text = edit("style: stripes", "style: plaid", text)
    text = edit("- flag: new-page", "- flag: nope", text)
    found = problems_of(text)
    assert len(found) == 3, found
    assert {"page.followers", "picture.style", "red_flags[0].flag"} == {p.split(" field ")[1].split(":")[0] for p in found}


def test_missing_top_level_field():
    text = edit("home_country: Westmark\n", "")
    assert_one_problem(text, "lessons/ads.yaml:1 field home_country", "missing")


def test_load_ads_names_the_file_it_read(tmp_path):
    path = tmp_path / "ads.yaml"
    path.write_text(edit("followers: 100", "followers: many"), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_ads(path)
    assert str(caught.value.problems[0]).startswith(f"{path}:")


# ---------------------------------------------------------------------------------------
# Validation rules, lessons/network.yaml
# ---------------------------------------------------------------------------------------

NETWORK = textwrap.dedent("""\
    id: sample-case
    title: Sample case
    brief: Find the network.
    accounts:
      - handle: "@one.page"
        display_name: One Page
        kind: page
        avatar: {face: any-gan}
        created_at: 2025-03-02T02:11:00Z
        admins: [adm-1, adm-2]
        admin_country: Norvania
        belongs_to_network: true
        why: Shares an admin with two.
        post_times: [2025-09-15T09:00:00Z, 2025-09-15T17:00:00Z]
      - handle: "@two.page"
        display_name: Two Page
        kind: page
        avatar: {face: any-gan}
        created_at: 2025-03-02T02:14:00Z
        admins: [adm-2]
        admin_country: Norvania
        belongs_to_network: true
        why: Shares an admin with one.
        post_times: [2025-09-15T09:02:00Z]
      - handle: "@dana"
        display_name: Dana
        kind: profile
        avatar: {face: any-real}
        created_at: 2012-07-19T19:26:00Z
        admins: [usr-dana]
        admin_country: Westmark
        belongs_to_network: false
        why: An ordinary person.
        post_times: [2025-09-16T19:13:41Z]
    """)


def network_problems(text: str) -> list[str]:
    with pytest.raises(ContentError) as caught:
        parse_network(text)
    return [str(p) for p in caught.value.problems]


def assert_one_network_problem(text: str, where: str, *words: str) -> None:
    found = network_problems(text)
    assert len(found) == 1, found
    assert found[0].startswith(where), found[0]
    for word in words:
        assert word in found[0], found[0]


def test_valid_network_sample_loads():
    case = parse_network(NETWORK)
    assert case.network_handles == {"@one.page", "@two.page"}
    assert case.account("@one.page").post_times[1].hour == 17


def test_network_unknown_field():
    text = edit("    why: An ordinary person.", "    why: An ordinary person.\n    bio: Hi", NETWORK)
    assert_one_network_problem(text, f"lessons/network.yaml:{line_of(text, 'bio: Hi')} account @dana field bio",
                               "unknown field")


def test_network_missing_field():
    text = edit("    admin_country: Westmark\n", "", NETWORK)
    assert_one_network_problem(text, f"lessons/network.yaml:{line_of(text, '@dana')} account @dana "
                                     "field admin_country", "missing")


def test_network_wrong_type():
    text = edit("belongs_to_network: false", "belongs_to_network: maybe", NETWORK)
    assert_one_network_problem(text, f"lessons/network.yaml:{line_of(text, 'maybe')} account @dana "
                                     "field belongs_to_network", "true or false")


def test_network_bad_handle():
    text = edit('"@dana"', '"dana"', NETWORK)
    line = line_of(text, 'handle: "dana"')
    assert_one_network_problem(text, f"lessons/network.yaml:{line} account dana "
                                     "field handle", "@")


def test_network_duplicate_handle():
    text = edit('"@two.page"', '"@one.page"', NETWORK)
    found = network_problems(text)
    assert len(found) == 1 and "duplicate handle" in found[0], found
    assert found[0].startswith(f"lessons/network.yaml:{line_of(text, '@one.page', 2)} account @one.page field handle")


def test_network_time_without_zone():
    text = edit("[2025-09-16T19:13:41Z]", "[2025-09-16T19:13:41]", NETWORK)
    assert_one_network_problem(text, f"lessons/network.yaml:{line_of(text, '2025-09-16T19:13:41')} account @dana "
                                     "field post_times[0]", "time zone")


def test_network_post_times_out_of_order():
    text = edit("[2025-09-15T09:00:00Z, 2025-09-15T17:00:00Z]", "[2025-09-15T17:00:00Z, 2025-09-15T09:00:00Z]",
                NETWORK)
    assert_one_network_problem(text, f"lessons/network.yaml:{line_of(text, '2025-09-15T17:00:00Z, ')} "
                                     "account @one.page field post_times[1]", "oldest first")


def test_network_post_before_creation():
    text = edit("created_at: 2012-07-19T19:26:00Z", "created_at: 2025-09-20T00:00:00Z", NETWORK)
    assert_one_network_problem(text, f"lessons/network.yaml:{line_of(text, '2025-09-16T19:13:41Z')} account @dana "
                                     "field post_times[0]", "before the account was created")


def test_network_needs_a_network_and_an_outsider():
    text = edit("belongs_to_network: false", "belongs_to_network: true", NETWORK)
    assert_one_network_problem(text, f"lessons/network.yaml:{line_of(text, '@one.page')} field accounts",
                               "one outside")
