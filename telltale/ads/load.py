"""Strict loading of lessons/ads.yaml and lessons/network.yaml.

The files are read with the one content reader (``telltale.content.reader``), whose YAML
nodes keep their line. Each problem
names the file, the line, the item and the field, e.g.
``lessons/ads.yaml:42 example heartland-patriots field red_flags[1].part``, and every
problem in a file is collected before a single ``ContentError`` is raised.
"""
from __future__ import annotations

import difflib
import re
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from yaml.nodes import Node, ScalarNode

from telltale import LESSONS_DIR, i18n
from telltale.ads.model import (
    ACCOUNT_KINDS,
    CATEGORIES,
    FACE_PLACEHOLDERS,
    PARTS,
    PICTURE_ICONS,
    PICTURE_STYLES,
    VERDICTS,
    AdExample,
    AdsLesson,
    Avatar,
    CatalogueEntry,
    Engagement,
    Link,
    Logo,
    ManagerCountry,
    Mark,
    NameChange,
    NetworkAccount,
    NetworkCase,
    Page,
    Picture,
    Transparency,
)
from telltale.content import reader
from telltale.content.manifest import ID_PATTERN as FACE_ID_PATTERN
from telltale.content.problems import ContentError
from telltale.content.reader import Reader, child, join

ADS_FILE = LESSONS_DIR / "ads.yaml"
NETWORK_FILE = LESSONS_DIR / "network.yaml"

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HANDLE_PATTERN = re.compile(r"^@[A-Za-z0-9_.]{2,30}$")
DOMAIN_PATTERN = re.compile(r"^(?=.{4,80}$)[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+$")
# An example id is shown to the app and may end up in a URL: it must not say its answer.
TELLING_WORDS = frozenset({
    "fake", "scam", "real", "authentic", "inauthentic", "troll", "bot", "legit", "genuine",
    "fraud", "hoax", "network", "honest",
})

MAX_TEXT = 1500
MAX_ID_LENGTH = 60  # ids are stored with answers and shown in exports
MAX_HEADLINE = 90


# ---------------------------------------------------------------------------------------
# lessons/ads.yaml
# ---------------------------------------------------------------------------------------

def _catalogue(r: Reader, node: Node, kind: str, field: str) -> dict[str, CatalogueEntry]:
    entries: dict[str, CatalogueEntry] = {}
    first_line: dict[str, int] = {}
    for index, entry_node in enumerate(r.sequence(node, "", field, min_items=1) or []):
        id_node = child(entry_node, "id")
        label = f"{kind} {id_node.value}" if isinstance(id_node, ScalarNode) else f"{kind} #{index + 1}"
        fields = r.mapping(entry_node, label, None, ("id", "label", "description"),
                           translated=("label", "description"))
        if fields is None:
            continue
        entry_id = r.text(fields["id"], label, "id") if "id" in fields else None
        if entry_id is not None and not ID_PATTERN.match(entry_id):
            r.bad(fields["id"], label, "id", "must be lowercase words joined by hyphens, e.g. new-page")
            entry_id = None
        entry_label = r.text(fields["label"], label, "label", max_len=40) if "label" in fields else None
        description = r.text(fields["description"], label, "description", max_len=300) if "description" in fields else None
        if entry_id is not None and entry_id in entries:
            r.bad(fields["id"], label, "id", f"duplicate {kind} id (first on line {first_line[entry_id]})")
            continue
        if entry_id is not None:
            first_line.setdefault(entry_id, entry_node.start_mark.line + 1)
        if entry_id is not None:
            # A broken entry still makes its id known, so marks using it are not reported
            # as unknown on top of the entry's own problem (the lesson fails either way).
            entries[entry_id] = CatalogueEntry(entry_id, entry_label or "", description or "")
    return entries


def _logo_from_name(name: str) -> Logo:
    """A plain logo for a face avatar, used until the face library exists."""
    words = [w for w in re.split(r"[\s\-&']+", name) if w and w[0].isalnum()]
    initials = "".join(w[0] for w in words[:2]).upper() or "?"
    palette = ("#3b5b92", "#4a7c59", "#8a4f7d", "#b5651d", "#2e6f8e", "#6b5b95")
    index = sum(name.encode("utf-8")) % len(palette)
    return Logo(initials, palette[index], "#ffffff")


def _avatar(r: Reader, node: Node, item: str, field: str, name: str | None) -> Avatar | None:
    fields = r.mapping(node, item, field, (), ("face", "logo"))
    if fields is None:
        return None
    if not fields:
        r.bad(node, item, field, "needs a face (any-gan, any-real or an image id) or a logo")
        return None
    face = None
    ok = True
    if "face" in fields:
        face = r.text(fields["face"], item, join(field, "face"))
        if face is not None and face not in FACE_PLACEHOLDERS and not FACE_ID_PATTERN.match(face):
            r.bad(fields["face"], item, join(field, "face"),
                  f"must be any-gan, any-real or any-diffusion (optionally + -female or -male, "
                  f"e.g. any-gan-female) or an image id like fq3k9x2a, found {face!r}")
            face = None
        ok = face is not None
    logo = None
    if "logo" in fields:
        logo_fields = r.mapping(fields["logo"], item, join(field, "logo"),
                                ("initials", "background", "foreground"))
        if logo_fields is None:
            return None
        lf = join(field, "logo")
        initials = r.text(logo_fields["initials"], item, join(lf, "initials")) if "initials" in logo_fields else None
        if initials is not None and not 1 <= len(initials) <= 3:
            r.bad(logo_fields["initials"], item, join(lf, "initials"),
                  f"must be 1 to 3 characters, found {initials!r}")
            initials = None
        background = r.colour(logo_fields["background"], item, join(lf, "background")) if "background" in logo_fields else None
        foreground = r.colour(logo_fields["foreground"], item, join(lf, "foreground")) if "foreground" in logo_fields else None
        if None in (initials, background, foreground):
            return None
        logo = Logo(initials, background, foreground)
    if not ok:
        return None
    if logo is None:
        logo = _logo_from_name(name or "?")
    return Avatar(face, logo)


def _picture(r: Reader, node: Node, item: str) -> Picture | None:
    field = "picture"
    fields = r.mapping(node, item, field, ("style", "colors", "headline"),
                       ("text_color", "subline", "sticker", "icon"), translated=("headline", "subline", "sticker"))
    if fields is None:
        return None
    style = r.choice(fields["style"], item, "picture.style", PICTURE_STYLES) if "style" in fields else None
    colors: list[str | None] = []
    if "colors" in fields:
        nodes = r.sequence(fields["colors"], item, "picture.colors", min_items=2)
        if nodes is None:
            colors = [None]
        else:
            if len(nodes) > 5:
                r.bad(fields["colors"], item, "picture.colors", f"must have at most 5 colours, found {len(nodes)}")
                colors = [None]
            colors += [r.colour(n, item, f"picture.colors[{i}]") for i, n in enumerate(nodes)]
    headline = r.text(fields["headline"], item, "picture.headline", MAX_HEADLINE) if "headline" in fields else None
    text_color = r.optional(fields, "text_color", lambda n: r.colour(n, item, "picture.text_color")) or "#ffffff"
    subline = r.optional(fields, "subline", lambda n: r.text(n, item, "picture.subline", 80))
    sticker = r.optional(fields, "sticker", lambda n: r.text(n, item, "picture.sticker", 12))
    icon = r.optional(fields, "icon", lambda n: r.choice(n, item, "picture.icon", PICTURE_ICONS))
    bad_optional = any(name in fields and not r.is_null(fields[name]) and value is None
                       for name, value in (("subline", subline), ("sticker", sticker), ("icon", icon)))
    if None in (style, headline) or None in colors or not colors or bad_optional:
        return None
    return Picture(style, tuple(colors), headline, text_color, subline, sticker, icon)  # type: ignore[arg-type]


def _marks(r: Reader, node: Node | None, item: str, field: str, key: str,
           catalogue: dict[str, CatalogueEntry], catalogue_name: str, has_link: bool) -> tuple[Mark, ...] | None:
    if r.is_null(node):
        return ()
    nodes = r.sequence(node, item, field)
    if nodes is None:
        return None
    marks: list[Mark] = []
    seen: dict[str, int] = {}
    ok = True
    for index, mark_node in enumerate(nodes):
        mf = join(field, index)
        fields = r.mapping(mark_node, item, mf, (key, "part", "explain"), translated=("explain",))
        if fields is None or len(fields) < 3:
            ok = False
            continue
        mark_id = r.text(fields[key], item, join(mf, key))
        if mark_id is not None and mark_id not in catalogue:
            hint = difflib.get_close_matches(mark_id, list(catalogue), n=1)
            did_you_mean = f" (did you mean '{hint[0]}'?)" if hint else ""
            r.bad(fields[key], item, join(mf, key),
                  f"unknown {key} id {mark_id!r}{did_you_mean}; the {catalogue_name} catalogue has: "
                  f"{', '.join(catalogue)}")
            mark_id = None
        if mark_id is not None and mark_id in seen:
            r.bad(fields[key], item, join(mf, key),
                  f"{key} {mark_id!r} is listed twice in this example (first on line {seen[mark_id]})")
            mark_id = None
        elif mark_id is not None:
            seen[mark_id] = fields[key].start_mark.line + 1
        part = r.choice(fields["part"], item, join(mf, "part"), PARTS)
        if part == "link" and not has_link:
            r.bad(fields["part"], item, join(mf, "part"), "points at the link, but this example has no link")
            part = None
        explain = r.text(fields["explain"], item, join(mf, "explain"), max_len=300)
        if None in (mark_id, part, explain):
            ok = False
            continue
        marks.append(Mark(mark_id, part, explain))  # type: ignore[arg-type]
    return tuple(marks) if ok else None


def _transparency(r: Reader, node: Node, item: str, as_of: date | None) -> Transparency | None:
    # Names (of Pages, countries, payers' organisations) are proper nouns, the same in every language;
    # "Paid for by" is translated as a whole because it often says what the payer is ("volunteer group").
    fields = r.mapping(node, item, "transparency", ("created_on", "managers", "name_changes", "paid_for_by"),
                       translated=("paid_for_by",))
    if fields is None:
        return None
    ok = len(fields) == 4
    created_on = r.day(fields["created_on"], item, "transparency.created_on") if "created_on" in fields else None
    if created_on is not None and as_of is not None and created_on > as_of:
        r.bad(fields["created_on"], item, "transparency.created_on",
              f"is after the lesson's as_of date {as_of.isoformat()}")
        created_on = None
    ok = ok and created_on is not None

    managers: list[ManagerCountry] = []
    for index, m_node in enumerate(r.sequence(fields["managers"], item, "transparency.managers", 1) or []
                                   if "managers" in fields else []):
        mf = f"transparency.managers[{index}]"
        mfields = r.mapping(m_node, item, mf, ("country", "count"))
        if mfields is None or len(mfields) < 2:
            ok = False
            continue
        country = r.text(mfields["country"], item, mf + ".country", 40)
        count = r.integer(mfields["count"], item, mf + ".count", minimum=1)
        if country is not None and any(m.country == country for m in managers):
            r.bad(mfields["country"], item, mf + ".country", f"country {country!r} is listed twice")
            country = None
        if country is None or count is None:
            ok = False
            continue
        managers.append(ManagerCountry(country, count))
    if "managers" in fields and not managers:
        ok = False

    changes: list[NameChange] = []
    change_nodes = (r.sequence(fields["name_changes"], item, "transparency.name_changes")
                    if "name_changes" in fields else None)
    if change_nodes is None:
        ok = False
    for index, c_node in enumerate(change_nodes or []):
        cf = f"transparency.name_changes[{index}]"
        cfields = r.mapping(c_node, item, cf, ("date", "from", "to"))
        if cfields is None or len(cfields) < 3:
            ok = False
            continue
        when = r.day(cfields["date"], item, cf + ".date")
        old = r.text(cfields["from"], item, cf + ".from", 60)
        new = r.text(cfields["to"], item, cf + ".to", 60)
        if when is not None and created_on is not None and when < created_on:
            r.bad(cfields["date"], item, cf + ".date",
                  f"is before the Page was created ({created_on.isoformat()})")
            when = None
        if when is not None and as_of is not None and when > as_of:
            r.bad(cfields["date"], item, cf + ".date", f"is after the lesson's as_of date {as_of.isoformat()}")
            when = None
        if when is not None and changes and when < changes[-1].date:
            r.bad(cfields["date"], item, cf + ".date", "name changes must be listed oldest first")
            when = None
        if old is not None and changes and old != changes[-1].new_name:
            r.bad(cfields["from"], item, cf + ".from",
                  f"must be the name the previous change gave, {changes[-1].new_name!r}")
            old = None
        if None in (when, old, new):
            ok = False
            continue
        changes.append(NameChange(when, old, new))  # type: ignore[arg-type]

    paid_for_by = None
    if "paid_for_by" in fields and not r.is_null(fields["paid_for_by"]):
        paid_for_by = r.text(fields["paid_for_by"], item, "transparency.paid_for_by", 100)
        ok = ok and paid_for_by is not None
    if not ok:
        return None
    return Transparency(created_on, tuple(managers), tuple(changes), paid_for_by)  # type: ignore[arg-type]


def _example(r: Reader, node: Node, item: str, lesson: dict[str, Any]) -> AdExample | None:
    fields = r.mapping(node, item, None,
                       ("id", "verdict", "category", "page", "text", "picture", "engagement", "transparency"),
                       ("link", "red_flags", "authentic_signs"), translated=("text",))
    if fields is None:
        return None
    ok = all(name in fields for name in
             ("id", "verdict", "category", "page", "text", "picture", "engagement", "transparency"))

    example_id = r.text(fields["id"], item, "id", MAX_ID_LENGTH) if "id" in fields else None
    if example_id is not None:
        if not ID_PATTERN.match(example_id):
            r.bad(fields["id"], item, "id", "must be lowercase words joined by hyphens, e.g. hartmoor-bakery")
            example_id = None
        elif TELLING_WORDS & set(example_id.split("-")):
            words = ", ".join(sorted(TELLING_WORDS & set(example_id.split("-"))))
            r.bad(fields["id"], item, "id", f"must not give the answer away (it contains: {words})")
            example_id = None
    verdict = r.choice(fields["verdict"], item, "verdict", VERDICTS) if "verdict" in fields else None
    category = r.choice(fields["category"], item, "category", CATEGORIES) if "category" in fields else None

    page = None
    if "page" in fields:
        pfields = r.mapping(fields["page"], item, "page", ("name", "avatar", "followers"))
        if pfields is not None and len(pfields) == 3:
            name = r.text(pfields["name"], item, "page.name", 60)
            avatar = _avatar(r, pfields["avatar"], item, "page.avatar", name)
            followers = r.integer(pfields["followers"], item, "page.followers")
            if None not in (name, avatar, followers):
                page = Page(name, avatar, followers)  # type: ignore[arg-type]
    text = r.text(fields["text"], item, "text", MAX_TEXT) if "text" in fields else None
    picture = _picture(r, fields["picture"], item) if "picture" in fields else None

    link = None
    link_bad = False
    if "link" in fields and not r.is_null(fields["link"]):
        lfields = r.mapping(fields["link"], item, "link", ("domain", "title", "button"), translated=("title", "button"))
        link_bad = True
        if lfields is not None and len(lfields) == 3:
            domain = r.text(lfields["domain"], item, "link.domain", 80)
            if domain is not None and not DOMAIN_PATTERN.match(domain):
                r.bad(lfields["domain"], item, "link.domain",
                      f"must be a lowercase web address without https://, like shop.example, found {domain!r}")
                domain = None
            title = r.text(lfields["title"], item, "link.title", 90)
            button = r.text(lfields["button"], item, "link.button", 16)
            if None not in (domain, title, button):
                link = Link(domain, title, button)  # type: ignore[arg-type]
                link_bad = False
    has_link = link is not None or link_bad

    engagement = None
    if "engagement" in fields:
        efields = r.mapping(fields["engagement"], item, "engagement", ("reactions", "comments", "shares"))
        if efields is not None and len(efields) == 3:
            counts = [r.integer(efields[k], item, f"engagement.{k}") for k in ("reactions", "comments", "shares")]
            if None not in counts:
                engagement = Engagement(*counts)  # type: ignore[arg-type]

    transparency = (_transparency(r, fields["transparency"], item, lesson.get("as_of"))
                    if "transparency" in fields else None)
    if transparency is not None and page is not None and transparency.name_changes:
        last = transparency.name_changes[-1]
        if last.new_name != page.name:
            index = len(transparency.name_changes) - 1
            changes_node = child(fields["transparency"], "name_changes")
            to_node = child(changes_node.value[index], "to") if changes_node is not None else None
            r.bad(to_node or fields["transparency"], item, f"transparency.name_changes[{index}].to",
                  f"the last change must be to the Page's name {page.name!r}, not {last.new_name!r}")
            transparency = None

    red_flags = _marks(r, fields.get("red_flags"), item, "red_flags", "flag",
                       lesson["flags"], "flags", has_link)
    signs = _marks(r, fields.get("authentic_signs"), item, "authentic_signs", "sign",
                   lesson["signs"], "signs", has_link)
    if verdict == "inauthentic":
        if red_flags == ():
            r.bad(fields.get("red_flags") or node, item, "red_flags",
                  "an inauthentic example needs at least one red flag")
            red_flags = None
        if signs:
            r.bad(fields["authentic_signs"], item, "authentic_signs",
                  "only authentic examples list authentic signs")
            signs = None
    elif verdict == "authentic":
        if red_flags:
            r.bad(fields["red_flags"], item, "red_flags",
                  "an authentic example has no red flags (every flag a learner ticks on it counts as invented)")
            red_flags = None
        if signs == ():
            r.bad(fields.get("authentic_signs") or node, item, "authentic_signs",
                  "an authentic example needs at least one authentic sign")
            signs = None

    parts = (example_id, verdict, category, page, text, picture, engagement, transparency, red_flags, signs)
    if not ok or None in parts or link_bad:
        return None
    return AdExample(example_id, verdict, category, page, text, picture, link, engagement,  # type: ignore[arg-type]
                     transparency, red_flags, signs)  # type: ignore[arg-type]


def parse_ads(text: str, source: str = "lessons/ads.yaml", language: str = i18n.DEFAULT) -> AdsLesson:
    """Build the ads lesson from YAML text; ``source`` is the file name problems show."""
    return _ads(*reader.parse(text, source, language))


def _ads(r: Reader, root: Node | None) -> AdsLesson:
    if root is None:
        raise ContentError(r.problems)
    fields = r.mapping(root, "", None, ("as_of", "home_country", "flags", "signs", "examples"))
    lesson: dict[str, Any] = {
        "as_of": r.day(fields["as_of"], "", "as_of") if "as_of" in fields else None,
        "home_country": r.text(fields["home_country"], "", "home_country", 40) if "home_country" in fields else None,
        "flags": _catalogue(r, fields["flags"], "flag", "flags") if "flags" in fields else {},
        "signs": _catalogue(r, fields["signs"], "sign", "signs") if "signs" in fields else {},
    }
    examples = [_example(r, node, item, lesson)
                for item, node in (r.entries(fields["examples"], "examples", "example", "id", 1)
                                   if "examples" in fields else ())]
    r.finish()
    return AdsLesson(lesson["as_of"], lesson["home_country"], lesson["flags"], lesson["signs"], tuple(e for e in examples if e is not None))


def load_ads(path: Path | str | None = None, language: str = i18n.DEFAULT) -> AdsLesson:
    """Load and check lessons/ads.yaml (or ``path``) with its text in ``language``; raises ContentError
    with every problem. Ids, verdicts, flags and parts are the same in every language."""
    path = Path(path) if path is not None else ADS_FILE
    return _load_ads(path, reader.version(path), language)


@lru_cache(maxsize=8)
def _load_ads(path: Path, version: tuple, language: str) -> AdsLesson:  # built again only when the file has changed
    return _ads(*reader.read(path, language))


# ---------------------------------------------------------------------------------------
# lessons/network.yaml
# ---------------------------------------------------------------------------------------

ACCOUNT_FIELDS = ("handle", "display_name", "kind", "avatar", "created_at", "post_times", "admins",
                  "admin_country", "belongs_to_network", "why")


def _account(r: Reader, node: Node, item: str) -> NetworkAccount | None:
    fields = r.mapping(node, item, None, ACCOUNT_FIELDS, translated=("why",))
    if fields is None:
        return None
    ok = len(fields) == len(ACCOUNT_FIELDS)
    get = fields.get
    handle = r.text(get("handle"), item, "handle", 32) if "handle" in fields else None
    if handle is not None and not HANDLE_PATTERN.match(handle):
        r.bad(get("handle"), item, "handle", f"must be @ followed by 2-30 letters, digits, _ or ., found {handle!r}")
        handle = None
    display_name = r.text(get("display_name"), item, "display_name", 60) if "display_name" in fields else None
    kind = r.choice(get("kind"), item, "kind", ACCOUNT_KINDS) if "kind" in fields else None
    avatar = _avatar(r, get("avatar"), item, "avatar", display_name) if "avatar" in fields else None
    created_at = r.moment(get("created_at"), item, "created_at") if "created_at" in fields else None
    post_times: list[datetime] = []
    if "post_times" in fields:
        nodes = r.sequence(get("post_times"), item, "post_times", min_items=1)
        if nodes is None:
            ok = False
        for i, t_node in enumerate(nodes or []):
            when = r.moment(t_node, item, f"post_times[{i}]")
            if when is None:
                ok = False
                continue
            if post_times and when < post_times[-1]:
                r.bad(t_node, item, f"post_times[{i}]", "post times must be listed oldest first")
                ok = False
                continue
            if created_at is not None and when < created_at:
                r.bad(t_node, item, f"post_times[{i}]",
                      f"is before the account was created ({created_at.isoformat()})")
                ok = False
                continue
            post_times.append(when)
    admins: list[str] = []
    if "admins" in fields:
        nodes = r.sequence(get("admins"), item, "admins", min_items=1)
        if nodes is None or not nodes:
            ok = False
        for i, a_node in enumerate(nodes or []):
            admin = r.text(a_node, item, f"admins[{i}]", 30)
            if admin is not None and not ID_PATTERN.match(admin):
                r.bad(a_node, item, f"admins[{i}]", f"must be an id like adm-17, found {admin!r}")
                admin = None
            if admin is not None and admin in admins:
                r.bad(a_node, item, f"admins[{i}]", f"admin {admin!r} is listed twice")
                admin = None
            if admin is None:
                ok = False
                continue
            admins.append(admin)
    admin_country = r.text(get("admin_country"), item, "admin_country", 40) if "admin_country" in fields else None
    belongs = r.boolean(get("belongs_to_network"), item, "belongs_to_network") if "belongs_to_network" in fields else None
    why = r.text(get("why"), item, "why", 300) if "why" in fields else None
    if not ok or None in (handle, display_name, kind, avatar, created_at, admin_country, belongs, why):
        return None
    return NetworkAccount(handle, display_name, kind, avatar, created_at, tuple(post_times),  # type: ignore[arg-type]
                          tuple(admins), admin_country, belongs, why)  # type: ignore[arg-type]


def parse_network(text: str, source: str = "lessons/network.yaml", language: str = i18n.DEFAULT) -> NetworkCase:
    """Build the network case from YAML text; ``source`` is the file name problems show."""
    return _network(*reader.parse(text, source, language))


def _network(r: Reader, root: Node | None) -> NetworkCase:
    if root is None:
        raise ContentError(r.problems)
    fields = r.mapping(root, "", None, ("id", "title", "brief", "accounts"), translated=("title", "brief"))
    case_id = r.text(fields["id"], "", "id", MAX_ID_LENGTH) if "id" in fields else None
    if case_id is not None and not ID_PATTERN.match(case_id):
        r.bad(fields["id"], "", "id", "must be lowercase words joined by hyphens")
    title = r.text(fields["title"], "", "title", 80) if "title" in fields else None
    brief = r.text(fields["brief"], "", "brief", 800) if "brief" in fields else None
    accounts = [account for item, node in (r.entries(fields["accounts"], "accounts", "account", "handle", 2)
                                           if "accounts" in fields else ())
                if (account := _account(r, node, item)) is not None]
    if not r.problems:
        in_network = sum(a.belongs_to_network for a in accounts)
        if in_network < 2 or len(accounts) - in_network < 1:
            r.bad(fields["accounts"], "", "accounts",
                  "needs at least two accounts in the network and one outside it "
                  f"(found {in_network} in, {len(accounts) - in_network} out)")
    r.finish()
    return NetworkCase(case_id, title, brief, tuple(accounts))  # type: ignore[arg-type]


def load_network(path: Path | str | None = None, language: str = i18n.DEFAULT) -> NetworkCase:
    """Load and check lessons/network.yaml (or ``path``) with its text in ``language``; raises
    ContentError with every problem. Handles, times, admins and answers are the same in every language."""
    path = Path(path) if path is not None else NETWORK_FILE
    return _load_network(path, reader.version(path), language)


@lru_cache(maxsize=8)
def _load_network(path: Path, version: tuple, language: str) -> NetworkCase:  # built again only when the file has changed
    return _network(*reader.read(path, language))


__all__ = ["ADS_FILE", "NETWORK_FILE", "load_ads", "load_network", "parse_ads", "parse_network"]
