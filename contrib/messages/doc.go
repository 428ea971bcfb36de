// Package messages is the contrib.messages app, Django's
// django.contrib.messages: it registers the label "contrib.messages"
// (alias "django.contrib.messages"), its middleware
// "contrib.messages.MessageMiddleware" (alias
// "django.contrib.messages.middleware.MessageMiddleware") and the template
// context processor that gives every template .Messages.
//
// Views add messages with framework/messages (Success, Error, Add...);
// templates show them with << range .Messages >>, which consumes them.
// This package only stores them, byte for byte as Django does, so that a
// message added by a Django view is shown by a manouche page and the
// reverse:
//
//   - MESSAGE_STORAGE "cookie": the "messages" cookie, signed like Django's
//     (TimestampSigner keyed with "django.http.cookies" + SECRET_KEY, salt
//     "django.contrib.messages", compact JSON, zlib when it helps),
//     browser-session lifetime, with SESSION_COOKIE_DOMAIN, _SECURE,
//     _HTTPONLY and _SAMESITE. A value over 2048 bytes loses its oldest
//     messages and ends with "__messagesnotfinished__"; those are dropped,
//     with a WARN log line.
//   - "session": the session key "_messages", a JSON string written with
//     Python's default separators, as Django writes it.
//   - "fallback" (the default): the cookie, and the session for the newest
//     messages that do not fit in it (the cookie then ends with the
//     sentinel). Messages that fit never touch the session.
//
// A cookie with a bad signature, or that does not decode, gives no
// messages and no error. The formats Django 3.2 still reads are read too:
// Django 3.1's signed raw JSON, the SHA-1 "hash$json" of earlier versions
// and SHA-1 signatures.
//
// The response stores messages when it starts (Django's process_response):
// after the messages were shown, only those added since; when nothing
// showed them, the new ones with the old ones; otherwise nothing, and no
// cookie is sent.
package messages
