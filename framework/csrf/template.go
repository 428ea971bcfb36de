package csrf

import (
	"html/template"

	"github.com/manouche-go/manouche/framework"
)

// ContextKey is the template context key [Processor] sets.
const ContextKey = "CSRF"

// Processor is the [framework.ContextProcessor] that puts a [Field] in
// every template context under "CSRF" (Django's built-in csrf context
// processor), so that a form carries its token with one call:
//
//	<form method="post" action="/mail/">
//	  << .CSRF.Input >>
//	  ...
//	</form>
//
// and a script sends it in the X-CSRFToken header:
//
//	<script>const csrftoken = "<< .CSRF.Token >>";</script>
//
// The site installs it in every site. The token is made only when a
// template uses it.
func Processor(req *framework.Request, ctx map[string]any) {
	ctx[ContextKey] = &Field{req: req}
}

// Field is the CSRF token of one render: a template reads it as
// << .CSRF.Token >> or writes the hidden input with << .CSRF.Input >>
// (Django's {% csrf_token %}). The token is made on first use and is the
// same for the rest of the render.
type Field struct {
	req   *framework.Request
	token string
}

// Token returns the render's token ([Token], once per render).
func (f *Field) Token() string {
	if f.token == "" {
		f.token = Token(f.req)
	}
	return f.token
}

// Input returns the hidden form input Django's {% csrf_token %} writes:
//
//	<input type="hidden" name="csrfmiddlewaretoken" value="TOKEN">
func (f *Field) Input() template.HTML {
	// The token is made of letters and digits only: nothing to escape.
	return template.HTML(`<input type="hidden" name="` + FormField + `" value="` + f.Token() + `">`) //nolint:gosec // alphanumeric token
}

// String returns the token, so that << .CSRF >> prints it.
func (f *Field) String() string { return f.Token() }
