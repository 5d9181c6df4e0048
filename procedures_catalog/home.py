"""What the home page shows of this section (see home/sections.py)."""


def home_context(request) -> dict:
    return {
        "procedure_fields": [],
        "life_situations": [],
        "popular_procedures": [],
    }
