"""Non-page views of this app (feeds); page URLs, the number lookup and the yearly expired
view are routes of the register's index page (/van-ban/...)."""

from django.urls import path

from legal_documents import feeds, views

app_name = "legal_documents"

urlpatterns = [
    path("van-ban/so/", views.number_lookup_view, name="number_lookup"),
    path("van-ban/so/<path:number>/", views.number_lookup_view, name="number_lookup"),
    path("van-ban/feed/moi.atom", feeds.NewDocumentsAtomFeed(), name="feed_new_atom"),
    path("van-ban/feed/moi.rss", feeds.NewDocumentsFeed(), name="feed_new_rss"),
    path(
        "van-ban/feed/het-hieu-luc.atom",
        feeds.ExpiredDocumentsAtomFeed(),
        name="feed_expired_atom",
    ),
    path("van-ban/feed/het-hieu-luc.rss", feeds.ExpiredDocumentsFeed(), name="feed_expired_rss"),
]
