#!/usr/bin/env python3
"""Writes SampleData/pages/NN.txt and SampleData/expected/gold-NN.json from the fictional stories.

Each layout function renders a story the way one kind of aggregator page shows it, and returns
the page text with the expected parse, field by field: the truth is known by construction.
Re-run after editing stories.py or a layout: python3 SampleData/tools/make_pages.py"""
import datetime as dt
import json
import os
import random
import textwrap

from stories import STORIES

HERE = os.path.dirname(os.path.abspath(__file__))
PAGES = os.path.join(HERE, "..", "pages")
EXPECTED = os.path.join(HERE, "..", "expected")
NBSP = "\u00a0"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def mon(d):
    return MONTHS[d.month - 1][:3]


def iso(d, with_time=False):
    return d.strftime("%Y-%m-%dT%H:%M") if with_time else d.strftime("%Y-%m-%d")


def published_of(story):
    y, m, d, hh, mm = story["published"]
    return dt.datetime(y, m, d, hh or 0, mm or 0), hh is not None


def agency_words(agencies):
    if len(agencies) == 1:
        return agencies[0]
    return ", ".join(agencies[:-1]) + " and " + agencies[-1]


def first_paragraph(story, style):
    """The first paragraph as printed, with the story's dateline in the layout's style."""
    first = story["paragraphs"][0]
    if not story["dateline"]:
        return first, []
    agency = story["agencies"][0] if story["agencies"] else None
    if style == "none":
        return first, []
    if agency:
        return f"{story['dateline']} ({agency}) {style} {first}", [agency]
    return f"{story['dateline']} {style} {first}", []


class Page:
    """Collects printed lines and remembers which are boilerplate."""

    def __init__(self):
        self.lines = []
        self.boilerplate = []

    def junk(self, text):
        self.lines.append(text)
        if text.strip():
            self.boilerplate.append(" ".join(text.replace(NBSP, " ").split()))

    def text(self, text):
        self.lines.append(text)

    def blank(self, count=1):
        self.lines.extend([""] * count)


def entities_with_dateline(story, page):
    """The story's entities, with the city its dateline names when the page prints the dateline (a
    place, as a reader counts it)."""
    entities = list(story["entities"])
    printed = story.get("dateline") and any(line.startswith(story["dateline"]) for line in page.lines)
    if printed:
        city = story["dateline"].split(",")[0].strip().title()
        if not any(e["name"] == city for e in entities):
            entities.append(dict(name=city, type="place", aliases=[]))
    return entities


def gold(story, page, **fields):
    record = dict(
        source=None, aggregator=None, published=None, captured=None, title=None, byline=None, credits=[],
        paragraphs=list(story["paragraphs"]), boilerplate=page.boilerplate,
        entities=entities_with_dateline(story, page), quotes=story["quotes"],
    )
    record.update(fields)
    return record


def other_title(story, rng):
    return rng.choice([s for s in STORIES if s["id"] != story["id"]])["title"]


# Layout A: an aggregator like the seed page: masthead, capture line, comment count, reader location,
# sponsor lines, navigation words, the source twice, the original date, an image credit, a promo
# block inside the body and a closing credit line. Some of its pages also show a title.
def layout_a(story, rng, variant):
    masthead = ["THE AMERICA ONE NEWS", "THE HEARTLAND WIRE", "NATION NOW REPORT"][variant % 3]
    published, _ = published_of(story)
    captured = published + dt.timedelta(days=rng.randint(1, 80))
    page = Page()
    page.junk(masthead)
    page.junk(f"{mon(captured)} {captured.day}, {captured.year} {NBSP}|{NBSP} ")
    page.junk(str(rng.choice([0, 0, 3, 12])))
    town = rng.choice(["Remer,MN", "Alvord,TX", "Pella,IA", "Dunmore,PA"])
    page.junk(f"{NBSP}| {town}")
    sponsor = rng.choice(["QWIKET", "FANTAZIQ", "SPORTSMIND"])
    page.junk(f"Sponsor:{NBSP} {sponsor}{NBSP}")
    page.junk(f"Sponsor:{NBSP} {sponsor}:{NBSP} Sharpen your picks! Interactive match statistics and forecasts for sports fans.")
    page.junk(f"back{NBSP} {NBSP}")
    page.junk("topic")
    page.junk(story["source"])
    page.junk(story["source"])
    title = None
    if variant % 2 == 1:
        title = story["title"]
        page.junk(title)
    date_forms = [f"{published.day} {mon(published)} {published.year}", f"{published.day} {MONTHS[published.month - 1]} {published.year}"]
    page.junk(date_forms[variant % 2])
    page.blank(2)
    page.junk(f"Images {story['source']}")
    page.blank()
    first, credits = first_paragraph(story, "–") if variant % 3 == 0 else (story["paragraphs"][0], [])
    paragraphs = [first] + story["paragraphs"][1:]
    promo_at = min(2, len(paragraphs) - 1)
    for index, paragraph in enumerate(paragraphs):
        page.text(paragraph)
        if index == promo_at:
            page.junk(rng.choice([
                f"We’d love to hear your thoughts on {story['source']}! Take this quick survey to help us improve it for you.",
                f"Tell us what you think of our coverage: take our two-minute reader survey and help shape {story['source']}.",
            ]))
            page.junk("Take the survey")
        page.blank()
    if story["agencies"]:
        page.junk(f"{story['source']} with {agency_words(story['agencies'])}")
        credits = credits + [a for a in story["agencies"] if a not in credits]
    return page, gold(story, page, source=story["source"], aggregator=masthead, published=iso(published),
                      captured=iso(captured), title=title, credits=credits)


# Layout B: a portal with a menu bar, a labelled capture time, a title, byline, labelled source,
# an "Updated" time stamp, advertisement slots, a newsletter promo, a share bar and related links.
def layout_b(story, rng, variant):
    published, _ = published_of(story)
    published = published.replace(hour=15, minute=4)
    captured = published + dt.timedelta(days=rng.randint(1, 5), hours=2)
    page = Page()
    page.junk("WORLD PULSE DAILY")
    page.junk("Home | World | Business | Science | Opinion")
    page.junk(f"Captured {captured:%Y-%m-%d %H:%M} UTC")
    page.junk(story["title"])
    if story["byline"]:
        page.junk(f"By {story['byline']}")
    page.junk(f"Source: {story['source']}")
    weekday = published.strftime("%a")
    page.junk(f"Updated 3:04 PM EST, {weekday} {MONTHS[published.month - 1]} {published.day}, {published.year}")
    page.blank()
    first, credits = first_paragraph(story, "—")
    paragraphs = [first] + story["paragraphs"][1:]
    for index, paragraph in enumerate(paragraphs):
        page.text(paragraph)
        if index == 0:
            page.junk("Advertisement")
        if index == 1:
            page.junk("Sign up for our free morning newsletter and get the day's top stories in your inbox.")
    page.junk("Share: Facebook | X | Email | WhatsApp")
    page.junk(f"Related: {other_title(story, rng)}")
    page.junk(f"Related: {other_title(story, rng)}")
    page.junk(f"© {captured.year} World Pulse Daily. All rights reserved.")
    return page, gold(story, page, source=story["source"], aggregator="WORLD PULSE DAILY", published=iso(published, True),
                      captured=iso(captured, True), title=story["title"], byline=story["byline"], credits=credits)


# Layout C: a European digest with a domain masthead, dotted dates, a comment counter on the capture
# line, paragraphs hard-wrapped at 72 columns, a photo credit, a credit line and a cookie notice.
def layout_c(story, rng, variant):
    published, has_time = published_of(story)
    captured = published + dt.timedelta(days=rng.randint(1, 20))
    page = Page()
    page.junk("briefeuropa.eu")
    page.junk(f"Captured {captured:%d.%m.%Y} · {rng.randint(0, 40)} comments")
    page.junk(f"Source: {story['source']}")
    page.junk(story["title"])
    page.junk(f"Published: {published:%d.%m.%Y}" + (f", {published:%H:%M}" if has_time else ""))
    page.blank()
    first, credits = first_paragraph(story, "—")
    paragraphs = [first] + story["paragraphs"][1:]
    for index, paragraph in enumerate(paragraphs):
        for line in textwrap.wrap(paragraph, width=72, break_on_hyphens=False, break_long_words=False):
            page.text(line)
        page.blank()
        if index == 1:
            page.junk(f"Photo: {rng.choice(['Jan Vos', 'Mila Hart', 'Anton Weiss'])} / {rng.choice(['Shutterstock', 'Imago'])}")
            page.blank()
    if story["agencies"]:
        page.junk(f"With {agency_words(story['agencies'])}")
        credits = credits + [a for a in story["agencies"] if a not in credits]
    page.junk("We use cookies to improve your experience on this site. By continuing you accept our cookie policy.")
    page.junk("Accept all")
    return page, gold(story, page, source=story["source"], aggregator="briefeuropa.eu",
                      published=iso(published, has_time), captured=iso(captured), title=story["title"], credits=credits)


# Layout D: a reader app with an ISO fetch time, "source · N min read", a relative date,
# advertisement slots, "Read more" links and a wire-style closing credit.
def layout_d(story, rng, variant):
    published, _ = published_of(story)
    captured = published.replace(hour=18, minute=30)
    hours = rng.randint(1, 9)
    shown_published = captured - dt.timedelta(hours=hours)
    page = Page()
    page.junk("NEWSSTACK")
    page.junk(f"Fetched {captured:%Y-%m-%dT%H:%M}Z")
    page.junk(f"{story['source']} · {rng.randint(2, 6)} min read")
    page.junk(story["title"])
    if story["byline"]:
        page.junk(f"By {story['byline']}")
    page.junk(f"{hours} hours ago" if hours > 1 else "an hour ago")
    page.blank()
    first, credits = first_paragraph(story, "-")
    paragraphs = [first] + story["paragraphs"][1:]
    for index, paragraph in enumerate(paragraphs):
        page.text(paragraph)
        page.blank()
        if index == 0:
            page.junk("ADVERTISEMENT")
            page.blank()
        if index == 2:
            page.junk(f"Read more: {other_title(story, rng)}")
            page.blank()
    if story["byline"]:
        page.junk(f"Reporting by {story['byline']}; Editing by Sam Okoro")
    return page, gold(story, page, source=story["source"], aggregator="NEWSSTACK", published=iso(shown_published, True),
                      captured=iso(captured, True), title=story["title"], byline=story["byline"], credits=credits)


# Layout E: a network saved on Windows: BOM, CRLF, tabs, non-breaking and zero-width spaces,
# soft hyphens and trailing spaces; labelled source with agency, in-body subscription promos.
def layout_e(story, rng, variant):
    published, _ = published_of(story)
    captured = published + dt.timedelta(days=rng.randint(1, 10))
    agencies = story["agencies"][:1]
    page = Page()
    page.junk("DAILY HEADLINES NETWORK")
    page.junk(f"Added {mon(captured)} {captured.day}, {captured.year}")
    page.junk(story["title"])
    page.junk(f"Source: {story['source']}" + (f" ({agencies[0]})" if agencies else ""))
    page.junk(f"{MONTHS[published.month - 1]} {published.day}, {published.year}")
    page.blank()
    for index, paragraph in enumerate(story["paragraphs"]):
        words = paragraph.split(" ")
        if len(words) > 6:
            words[3] = words[3] + "\u200b"
            longest = max(range(len(words)), key=lambda i: len(words[i]))
            word = words[longest]
            if word.isalpha() and len(word) > 7:
                words[longest] = word[:4] + "\u00ad" + word[4:]
        printed = " ".join(words[:2]) + NBSP + " ".join(words[2:]) if len(words) > 3 else " ".join(words)
        page.text("\t" + printed + "  ")
        page.blank()
        if index == 0:
            page.junk("Story continues below advertisement")
            page.blank()
        if index == 1:
            page.junk("Click here to subscribe to our newsletter and never miss a story.")
            page.blank()
    page.junk("Follow us on Facebook and Twitter for the latest updates.")
    credits = list(agencies)
    if agencies:
        long_names = {"AP": "The Associated Press", "AFP": "Agence France-Presse", "Reuters": "Reuters",
                      "dpa": "Deutsche Presse-Agentur", "Bloomberg": "Bloomberg News"}
        page.junk(f"{long_names.get(agencies[0], agencies[0])} contributed to this report.")
    return page, gold(story, page, source=story["source"], aggregator="DAILY HEADLINES NETWORK",
                      published=iso(published), captured=iso(captured), title=story["title"], credits=credits)


# Layout F: a US portal with a breadcrumb, "Originally published by", month-first numeric dates,
# photo captions with agency credits, "READ MORE" links, tags, a comment counter and a closing "— AP".
def layout_f(story, rng, variant):
    published, _ = published_of(story)
    published = published.replace(hour=16, minute=15)
    captured = published + dt.timedelta(days=rng.randint(1, 30), hours=2, minutes=-13)
    page = Page()
    page.junk("GLOBESCAN")
    hour12 = captured.hour % 12 or 12
    page.junk(f"Viewed {mon(captured)} {captured.day}, {captured.year} at {hour12}:{captured.minute:02d} {'PM' if captured.hour >= 12 else 'AM'}")
    page.junk("Home › World › Europe")
    page.junk(story["title"])
    page.junk(f"Originally published by {story['source']}")
    if story["byline"]:
        page.junk(f"By {story['byline']}")
    page.junk(f"{published:%m/%d/%Y} 4:15 PM")
    page.blank()
    credits = []
    for index, paragraph in enumerate(story["paragraphs"]):
        page.text(paragraph)
        page.blank()
        if index == 0:
            page.junk(f"A view of the scene on {published:%A}. (AP Photo/{rng.choice(['Kim Lee', 'Raul Ortiz'])})")
            page.blank()
        if index == 1:
            page.junk(f"READ MORE: {other_title(story, rng)}")
            page.blank()
    if story["agencies"]:
        page.junk("— " + story["agencies"][0])
        credits = [story["agencies"][0]]
    page.junk("Tags: " + ", ".join(e["name"] for e in story["entities"][:3]))
    page.junk(f"Comments ({rng.randint(1, 30)})")
    return page, gold(story, page, source=story["source"], aggregator="GLOBESCAN", published=iso(published, True),
                      captured=iso(captured, True), title=story["title"], byline=story["byline"], credits=credits)


# Layout G: a bare article: headline, byline, date, paragraphs. No aggregator, no source.
def layout_g(story, rng, variant):
    published, _ = published_of(story)
    page = Page()
    page.junk(story["title"])
    if story["byline"]:
        page.junk(f"By {story['byline']}")
    page.junk(f"{MONTHS[published.month - 1]} {published.day}, {published.year}")
    page.blank()
    for paragraph in story["paragraphs"]:
        page.text(paragraph)
    return page, gold(story, page, published=iso(published), title=story["title"], byline=story["byline"])


# Layout H: a bare article under its publisher's name, with the date before the byline.
def layout_h(story, rng, variant):
    published, _ = published_of(story)
    page = Page()
    page.junk(story["source"])
    page.blank()
    page.junk(story["title"])
    page.junk(f"{published.day} {MONTHS[published.month - 1]} {published.year}")
    if story["byline"]:
        page.junk(f"By {story['byline']}")
    page.blank()
    for paragraph in story["paragraphs"]:
        page.text(paragraph)
        page.blank()
    return page, gold(story, page, source=story["source"], published=iso(published), title=story["title"], byline=story["byline"])


# Layout I: a news site's page as a browser copy gives it: a bulleted menu, a cookie notice, the
# article, an inline link, a share bar, a "Most read" list of headlines with one-line summaries,
# and a comment thread (name "says:", time, text, "Reply"), then footer links. The page names no
# source the parser could trust, so the source is null.
def layout_i(story, rng, variant):
    published, _ = published_of(story)
    page = Page()
    for item in ["* Home", "* Island", "* Business", "* Sport", "* Weather", "* Opinion", "* Podcasts"]:
        page.junk(item)
    page.junk("We use cookies to improve your experience on this site. By continuing you accept our cookie policy.")
    page.blank()
    page.junk(story["title"])
    if story["byline"]:
        page.junk(f"By {story['byline']}")
    page.junk(f"{MONTHS[published.month - 1]} {published.day}, {published.year}")
    page.blank()
    for index, paragraph in enumerate(story["paragraphs"]):
        page.text(paragraph)
        page.blank()
        if index == 0:
            page.junk(f"Read more: {other_title(story, rng)}")
            page.blank()
    page.junk("Share this article")
    page.junk("* Facebook")
    page.junk("* Email")
    page.blank()
    page.junk("Most read")
    for teaser in rng.sample([s for s in STORIES if s["id"] != story["id"]], 3):
        page.junk(teaser["title"])
        page.junk(teaser["paragraphs"][0].split(". ")[0].rstrip(".") + ".")
    page.blank()
    page.junk(f"{rng.randint(2, 9)} comments")
    for name, remark in rng.sample([
        ("harbourwatcher", "About time someone looked into this, it has been going on for years."),
        ("quay_resident", "My family has lived here for three generations and we have never seen anything like it."),
        ("Ellen M.", "Does anyone know whether the council will hold a public meeting before the decision?"),
    ], 2):
        page.junk(f"{name} says:")
        page.junk(f"{MONTHS[published.month - 1]} {published.day}, {published.year} at {rng.randint(6, 11)}:{rng.randint(10, 59)} am")
        page.junk(remark)
        page.junk("Reply")
    page.blank()
    page.junk("About us | Contact | Advertise | Privacy policy")
    return page, gold(story, page, published=iso(published), title=story["title"], byline=story["byline"])


# Layout J: a Chinese news site's page: menu words, the headline, an ISO time stamp, paragraphs
# of Chinese text (no spaces between words), a related-reading list and a copyright footer.
# Its story is written here in Chinese, fictional like every story: a harbour town's lantern fair.
CJK_STORIES = [
    dict(title="海湾镇灯会吸引数万游客", published=dt.date(2025, 2, 12), paragraphs=[
        "海湾镇一年一度的灯会于周三晚间开幕，主办方表示，开幕当晚共有超过三万名游客来到港口一带观灯，人数比去年增加了约两成。",
        "今年的灯会共展出三百多组彩灯，其中最受欢迎的是一艘长约二十米的渔船造型花灯，由当地二十多位手艺人历时两个月制作完成。",
        "为了应对客流，镇政府在码头附近增设了两处临时停车场，并将夜间渡轮的班次延长至午夜。灯会将持续到本月底。",
    ]),
    dict(title="山城图书馆延长夜间开放时间", published=dt.date(2025, 4, 3), paragraphs=[
        "山城市图书馆周一宣布，自下月起，馆内自习区将在工作日开放至晚上十点，以满足备考学生和上班族的需求。",
        "馆方介绍，延长开放所需的人手将由志愿者和兼职馆员共同承担，相关费用已纳入今年的文化活动预算。",
        "不少读者在留言中表示欢迎，也有人希望周末的开放时间能同步调整。馆方称将根据使用情况再作评估。",
    ]),
]


def layout_j(story, rng, variant):
    story = CJK_STORIES[variant % len(CJK_STORIES)]
    published = story["published"]
    page = Page()
    for item in ["首页", "新闻", "本地", "财经", "体育"]:
        page.junk(item)
    page.blank()
    page.junk(story["title"])
    page.junk(f"{published.isoformat()} 08:30")
    page.blank()
    for paragraph in story["paragraphs"]:
        page.text(paragraph)
        page.blank()
    page.junk("相关阅读")
    other = CJK_STORIES[(variant + 1) % len(CJK_STORIES)]
    page.junk(other["title"])
    page.junk("© 2025 海湾日报 版权所有")
    record = dict(
        source=None, aggregator=None, published=published.isoformat() + "T08:30", captured=None, title=story["title"],
        byline=None, credits=[], paragraphs=list(story["paragraphs"]), boilerplate=page.boilerplate, entities=[], quotes=[],
    )
    return page, record


LAYOUTS = [("a", layout_a, 8), ("b", layout_b, 6), ("c", layout_c, 6), ("d", layout_d, 6),
           ("e", layout_e, 5), ("f", layout_f, 5), ("g", layout_g, 4), ("h", layout_h, 4),
           ("i", layout_i, 4), ("j", layout_j, 2)]


def main():
    os.makedirs(PAGES, exist_ok=True)
    os.makedirs(EXPECTED, exist_ok=True)
    number = 0
    for layout_index, (name, render, count) in enumerate(LAYOUTS):
        for variant in range(count):
            number += 1
            story = STORIES[(number * 5 + layout_index) % len(STORIES)]
            rng = random.Random(number)
            page, expected = render(story, rng, variant)
            # The contract's dates are YYYY-MM-DD; the time, when the page gives one, is in *_at.
            for field in ("published", "captured"):
                value = expected[field]
                expected[field + "_at"] = value
                expected[field] = value[:10] if value else None
            expected = dict(layout=name, **expected)
            newline = "\r\n" if name == "e" else "\n"
            text = newline.join(page.lines) + newline
            if name == "e":
                text = "\ufeff" + text
            with open(os.path.join(PAGES, f"{number:02d}.txt"), "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
            with open(os.path.join(EXPECTED, f"gold-{number:02d}.json"), "w", encoding="utf-8") as handle:
                json.dump(expected, handle, ensure_ascii=False, indent=1)
                handle.write("\n")
    print(f"wrote {number} pages")
    write_dumps()


def write_dumps():
    """JSONL and CSV dumps of the stories, as scrapers produce them, plus one JSONL of whole pages."""
    import csv
    import gzip
    import io

    dumps = os.path.join(HERE, "..", "dumps")
    os.makedirs(dumps, exist_ok=True)
    records = []
    for index, story in enumerate(STORIES):
        published, has_time = published_of(story)
        slug = story["id"]
        records.append({
            "title": story["title"],
            "text": "\n\n".join(story["paragraphs"]),
            "url": f"https://news.example.org/{published:%Y/%m/%d}/{slug}",
            "source": story["source"],
            "date_publish": published.strftime("%Y-%m-%dT%H:%M:%SZ") if has_time else published.strftime("%Y-%m-%d"),
            "authors": [story["byline"]] if story["byline"] else [],
        })
    with open(os.path.join(dumps, "articles.jsonl"), "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    with open(os.path.join(dumps, "articles.jsonl"), "rb") as plain, open(os.path.join(dumps, "articles.jsonl.gz"), "wb") as packed:
        # mtime 0 keeps the compressed file identical from one run to the next.
        packed.write(gzip.compress(plain.read(), mtime=0))
    with open(os.path.join(dumps, "articles.csv"), "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow(["title", "body", "url", "publication", "published", "author"])
        for record in records:
            writer.writerow([record["title"], record["text"], record["url"], record["source"], record["date_publish"],
                             ", ".join(record["authors"])])
    # Whole saved pages inside JSON, as some crawlers store them: the page parser reads the text field.
    with open(os.path.join(dumps, "pages.jsonl"), "w", encoding="utf-8") as handle:
        for number in range(1, 9):
            with open(os.path.join(PAGES, f"{number:02d}.txt"), encoding="utf-8", newline="") as page:
                handle.write(json.dumps({"url": f"https://aggregator.example.com/item/{number}", "text": page.read()}, ensure_ascii=False) + "\n")
    print(f"wrote dumps for {len(records)} stories")


main()
