"""Generate the offline mirror of the Long An provincial portal (SharePoint 2013), both editions.

Called by ``mirrorgen.build`` after the newspaper (``baolongan.py``): one English portal item republishes a
newspaper article read from ``truth/baolongan_en.json``. Deterministic from ``seed``. Writes::

    sites/longan.gov.vn/ and sites/eng.longan.gov.vn/ (the server strips ``www.``):
      index.html                                        home: menu (clean, lower-cased and mangled links)
      lists/tintucsukien/tongquat.aspx/<query>.html     listings per category, PageIndex pagination
      lists/tintucsukien/dispform.aspx/id=N.html        articles
      pages/tintuc.aspx/categoryid=<name>.html          Vietnamese category pages (one item only here)
      robots.txt
    truth/longan_gov_vi.json, truth/longan_gov_en.json

File names come from ``server.aspx_file_name``, so the server and this generator cannot disagree. Traps, as
listed for the real portal in shared/SITES.md: ribbon chrome, Vietnamese dates on the English site, list
dates with SA/CH, doubled titles with a "New" badge, escaped Word HTML, image file names printed as text,
case-variant and double-encoded or U+FFFD category links, a 2010 wire story, a republished newspaper item.
"""

from __future__ import annotations

import html
import json
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote

from newsarchive.mirror.server import aspx_file_name
from newsarchive.normalize import VN_TZ as TZ
from newsarchive.normalize import slugify

from . import baolongan_texts_pairs as P
from . import longan_gov_texts as T
from .common import attr, esc, write

PAGE_SIZE = 5
LIST = "/Lists/TinTucSuKien/TongQuat.aspx"
DISP = "/Lists/TinTucSuKien/DispForm.aspx"
PAGES = "/Pages/TinTuc.aspx"
WEEKDAYS = ("Thứ 2", "Thứ 3", "Thứ 4", "Thứ 5", "Thứ 6", "Thứ 7", "Chủ nhật")
# Variants of the article page: plain, Word HTML escaped as text, list form table, doubled title + "New".
VARIANTS = ("plain", "word", "form", "doubled")


@dataclass(frozen=True)
class PortalEdition:
    lang: str
    host: str  # as written in URLs
    dir: str  # mirror directory (server strips www.)
    slug: str
    categories: dict[str, tuple[str, ...]]
    places: tuple[str, ...]
    per_category: int
    years: tuple[int, int]


EDITIONS = (
    PortalEdition("vi", "www.longan.gov.vn", "longan.gov.vn", "longan_gov_vi", T.CATEGORIES_VI, T.PLACES_VI, 9, (2012, 2024)),
    PortalEdition("en", "eng.longan.gov.vn", "eng.longan.gov.vn", "longan_gov_en", T.CATEGORIES_EN, T.PLACES_EN, 8, (2013, 2021)),
)  # fmt: skip


@dataclass
class Item:
    category: str
    date: datetime
    id: int = 0
    title: str = ""
    lead: str | None = None
    blocks: list[tuple[str, str, str | None]] = field(default_factory=list)  # (kind, text/src, caption)
    credit: str | None = None  # last line: author (bold right) or source line
    authors: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    variant: str = "plain"
    pages_only: bool = False  # listed only on /Pages/TinTuc.aspx (Vietnamese portal)


def article_path(item_id: int, rng: random.Random, category: str) -> str:
    """Links as the portal writes them: extra parameters, and case-variant copies."""
    form = rng.randrange(4)
    if form == 0:
        return f"{DISP}?ID={item_id}"
    if form == 1:
        return f"{DISP}?ID={item_id}&InitialTabId=Ribbon.Read&CategoryId={quote(category)}"
    if form == 2:
        return f"{DISP.lower()}?id={item_id}&initialtabid=ribbon.read"
    return f"{DISP}?ID={item_id}&Source={quote(LIST, safe='')}"


def list_query(category: str | None, page: int = 1) -> str:
    parts = [f"CategoryID={quote(category, safe=',')}"] if category else []
    return "&".join(parts + ([f"PageIndex={page}"] if page > 1 else []))


def mangled(name: str, how: str) -> str:
    """`Văn hóa` → `V%25u0103n+h%25u00f3a` (JS escape() then URL-encoded again) or `V%EF%BF%BDn+h%EF%BF%BDa`."""
    out = []
    for ch in name:
        if ch.isascii() and (ch.isalnum() or ch in "-"):
            out.append(ch)
        elif ch == " ":
            out.append("+")
        else:
            out.append(f"%25u{ord(ch):04x}" if how == "u" else "%EF%BF%BD")
    return "".join(out)


def vn_date(d: datetime) -> str:
    return f"{WEEKDAYS[d.weekday()]}, Ngày {d:%d/%m/%Y}, {d:%H:%M}"


def list_date(d: datetime) -> str:
    hour = d.hour % 12 or 12
    return f"{d:%d/%m/%Y} {hour}:{d:%M} {'SA' if d.hour < 12 else 'CH'}"


# ------------------------------------------------------------ planning


def _fill(item: Item, ed: PortalEdition, rng: random.Random, used: set[str]) -> None:
    vi = ed.lang == "vi"
    place = rng.choice(ed.places)
    n = rng.randint(3, 95)
    fmt = {"place": place, "n": n, "year": item.date.year}
    title = rng.choice(ed.categories[item.category]).format(**fmt)
    while title in used:
        place = rng.choice(ed.places)
        fmt["place"] = place
        title = rng.choice(ed.categories[item.category]).format(**fmt)
    used.add(title)
    item.title = title
    item.lead = rng.choice(T.LEADS_VI if vi else T.LEADS_EN).format(**fmt) if rng.random() < 0.85 else None
    sentences = list(T.SENTENCES_VI if vi else T.SENTENCES_EN)
    rng.shuffle(sentences)
    paragraphs = [
        " ".join(s.format(n=rng.randint(5, 900)) for s in sentences[i : i + 2]) for i in range(0, 8, 2)
    ][: rng.randint(3, 4)]
    item.blocks = [("p", p, None) for p in paragraphs]
    if rng.random() < 0.5:
        month = f"{item.date:%Y-%m}"
        src = f"/PublishingImages/{month}/{title} {item.date:%d%m%Y}.jpg"
        caption = rng.choice(T.CAPTIONS_VI if vi else T.CAPTIONS_EN).format(place=place)
        item.blocks.insert(1, ("img", src, caption if rng.random() < 0.7 else None))
    roll = rng.random()
    if roll < 0.45:
        name = rng.choice(T.AUTHORS_VI if vi else T.AUTHORS_EN)
        item.credit = name
        item.authors = [name.removeprefix("Translated by ")]
    elif roll < 0.65 and vi:
        item.credit = "Nguồn: Báo Long An"
        item.sources = ["Báo Long An"]


def _special_en(items: list[Item], out_dir: Path, rng: random.Random) -> None:
    """ID 620 (the real example), a 2010 wire story and a republished newspaper article."""
    dragon, wire, repub = items[0], items[1], items[2]
    dragon.category, dragon.date = "Agriculture, Forestry and Fisheries", datetime(2020, 3, 23, 8, 0)
    dragon.title, dragon.lead = T.DRAGON_FRUIT["title"], T.DRAGON_FRUIT["lead"]
    paras = T.DRAGON_FRUIT["paragraphs"]
    dragon.blocks = [("p", paras[0], None), ("img", T.DRAGON_FRUIT["image"], T.DRAGON_FRUIT["caption"])]
    dragon.blocks += [("p", p, None) for p in paras[1:]]
    dragon.credit, dragon.authors, dragon.sources = None, [], []
    wire.category, wire.date = "Investment and Cooperation", datetime(2010, 9, 14, 15, 20)
    wire.title, wire.lead = WIRE["title"], WIRE["lead"]
    wire.blocks = [("p", p, None) for p in WIRE["paragraphs"]]
    wire.credit, wire.authors, wire.sources = WIRE["source"], [], ["VNA"]
    news = json.loads((out_dir / "truth" / "baolongan_en.json").read_text("utf-8"))["articles"]
    pool = [
        a for a in news.values() if not a["sources"] and "2017" <= (a["published_at"] or "")[:4] <= "2019"
    ]
    original = rng.choice(sorted(pool, key=lambda a: int(a["article_id"])))
    repub.category = "Culture - Sport"
    repub.date = datetime.fromisoformat(original["published_at"]).replace(tzinfo=None) + timedelta(days=2)
    repub.title, repub.lead = original["title"], original["lead"]
    repub.blocks = [("p", p, None) for p in original["body_text"].split("\n\n")]
    repub.credit, repub.authors, repub.sources = (
        "Source: http://news.baolongan.vn/",
        [],
        ["http://news.baolongan.vn/"],
    )
    repub.variant = wire.variant = dragon.variant = "plain"


WIRE = T.WIRE_2010


def _translated(ed: PortalEdition, items: list[Item]) -> None:
    """The portal's translated stories (``baolongan_texts_pairs.PORTAL_STORIES``) in plain items of their
    categories, the English one 0–14 days after the Vietnamese (before ids, which follow dates)."""
    taken: set[int] = set()
    for story in P.PORTAL_STORIES:
        category = story[f"{ed.lang}_category"]
        i = next(
            i
            for i, item in enumerate(items)
            if i > 2 and i not in taken and item.category == category and not item.pages_only
        )  # items 0-2 of the English portal are its special items
        taken.add(i)
        item, text = items[i], story[ed.lang]
        later = timedelta(days=story["lag_days"], hours=5)
        item.date = story["date"] + (later if ed.lang == "en" else timedelta(0))
        item.title, item.lead = text["title"], text["lead"]
        item.blocks = [("p", p, None) for p in text["paras"]]
        item.variant = "plain"
        story.setdefault("items", {})[ed.lang] = item


def _plan(ed: PortalEdition, out_dir: Path, rng: random.Random) -> list[Item]:
    items: list[Item] = []
    for category in ed.categories:
        for _ in range(ed.per_category):
            year = rng.randint(*ed.years)
            day = datetime(year, 1, 1) + timedelta(days=rng.randrange(360))
            items.append(
                Item(
                    category,
                    day.replace(
                        hour=rng.choice((7, 8, 9, 10, 11, 13, 14, 15, 16, 17)), minute=rng.randrange(60)
                    ),
                )
            )
    used: set[str] = set()
    for item in items:
        _fill(item, ed, rng, used)
        item.variant = VARIANTS[rng.randrange(len(VARIANTS))]
    if ed.lang == "en":
        _special_en(items, out_dir, rng)
    else:  # one item per category only on the /Pages/TinTuc.aspx category page
        for category in ed.categories:
            next(i for i in items if i.category == category).pages_only = True
    _translated(ed, items)
    ids = sorted(rng.sample(range(100, 1500), len(items)))
    for item, item_id in zip(sorted(items, key=lambda i: i.date), ids, strict=True):
        item.id = item_id
    if ed.lang == "en":
        dragon = items[0]
        clash = next((i for i in items if i.id == 620), None)
        if clash is not None:
            clash.id = dragon.id
        dragon.id = 620
    return items


# ------------------------------------------------------------ rendering


def _word_html(text: str) -> str:
    """A paragraph pasted from Word, escaped so the page shows the tags as text."""
    word = (
        '<p class=MsoNormal style="margin:6pt 0in;text-align:justify;line-height:150%">'
        '<span style="font-size:14pt;line-height:150%;font-family:&quot;Times New Roman&quot;">'
        f"{esc(text)}</span><o:p></o:p></p>"
    )
    return html.escape(word, quote=True)


def _body(item: Item) -> str:
    out = []
    if item.variant == "word":
        out.append(
            esc(
                "<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->"
            )
        )
    for i, (kind, value, caption) in enumerate(item.blocks):
        if kind == "img":
            out.append(
                f'<p style="text-align:center"><img alt="" src="{attr(value)}" style="width:500px"></p>'
            )
            out.append(f'<p style="text-align:center">{esc(value)}</p>')  # the file name, shown as text
            if caption:
                out.append(f'<p style="text-align:center"><em>{esc(caption)}</em></p>')
        elif item.variant == "word" and i % 2 == 0:
            out.append(_word_html(value))
        else:
            out.append(f'<p style="text-align:justify">{esc(value)}</p>')
    if item.credit:
        strong = not item.credit.startswith(("Nguồn", "Source"))
        text = f"<strong>{esc(item.credit)}</strong>" if strong else esc(item.credit)
        out.append(f'<p style="text-align:right">{text}</p>')
    return "\n".join(out)


def _chrome(ed: PortalEdition) -> str:
    vi = ed.lang == "vi"
    skip = "Bỏ qua Lệnh Ruy-băng" if vi else "Skip Ribbon Commands"
    return (
        '<div id="ms-designer-ribbon"><div id="s4-ribbonrow"><div id="globalNavBox">'
        f'<a href="javascript:;" class="ms-skip">{skip}</a>'
        '<ul class="ms-cui-tts"><li><a href="javascript:;"><span>Browse</span></a></li>'
        '<li><a href="javascript:;"><span>Page</span></a></li></ul>'
        '</div></div></div>\n<div id="s4-workspace"><div id="s4-bodyContainer">'
        '<a href="#mainContent" class="ms-SkiptoNavigation">Skip to main content</a>\n'
    )


def _menu(ed: PortalEdition) -> str:
    """Category links in every form the real portal prints; the link text is always the right name."""
    links = [f'<li><a href="/">{"Trang chủ" if ed.lang == "vi" else "Home"}</a></li>']
    links.append(
        f'<li><a href="{LIST}">{"Tin tức - Sự kiện" if ed.lang == "vi" else "News - Events"}</a></li>'
    )
    for k, name in enumerate(ed.categories):
        forms = [f"{LIST}?{list_query(name)}", f"{LIST.lower()}?categoryid={quote(name.lower(), safe=',')}"]
        if ed.lang == "vi":
            forms.append(f"{PAGES}?CategoryId={mangled(name, 'u' if k % 2 else 'fffd')}")
            forms.append(f"{LIST}?CategoryId={mangled(name, 'fffd' if k % 2 else 'u')}")
            forms.append(
                f"{PAGES}?CategoryId={quote(name)}" if k % 2 else f"{PAGES.lower()}?categoryid={quote(name)}"
            )
        links += [f'<li><a href="{attr(href)}">{esc(name)}</a></li>' for href in forms]
    links.append(f'<li><a href="/Lists/ThongTinGioiThieu/TongQuat.aspx?CategoryID={quote("Overall planning")}">'
                 f'{"Quy hoạch" if ed.lang == "vi" else "Overall planning"}</a></li>')  # fmt: skip
    return '<div class="menu-top"><ul>' + "".join(links) + "</ul></div>\n"


def _page(ed: PortalEdition, title: str, content: str) -> str:
    vi = ed.lang == "vi"
    banner = "CỔNG THÔNG TIN ĐIỆN TỬ TỈNH LONG AN" if vi else "LONG AN PROVINCIAL PORTAL"
    footer = (
        "Cơ quan chủ quản: Ủy ban nhân dân tỉnh Long An. Địa chỉ: số 61 Nguyễn Huệ, phường 1, TP. Tân An."
        if vi
        else "Managed by the People's Committee of Long An province. Address: 61 Nguyen Hue street, Tan An city."
    )
    return (
        f'<!DOCTYPE html>\n<html dir="ltr" lang="{"vi-VN" if vi else "en-US"}"><head>'
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        f"<title>\n\t{esc(title)}\n</title>"
        '<link rel="stylesheet" type="text/css" href="/_layouts/15/1033/styles/Themable/corev15.css"></head>\n'
        '<body><form method="post" action="./DispForm.aspx" id="aspnetForm">'
        '<div class="aspNetHidden"><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" '
        'value="/wEPDwUBMA9kFgJmD2QWAgIBD2QWAgIDD2QWAgIBD2QWAgIFD2Q="></div>\n'
        + _chrome(ed)
        + f'<div class="portal-header"><div class="banner"><span>{banner}</span></div>\n'
        + _menu(ed)
        + "</div>\n"
        + content
        + f'\n<div class="footer">{esc(footer)}</div>\n</div></div></form></body></html>\n'
    )


def _crumbs(ed: PortalEdition, item: Item) -> str:
    vi = ed.lang == "vi"
    return (
        f'<div class="breadcrumb"><a href="/">{"Trang chủ" if vi else "Home"}</a> &gt; '
        f'<a href="{LIST}">{"Tin tức - Sự kiện" if vi else "News - Events"}</a> &gt; '
        f'<a href="{LIST}?{list_query(item.category)}">{esc(item.category)}</a></div>\n'
    )


def _article(ed: PortalEdition, item: Item, others: list[Item], rng: random.Random) -> str:
    vi = ed.lang == "vi"
    body = _body(item)
    if item.variant == "form":
        label = (
            ("Tiêu đề", "Ngày đăng", "Tóm tắt", "Nội dung")
            if vi
            else ("Title", "Published", "Summary", "Body")
        )
        rows = [(label[0], esc(item.title)), (label[1], list_date(item.date))]
        if item.lead:
            rows.append((label[2], esc(item.lead)))
        rows.append((label[3], f'<div class="ms-rtestate-field">{body}</div>'))
        detail = '<table class="ms-formtable" style="margin-top: 8px;" border="0" cellpadding="0" cellspacing="0" width="100%">' + "".join(
            f'<tr><td nowrap="true" valign="top" width="113px" class="ms-formlabel"><h3 class="ms-standardheader">'
            f'<nobr>{name}</nobr></h3></td><td valign="top" class="ms-formbody" width="350px">{value}</td></tr>'
            for name, value in rows
        ) + "</table>"  # fmt: skip
    else:
        title = esc(item.title)
        if item.variant == "doubled":
            badge = '<span class="ms-newgif">New</span>' if vi else ""
            title = (
                f'<a href="{DISP}?ID={item.id}">{title}</a> {badge} <span class="ms-tooltip">{title}</span>'
            )
        lead = f'<div class="news-summary"><strong>{esc(item.lead)}</strong></div>\n' if item.lead else ""
        detail = (
            f'<div class="news-detail"><div class="news-title">{title}</div>\n'
            f'<div class="news-date">{vn_date(item.date)}</div>\n{lead}'
            f'<div class="news-content ms-rtestate-field">\n{body}\n</div></div>'
        )
    heading = "Các tin khác" if vi else "Other news"
    other = "".join(
        f'<li><a href="{attr(article_path(o.id, rng, o.category))}">{esc(o.title)}</a> ({o.date:%d/%m/%Y})</li>'
        for o in others
    )
    content = (
        _crumbs(ed, item)
        + '<div id="contentRow"><div id="contentBox"><div class="ms-webpart-zone">'
        + detail
        + f'\n<div class="othernews tinkhac"><div class="heading">{heading}</div><ul>{other}</ul></div>'
        + "</div></div></div>"
    )
    return _page(ed, "DispForm" if item.variant == "form" else item.title, content)


def _list_rows(ed: PortalEdition, items: list[Item], rng: random.Random) -> str:
    rows = []
    for item in items:
        badge = ' <span class="ms-newgif">New</span>' if ed.lang == "vi" else ""
        href = attr(article_path(item.id, rng, item.category))
        rows.append(
            f'<tr><td class="ms-vb-title"><a href="{href}">{esc(item.title)}</a>{badge} '
            f'<span class="ms-tooltip">{esc(item.title)}</span></td><td class="ms-vb2">{list_date(item.date)}</td></tr>'
        )
    return '<table class="ms-listviewtable">' + "".join(rows) + "</table>"


def _listing(
    ed: PortalEdition, category: str | None, items: list[Item], rng: random.Random
) -> dict[str, str]:
    """Listing pages of one category (or of all news): file name → HTML."""
    pages = [items[i : i + PAGE_SIZE] for i in range(0, len(items), PAGE_SIZE)] or [[]]
    out = {}
    label = category or ("Tin tức - Sự kiện" if ed.lang == "vi" else "News - Events")
    for n, chunk in enumerate(pages, start=1):
        nav = " ".join(
            f'<a href="?{attr(list_query(category, k))}">{k}</a>' if k != n else f"<span>{k}</span>"
            for k in range(1, len(pages) + 1)
        )
        if n < len(pages):
            nav += f' <a href="?{attr(list_query(category, n + 1))}">{"Trang sau" if ed.lang == "vi" else "Next"}</a>'
        content = (
            f'<div class="list-title">{esc(label)}</div>'
            + _list_rows(ed, chunk, rng)
            + f'<div class="paging">{nav}</div>'
        )
        out[aspx_file_name(list_query(category, n))] = _page(ed, label, content)
    return out


def _truth(ed: PortalEdition, item: Item) -> dict[str, object]:
    url = f"https://{ed.host}{DISP}?ID={item.id}"
    return {
        "url": url,
        "site": "longan_gov",
        "lang": ed.lang,
        "article_id": str(item.id),
        "title": item.title,
        "lead": item.lead,
        "body_text": "\n\n".join(v for k, v, _ in item.blocks if k == "p"),
        "authors": item.authors,
        "sources": item.sources,
        "published_at": item.date.replace(tzinfo=TZ).isoformat(),
        "category": slugify(item.category),
        "subcategory": None,
        "images": [{"url": f"https://{ed.host}{v}", "caption": c} for k, v, c in item.blocks if k == "img"],
        "variant": item.variant,
    }


def build(out_dir: Path, seed: int) -> None:
    """Write both portal editions and their truth files under ``out_dir`` (sites/ and truth/)."""
    for ed in EDITIONS:
        rng = random.Random(f"{seed}-portal-{ed.lang}")
        items = _plan(ed, out_dir, rng)
        site = out_dir / "sites" / ed.dir
        newest = sorted(items, key=lambda i: (i.date, i.id), reverse=True)
        listed = [i for i in newest if not i.pages_only]
        deleted = max(i.id for i in items) + 7  # listed, but the item was deleted: HTTP 404
        for item in items:
            others = rng.sample([o for o in listed if o is not item], 4)
            write(
                site / "lists/tintucsukien/dispform.aspx" / f"id={item.id}.html",
                _article(ed, item, others, rng),
            )
        for category in ed.categories:
            in_cat = [i for i in listed if i.category == category]
            for name, page in _listing(ed, category, in_cat, rng).items():
                write(site / "lists/tintucsukien/tongquat.aspx" / name, page)
            if ed.lang == "vi":
                featured = [i for i in newest if i.category == category and i.pages_only] + in_cat[:4]
                content = (
                    _list_rows(ed, featured, rng) + f'<a href="{LIST}?{list_query(category)}">Xem tiếp</a>'
                )
                name = aspx_file_name(f"CategoryId={quote(category)}")
                write(site / "pages/tintuc.aspx" / name, _page(ed, category, content))
        ghost = Item(listed[0].category, listed[0].date, id=deleted, title="—")
        for name, page in _listing(ed, None, [ghost, *listed[:9]], rng).items():
            write(site / "lists/tintucsukien/tongquat.aspx" / name, page)
        home = '<div class="home-news">' + _list_rows(ed, listed[:6], rng) + "</div>"
        write(site / "index.html", _page(ed, "Trang chủ" if ed.lang == "vi" else "Home", home))
        write(
            site / "robots.txt",
            "User-agent: *\nDisallow: /_layouts/\nDisallow: /_vti_bin/\nDisallow: /Search/\n",
        )
        truth = {
            "host": ed.host,
            "lang": ed.lang,
            "site": "longan_gov",
            "articles": {str(i.id): _truth(ed, i) for i in sorted(items, key=lambda i: i.id)},
            "errors": [{"url": f"https://{ed.host}{DISP}?ID={deleted}", "kind": "http_404"}],
            "pages_only": [str(i.id) for i in items if i.pages_only],
        }
        write(out_dir / "truth" / f"{ed.slug}.json", json.dumps(truth, ensure_ascii=False, indent=1) + "\n")
    pairs_file = out_dir / "truth" / "pairs.json"  # the newspaper's pairs, written before the portal
    pairs = json.loads(pairs_file.read_text("utf-8"))
    for story in P.PORTAL_STORIES:
        en, vi = story["items"]["en"], story["items"]["vi"]
        pairs["pairs"].append(
            {
                "en": f"longan_gov:en:{en.id}",
                "vi": f"longan_gov:vi:{vi.id}",
                "story": story["id"],
                "days_after": (en.date - vi.date).days,
                "shared_image": False,
            }
        )
    write(pairs_file, json.dumps(pairs, ensure_ascii=False, indent=1) + "\n")
