"""The demo, served on a random port, has no link to another host or port and no broken page.

The crawler (deploy/crawl.py) is the one CI runs against gunicorn in production settings;
here it walks the whole demo through pytest-django's live server, whose port differs from
the Site record's (testserver:80) and from any default, so a URL built from the Site record
or a hard-coded host shows up as a failure.
"""

import io

import pytest
from django.core.management import call_command

from deploy.crawl import crawl


@pytest.mark.django_db(transaction=True)
def test_the_demo_on_a_random_port_links_only_to_itself(live_server, monkeypatch):
    # One address fetching hundreds of exports in seconds is what the per-address limits stop
    # (tested in tests/test_security.py); here they would hide the links behind 429s.
    monkeypatch.setattr("base.middleware.is_ratelimited", lambda *args, **kwargs: False)
    call_command("load_demo_content", stdout=io.StringIO())
    report = crawl(live_server.url, fetch_assets=False)
    assert report.fetched["text/html"] > 100, report.fetched
    assert report.fetched["application/atom+xml"] and report.fetched["application/xml"]
    assert report.problems == []
