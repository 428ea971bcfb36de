package framework

import (
	"maps"
	"net/http"
	"strings"
)

// ContextProcessor adds values to the context of every template [Render]
// renders (Django's context processors), through [Env.ContextProcessors]:
// apps provide them, and the site installs them in order. It is called
// once per render with the request and the context being built, into which
// it stores its keys; the view's own context is copied over it afterwards,
// so a key the view sets wins, as in Django.
//
// A processor must be cheap: it runs on every render. Values whose
// computation costs something should be lazy, computed when the template
// uses them: a method value such as a value with methods the template
// calls (`<< .CSRF.Input >>`), or an iterator function (`<< range
// .Messages >>`), which a template calls only when it ranges over it.
type ContextProcessor func(req *Request, ctx map[string]any)

// templateContext builds the context of a template render for req: the
// env's context processors, then ctx, then "Request" unless ctx has one.
// ctx is not modified.
func templateContext(req *Request, env *Env, ctx map[string]any) map[string]any {
	data := make(map[string]any, len(ctx)+2*len(env.ContextProcessors)+1) // a processor sets a key or two
	if req != nil {
		for _, p := range env.ContextProcessors {
			p(req, data)
		}
	}
	maps.Copy(data, ctx)
	if _, ok := data["Request"]; !ok && req != nil {
		data["Request"] = newTemplateRequest(req)
	}
	return data
}

// IsSecure reports whether r reached the site over HTTPS (Django's
// request.is_secure): through a TLS connection or, when the site's [Env]
// names a SECURE_PROXY_SSL_HEADER and r carries that header, when the
// header's first value (before any ",") is the expected one. A request
// whose proxy header says otherwise is not secure, even over TLS, as in
// Django.
func IsSecure(r *http.Request) bool {
	if env, _ := r.Context().Value(envKey).(*Env); env != nil && env.SecureProxySSLHeader != "" {
		if vs := r.Header.Values(env.SecureProxySSLHeader); len(vs) > 0 {
			first, _, _ := strings.Cut(vs[0], ",")
			return strings.TrimSpace(first) == env.SecureProxySSLValue
		}
	}
	return r.TLS != nil
}
