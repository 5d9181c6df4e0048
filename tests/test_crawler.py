"""The crawler that CI and the demo crawl rely on catches what it is meant to catch."""

from deploy.crawl import Crawler

PAGE = """<!DOCTYPE html><html><head>
<link rel="canonical" href="http://localhost/thu-tuc/">
<link rel="stylesheet" href="/static/css/portal.css">
<meta property="og:url" content="http://127.0.0.1:8123/thu-tuc/">
<script type="application/ld+json">{"@type": "GovernmentService", "url": "http://localhost/x/"}</script>
</head><body>
<a href="/van-ban/">ok</a>
<a href="https://dichvucong.gov.vn/">another site, as a link: fine</a>
<a href="http://127.0.0.1:80/tin-tuc/">this site on port 80</a>
<a href="http://testserver/kiem-tra/">the test client's host</a>
<img src="https://cdn.example.com/logo.png" alt="">
<form action="https://forms.example.com/"></form>
<p>Welcome to your new Wagtail site!</p>
</body></html>"""

FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><link href="http://127.0.0.1:8123/tin-tuc/"/>
<entry><link href="http://localhost:8000/tin-tuc/a/"/><id>http://127.0.0.1:8123/tin-tuc/a/</id>
</entry></feed>"""


def test_crawler_reports_links_to_this_site_elsewhere_and_foreign_assets():
    crawler = Crawler("http://127.0.0.1:8123/")
    crawler.parse_html("http://127.0.0.1:8123/", PAGE)
    problems = "\n".join(crawler.report.problems)
    assert "placeholder" in problems
    assert "canonical" in problems and "http://localhost/thu-tuc/" in problems
    assert "JSON-LD url points to another host or port: http://localhost/x/" in problems
    assert "http://127.0.0.1:80/tin-tuc/" in problems
    assert "http://testserver/kiem-tra/" in problems
    assert "<img src> must be on this site: https://cdn.example.com/logo.png" in problems
    assert "<form action> must be on this site" in problems
    assert "dichvucong" not in problems and "og:url" not in problems
    queued = {url for url, _ in crawler.queue}
    assert "http://127.0.0.1:8123/van-ban/" in queued
    assert "http://127.0.0.1:8123/static/css/portal.css" in queued
    assert len(crawler.report.problems) == 7


def test_crawler_reads_feeds():
    crawler = Crawler("http://127.0.0.1:8123/")
    crawler.parse_xml("http://127.0.0.1:8123/tin-tuc/atom/", FEED)
    assert crawler.report.problems == [
        "http://127.0.0.1:8123/tin-tuc/atom/: <link href> points to another host or port: "
        "http://localhost:8000/tin-tuc/a/"
    ]
    assert "http://127.0.0.1:8123/tin-tuc/a/" in {url for url, _ in crawler.queue}


def test_crawler_checks_post_forms_but_does_not_fetch_them():
    """A feedback form posts to /gop-y/: on this site, but a GET there is no page."""
    crawler = Crawler("http://127.0.0.1:8123/")
    crawler.parse_html(
        "http://127.0.0.1:8123/",
        '<form method="post" action="/gop-y/"></form>'
        '<form method="POST" action="https://forms.example.com/"></form>',
    )
    problems = "\n".join(crawler.report.problems)
    assert "<form method=post action> must be on this site: https://forms.example.com/" in problems
    assert not [url for url, _ in crawler.queue if "gop-y" in url]
