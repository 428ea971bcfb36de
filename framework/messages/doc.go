// Package messages is the API of Django's messages framework
// (django.contrib.messages.api): one-time notifications that a view adds
// and the next page shows, such as "Saved." after a form.
//
//	if err := messages.Success(req, "Saved."); err != nil {
//		return framework.ServerError(req, err)
//	}
//	return framework.Redirect("/mail/")
//
// and in a template (base.html, so every page shows them):
//
//	<< range .Messages >><p class="<< .Tags >>"><< .HTML >></p><< end >>
//
// Ranging over .Messages shows the messages and consumes them, as
// iterating Django's storage does: the response then forgets them.
// Messages that no page showed are kept for the next response.
//
// The storage (a signed cookie, the session, or both) belongs to the
// contrib.messages app, whose middleware installs a [Storage] in each
// request; without it, adding a message returns [ErrNotInstalled] (Django's
// MessageFailure), the only error it returns. An app meant for sites that
// may not install the middleware ignores it, as Django's
// fail_silently=True does:
//
//	_ = messages.Success(req, "Saved.")
//
// Views use this package only, so they do not depend on how messages are
// stored.
package messages
