package framework

import (
	"bytes"
	"html/template"
	"net/http"
)

// debugTemplate is the DEBUG error page, a small cousin of Django's
// technical_404 and technical_500 pages.
var debugTemplate = template.Must(template.New("debug").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="robots" content="NONE,NOARCHIVE">
<title>{{.Title}} at {{.Path}}</title>
<style>
body { font: small sans-serif; margin: 0; background: #eee; }
div { padding: 10px 20px; border-bottom: 1px solid #ccc; }
#summary { background: #ffc; } #explanation { background: #eee; border-bottom: 0; }
h1 span { color: #666; font-weight: normal; } th { text-align: right; padding-right: .5em; color: #666; }
pre { white-space: pre-wrap; background: #fff; padding: .5em; }
</style>
</head>
<body>
<div id="summary">
<h1>{{.Title}} <span>({{.Status}})</span></h1>
{{with .Message}}<pre class="exception_value">{{.}}</pre>{{end}}
<table>
<tr><th>Request Method:</th><td>{{.Method}}</td></tr>
<tr><th>Request URL:</th><td>{{.URL}}</td></tr>
</table>
</div>
{{with .Error}}<div id="traceback"><h2>Error</h2><pre>{{.}}</pre></div>{{end}}
{{if .Patterns}}<div id="info">
<p>Using the URLconf of this site, manouche tried these URL patterns, in this order:</p>
<ol>{{range .Patterns}}<li><code>{{.}}</code></li>{{end}}</ol>
<p>The current path, <code>{{.Path}}</code>, didn’t match any of these.</p>
</div>{{end}}
<div id="explanation">
<p>You’re seeing this error because you have <code>DEBUG = True</code> in your settings file.
Change that to <code>False</code>, and manouche will display a standard {{.Status}} page.</p>
</div>
</body>
</html>
`))

// debugPage renders the DEBUG page: status, message, method, URL, the
// error for 500s and, for 404s, the site's URL patterns.
func debugPage(req *Request, env *Env, status int, msg string, err error) string {
	data := struct {
		Title, Message, Method, Path, URL, Error string
		Status                                   int
		Patterns                                 []string
	}{Title: debugTitle(status), Message: msg, Status: status}
	if req != nil {
		data.Method, data.Path = req.Method, req.Path
		data.URL = req.Path
		if req.HTTP != nil && req.HTTP.URL != nil {
			data.URL = req.HTTP.URL.RequestURI()
		}
	}
	if err != nil {
		data.Error = err.Error()
	}
	if status == http.StatusNotFound {
		data.Patterns = env.URLPatterns
	}
	var b bytes.Buffer
	if e := debugTemplate.Execute(&b, data); e != nil {
		return ErrorPageHTML(status)
	}
	return b.String()
}

func debugTitle(status int) string {
	if status == http.StatusNotFound {
		return "Page not found"
	}
	return http.StatusText(status)
}
