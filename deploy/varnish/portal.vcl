vcl 4.1;
# Varnish in front of gunicorn: nginx (TLS, /media/) -> Varnish (this file) -> gunicorn.
#
# What is cached is decided by the application (base/cache.py): anonymous GET/HEAD answers
# carry "Cache-Control: public, max-age=0, s-maxage=N" and are kept N seconds; everything
# else (admin, previews, forms, logged-in editors) is "private, no-store" and passes through.
#
# Invalidation (base/purging.py, through Wagtail's frontend-cache HTTPBackend):
#   PURGE /some/page/  drops every cached answer that belongs to that page: the page, its
#                      query-string variants (?linh-vuc=...&trang=2) and its sub-routes
#                      (/thu-tuc/linh-vuc/ho-tich/), which the app names in X-Cache-Owner.
#                      PURGE / also drops the views outside the page tree (sitemap, feeds,
#                      search, exports), which the app gives to the site root.
#   PURGE /*           drops everything (navigation, settings or a vocabulary changed).
# Both are bans on object headers only, so Varnish's ban lurker clears them in the
# background and the ban list stays short.
#
# nginx in front must pass Host and X-Forwarded-Proto (proxy_set_header) and cache nothing
# itself; Varnish keeps http and https answers apart, so a redirect to https is never served
# over https. Change the backend address and the purgers ACL (the application servers, which
# send the purges to FRONTEND_CACHE_PURGE_URL) to the deployment's; tests/test_varnish.py
# replaces the port below when it starts Varnish.

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
}

# Who may purge: the application servers.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (!client.ip ~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (req.url == "/*") {
            ban("obj.status != 0");
        } else {
            ban("obj.http.X-Cache-Owner == " + req.url);
            ban("obj.http.X-Url ~ ^" + regsuball(req.url, "([.?*+^$()\[\]{}|\\])", "\\\1") + "(\?|$)");
        }
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin)(/|$)") {
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        # An editor, a password-protected page, or a message waiting to be shown after a
        # form: personal answers.
        return (pass);
    }
    # Anonymous visitors: no cookie is read by the public pages (the app says so by not
    # varying on Cookie), so one cached copy serves everyone.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_hash {
    # An http request answered with a redirect to https must not be served over https.
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_backend_response {
    # Kept on the object for the bans above.
    set beresp.http.X-Url = bereq.url;
    if (beresp.http.Content-Type ~ "^(text/|application/(json|xml|rss\+xml|atom\+xml|javascript))") {
        set beresp.do_gzip = true;
    }
    # Serve a stale copy for a while if gunicorn is down or slow; purged objects are gone.
    set beresp.grace = 1h;
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.X-Url;
    unset resp.http.X-Cache-Owner;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}
