"""Pages of a newspaper on the Báo Long An CMS: planning, text filling, rendering and truth of one site.

The CMS family (``{slug}-a{id}.html`` articles, ``content-fck`` bodies, ``?p=N`` listings, ``/rss/home.rss``)
is shared by more than one paper; each paper is a ``CmsSite`` value in its own module (``baolongan.py``) with
its texts beside it, and ``build_site`` writes it. The output is a pure function of the site, ``seed`` and
``extra_articles``: byte-identical on every run.

Layout written under ``out_dir``::

    sites/<host>/index.html                  home page
    sites/<host>/<section>/index.html        listing page 1 (``?p=N`` -> ``index.pN.html``)
    sites/<host>/<section>/<sub>/index.html  subsection listing
    sites/<host>/<slug>-a<id>.html           article pages (valid and broken)
    sites/<host>/rss/home.rss                RSS 2.0, newest 15
    sites/<host>/robots.txt
    sites/<host>/_status.json                path -> forced HTTP status (the "HTTP 500" page)
    truth/<edition truth_slug>.json

Body variants recorded in the truth (``variant``): ``A``-``E`` as in shared/SITES.md, ``L`` for the 2015
legacy layout (``div#detail.news-detail``, date in ``div.date``/``span.time``, lead image and caption before
the title).
``layout`` is ``2015`` (dates before 2017), ``2022`` (2017-2023) or ``2024`` (2024 on, with OpenGraph tags).
"""

from __future__ import annotations

import functools
import html
import json
import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from types import ModuleType
from urllib.parse import quote, urljoin

from newsarchive.normalize import VN_TZ as TZ
from newsarchive.normalize import slugify

from . import special_images, translated
from .common import attr, esc
from .common import write as _write

PAGE_SIZE = 5
RSS_SIZE = 15


@dataclass(frozen=True)
class Section:
    """A top-level listing section with optional subsections and the text topics it draws from."""

    slug: str
    label: str
    subs: tuple[tuple[str, str], ...]
    topics: dict[str | None, tuple[str, ...]]


@dataclass(frozen=True)
class SeedStory:
    """A real article reproduced in an edition (its text is the edition's ``texts.SEED``)."""

    date: datetime
    category: str
    subcategory: str | None
    topic: str


@dataclass(frozen=True)
class Edition:
    """One language edition (one host) and what its pages print that is the paper's own."""

    lang: str
    host: str
    truth_slug: str
    texts: ModuleType
    sections: tuple[Section, ...]
    per_section: int
    site: str  # the truth's ``site``
    image_host: str  # absolute image URLs point here (the rest are root-relative)
    inline_bases: tuple[str, str, str]  # the three spellings of an inline link to a sibling article
    lang_homes: tuple[str, str]  # home URLs in the header's Vietnamese | English switch
    logo_url: str  # og:image of an article without a picture
    about_title: str  # title of the "about us" page found among the articles
    seed: SeedStory | None = None
    weekday_dates: bool = (
        False  # dates printed `Thứ sáu: 15:00 ngày 09/02/2024` (Báo Tây Ninh), not `09/02/2024 - 15:00`
    )
    lead_mark: str = ""  # the paper's mark opening every lead, `(BTN) - …`; the truth keeps it as a source


@dataclass(frozen=True)
class CmsSite:
    """One paper on the CMS: its editions, one id counter shared by them, and when its stories appear."""

    editions: tuple[Edition, ...]
    id_anchors: tuple[tuple[datetime, int], ...]  # (date, id) seen on the live site; ids interpolate between
    reserved_ids: frozenset[int]  # real ids of the live site never reused for invented stories
    seed_id: int | None  # id of the editions' seed story
    year_weights: dict[int, int]  # how many stories each year gets, relatively
    last_listed: datetime  # the newest listed story (the RSS-only ones come after it)
    rss_only_dates: tuple[datetime, ...]  # stories reachable only through the RSS feed
    translated: ModuleType | None = None  # stories the English edition translates (`translated.py`)


@dataclass
class Block:
    """One element of an article body: paragraph, sub-heading, image or empty paragraph."""

    kind: str  # "p" | "h" | "img" | "empty"
    text: str = ""
    src: str = ""
    caption: str | None = None
    link: Art | None = None
    link_form: int = 0
    link_span: tuple[int, int] = (0, 0)
    noise: tuple[int, str] | None = None
    nfd: bool = False


@dataclass
class Art:
    """An article page (valid or broken) with everything needed to render it and its truth record."""

    lang: str
    date: datetime
    category: str
    subcategory: str | None
    topic: str
    kind: str = "valid"  # valid | truncated | no_body | not_article | http_404 | http_500
    reach: str = "listed"  # listed | inline | rss
    no_date: bool = False
    is_seed: bool = False
    id: int = 0
    title: str = ""
    slug: str = ""
    lead: str = ""
    blocks: list[Block] = field(default_factory=list)
    byline: list[tuple[str, str]] = field(default_factory=list)  # (kind, text): author | agency | srcurl
    authors: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    variant: str = ""
    layout: str = ""
    nfd: bool = False
    related: list[Art] = field(default_factory=list)
    comments: bool = False
    crumb: str = "div"
    legacy_date_tag: str = "div"

    @property
    def path(self) -> str:
        return f"/{self.slug}-a{self.id}.html"

    def url(self, host: str) -> str:
        return f"https://{host}{self.path}"


# ------------------------------------------------------------ helpers


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")


def fmt_date(d: datetime, ed: Edition | None = None) -> str:
    if ed is not None and ed.weekday_dates:
        return f"{WEEKDAYS[d.weekday()]}: {d:%H:%M} ngày {d:%d/%m/%Y}"
    return d.strftime("%d/%m/%Y - %H:%M")


def _printed_lead(a: Art, ed: Edition) -> str:
    """The lead as the page prints it: with the paper's mark in front where it has one."""
    return f"({ed.lead_mark}) - {_t(a.lead, a)}" if ed.lead_mark else _t(a.lead, a)


def iso(d: datetime) -> str:
    return d.replace(tzinfo=TZ).isoformat()


def _interp_id(site: CmsSite, d: datetime) -> float:
    pts = site.id_anchors
    if d <= pts[0][0]:
        return pts[0][1]
    for (d0, i0), (d1, i1) in zip(pts, pts[1:], strict=False):
        if d <= d1:
            return i0 + (i1 - i0) * (d - d0).total_seconds() / (d1 - d0).total_seconds()
    return pts[-1][1]


def _rand_date(rng: random.Random, site: CmsSite) -> datetime:
    year = rng.choices(list(site.year_weights), list(site.year_weights.values()))[0]
    start = datetime(year, 1, 2, 0, 0)
    end = site.last_listed if year == site.last_listed.year else datetime(year, 12, 30, 0, 0)
    day = start + timedelta(days=rng.randrange((end - start).days))
    return day.replace(hour=rng.randint(6, 21), minute=rng.randint(0, 59))


# ------------------------------------------------------------ planning


def _pick_topic(rng: random.Random, sec: Section, sub: str | None, year: int) -> str:
    topics = [t for t in sec.topics.get(sub, sec.topics[None]) if t != "covid" or 2020 <= year <= 2022]
    return rng.choice(topics or [t for t in sec.topics[None] if t != "covid"])


def _new_art(
    rng: random.Random, site: CmsSite, ed: Edition, sec: Section, date: datetime | None = None
) -> Art:
    sub = rng.choice(sec.subs)[0] if sec.subs and rng.random() < 0.5 else None
    d = date or _rand_date(rng, site)
    return Art(ed.lang, d, sec.slug, sub, _pick_topic(rng, sec, sub, d.year))


def _plan(site: CmsSite, ed: Edition, rng: random.Random, extra: int) -> list[Art]:
    """Decide dates, sections, reachability and broken kinds of every page of one edition."""
    arts: list[Art] = []
    for sec in ed.sections:
        for _ in range(ed.per_section):
            arts.append(_new_art(rng, site, ed, sec))
    for k in range(extra):
        arts.append(_new_art(rng, site, ed, ed.sections[k % len(ed.sections)]))
    if ed.seed is not None:
        s = ed.seed
        arts[0] = Art(ed.lang, s.date, s.category, s.subcategory, s.topic, is_seed=True)
    # three articles reachable only through inline links, from three different sections
    cands = [
        a for a in arts[: len(ed.sections) * ed.per_section] if 2016 <= a.date.year <= 2021 and not a.is_seed
    ]
    seen_secs: set[str] = set()
    rng.shuffle(cands)
    for a in cands:
        if a.category not in seen_secs and len(seen_secs) < 3:
            a.reach = "inline"
            seen_secs.add(a.category)
    # one listed article without any date
    listed = [a for a in arts if a.reach == "listed" and not a.is_seed and a.date.year >= 2017]
    rng.choice(listed).no_date = True
    # two articles only in the RSS feed (the newest of the edition)
    for d in site.rss_only_dates:
        a = _new_art(rng, site, ed, rng.choice(ed.sections), d + timedelta(minutes=rng.randint(0, 50)))
        a.reach = "rss"
        arts.append(a)
    # broken pages, linked from listings like articles
    for i, kind in enumerate(("truncated", "no_body", "not_article", "http_404", "http_500")):
        sec = ed.sections[(i + rng.randrange(len(ed.sections))) % len(ed.sections)]
        d = _rand_date(rng, site)
        while d.year < 2017:
            d = _rand_date(rng, site)
        a = _new_art(rng, site, ed, sec, d)
        a.kind = kind
        arts.append(a)
    return arts


def _assign_ids(site: CmsSite, all_arts: list[Art], rng: random.Random) -> None:
    """One id counter for all editions of the site, roughly increasing with the date."""
    used = set(site.reserved_ids)
    if site.seed_id is not None:
        for a in all_arts:
            if a.is_seed:
                a.id = site.seed_id
        used.add(site.seed_id)
    for a in sorted(all_arts, key=lambda x: (x.date, x.lang, x.category, x.kind)):
        if a.is_seed:
            continue
        i = int(_interp_id(site, a.date)) + rng.randint(1, 30)
        while i in used:
            i += 1
        used.add(i)
        a.id = i


# ------------------------------------------------------------ content


def _image_src(rng: random.Random, ed: Edition, d: datetime, infographic: bool = False) -> str:
    folder = f"/image/news/{d:%Y}/{d:%Y%m%d}/images/"
    if infographic:
        name = rng.choice(["virus-hmpv(1).jpg", "infographic-ket-qua(1).jpg", "info lich tiem (2).png"])
    else:
        word = rng.choice(ed.texts.IMAGE_WORDS).format(n=rng.randint(100, 999))
        if rng.random() < 0.45:
            word += f" ({rng.randint(1, 60)})"
        ext = rng.choices([".jpg", ".JPG", ".webp", ".jfif"], [60, 15, 15, 10])[0]
        r = rng.random()
        name = (quote(word, safe="()-_") if r < 0.6 else word) + ext
    return (ed.image_host if rng.random() < 0.75 else "") + folder + name


def _story_image(rng: random.Random, ed: Edition, a: Art) -> str:
    """An image file for a translated story's original that the generator left without one."""
    return _image_src(rng, ed, a.date)


def _noise(rng: random.Random, text: str) -> tuple[int, str] | None:
    gaps = text.count(" ")
    if gaps < 4 or rng.random() > 0.2:
        return None
    return rng.randrange(1, gaps), rng.choice(["nbsp", "br", "nl", "trail"])


def _fill(a: Art, ed: Edition, rng: random.Random, used_titles: set[str]) -> None:
    """Write title, lead, body, byline and markup choices of one page."""
    T = ed.texts
    topic = T.TOPICS[a.topic]
    if a.is_seed:
        s = T.SEED
        a.title, a.lead = str(s["title"]), str(s["lead"])
        a.blocks = [Block("img", src=str(s["image"]), caption=str(s["caption"]))]
        a.blocks += [Block("p", text=p) for p in s["paras"]]  # type: ignore[union-attr]
        a.byline = [("author", str(s["author"]))]
        a.authors = [str(s["author"])]
        a.layout, a.variant, a.crumb = "2022", "A", "div"
        a.slug = slugify(a.title)
        used_titles.add(a.title)
        return
    place, dv = rng.choice(T.PLACES)
    dec = "," if ed.lang == "vi" else "."
    vals = {
        "place": place,
        "dv": dv,
        "year": a.date.year,
        "n": rng.randint(12, 95),
        "pct": f"{rng.randint(5, 99)}{dec}{rng.randint(1, 9)}",
    }
    title = ""
    for _ in range(30):
        place, dv = rng.choice(T.PLACES)
        vals.update(place=place, dv=dv)
        title = rng.choice(topic["titles"]).format(**vals)
        if title not in used_titles:
            break
    k = 2
    base = title
    while title in used_titles:
        title = f"{base} (kỳ {k})" if ed.lang == "vi" else f"{base} (part {k})"
        k += 1
    used_titles.add(title)
    a.title = title
    a.slug = slugify(title)
    a.lead = rng.choice(topic["leads"]).format(**vals)
    if a.kind == "not_article":
        a.title = ed.about_title
        a.slug = slugify(a.title)
        return
    # layout and variant
    if a.date.year < 2017:
        a.layout, a.variant = "2015", "L"
        a.legacy_date_tag = rng.choice(["div", "span"])
    elif a.date.year < 2024:
        a.layout = "2022"
        a.variant = rng.choices("ABCE", [50, 20, 15, 15])[0]
    else:
        a.layout = "2024"
        a.variant = rng.choices("ABCDE", [25, 20, 20, 15, 20])[0]
    a.crumb = "div" if a.layout == "2015" or a.kind == "truncated" else rng.choice(["h1", "div", "div"])
    a.nfd = rng.random() < 0.1 and ed.lang == "vi"  # English text is ASCII: NFD would change nothing
    a.comments = rng.random() < 0.3
    # paragraphs
    pool = list(topic["paras"])
    rng.shuffle(pool)
    texts = [
        p.format(**{**vals, "n": rng.randint(3, 60), "pct": f"{rng.randint(5, 99)}{dec}{rng.randint(1, 9)}"})
        for p in pool[: rng.randint(4, min(8, len(pool)))]
    ]
    if ed.lang == "vi" or rng.random() < 0.2:
        last = texts[-1]
        texts[-1] = (last[:-1] if last.endswith(".") else last) + "./."
    blocks = [Block("p", text=t) for t in texts]
    if rng.random() < 0.12:
        blocks[1:1] = [Block("p", text=q) for q in rng.choice(T.INTERVIEWS)]
    if rng.random() < 0.3:
        heads = list(topic["subheads"])
        rng.shuffle(heads)
        for pos, h in zip((len(blocks) - 2, 1), heads, strict=False):
            blocks.insert(pos, Block("h", text=h))
    if rng.random() < 0.3:
        blocks.append(Block("p", text=rng.choice(T.CLOSERS)))
    for b in blocks:
        b.noise = _noise(rng, b.text)
        b.nfd = a.nfd and rng.random() < 0.6
    if rng.random() < 0.15:
        blocks.insert(rng.randrange(1, len(blocks)), Block("empty"))
    # images
    if a.variant == "D":
        n_img = rng.randint(1, 2)
    elif a.variant == "L":
        n_img = rng.choices([1, 2], [70, 30])[0]
    else:
        n_img = rng.choices([0, 1, 2, 3], [10, 50, 25, 15])[0]
    captions = list(topic["captions"])
    rng.shuffle(captions)
    imgs = []
    for i in range(n_img):
        cap: str | None = captions[i % len(captions)].format(**vals)
        if a.variant == "D" or (a.variant in "ABC" and rng.random() < 0.1):
            cap = None
        imgs.append(Block("img", src=_image_src(rng, ed, a.date, a.variant == "D"), caption=cap))
    positions = sorted(
        (0 if i == 0 and rng.random() < 0.7 else rng.randrange(1, len(blocks))) for i in range(n_img)
    )
    if a.variant == "L":
        positions = [0] + positions[1:]  # the lead image stands before the title
    for pos, img in sorted(zip(positions, imgs, strict=True), key=lambda x: -x[0]):
        blocks.insert(pos, img)
    a.blocks = blocks
    _byline(a, ed, rng)


def _byline(a: Art, ed: Edition, rng: random.Random) -> None:
    T = ed.texts
    r = rng.random()
    if ed.lang == "vi":

        def agency_or_url() -> None:
            s = rng.random()
            if s < 0.7:
                ag = rng.choice(T.AGENCIES)
                a.byline.append(("agency", ag))
                a.sources.append(ag.strip("()"))
            if s > 0.35:
                u = rng.choice(T.SOURCE_URLS).format(n=rng.randint(100000, 999999))
                a.byline.append(("srcurl", u))
                a.sources.append(u)

        if r < 0.55:
            name = rng.choice(T.AUTHORS)
            a.byline.append(("author", name))
            a.authors.append(name)
        elif r < 0.68:
            pair = rng.choice(T.AUTHOR_PAIRS)
            a.byline.append(("author", f"{pair[0]}- {pair[1]}"))
            a.authors.extend(pair)
        elif r < 0.78:
            name = rng.choice(T.AUTHORS)
            a.byline.append(("author", name))
            a.authors.append(name)
            agency_or_url()
        elif r < 0.9:
            agency_or_url()
    else:
        if r < 0.5:
            name = rng.choice(T.AUTHORS)
            a.byline.append(("author", name))
            a.authors.append(name)
        elif r < 0.6:
            pair = rng.choice(T.AUTHOR_PAIRS)
            a.byline.append(("author", f"{pair[0]}- {pair[1]}"))
            a.authors.extend(pair)
        elif r < 0.75:
            tr = rng.choice(T.TRANSLATORS)
            a.byline.append(("author", f"Translated by {tr}"))
            a.authors.append(tr)
        elif r < 0.85:
            name, ag = rng.choice(T.AUTHORS), rng.choice(T.AGENCIES)
            a.byline += [("author", name), ("agency", f"Source: {ag}")]
            a.authors.append(name)
            a.sources.append(ag)
        elif r < 0.95:
            ag = rng.choice(T.AGENCIES)
            a.byline.append(("agency", f"Source: {ag}"))
            a.sources.append(ag)


def _link(arts: list[Art], ed: Edition, rng: random.Random) -> None:
    """Inline links (inline-only targets and ordinary older ones) and related boxes."""
    listed = [a for a in arts if a.kind == "valid" and a.reach == "listed" and not a.no_date]
    sources = [a for a in listed if not a.is_seed]

    def add_link(src: Art, target: Art) -> bool:
        cands = [b for b in src.blocks if b.kind == "p" and b.link is None and b.text.count(" ") > 8]
        if not cands:
            return False
        b = rng.choice(cands)
        words = b.text.count(" ") + 1
        i = rng.randrange(1, words - 5)
        b.link, b.link_form, b.link_span = target, rng.randrange(3), (i, i + rng.randint(2, 5))
        if b.noise and i - 1 <= b.noise[0] <= b.link_span[1] + 1:
            b.noise = None
        return True

    for t in sorted((a for a in arts if a.reach == "inline"), key=lambda x: x.id):
        newer = [a for a in sources if a.date > t.date]
        rng.shuffle(newer)
        done = 0
        for s in newer:
            if add_link(s, t):
                done += 1
            if done == rng.choice((1, 2)) or done == 2:
                break
        assert done, f"no inline link to {t.id}"
    for s in sources:
        if rng.random() < 0.3:
            older = [a for a in listed if a.date < s.date and a is not s]
            if older:
                add_link(s, rng.choice(older))
    for a in arts:
        if a.kind in ("valid", "truncated", "no_body"):
            same = [x for x in listed if x.category == a.category and x is not a]
            other = [x for x in listed if x is not a]
            pool = rng.sample(same, min(len(same), 3)) + rng.sample(other, 2)
            seen: list[Art] = []
            for x in pool:
                if x not in seen:
                    seen.append(x)
            a.related = seen[: rng.randint(3, 5)]


# ------------------------------------------------------------ rendering


def _inline_href(ed: Edition, t: Art, form: int) -> str:
    return ed.inline_bases[form] + t.path


def _text_html(b: Block, ed: Edition) -> str:
    text = unicodedata.normalize("NFD", b.text) if b.nfd else b.text
    words = [esc(w) for w in text.split(" ")]
    seps = [" "] * (len(words) - 1)
    trail = ""
    if b.noise:
        pos, kind = b.noise
        if kind == "trail":
            trail = "&nbsp;"
        elif pos < len(seps):
            seps[pos] = {"nbsp": "&nbsp;", "br": "<br>", "nl": "\n\t\t"}[kind]
    if b.link is not None:
        i, j = b.link_span
        j = min(j, len(words) - 1)
        words[i] = f'<a href="{attr(_inline_href(ed, b.link, b.link_form))}">' + words[i]
        words[j] = words[j] + "</a>"
    out = words[0]
    for s, w in zip(seps, words[1:], strict=True):
        out += s + w
    return out + trail


def _t(s: str, a: Art) -> str:
    """Text as printed on the page (NFD on decomposed pages)."""
    return unicodedata.normalize("NFD", s) if a.nfd else s


GREY = "font-size: small; color: rgb(128, 128, 128);"
SPAN_E = '<span style="color: rgba(0, 0, 0, 1)">'


def _body_html(a: Art, ed: Edition) -> tuple[str, str]:
    """Return (lead-image html placed before the title (legacy only), body html)."""
    out: list[str] = []
    pre = ""
    v = a.variant
    url = a.url(ed.host)
    for k, b in enumerate(a.blocks):
        if b.kind == "empty":
            out.append("<p>&nbsp;</p>")
        elif b.kind == "h":
            h = f"<p><strong>{esc(_t(b.text, a) if b.nfd else b.text)}</strong></p>"
            out.append(f"{SPAN_E}{h}</span>" if v == "E" else h)
        elif b.kind == "p":
            if v == "L":
                out.append(f"<p>{_text_html(b, ed)}</p>")
            elif v == "E":
                out.append(f'{SPAN_E}<p style="text-align: justify;">{_text_html(b, ed)}</p></span>')
            else:
                style = ' style="text-align: justify;"' if (a.id + k) % 3 else ""
                out.append(f"<p{style}>{_text_html(b, ed)}</p>")
        else:
            src, cap = attr(b.src), (esc(b.caption) if b.caption is not None else None)
            if v == "L":
                if k == 0:
                    pre = (
                        f'<div class="lead-image"><img src="{src}" alt="" width="500">'
                        f'<p class="caption"><em>{cap or ""}</em></p></div>'
                    )
                    continue
                out.append(f'<p style="text-align: center;"><img src="{src}" alt="" width="500"></p>')
                if cap is not None:
                    out.append(f'<p style="text-align: center;"><em>{cap}</em></p>')
            elif v == "A":
                em = f'<em style="{GREY}">{cap}</em>' if cap is not None else ""
                out.append(
                    f'<p style="text-align: center;"><span><img alt="{attr(_t(a.title, a))}" '
                    f'class="zoomimg i-img-slider-jsgallery" data-socail-link="{attr(url)}" src="{src}" '
                    f'title="{attr(_t(a.title, a))}"></span>{em}</p>'
                )
            elif v in "BC":
                img = f'<div class="b-img-slider-jsgallery"><img alt="" src="{src}"></div>'
                g = 'style="color:#808080;"'
                if v == "B":
                    out.append(f"<p><em {g}>{img}</em></p>")
                else:
                    out.append(f"<p><em {g}></em></p><em {g}>{img}</em><p></p>")
                if cap is not None:
                    out.append(f"<p><em {g}>{cap}</em></p>")
            elif v == "D":
                out.append(f'<p style="text-align: center;"><img alt="" src="{src}"></p>')
            else:  # E
                out.append(
                    f'{SPAN_E}<p style="text-align: center;"><img alt="" src="{src}"></p></span>'
                    f'<em style="{GREY}">{cap}</em>'
                )
    for kind, text in a.byline:
        if kind == "srcurl":
            out.append(f'<p style="text-align: right;">Nguồn:&nbsp;{esc(text)}</p>')
        else:
            out.append(f'<p style="text-align: right;"><strong>{esc(text)}</strong></p>')
    return pre, "\n".join(out)


def _head(ed: Edition, title: str, desc: str, og: dict[str, str] | None = None) -> str:
    T = ed.texts.UI
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{ed.lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}{esc(T['title_suffix']) if title != T['site_name'] else ''}</title>",
        f'<meta name="description" content="{attr(desc)}">',
    ]
    for k, v in (og or {}).items():
        parts.append(f'<meta property="{k}" content="{attr(v)}">')
    parts += ['<link rel="stylesheet" href="/css/style.css">', "</head>", "<body>", '<div id="wrapper">']
    return "\n".join(parts)


def _header(ed: Edition) -> str:
    T = ed.texts.UI
    vi_first = ed.lang == "vi"
    vi_label = T["lang_switch_self"] if vi_first else T["lang_switch_other"]
    en_label = T["lang_switch_other"] if vi_first else T["lang_switch_self"]
    menu = [f'<li><a href="/">{esc(T["home"])}</a></li>']
    for s in ed.sections:
        subs = "".join(f'<li><a href="/{s.slug}/{sl}/">{esc(lb)}</a></li>' for sl, lb in s.subs)
        menu.append(
            f'<li><a href="/{s.slug}/">{esc(s.label)}</a>' + (f"<ul>{subs}</ul>" if subs else "") + "</li>"
        )
    return (
        '<div class="header">\n'
        + (
            f'<div class="top-bar"><div class="lang"><a href="{ed.lang_homes[0]}">{vi_label}</a> | '
            f'<a href="{ed.lang_homes[1]}">{en_label}</a></div>'
            if ed.lang_homes[1]
            else '<div class="top-bar">'  # one edition: no language switch
        )
        + f'<form class="search" action="/tim-kiem" method="get"><input type="text" name="q">'
        f'<button type="submit">{esc(T["search"])}</button></form></div>\n'
        f'<div class="logo"><a href="/"><img src="/images/logo.png" alt="{attr(T["site_name"])}"></a></div>\n'
        f'<ul class="menu">{"".join(menu)}</ul>\n</div>'
    )


def _footer(ed: Edition) -> str:
    return f'<div class="footer"><p>{esc(ed.texts.UI["footer"])}</p></div>\n</div>\n</body>\n</html>\n'


def _section(ed: Edition, slug: str) -> Section:
    return next(s for s in ed.sections if s.slug == slug)


def _crumb_links(ed: Edition, a: Art) -> str:
    sec = _section(ed, a.category)
    links = f'<a href="/{sec.slug}/">{esc(sec.label)}</a>'
    if a.subcategory:
        label = dict(sec.subs)[a.subcategory]
        links += f' » <a href="/{sec.slug}/{a.subcategory}/">{esc(label)}</a>'
    return links


def _sidebar(ed: Edition, picks: list[Art]) -> str:
    title = "Đọc nhiều" if ed.lang == "vi" else "Most read"
    items = "".join(f'<li><a href="{p.path}">{esc(p.title)}</a></li>' for p in picks)
    return f'<div class="col-right"><div class="box-docnhieu"><h3>{title}</h3><ul>{items}</ul></div></div>'


def _article_html(a: Art, ed: Edition, sidebar: str, rng: random.Random) -> str:
    T = ed.texts.UI
    url = a.url(ed.host)
    title_p = _t(a.title, a)
    og = None
    if a.layout == "2024" and a.kind == "valid":
        img = next((urljoin(url, b.src) for b in a.blocks if b.kind == "img"), ed.logo_url)
        og = {
            "og:type": "article",
            "og:title": a.title,
            "og:url": url,
            "og:image": img,
            "og:description": a.lead,
            "article:published_time": iso(a.date),
        }
        if a.no_date:
            og.pop("article:published_time")
    parts = [
        _head(ed, title_p, a.lead if a.kind != "no_body" else a.title, og),
        _header(ed),
        '<div class="main">\n<div class="col-left">',
    ]
    date_s = fmt_date(a.date, ed)
    crumb = _crumb_links(ed, a)
    if a.layout == "2015":
        date_html = (
            ""
            if a.no_date
            else (
                f'<div class="date">{date_s}</div>'
                if a.legacy_date_tag == "div"
                else f'<span class="time">{date_s}</span>'
            )
        )
        pre, body = _body_html(a, ed)
        parts.append(
            f'<div id="detail" class="news-detail">\n<div class="breadcrumb">{crumb}</div>\n{date_html}\n'
            f'{pre}\n<h1 class="title">{esc(title_p)}</h1>\n<div class="sapo"><strong>'
            f'{esc(_printed_lead(a, ed))}</strong></div>\n<div class="detail-content">\n{body}\n</div>'
        )
    else:
        if a.crumb == "h1":
            parts.append(f'<h1 class="breadcrumb">{crumb}</h1>')
        parts.append('<div class="detail">')
        if not a.no_date:
            parts.append(f'<span class="pubdate">{date_s}</span>')
        if a.crumb == "div":
            parts.append(f'<div class="breadcrumb">{crumb}</div>')
        parts.append(f'<h1 class="margintopbot10 fw600">{esc(title_p)}</h1>')
        if a.kind == "no_body":
            parts.append('<div class="content-fck slider-jsgallery">\n</div>')
        else:
            _, body = _body_html(a, ed)
            parts.append(f'<p class="fontd">{esc(_printed_lead(a, ed))}</p>')
            parts.append(f'<div class="content-fck slider-jsgallery">\n{body}\n</div>')
    share_u = quote(url, safe="")
    parts.append(
        f'<div class="sharemxh"><span>{esc(T["share"])}</span> '
        f'<a href="https://www.facebook.com/sharer/sharer.php?u={share_u}" class="fb">Facebook</a> '
        f'<a href="https://zalo.me/share?u={share_u}" class="zalo">Zalo</a></div>'
    )
    if a.comments:
        cs = ed.texts.READER_COMMENTS
        shown = rng.sample(cs, rng.randint(0, 2))
        items = "".join(f'<div class="comment-item"><b>{esc(n)}</b><p>{esc(c)}</p></div>' for n, c in shown)
        parts.append(
            f'<div class="comment-box"><h3>{esc(T["comments"])}</h3>{items}'
            f'<form action="/binh-luan" method="post"><textarea name="noidung"></textarea>'
            f"<p>{esc(T['comment_hint'])}</p><button>{esc(T['comment_button'])}</button></form></div>"
        )
    rel = "".join(
        f'<li><a href="{r.path}">{esc(r.title)}</a> <span class="date">({r.date:%d/%m/%Y})</span></li>'
        for r in a.related
    )
    parts.append(f'<div class="detail-related"><h3>{esc(T["related"])}</h3><ul>{rel}</ul></div>')
    parts.append("</div>")
    parts.append(f"</div>\n{sidebar}\n</div>")
    page = "\n".join(parts) + "\n" + _footer(ed)
    if a.kind == "truncated":
        marker = f"{date_s}</span>"
        cut = page.index(marker) + len(marker)
        page = page[:cut] + '\n<div class="brea'
    return page


def _not_article_html(a: Art, ed: Edition) -> str:
    paras = "".join(f"<p>{esc(p)}</p>" for p in ed.texts.INTRO_PAGE)
    return (
        f'{_head(ed, a.title, a.title)}\n{_header(ed)}\n<div class="main"><div class="page-intro">'
        f"<h2>{esc(a.title)}</h2>{paras}</div></div>\n{_footer(ed)}"
    )


def _list_item(a: Art, ed: Edition) -> str:
    date = "" if a.no_date else f'<span class="date">{fmt_date(a.date, ed)}</span>'
    lead = a.lead if len(a.lead) < 160 else a.lead[:150].rsplit(" ", 1)[0] + "..."
    return (
        f'<div class="item"><h2 class="h2cate"><a href="{a.path}">{esc(a.title)}</a></h2>'
        f'{date}<p class="lead">{esc(lead)}</p></div>'
    )


def _listing_pages(ed: Edition, base: str, label_html: str, items: list[Art]) -> dict[str, str]:
    """Render the pages of one listing; keys are file paths relative to the site dir."""
    n_pages = max(1, -(-len(items) // PAGE_SIZE))
    out: dict[str, str] = {}
    for p in range(1, n_pages + 1):
        chunk = items[(p - 1) * PAGE_SIZE : p * PAGE_SIZE]
        nums = []
        # Like the CMS: first, last and a window around the current page, so a listing page stays small
        # however long the section is.
        shown = sorted({1, n_pages, *range(max(1, p - 2), min(n_pages, p + 2) + 1)})
        for i, q in enumerate(shown):
            if i and q > shown[i - 1] + 1:
                nums.append("<span>…</span>")
            href = base if q == 1 else f"{base}?p={q}"
            nums.append(f'<span class="active">{q}</span>' if q == p else f'<a href="{href}">{q}</a>')
        prev = (
            (
                f'<div class="fleft"><a href="{base if p == 2 else f"{base}?p={p - 1}"}">'
                f"{ed.texts.UI['prev']}</a></div>"
            )
            if p > 1
            else ""
        )
        nxt = (
            f'<div class="fright"><a href="{base}?p={p + 1}">{ed.texts.UI["next"]}</a></div>'
            if p < n_pages
            else ""
        )
        body = "\n".join(_list_item(a, ed) for a in chunk)
        title = re.sub("<[^>]+>", "", label_html).replace(" » ", " - ")
        page = (
            f'{_head(ed, html.unescape(title), html.unescape(title))}\n{_header(ed)}\n<div class="main">\n'
            f'<div class="breadcrumb">{label_html}</div>\n<div class="list-news">\n{body}\n</div>\n'
            f'<div class="paging">{prev}<div class="pages">{" ".join(nums)}</div>{nxt}</div>\n</div>\n'
            + _footer(ed)
        )
        fname = "index.html" if p == 1 else f"index.p{p}.html"
        out[base.strip("/") + "/" + fname] = page
    return out


def _home_html(ed: Edition, listed: list[Art]) -> str:
    T = ed.texts.UI
    newest = "".join(f'<li><a href="https://{ed.host}{a.path}">{esc(a.title)}</a></li>' for a in listed[:10])
    boxes = []
    for s in ed.sections:
        top = [a for a in listed if a.category == s.slug][:3]
        lis = "".join(f'<li><h3><a href="{a.path}">{esc(a.title)}</a></h3></li>' for a in top)
        boxes.append(
            f'<div class="box-cate"><h2 class="title-cate"><a href="/{s.slug}/">{esc(s.label)}</a></h2>'
            f"<ul>{lis}</ul></div>"
        )
    hot = listed[0]
    return (
        f'{_head(ed, T["site_name"], T["footer"][:150])}\n{_header(ed)}\n<div class="main">\n'
        f'<div class="hot-news"><h2><a href="{hot.path}">{esc(hot.title)}</a></h2>'
        f"<p>{esc(hot.lead)}</p></div>\n"
        f'<div class="boxtinmoi"><h3>{esc(T["newest"])}</h3><ul>{newest}</ul></div>\n'
        + "\n".join(boxes)
        + f'\n<div class="tags"><a href="/tim-kiem?q={T["search_q"]}">{esc(T["search"])}: '
        f"{esc(T['search_q'].replace('+', ' '))}</a></div>\n</div>\n" + _footer(ed)
    )


def _rss(ed: Edition, items: list[Art]) -> str:
    T = ed.texts.UI
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0">',
        "<channel>",
        f"<title>{esc(T['site_name'])}</title>",
        f"<link>https://{ed.host}/</link>",
        f"<description>{esc(T['site_name'])}</description>",
        f"<language>{ed.lang}</language>",
    ]
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    for a in items:
        d = a.date
        pub = f"{days[d.weekday()]}, {d.day:02d} {months[d.month - 1]} {d.year} {d:%H:%M}:00 +0700"
        out += [
            "<item>",
            f"<title>{esc(a.title)}</title>",
            f"<link>{a.url(ed.host)}</link>",
            f"<description>{esc(a.lead)}</description>",
            f"<pubDate>{pub}</pubDate>",
            f'<guid isPermaLink="true">{a.url(ed.host)}</guid>',
            "</item>",
        ]
    out += ["</channel>", "</rss>", ""]
    return "\n".join(out)


def _robots(ed: Edition) -> str:
    """No Sitemap line: no sitemap is known for the real site, and a dangling one would be a phantom 404."""
    return "# robots.txt\nUser-agent: *\nDisallow: /tim-kiem\nDisallow: /admin/\nDisallow: /binh-luan\n"


def _truth_record(a: Art, ed: Edition) -> dict[str, object]:
    url = a.url(ed.host)
    body = [nfc(b.text) for b in a.blocks if b.kind in ("p", "h")]
    return {
        "url": url,
        "site": ed.site,
        "lang": ed.lang,
        "article_id": str(a.id),
        "title": nfc(a.title),
        "lead": nfc(a.lead),
        "body_text": "\n\n".join(body),
        "authors": [nfc(x) for x in a.authors],
        "sources": [nfc(x) for x in ([ed.lead_mark] if ed.lead_mark and a.lead else []) + a.sources],
        "published_at": None if a.no_date else iso(a.date),
        "category": a.category,
        "subcategory": a.subcategory,
        "images": [
            {"url": urljoin(url, b.src), "caption": nfc(b.caption) if b.caption is not None else None}
            for b in a.blocks
            if b.kind == "img"
        ],
        "variant": a.variant,
        "layout": a.layout,
        "nfd": a.nfd,
    }


# ------------------------------------------------------------ build


def build_site(site: CmsSite, out_dir: Path, seed: int, extra_articles: int = 0) -> None:
    """Write every edition of ``site`` and its truth under ``out_dir`` deterministically from ``seed``.

    ``extra_articles`` adds that many stories per edition (benchmarks build big mirrors this way).
    """
    plans = {
        ed.lang: _plan(site, ed, random.Random(f"{seed}-plan-{ed.lang}"), extra_articles)
        for ed in site.editions
    }
    chosen = (
        translated.plan(site.translated, site.editions[0].site, plans["vi"], plans["en"], site.last_listed)
        if site.translated and {"vi", "en"} <= set(plans)
        else None
    )
    _assign_ids(site, [a for arts in plans.values() for a in arts], random.Random(f"{seed}-ids"))
    for ed in site.editions:
        rng = random.Random(f"{seed}-content-{ed.lang}")
        arts = sorted(plans[ed.lang], key=lambda x: x.id)
        used: set[str] = set()
        seed_art = [a for a in arts if a.is_seed]
        for a in seed_art + [a for a in arts if not a.is_seed]:
            _fill(a, ed, rng, used)
        if chosen is not None:
            translated.fill(chosen, ed.lang, Block, functools.partial(_story_image, rng, ed))
        _link(arts, ed, rng)
        special = special_images.add(ed, arts, Block)  # after every draw from rng: other pages unchanged
        _render_edition(ed, arts, out_dir, rng)
        special_images.write_manifest(out_dir, ed, special)
    if chosen is not None:
        translated.write_truth(chosen, out_dir)


def _render_edition(ed: Edition, arts: list[Art], out_dir: Path, rng: random.Random) -> None:
    site = out_dir / "sites" / ed.host
    newest_first = sorted(arts, key=lambda x: (x.date, x.id), reverse=True)
    listed = [a for a in newest_first if a.reach == "listed"]  # includes broken entries
    listed_valid = [a for a in listed if a.kind == "valid"]
    for a in arts:
        if a.kind == "http_404":
            continue
        if a.kind == "not_article":
            _write(site / a.path.lstrip("/"), _not_article_html(a, ed))
        elif a.kind == "http_500":
            continue  # answered by the server from _status.json
        else:
            side = _sidebar(ed, rng.sample(listed_valid, 5))
            _write(site / a.path.lstrip("/"), _article_html(a, ed, side, rng))
    for s in ed.sections:
        items = [a for a in listed if a.category == s.slug]
        crumb = f'<a href="/{s.slug}/">{esc(s.label)}</a>'
        for rel, page in _listing_pages(ed, f"/{s.slug}/", crumb, items).items():
            _write(site / rel, page)
        for sl, lb in s.subs:
            sub_items = [a for a in items if a.subcategory == sl]
            c2 = crumb + f' » <a href="/{s.slug}/{sl}/">{esc(lb)}</a>'
            for rel, page in _listing_pages(ed, f"/{s.slug}/{sl}/", c2, sub_items).items():
                _write(site / rel, page)
    _write(site / "index.html", _home_html(ed, listed))
    dated = [a for a in newest_first if a.kind == "valid" and a.reach in ("listed", "rss") and not a.no_date]
    _write(site / "rss" / "home.rss", _rss(ed, dated[:RSS_SIZE]))
    _write(site / "robots.txt", _robots(ed))
    status = {a.path: 500 for a in arts if a.kind == "http_500"}
    _write(site / "_status.json", json.dumps(status, indent=1, sort_keys=True) + "\n")
    truth: dict[str, object] = {
        "host": ed.host,
        "lang": ed.lang,
        "site": ed.site,
        "articles": {str(a.id): _truth_record(a, ed) for a in arts if a.kind == "valid"},
        "stored_with_warning": [str(a.id) for a in arts if a.kind == "valid" and a.no_date],
        "errors": [
            {"url": a.url(ed.host), "kind": "no_date" if a.kind == "valid" else a.kind}
            for a in arts
            if a.kind != "valid" or a.no_date
        ],
        "reach": {
            k: [str(a.id) for a in arts if a.kind == "valid" and a.reach == k] for k in ("inline", "rss")
        },
    }
    _write(
        out_dir / "truth" / f"{ed.truth_slug}.json", json.dumps(truth, ensure_ascii=False, indent=1) + "\n"
    )
