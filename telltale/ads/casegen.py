"""Further network cases, generated from a seed, so that a class can replay a fresh one.

The hand-written case (lessons/network.yaml) stays the first; ``case_for(0, ...)`` returns it.
A generated case follows the same tells of coordinated behaviour as the 2019 network, in a
new mix each time: a network of 4-6 accounts created in one batch minutes apart, sharing a
few admins, posting on the dot from a scheduling tool, most with AI-made faces; among 5-7
ordinary accounts created over the years, posting when people have time, with their own
admins. Some cases are made harder on purpose: a network run from home, an ordinary account
run from abroad that says so, or an ordinary account that posts a lot about the same topic.
Every name is drawn from made-up pools; the same seed always gives the same case, in every
language: only its sentences are translated (gettext, locales/), never its names or its answers.
"""
from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from telltale import i18n
from telltale.ads.model import Avatar, Logo, NetworkAccount, NetworkCase

FIRST_DAY = datetime(2025, 9, 15, tzinfo=timezone.utc)  # the two weeks of posts, as in the hand-written case
DAYS = 14
FOREIGN = ("Norvania", "Kalmera", "Duvarra")
HOME = "Westmark"
OUTLETS = ("The Westmark Lantern", "Northwend Daily Wire", "The Civic Herald", "Westmark Morning Signal",
           "The Harbour Courier")
FIRST_NAMES = {"female": ("Anna", "Mira", "Lotte", "Sofia", "Ines", "Greta", "Nadia", "Elin", "Rosa", "Vera"),
               "male": ("Jonas", "Pavel", "Tomas", "Erik", "Luca", "Milan", "Oskar", "David", "Aron", "Felix")}
LAST_NAMES = ("Halvorsen", "Brandt", "Novak", "Lindgren", "Kovac", "Moreau", "Strand", "Petrov", "Aalto", "Weiss",
              "Dahl", "Ferreira", "Hartmann", "Voss", "Okafor")
ORDINARY_PAGES = (("Lakemere Chess Club", "LC"), ("Millcombe Allotment Society", "MA"),
                  ("Northwend Cycling Group", "NC"), ("Hollin Valley Choir", "HV"), ("Pine Hollow Book Circle", "PB"))
COLOURS = ("#0d3b66", "#386641", "#8d5524", "#6a4c93", "#1f4e79", "#b3261e")


def _handle(name: str) -> str:
    return "@" + ".".join(part.lower().strip(".") for part in name.replace("'", "").split())


def _logo(initials: str, rng: random.Random) -> Logo:
    return Logo(initials, rng.choice(COLOURS), "#ffffff")


def _person(rng: random.Random, used: set[str]) -> tuple[str, str]:
    while True:
        sex = rng.choice(("female", "male"))
        name = f"{rng.choice(FIRST_NAMES[sex])} {rng.choice(LAST_NAMES)}"
        if name not in used:
            used.add(name)
            return name, sex


def _scheduled_posts(rng: random.Random, slots: list[int], delay: int, skip: float) -> tuple[datetime, ...]:
    """Posts on the dot at the network's daily slots (minutes after midnight), `delay` minutes
    after the outlet, with a burst of five posts two minutes apart on one evening."""
    times = []
    for day in range(DAYS):
        for slot in slots:
            if rng.random() >= skip:
                times.append(FIRST_DAY + timedelta(days=day, minutes=slot + delay))
    burst_day = FIRST_DAY + timedelta(days=5, hours=21, minutes=delay % 2)
    times += [burst_day + timedelta(minutes=2 * k) for k in range(5)]
    return tuple(sorted(times))


def _human_posts(rng: random.Random, per_day: float) -> tuple[datetime, ...]:
    """Posts at irregular times, mostly in the morning, at lunch or in the evening."""
    times = set()
    for day in range(DAYS):
        for _ in range(rng.choices((0, 1, 2, 3), weights=(1, 1, per_day, per_day / 2))[0]):
            hour = rng.choice((7, 8, 12, 13, 18, 19, 20, 21, 22))
            times.add(FIRST_DAY + timedelta(days=day, hours=hour, minutes=rng.randrange(60)))
    return tuple(sorted(times)) or (FIRST_DAY + timedelta(hours=19, minutes=rng.randrange(60)),)


def generate_case(seed: int, language: str = i18n.DEFAULT) -> NetworkCase:
    """The case of ``seed``, its sentences in ``language``; everything else is the same in every language."""
    translations = i18n.translations(language)
    _, ngettext = translations.gettext, translations.ngettext
    rng = random.Random(f"network-case-{seed}")
    used: set[str] = set()
    outlet = rng.choice(OUTLETS)
    run_from_home = rng.random() < 0.3  # some networks are run from inside the country
    country = HOME if run_from_home else rng.choice(FOREIGN)
    batch = datetime(rng.choice((2024, 2025)), rng.randrange(1, 7), rng.randrange(1, 28), rng.randrange(24),
                     rng.randrange(50), tzinfo=timezone.utc)
    admins = [f"adm-{seed}-n{k}" for k in range(rng.randint(2, 3))]
    slots = sorted(rng.sample((7 * 60, 9 * 60, 12 * 60, 17 * 60, 20 * 60), 2))
    accounts = [NetworkAccount(
        _handle(outlet), outlet, "page", Avatar(None, _logo("".join(w[0] for w in outlet.split()[-2:]), rng)),
        batch, _scheduled_posts(rng, slots, 0, 0.0), tuple(admins), country, True,
        _("The outlet at the centre: created in the batch at {time}, and every post goes out on the dot.").format(
            time=f"{batch:%H:%M}"))]
    for k in range(rng.randint(3, 5)):
        name, sex = _person(rng, used)
        created = batch + timedelta(minutes=rng.randint(1, 4) * (k + 1))
        face = f"any-gan-{sex}" if rng.random() < 0.8 else None
        delay = 2 * (k + 1)
        minutes = int((created - batch).total_seconds() // 60)
        why = ngettext("Created {minutes} minute after the outlet, shares its admin, and reposts its stories "
                       "exactly {delay} minutes later.",
                       "Created {minutes} minutes after the outlet, shares its admin, and reposts its stories "
                       "exactly {delay} minutes later.", minutes).format(minutes=minutes, delay=delay)
        accounts.append(NetworkAccount(
            _handle(name), name, "profile", Avatar(face, _logo(name[0] + name.split()[1][0], rng)), created,
            _scheduled_posts(rng, slots, delay, 0.15), (rng.choice(admins),), country, True,
            why + (" " + _("Its profile photo is AI-made.") if face else "")))
    for k in range(rng.randint(5, 7)):
        if k < 2:
            page, initials = rng.choice([p for p in ORDINARY_PAGES if p[0] not in used])
            used.add(page)
            abroad = k == 0 and rng.random() < 0.5
            accounts.append(NetworkAccount(
                _handle(page), page, "page", Avatar(None, _logo(initials, rng)),
                datetime(rng.randrange(2012, 2022), rng.randrange(1, 13), rng.randrange(1, 28), rng.randrange(24),
                         rng.randrange(60), tzinfo=timezone.utc),
                _human_posts(rng, 1.0), (f"adm-{seed}-o{k}",), rng.choice(FOREIGN) if abroad else HOME, False,
                _("A local group posting when its volunteers have time, with its own admin, run by members who "
                  "moved abroad - and it says so.") if abroad else
                _("A local group posting when its volunteers have time, with its own admin.")))
            continue
        name, sex = _person(rng, used)
        keen = k == 2  # an ordinary person who shares the outlet's stories a lot: opinion is not behaviour
        accounts.append(NetworkAccount(
            _handle(name), name, "profile", Avatar(f"any-real-{sex}", _logo(name[0] + name.split()[1][0], rng)),
            datetime(rng.randrange(2010, 2024), rng.randrange(1, 13), rng.randrange(1, 28), rng.randrange(24),
                     rng.randrange(60), tzinfo=timezone.utc),
            _human_posts(rng, 3.0 if keen else 1.0), (f"adm-{seed}-p{k}",), HOME, False,
            _("Shares the outlet's stories often, but posts at ordinary, irregular times from an account made "
              "years ago. Agreeing with a network does not make you part of it.") if keen else
            _("An ordinary account, years old, posting at irregular times with its own admin.")))
    rng.shuffle(accounts)
    return NetworkCase(f"generated-{seed}", _("Case {seed}: the {outlet} network").format(seed=seed, outlet=outlet),
                       _("A fresh case, generated from seed {seed}. Someone is flooding {country}'s feeds with stories "
                         "from {outlet}. Pick out the accounts that belong to one coordinated network. Sharing the "
                         "same opinion is not enough: look for behaviour.").format(
                           seed=seed, country=HOME, outlet=outlet), tuple(accounts))


def case_for(round_number: int, seed: int, hand_written: NetworkCase, language: str = i18n.DEFAULT) -> NetworkCase:
    """The case of a round: the hand-written one first (already read in its language), then cases
    generated from the seed, in ``language``."""
    return hand_written if round_number == 0 else generate_case(seed * 1000 + round_number, language)
