package signing

import (
	"errors"
	"fmt"
	"reflect"
)

// ErrBadSignature reports that a signed value failed verification: no
// separator, a signature that does not match, or a malformed timestamp.
// It mirrors Django's django.core.signing.BadSignature.
var ErrBadSignature = errors.New("signing: bad signature")

// ErrSignatureExpired reports that a timestamped value verified but is older
// than the allowed max age. It mirrors Django's SignatureExpired, a subclass of
// BadSignature: errors.Is(err, ErrBadSignature) is also true for it.
var ErrSignatureExpired error = &expiredError{}

// ErrInvalidAlgorithm reports a hash algorithm name that is not supported.
// It mirrors Django's django.utils.crypto.InvalidAlgorithm.
var ErrInvalidAlgorithm = errors.New("signing: invalid algorithm")

type expiredError struct{}

func (*expiredError) Error() string { return "signing: signature expired" }

// Is makes errors.Is(ErrSignatureExpired, ErrBadSignature) true, as in Django
// where SignatureExpired subclasses BadSignature.
func (*expiredError) Is(target error) bool { return target == ErrBadSignature }

// UnsupportedTypeError is returned by [MarshalJSON] for a Go value that has no
// JSON form in Django's JSONSerializer (Python's json.dumps raises TypeError for
// it). Its message names the type, never the value.
type UnsupportedTypeError struct {
	Type reflect.Type
}

func (e *UnsupportedTypeError) Error() string {
	return fmt.Sprintf("signing: cannot store %s in JSON", e.Type)
}
