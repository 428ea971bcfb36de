package framework

import (
	"fmt"
	"net/http"
	"net/url"
)

// RequiredField returns the first value of the posted form field name, or
// a 400 response saying what is wrong when the field is missing or longer
// than maxBytes: what a Django form's required field with a size limit
// refuses before the view does anything else.
//
//	msg, bad := framework.RequiredField(req, "message", 1<<20)
//	if bad != nil {
//		return bad
//	}
func RequiredField(req *Request, name string, maxBytes int) (string, *Response) {
	vs := req.POST[name]
	if len(vs) == 0 {
		return "", BadRequest(req, fmt.Sprintf("The form field %q is missing.", name))
	}
	if len(vs[0]) > maxBytes {
		return "", BadRequest(req, fmt.Sprintf("The form field %q is larger than %d bytes.", name, maxBytes))
	}
	return vs[0], nil
}

// PostForm returns the form fields of r's body as [Request.POST] holds
// them (a urlencoded or multipart POST; empty otherwise), within the site's
// upload limits, with the errors of [Request.Err]. The body is read once: a
// View built for r later finds the fields, and the uploaded files, already
// parsed. w, when not nil,
// lets an oversized body close the connection after the response.
// Middleware that must look at a form field before the view, such as the
// CSRF check, use it instead of building a Request.
func PostForm(w http.ResponseWriter, r *http.Request) (url.Values, error) {
	post, _, err := parseForm(w, r, EnvFrom(r.Context()).uploadLimits())
	return post, err
}
