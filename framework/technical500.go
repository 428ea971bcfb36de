package framework

import (
	"bytes"
	htmltemplate "html/template"
	"mime"
	"strings"
	texttemplate "text/template"
)

// technical500 renders Django's technical 500 page for f: HTML, or plain
// text for a client that does not accept HTML (Django's
// technical_500_response).
func technical500(req *Request, env *Env, f failure) (body []byte, contentType string) {
	d := newTechnicalData(req, env, f)
	var b bytes.Buffer
	if req == nil || req.HTTP == nil || acceptsHTML(req.HTTP.Header.Get("Accept")) {
		if err := technical500HTML.Execute(&b, d); err == nil {
			return b.Bytes(), ContentTypeHTML
		}
		b.Reset()
	}
	if err := technical500Text.Execute(&b, d); err != nil {
		return []byte(ErrorPageHTML(500)), ContentTypeHTML
	}
	return b.Bytes(), ContentTypeText
}

// acceptsHTML is Django's request.accepts("text/html"): true without an
// Accept header, or when a media range of it matches text/html.
func acceptsHTML(accept string) bool {
	if strings.TrimSpace(accept) == "" {
		return true
	}
	for r := range strings.SplitSeq(accept, ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(r))
		if err != nil {
			continue
		}
		if mt == "*/*" || mt == "text/*" || mt == "text/html" {
			return true
		}
	}
	return false
}

var technical500HTML = htmltemplate.Must(htmltemplate.New("technical_500.html").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="robots" content="NONE,NOARCHIVE">
  <title>{{.Type}}{{if .HasRequest}} at {{.Path}}{{end}}</title>
  <style>
    html * { padding:0; margin:0; }
    body * { padding:10px 20px; }
    body * * { padding:0; }
    body { font:small sans-serif; background-color:#fff; color:#000; }
    body>div { border-bottom:1px solid #ddd; }
    h1 { font-weight:normal; }
    h2 { margin-bottom:.8em; }
    h3 { margin:1em 0 .5em 0; }
    code, pre { font-size: 100%; white-space: pre-wrap; }
    table { border:1px solid #ccc; border-collapse: collapse; width:100%; background:white; }
    tbody td, tbody th { vertical-align:top; padding:2px 3px; }
    thead th { padding:1px 6px 1px 3px; background:#fefefe; text-align:left; font-weight:normal; font-size:11px; border:1px solid #ddd; }
    tbody th { width:12em; text-align:right; color:#666; padding-right:.5em; }
    table.req td { font-family:monospace; }
    table td.code { width:100%; }
    ul.traceback { list-style-type:none; color: #222; }
    ul.traceback li.frame { padding-bottom:1em; color:#4f4f4f; }
    ul.traceback li.user { background-color:#e0e0e0; color:#000 }
    div.context { padding:10px 0; overflow:hidden; }
    div.context ol { padding-left:30px; margin:0 10px; list-style-position: inside; }
    div.context ol li { font-family:monospace; white-space:pre; color:#777; cursor:pointer; padding-left: 2px; }
    div.context ol li pre { display:inline; }
    div.context ol.context-line li { color:#464646; background-color:#dfdfdf; padding: 3px 2px; }
    .user div.context ol.context-line li { background-color:#bbb; color:#000; }
    .user div.context ol li { color:#666; }
    #summary { background: #ffc; }
    #explanation { background:#eee; }
    #traceback { background:#eee; }
    #requestinfo { background:#f6f6f6; padding-left:120px; }
    #summary table { border:none; background:transparent; }
    #requestinfo h2, #requestinfo h3 { position:relative; margin-left:-100px; }
    #requestinfo h3 { margin-bottom:-1em; }
    pre.exception_value { font-family: sans-serif; color: #575757; font-size: 1.5em; margin: 10px 0 10px 0; }
    .fname { user-select: all; }
  </style>
  <script>
    function toggle(id) {
      var e = document.getElementById(id);
      if (e) { e.style.display = e.style.display == 'none' ? 'block' : 'none'; }
      return false;
    }
    window.onload = function() {
      document.querySelectorAll('li.frame:not(.user) div.context, ol.pre-context, ol.post-context').forEach(function(e) { e.style.display = 'none'; });
    };
  </script>
</head>
<body>
<div id="summary">
  <h1>{{.Type}}{{if .HasRequest}} at {{.Path}}{{end}}</h1>
  <pre class="exception_value">{{if .Value}}{{.Value}}{{else}}No error message supplied{{end}}</pre>
  <table class="meta">
{{- if .HasRequest}}
    <tr><th>Request Method:</th><td>{{.Method}}</td></tr>
    <tr><th>Request URL:</th><td>{{.URL}}</td></tr>
{{- end}}
    <tr><th>manouche Version:</th><td>{{.Version}}</td></tr>
    <tr><th>Exception Type:</th><td>{{.Type}}</td></tr>
    <tr><th>Exception Value:</th><td><pre>{{.Value}}</pre></td></tr>
{{- with .Location}}
    <tr><th>Exception Location:</th><td><span class="fname">{{.File}}</span>, line {{.Line}}, in {{.Function}}</td></tr>
{{- end}}
    <tr><th>Go Executable:</th><td>{{.Executable}}</td></tr>
    <tr><th>Go Version:</th><td>{{.GoVersion}}</td></tr>
    <tr><th>Server time:</th><td>{{.ServerTime}}</td></tr>
  </table>
</div>
{{- if .Chain}}
<div id="chain">
  <h2>Error chain</h2>
  <p>The error wraps these errors, outermost first:</p>
  <table class="req">
    <thead><tr><th>Type</th><th>Error</th></tr></thead>
    <tbody>{{range .Chain}}<tr><td>{{.Key}}</td><td class="code"><pre>{{.Value}}</pre></td></tr>{{end}}</tbody>
  </table>
</div>
{{- end}}
{{- if .Frames}}
<div id="traceback">
  <h2>Traceback (most recent call first)</h2>
  <ul class="traceback">
  {{- range .Frames}}
    <li class="frame {{if .User}}user{{else}}framework{{end}}">{{$id := .ID}}
      <a href="#" onclick="return toggle('c{{$id}}')"><code class="fname">{{.File}}</code>, line {{.Line}}, in {{.Function}}</a>
      {{- if .HasCode}}
      <div class="context" id="c{{$id}}">
        {{- if .Pre}}
        <ol start="{{(index .Pre 0).N}}" class="pre-context" id="pre{{$id}}">{{range .Pre}}<li onclick="toggle('pre{{$id}}'); toggle('post{{$id}}')"><pre>{{.Text}}</pre></li>{{end}}</ol>
        {{- end}}
        <ol start="{{.Context.N}}" class="context-line"><li onclick="toggle('pre{{$id}}'); toggle('post{{$id}}')"><pre>{{.Context.Text}}</pre></li></ol>
        {{- if .Post}}
        <ol start="{{(index .Post 0).N}}" class="post-context" id="post{{$id}}">{{range .Post}}<li onclick="toggle('pre{{$id}}'); toggle('post{{$id}}')"><pre>{{.Text}}</pre></li>{{end}}</ol>
        {{- end}}
      </div>
      {{- end}}
    </li>
  {{- end}}
  </ul>
</div>
{{- end}}
<div id="requestinfo">
  <h2>Request information</h2>
{{- if .HasRequest}}
  <h3 id="user-info">USER</h3>
  <p>{{.User}}</p>
  <h3 id="get-info">GET</h3>
  {{template "table" .GET}}{{if not .GET}}<p>No GET data</p>{{end}}
  <h3 id="post-info">POST</h3>
  {{template "table" .POST}}{{if not .POST}}<p>No POST data</p>{{end}}
  <h3 id="files-info">FILES</h3>
  {{template "table" .FILES}}{{if not .FILES}}<p>No FILES data</p>{{end}}
  <h3 id="cookie-info">COOKIES</h3>
  {{template "table" .COOKIES}}{{if not .COOKIES}}<p>No cookie data</p>{{end}}
  <h3 id="session-info">SESSION</h3>
  {{if .SessionKeys}}<p>Keys (values not shown):</p><ul>{{range .SessionKeys}}<li><code>{{.}}</code></li>{{end}}</ul>{{else}}<p>{{.SessionNote}}</p>{{end}}
  <h3 id="meta-info">HEADERS</h3>
  {{template "table" .Headers}}
{{- else}}
  <p>Request data not supplied</p>
{{- end}}
  <h3 id="settings-info">Settings</h3>
  {{with .SettingsFile}}<h4>Using settings file <code>{{.}}</code></h4>{{end}}
  {{template "table" .Settings}}
</div>
<div id="explanation">
  <p>
    You’re seeing this error because you have <code>DEBUG = True</code> in your
    settings file. Change that to <code>False</code>, and manouche will
    display a standard page generated by the handler for this status code.
  </p>
</div>
</body>
</html>
{{define "table"}}{{if .}}<table class="req">
    <thead><tr><th>Variable</th><th>Value</th></tr></thead>
    <tbody>{{range .}}<tr><td>{{.Key}}</td><td class="code"><pre>{{.Value}}</pre></td></tr>{{end}}</tbody>
  </table>{{end}}{{end}}
`))

var technical500Text = texttemplate.Must(texttemplate.New("technical_500.txt").Parse(`{{.Type}}{{if .HasRequest}} at {{.Path}}{{end}}
{{.Value}}

{{if .HasRequest}}Request Method: {{.Method}}
Request URL: {{.URL}}
{{end}}manouche Version: {{.Version}}
Go Version: {{.GoVersion}}
{{with .Location}}Exception Location: {{.File}}, line {{.Line}}, in {{.Function}}
{{end}}{{if .Chain}}
Error chain:
{{range .Chain}}  {{.Key}}: {{.Value}}
{{end}}{{end}}
Traceback (most recent call first):
{{range .Frames}}  File "{{.File}}", line {{.Line}}, in {{.Function}}
{{if .HasCode}}    {{.Context.Text}}
{{end}}{{end}}
{{if .HasRequest}}Request information:
USER: {{.User}}

GET:{{range .GET}}
  {{.Key}} = {{.Value}}{{else}} No GET data{{end}}

POST:{{range .POST}}
  {{.Key}} = {{.Value}}{{else}} No POST data{{end}}

FILES:{{range .FILES}}
  {{.Key}} = {{.Value}}{{else}} No FILES data{{end}}

COOKIES:{{range .COOKIES}}
  {{.Key}} = {{.Value}}{{else}} No cookie data{{end}}

SESSION:{{range .SessionKeys}}
  {{.}}{{else}} {{.SessionNote}}{{end}}

HEADERS:{{range .Headers}}
  {{.Key}} = {{.Value}}{{end}}
{{end}}
Settings:{{with .SettingsFile}}
Using settings file {{.}}{{end}}{{range .Settings}}
  {{.Key}} = {{.Value}}{{end}}

You’re seeing this error because you have DEBUG = True in your
settings file. Change that to False, and manouche will
display a standard page generated by the handler for this status code.
`))
