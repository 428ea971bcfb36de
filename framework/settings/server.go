package settings

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Server holds the settings of request parsing (Django's upload limits)
// and of the HTTP server runserver starts (manouche's timeouts, which
// Django leaves to the WSGI server in front of it). It is embedded in
// [Settings], so its fields read as Settings fields.
type Server struct {
	// DataUploadMaxMemorySize is DATA_UPLOAD_MAX_MEMORY_SIZE: the largest
	// form body, in bytes, not counting uploaded files (in a multipart
	// body, the fields' names and values). -1 (YAML null, Django's None)
	// means no limit. The default is 2621440 (2.5 MiB).
	DataUploadMaxMemorySize int64
	// DataUploadMaxNumberFields is DATA_UPLOAD_MAX_NUMBER_FIELDS: the most
	// GET or POST parameters a request may have. -1 (null) means no limit.
	// The default is 1000.
	DataUploadMaxNumberFields int
	// DataUploadMaxNumberFiles is DATA_UPLOAD_MAX_NUMBER_FILES: the most
	// files a multipart body may upload. -1 (null) means no limit. The
	// default is 100.
	DataUploadMaxNumberFiles int
	// FileUploadMaxMemorySize is FILE_UPLOAD_MAX_MEMORY_SIZE: an uploaded
	// file larger than this, in bytes, is written to a temporary file
	// instead of kept in memory. The default is 2621440 (2.5 MiB).
	FileUploadMaxMemorySize int64
	// FileUploadTempDir is FILE_UPLOAD_TEMP_DIR, where those temporary
	// files go; "" (Django's None) means the system temporary directory.
	// The default is "".
	FileUploadTempDir string

	// ServerReadHeaderTimeout is SERVER_READ_HEADER_TIMEOUT, in seconds:
	// how long a client may take to send a request's headers. The default
	// is 10 seconds; 0 (or null) means no limit, here and below.
	ServerReadHeaderTimeout time.Duration
	// ServerReadTimeout is SERVER_READ_TIMEOUT: how long a client may take
	// to send a whole request, body included. The default is 60 seconds.
	ServerReadTimeout time.Duration
	// ServerWriteTimeout is SERVER_WRITE_TIMEOUT: how long the server may
	// take, from the end of the request headers, to write the response.
	// The default is 60 seconds; a view that streams for longer extends it
	// with http.ResponseController's SetWriteDeadline.
	ServerWriteTimeout time.Duration
	// ServerIdleTimeout is SERVER_IDLE_TIMEOUT: how long an idle keep-alive
	// connection is kept open. The default is 75 seconds, more than the 60
	// of common load balancers, which must close idle connections first.
	ServerIdleTimeout time.Duration
	// ServerShutdownTimeout is SERVER_SHUTDOWN_TIMEOUT: how long a stopping
	// server waits for requests in flight before it closes their
	// connections. The default is 30 seconds.
	ServerShutdownTimeout time.Duration
}

// DefaultUploadMaxMemorySize is Django's default DATA_UPLOAD_MAX_MEMORY_SIZE
// and FILE_UPLOAD_MAX_MEMORY_SIZE: 2.5 MiB.
const DefaultUploadMaxMemorySize = 2621440

// defaultServer returns Django's defaults for the upload limits and
// manouche's for the server timeouts.
func defaultServer() Server {
	return Server{
		DataUploadMaxMemorySize:   DefaultUploadMaxMemorySize,
		DataUploadMaxNumberFields: 1000,
		DataUploadMaxNumberFiles:  100,
		FileUploadMaxMemorySize:   DefaultUploadMaxMemorySize,
		ServerReadHeaderTimeout:   10 * time.Second,
		ServerReadTimeout:         60 * time.Second,
		ServerWriteTimeout:        60 * time.Second,
		ServerIdleTimeout:         75 * time.Second,
		ServerShutdownTimeout:     30 * time.Second,
	}
}

const (
	allowedLimit    = "a non-negative integer, or null for no limit"
	allowedSize     = "a non-negative integer (bytes)"
	allowedDuration = "a non-negative number of seconds, or null for no limit"
)

// serverFields are the schema entries of [Server], appended to the schema
// at init.
var serverFields = []field{
	limitField("DATA_UPLOAD_MAX_MEMORY_SIZE", func(s *Settings) *int64 { return &s.DataUploadMaxMemorySize }),
	countField("DATA_UPLOAD_MAX_NUMBER_FIELDS", func(s *Settings) *int { return &s.DataUploadMaxNumberFields }),
	countField("DATA_UPLOAD_MAX_NUMBER_FILES", func(s *Settings) *int { return &s.DataUploadMaxNumberFiles }),
	{name: "FILE_UPLOAD_MAX_MEMORY_SIZE", set: func(s *Settings, v any) error {
		n, err := asInt("FILE_UPLOAD_MAX_MEMORY_SIZE", v, allowedSize)
		if err == nil && n < 0 {
			err = badValue("FILE_UPLOAD_MAX_MEMORY_SIZE", v, allowedSize)
		}
		s.FileUploadMaxMemorySize = int64(n)
		return err
	}},
	stringField("FILE_UPLOAD_TEMP_DIR", func(s *Settings) *string { return &s.FileUploadTempDir }),
	durationField("SERVER_READ_HEADER_TIMEOUT", func(s *Settings) *time.Duration { return &s.ServerReadHeaderTimeout }),
	durationField("SERVER_READ_TIMEOUT", func(s *Settings) *time.Duration { return &s.ServerReadTimeout }),
	durationField("SERVER_WRITE_TIMEOUT", func(s *Settings) *time.Duration { return &s.ServerWriteTimeout }),
	durationField("SERVER_IDLE_TIMEOUT", func(s *Settings) *time.Duration { return &s.ServerIdleTimeout }),
	durationField("SERVER_SHUTDOWN_TIMEOUT", func(s *Settings) *time.Duration { return &s.ServerShutdownTimeout }),
}

func init() { fields = append(fields, serverFields...) }

// countField is a count where null (Django's None) is -1, no limit.
func countField(name string, p func(*Settings) *int) field {
	return field{name: name, set: func(s *Settings, v any) (err error) {
		*p(s), err = asIntLimit(name, v)
		return err
	}}
}

// limitField is a size in bytes where null (Django's None) is -1, no limit.
func limitField(name string, p func(*Settings) *int64) field {
	return field{name: name, set: func(s *Settings, v any) error {
		n, err := asIntLimit(name, v)
		*p(s) = int64(n)
		return err
	}}
}

// asIntLimit reads a non-negative integer, or null (or "none" in the
// environment) as -1, no limit.
func asIntLimit(setting string, v any) (int, error) {
	if v == nil {
		return -1, nil
	}
	if str, ok := v.(string); ok && (strings.EqualFold(strings.TrimSpace(str), "none") || strings.EqualFold(strings.TrimSpace(str), "null")) {
		return -1, nil
	}
	n, err := asInt(setting, v, allowedLimit)
	if err == nil && n < 0 {
		err = badValue(setting, v, allowedLimit)
	}
	return n, err
}

func durationField(name string, p func(*Settings) *time.Duration) field {
	return field{name: name, set: func(s *Settings, v any) (err error) {
		*p(s), err = asSeconds(name, v)
		return err
	}}
}

// asSeconds reads a non-negative number of seconds, whole or not; null is
// 0, no limit.
func asSeconds(setting string, v any) (time.Duration, error) {
	var f float64
	switch x := v.(type) {
	case nil:
		return 0, nil
	case int:
		f = float64(x)
	case int64:
		f = float64(x)
	case uint64:
		f = float64(x)
	case float64:
		f = x
	case string:
		var err error
		if f, err = strconv.ParseFloat(strings.TrimSpace(x), 64); err != nil {
			return 0, badValue(setting, v, allowedDuration)
		}
	default:
		return 0, badValue(setting, v, allowedDuration)
	}
	if f < 0 || math.IsNaN(f) || f > math.MaxInt64/float64(time.Second) {
		return 0, badValue(setting, v, allowedDuration)
	}
	return time.Duration(f * float64(time.Second)), nil
}
