"""What the home page shows of this section (see home/sections.py): the headline figures."""

from reform_statistics.views import headline_figures


def home_context(request) -> dict:
    return {"statistics_figures": headline_figures()}
