package framework

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"os"
	"strings"
	"unicode"
)

// Errors of parsing a multipart body beyond its limits, reported by
// [Request.Err] and answered 400 by [View] (Django's TooManyFieldsSent and
// TooManyFilesSent).
var (
	ErrTooManyFields = errors.New("framework: too many GET/POST parameters (DATA_UPLOAD_MAX_NUMBER_FIELDS)")
	ErrTooManyFiles  = errors.New("framework: too many uploaded files (DATA_UPLOAD_MAX_NUMBER_FILES)")
)

// UploadedFile is one file of a multipart/form-data POST, in
// [Request.FILES] (Django's UploadedFile). A file up to
// FILE_UPLOAD_MAX_MEMORY_SIZE is kept in memory (Django's
// InMemoryUploadedFile); a larger one is written to a temporary file in
// FILE_UPLOAD_TEMP_DIR (TemporaryUploadedFile), removed when the request
// ends. Copy what must outlive the request.
type UploadedFile struct {
	// Name is the file name the client sent, without any directory and
	// without unprintable characters (Django's sanitize_file_name).
	Name string
	// Size is the file's size in bytes.
	Size int64
	// ContentType is the part's Content-Type without parameters, as the
	// client sent it ("image/png"); Charset is its charset parameter.
	ContentType, Charset string
	// Header holds the part's MIME headers.
	Header textproto.MIMEHeader

	data []byte // in memory
	path string // or on disk
}

// Open returns the file's content, ready to read from the start. Close it
// when done.
func (f *UploadedFile) Open() (multipart.File, error) {
	if f.path == "" {
		return nopCloser{bytes.NewReader(f.data)}, nil
	}
	return os.Open(f.path)
}

// TemporaryFilePath returns the path of the temporary file holding the
// upload, or "" when it is held in memory (Django's
// TemporaryUploadedFile.temporary_file_path).
func (f *UploadedFile) TemporaryFilePath() string { return f.path }

// String returns the file's name, size and content type, as the DEBUG
// error page lists it.
func (f *UploadedFile) String() string {
	return fmt.Sprintf("<UploadedFile: %s (%s), %d bytes>", f.Name, f.ContentType, f.Size)
}

type nopCloser struct{ *bytes.Reader }

func (nopCloser) Close() error { return nil }

// Files maps each form field name to the files uploaded under it (Django's
// request.FILES, a MultiValueDict).
type Files map[string][]*UploadedFile

// Get returns the first file uploaded under name, or nil.
func (fs Files) Get(name string) *UploadedFile {
	if v := fs[name]; len(v) > 0 {
		return v[0]
	}
	return nil
}

// removeAll deletes the temporary files of every upload.
func (fs Files) removeAll() {
	for _, files := range fs {
		for _, f := range files {
			if f.path != "" {
				os.Remove(f.path)
			}
		}
	}
}

// uploadLimits are the Env's upload settings, resolved.
type uploadLimits struct {
	data          int64 // DATA_UPLOAD_MAX_MEMORY_SIZE, < 0: none
	fields, files int   // DATA_UPLOAD_MAX_NUMBER_FIELDS and _FILES, < 0: none
	fileMemory    int64 // FILE_UPLOAD_MAX_MEMORY_SIZE
	tempDir       string
}

// multipartParser reads a multipart/form-data body as Django's
// MultiPartParser does: field names and values count against the data
// limit, files do not; files beyond the memory limit go to disk.
type multipartParser struct {
	lim    uploadLimits
	post   url.Values
	files  Files
	data   int64
	fields int
	nfiles int
}

// parseMultipart parses r's body into POST and FILES. On error, no
// temporary file is left behind.
func parseMultipart(r *http.Request, lim uploadLimits) (url.Values, Files, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return url.Values{}, Files{}, fmt.Errorf("%w: %w", ErrBadForm, err)
	}
	p := &multipartParser{lim: lim, post: url.Values{}, files: Files{}}
	if err := p.parse(mr); err != nil {
		p.files.removeAll()
		return url.Values{}, Files{}, err
	}
	r.PostForm = p.post
	return p.post, p.files, nil
}

func (p *multipartParser) parse(mr *multipart.Reader) error {
	for {
		part, err := mr.NextPart()
		if err == io.EOF { //nolint:errorlint // the end; a wrapped EOF is a truncated body
			return nil
		}
		if err != nil {
			return fmt.Errorf("%w: %w", ErrBadForm, err)
		}
		err = p.part(part)
		part.Close()
		if err != nil {
			return err
		}
	}
}

// part stores one part: a field, a file, or nothing for a part without a
// name or a file without a usable file name (as Django skips them).
func (p *multipartParser) part(part *multipart.Part) error {
	_, params, _ := mime.ParseMediaType(part.Header.Get("Content-Disposition"))
	name := strings.TrimSpace(params["name"])
	if name == "" {
		return nil
	}
	if _, isFile := params["filename"]; !isFile {
		return p.field(name, part)
	}
	p.nfiles++
	if p.lim.files >= 0 && p.nfiles > p.lim.files {
		return fmt.Errorf("%w: more than %d", ErrTooManyFiles, p.lim.files)
	}
	filename := sanitizeFileName(params["filename"])
	if filename == "" {
		return nil
	}
	f, err := p.file(filename, part)
	if err != nil {
		return err
	}
	p.files[name] = append(p.files[name], f)
	return nil
}

func (p *multipartParser) field(name string, part *multipart.Part) error {
	p.fields++
	if p.lim.fields >= 0 && p.fields > p.lim.fields {
		return fmt.Errorf("%w: more than %d", ErrTooManyFields, p.lim.fields)
	}
	var r io.Reader = part
	if p.lim.data >= 0 {
		r = io.LimitReader(part, p.lim.data-p.data+1)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrBadForm, err)
	}
	// Django adds 2 for the "&=" of the urlencoded form of the field.
	p.data += int64(len(b) + len(name) + 2)
	if p.lim.data >= 0 && p.data > p.lim.data {
		return fmt.Errorf("%w (limit %d bytes, DATA_UPLOAD_MAX_MEMORY_SIZE)", ErrBodyTooLarge, p.lim.data)
	}
	p.post.Add(name, string(b))
	return nil
}

// file reads one upload into memory, or into a temporary file once it
// outgrows FILE_UPLOAD_MAX_MEMORY_SIZE.
func (p *multipartParser) file(name string, part *multipart.Part) (*UploadedFile, error) {
	ct, ctParams, _ := mime.ParseMediaType(part.Header.Get("Content-Type"))
	f := &UploadedFile{Name: name, ContentType: ct, Charset: ctParams["charset"], Header: part.Header}
	var buf bytes.Buffer
	n, err := io.CopyN(&buf, part, p.lim.fileMemory+1)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%w: %w", ErrBadForm, err)
	}
	if n <= p.lim.fileMemory {
		f.data, f.Size = buf.Bytes(), n
		return f, nil
	}
	tmp, err := os.CreateTemp(p.lim.tempDir, "upload-*.upload")
	if err != nil {
		return nil, fmt.Errorf("framework: upload: %w", err)
	}
	f.path = tmp.Name()
	size, err := io.Copy(tmp, io.MultiReader(&buf, part))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.path)
		return nil, fmt.Errorf("%w: %w", ErrBadForm, err)
	}
	f.Size = size
	return f, nil
}

// sanitizeFileName is Django's MultiPartParser.sanitize_file_name: HTML
// entities decoded, the part after the last / or \ kept, unprintable
// characters dropped; "", "." and ".." are no name.
func sanitizeFileName(name string) string {
	name = html.UnescapeString(name)
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if unicode.IsPrint(r) {
			return r
		}
		return -1
	}, name)
	if name == "." || name == ".." {
		return ""
	}
	return name
}
