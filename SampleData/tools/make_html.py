#!/usr/bin/env python3
"""Writes SampleData's fictional HTML pages (SampleData/html/), their expected parse
(SampleData/expected-html/) and a small web archive made from them (SampleData/archives/).

Five site layouts, all written here around the fictional stories of stories.py: JSON-LD with an
<article> and a comment thread; Open Graph only with a body in a div and a sidebar of teasers;
broken markup with text written straight into a div; a Windows-1252 page declared by http-equiv; an
old table layout marked with itemprop=articleBody. Run from anywhere: python3 SampleData/tools/make_html.py
"""
import datetime as dt
import gzip
import html
import json
import os
import uuid

from stories import STORIES

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")
PAGES = os.path.join(ROOT, "html")
EXPECTED = os.path.join(ROOT, "expected-html")
ARCHIVES = os.path.join(ROOT, "archives")

COMMENT = ("I have taken this route for years, and honestly, the council should have acted long ago; "
           "still, better late than never, and thanks to the reporter for following it so closely.")


def esc(text):
    return html.escape(text, quote=True)


def published_of(story):
    y, m, d, hh, mm = story["published"]
    return dt.datetime(y, m, d, hh or 9, mm or 30)


def domain(story):
    return story["source"].lower().replace("the ", "").replace(" ", "") + ".example"


def others(story, count=3):
    return [s["title"] for s in STORIES if s["id"] != story["id"]][:count]


def head_scripts():
    # Inline code and styles, as real pages carry them; none of it is text.
    return ("<script>window.dataLayer=window.dataLayer||[];function track(e){dataLayer.push({event:e, at:Date.now()});}"
            " if (1 < 2 && document.cookie.indexOf('seen') < 0) { track('first-visit'); }</script>\n"
            "<style>body{font-family:Georgia,serif} .cookie-banner{position:fixed;bottom:0} p{line-height:1.6}</style>\n")


def layout_jsonld(story):
    """A modern site: JSON-LD NewsArticle, <article>, a related box inside the body, share tools and comments."""
    when = published_of(story)
    paragraphs = story["paragraphs"]
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": story["title"],
          "datePublished": when.strftime("%Y-%m-%dT%H:%M:00+01:00"),
          "author": [{"@type": "Person", "name": story["byline"]}],
          "publisher": {"@type": "Organization", "name": story["source"]}}
    body = "".join(f"<p>{esc(p)}</p>\n" for p in paragraphs[:2])
    body += ("<aside class=\"related-links\"><h3>Related</h3><ul>"
             + "".join(f"<li><a href=\"/n/{i}\">{esc(t)}</a></li>" for i, t in enumerate(others(story)))
             + "</ul></aside>\n")
    body += "".join(f"<p>{esc(p)}</p>\n" for p in paragraphs[2:])
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{esc(story['title'])} | {esc(story['source'])}</title>
<meta property="og:title" content="{esc(story['title'])}">
<meta property="og:site_name" content="{esc(story['source'])}">
<meta name="description" content="{esc(paragraphs[0][:140])}">
<link rel="canonical" href="https://{domain(story)}/news/{story['id']}">
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
{head_scripts()}</head>
<body>
<header class="site-header"><a class="logo" href="/">{esc(story['source'])}</a>
<nav><ul><li><a href="/">Home</a></li><li><a href="/local">Local</a></li><li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li></ul></nav></header>
<div class="cookie-banner">We use cookies to understand how you use this site. <button>Accept all</button></div>
<main>
<article>
<h1>{esc(story['title'])}</h1>
<div class="byline">By <a href="/authors/1">{esc(story['byline'])}</a> · <time datetime="{when.strftime('%Y-%m-%dT%H:%M')}">{when.strftime('%d %B %Y')}</time></div>
<figure><img src="/img/1.jpg" alt=""><figcaption>The quay at dusk. Photo: Staff photographer</figcaption></figure>
<div class="article-body">
{body}</div>
<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share by email</a></div>
</article>
<section id="comments" class="comments"><h2>3 comments</h2>
<div class="comment"><span class="author">harbourwatcher</span><p>{esc(COMMENT)}</p><a href="#">Reply</a></div>
<div class="comment"><span class="author">kestrel_22</span><p>{esc(COMMENT[::-1][:60])} and, frankly, it took too long, as always.</p></div>
</section>
</main>
<footer><p>&copy; 2025 {esc(story['source'])}. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>
"""
    return page, dict(title=story["title"], source=story["source"], byline=story["byline"],
                      published=when.strftime("%Y-%m-%dT%H:%M:00+01:00"), url=f"https://{domain(story)}/news/{story['id']}")


def layout_opengraph(story):
    """Open Graph and article:* meta only; the body in a div of its own class; a sidebar of teasers with summaries."""
    when = published_of(story)
    paragraphs = story["paragraphs"]
    teasers = "".join(
        f"<div class=\"teaser\"><h4><a href=\"/s/{i}\">{esc(t)}</a></h4><p>A short summary of the story, with a few words, "
        f"commas, and a full stop.</p></div>\n" for i, t in enumerate(others(story, 4)))
    page = f"""<!doctype html>
<html lang="en-GB"><head><meta charset="UTF-8">
<title>{esc(story['title'])} - {esc(story['source'])}</title>
<meta property="og:title" content="{esc(story['title'])}">
<meta property="og:site_name" content="{esc(story['source'])}">
<meta property="article:published_time" content="{when.strftime('%Y-%m-%dT%H:%M:00Z')}">
<meta name="author" content="{esc(story['byline'])}">
<meta property="og:url" content="https://{domain(story)}/story/{story['id']}">
{head_scripts()}</head>
<body>
<div id="top-bar"><a href="/subscribe">Subscribe</a> | <a href="/login">Sign in</a></div>
<div class="layout has-sidebar">
<div class="main-column">
<div class="breadcrumbs"><a href="/">Home</a> &rsaquo; <a href="/news">News</a></div>
<h1 class="headline">{esc(story['title'])}</h1>
<p class="meta">{esc(story['byline'])}, {when.strftime('%B %d, %Y')}</p>
<div id="story" class="story-text">
{''.join(f'<p>{esc(p)}</p>' + chr(10) for p in paragraphs)}</div>
<div class="newsletter-box"><h3>Get the morning briefing</h3><p>Sign up for our newsletter and get the day's top stories in your inbox, every weekday.</p></div>
</div>
<div class="sidebar"><h3>Most read</h3>
{teasers}</div>
</div>
<div class="site-footer">About us · Contact · Terms of use</div>
</body></html>
"""
    return page, dict(title=story["title"], source=story["source"], byline=story["byline"],
                      published=when.strftime("%Y-%m-%dT%H:%M:00Z"), url=f"https://{domain(story)}/story/{story['id']}")


def layout_broken(story):
    """Broken markup from an old CMS: unclosed paragraphs, stray closing tags, a body written straight into a
    div with <br> between paragraphs, named entities, no closing </body> or </html>."""
    paragraphs = story["paragraphs"]
    text = "<br><br>\n".join(esc(p) for p in paragraphs)
    page = f"""<html><head><title>{esc(story['title'])}</title>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<body bgcolor="#ffffff">
<div id="menu"><a href="/">Front page</a> &middot; <a href="/archive">Archive</a> &middot; <a href="/letters">Letters</a></div></div>
<table width="100%"><tr><td valign="top">
<h2>{esc(story['title'])}
<div class="storytext">
{text}
</div></td></font>
<p>Posted in <a href="/c/local">Local</a>
</table>
<div class="copyright">Copyright &copy; 2025 {esc(story['source'])}
"""
    return page, dict(title=story["title"], source=None, byline=None, published=None, url=None)


def layout_windows1252(story):
    """A Windows-1252 page, declared by http-equiv: accented names and curly quotes in that charset."""
    when = published_of(story)
    paragraphs = story["paragraphs"]
    page = f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>{story['title']}</title>
<meta name="date" content="{when.strftime('%Y-%m-%d')}">
</head><body>
<div class="nav"><a href="/">Accueil</a> | <a href="/monde">Monde</a> | <a href="/sport">Sport</a></div>
<div class="content">
<h1>{story['title']}</h1>
{''.join('<p>' + p.replace('&', '&amp;').replace('<', '&lt;') + '</p>' + chr(10) for p in paragraphs)}
</div>
<div class="footer">Tous droits réservés — {story['source']}</div>
</body></html>
"""
    return page, dict(title=story["title"], source=None, byline=None, published=when.strftime("%Y-%m-%d"), url=None)


def layout_table(story):
    """An old table layout: navigation in one cell, the article in a cell marked itemprop=articleBody, a
    link list in another."""
    when = published_of(story)
    paragraphs = story["paragraphs"]
    links = "".join(f"<a href=\"/a/{i}\">{esc(t)}</a><br>\n" for i, t in enumerate(others(story, 5)))
    page = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{esc(story['source'])} :: {esc(story['title'])}</title>
<meta name="twitter:title" content="{esc(story['title'])}">
</head><body>
<table><tr>
<td class="left"><b>Sections</b><br><a href="/">News</a><br><a href="/business">Business</a><br><a href="/weather">Weather</a></td>
<td itemprop="articleBody">
<h1>{esc(story['title'])}</h1>
<i>{when.strftime('%d.%m.%Y')}</i>
{''.join(f'<p>{esc(p)}</p>' + chr(10) for p in paragraphs)}</td>
<td class="right"><b>Also on the site</b><br>
{links}</td>
</tr></table>
</body></html>
"""
    return page, dict(title=story["title"], source=None, byline=None, published=when.strftime("%Y-%m-%d"), url=None)


LAYOUTS = [("jsonld", layout_jsonld), ("opengraph", layout_opengraph), ("broken", layout_broken),
           ("windows-1252", layout_windows1252), ("table", layout_table)]


def warc_record(kind, uri, block, content_type, date="2025-06-20T08:00:00Z"):
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, kind + (uri or '') + str(len(block)))}>\r\n"
            f"WARC-Date: {date}\r\n" + (f"WARC-Target-URI: {uri}\r\n" if uri else "")
            + f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n").encode()
    # One gzip member per record, as Common Crawl ships them; mtime 0 keeps the file reproducible.
    return gzip.compress(head + block + b"\r\n\r\n", mtime=0)


def main():
    for folder in (PAGES, EXPECTED, ARCHIVES):
        os.makedirs(folder, exist_ok=True)
    written = []
    for number, (name, render) in enumerate(LAYOUTS, start=1):
        story = STORIES[(number * 3) % len(STORIES)]
        page, fields = render(story)
        encoding = "cp1252" if name == "windows-1252" else "utf-8"
        data = page.encode(encoding)
        filename = f"{number:02d}.html"
        with open(os.path.join(PAGES, filename), "wb") as handle:
            handle.write(data)
        expected = dict(layout=name, page=f"html/{filename}", paragraphs=list(story["paragraphs"]), **fields)
        with open(os.path.join(EXPECTED, f"gold-{number:02d}.json"), "w", encoding="utf-8") as handle:
            json.dump(expected, handle, ensure_ascii=False, indent=1)
            handle.write("\n")
        written.append((story, data, encoding))

    # The archive: a warcinfo record, then for each page a request, its response and a metadata record;
    # one response gzip'd, one chunked; an image response that is not a page.
    records = [warc_record("warcinfo", None, b"software: SampleData/tools/make_html.py\r\nformat: WARC File Format 1.1\r\n",
                           "application/warc-fields")]
    for index, (story, data, encoding) in enumerate(written):
        uri = f"https://{domain(story)}/archive/{story['id']}"
        records.append(warc_record("request", uri, f"GET /archive/{story['id']} HTTP/1.1\r\nHost: {domain(story)}\r\n\r\n".encode(),
                                   "application/http; msgtype=request"))
        headers = f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset={'windows-1252' if encoding == 'cp1252' else 'utf-8'}\r\n"
        body = data
        if index == 1:
            body = gzip.compress(data, mtime=0)
            headers += "Content-Encoding: gzip\r\n"
        if index == 2:
            body = b"".join(b"%x\r\n" % len(data[i:i + 700]) + data[i:i + 700] + b"\r\n" for i in range(0, len(data), 700)) + b"0\r\n\r\n"
            headers += "Transfer-Encoding: chunked\r\n"
        records.append(warc_record("response", uri, headers.encode() + b"\r\n" + body, "application/http; msgtype=response"))
        records.append(warc_record("metadata", uri, b"fetchTimeMs: 120\r\n", "application/warc-fields"))
    records.append(warc_record("response", "https://img.example/logo.png",
                               b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n", "application/http; msgtype=response"))
    with open(os.path.join(ARCHIVES, "pages.warc.gz"), "wb") as handle:
        handle.write(b"".join(records))
    print(f"wrote {len(written)} HTML pages and archives/pages.warc.gz ({len(records)} records)")


if __name__ == "__main__":
    main()
