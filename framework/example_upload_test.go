package framework_test

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http/httptest"

	"github.com/manouche-go/manouche/framework"
)

// A view reads an uploaded file from req.FILES (Django's request.FILES).
func ExampleFiles() {
	upload := framework.View(func(req *framework.Request) *framework.Response {
		f := req.FILES.Get("avatar")
		if f == nil {
			return framework.BadRequest(req, "no avatar")
		}
		r, err := f.Open()
		if err != nil {
			return framework.ServerError(req, err)
		}
		defer r.Close()
		head := make([]byte, 4)
		io.ReadFull(r, head)
		return framework.Text(fmt.Sprintf("%s, %d bytes of %s, starting %q", f.Name, f.Size, f.ContentType, head))
	})

	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	w, _ := mw.CreateFormFile("avatar", `C:\photos\me.png`)
	w.Write([]byte("\x89PNG and the rest"))
	mw.Close()
	r := httptest.NewRequest("POST", "/avatar/", &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	rec := httptest.NewRecorder()
	upload.ServeHTTP(rec, r)
	fmt.Println(rec.Body.String())
	// Output:
	// me.png, 17 bytes of application/octet-stream, starting "\x89PNG"
}

// The DEBUG error page hides sensitive settings as Django's
// SafeExceptionReporterFilter does.
func ExampleCleanseSetting() {
	fmt.Println(framework.CleanseSetting("SECRET_KEY", "s3cr3t"))
	fmt.Println(framework.CleanseSetting("DATABASES", map[string]any{
		"default": map[string]any{"ENGINE": "postgres", "PASSWORD": "pw", "URL": "postgres://app:pw@db/site"},
	}))
	// Output:
	// ********************
	// map[default:map[ENGINE:postgres PASSWORD:******************** URL:postgres://app:********************@db/site]]
}
