"""What the home page shows of this section (see home/sections.py)."""


def home_context(request) -> dict:
    return {
        "latest_news": [],
    }
