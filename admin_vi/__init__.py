"""The admin as Vietnamese editors meet it.

The translations themselves are catalogues under locale/ (see the README); this app holds
what catalogues cannot do: the editor's guide and the dashboard panel and help-menu item that
lead to it, Vietnamese names for the records Wagtail creates in English (the page tree's root,
the root collection, the unused default workflow), and two admin templates whose English is
not marked for translation upstream.
"""
