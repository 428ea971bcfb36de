package messages

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/manouche-go/manouche/framework/messages"
	"github.com/manouche-go/manouche/framework/signing"
)

// Django's wire names: the marker of an encoded message and the sentinel
// that ends a cookie whose remaining messages are in the next storage.
const (
	messageKey  = "__json_message"
	notFinished = "__messagesnotfinished__"
)

// errFormat is the error of a payload that is no list of messages.
var errFormat = errors.New("messages: not a list of messages")

// separators are JSON's item and key separators: compact (",", as signed
// into the cookie) or Python's defaults (", ", as stored in the session).
type separators string

const (
	compact   separators = ","
	pythonSep separators = ", "
)

// appendList appends msgs as a JSON list (Django's MessageEncoder): each
// message is ["__json_message", safe, level, text] plus extra tags when
// not empty; notFinished appends the sentinel. Strings are ASCII-only
// JSON, as Python writes them.
func appendList(b []byte, msgs []messages.Message, sentinel bool, sep separators) []byte {
	b = append(b, '[')
	for i, m := range msgs {
		if i > 0 {
			b = append(b, sep...)
		}
		b = appendMessage(b, m, sep)
	}
	if sentinel {
		if len(msgs) > 0 {
			b = append(b, sep...)
		}
		b = appendString(b, notFinished)
	}
	return append(b, ']')
}

func appendMessage(b []byte, m messages.Message, sep separators) []byte {
	b = append(b, '[')
	b = appendString(b, messageKey)
	b = append(b, sep...)
	if m.Safe {
		b = append(b, '1')
	} else {
		b = append(b, '0')
	}
	b = append(b, sep...)
	b = strconv.AppendInt(b, int64(m.Level), 10)
	b = append(b, sep...)
	b = appendString(b, m.Text)
	if m.ExtraTags != "" { // Django 3.2 writes the tags only when they are truthy
		b = append(b, sep...)
		b = appendString(b, m.ExtraTags)
	}
	return append(b, ']')
}

func appendString(b []byte, s string) []byte {
	out, err := signing.AppendJSON(b, s)
	if err != nil { // strings always encode
		panic(err)
	}
	return out
}

// decodeList reads a JSON list of messages (Django's MessageDecoder, with
// any JSON whitespace): it returns the messages and whether the list ended
// with the not-finished sentinel. Anything but a list of messages, with
// the sentinel only last, is an error.
func decodeList(data []byte) (msgs []messages.Message, more bool, err error) {
	v, err := signing.UnmarshalJSON(data)
	if err != nil {
		return nil, false, err
	}
	return decodeValue(v)
}

// decodeValue is decodeList for an already decoded JSON value.
func decodeValue(v any) (msgs []messages.Message, more bool, err error) {
	list, ok := v.([]any)
	if !ok {
		return nil, false, errFormat
	}
	for i, item := range list {
		if s, ok := item.(string); ok && s == notFinished && i == len(list)-1 {
			return msgs, true, nil
		}
		m, err := decodeMessage(item)
		if err != nil {
			return nil, false, fmt.Errorf("%w: item %d", err, i)
		}
		msgs = append(msgs, m)
	}
	return msgs, false, nil
}

// decodeMessage reads ["__json_message", safe, level, text(, tags)].
func decodeMessage(item any) (messages.Message, error) {
	a, ok := item.([]any)
	if !ok || len(a) < 4 || len(a) > 5 || a[0] != messageKey {
		return messages.Message{}, errFormat
	}
	level, ok := a[2].(int64)
	text, isStr := a[3].(string)
	if !ok || !isStr || level != int64(int(level)) {
		return messages.Message{}, errFormat
	}
	m := messages.Message{Level: messages.Level(level), Text: text, Safe: truthy(a[1])}
	if len(a) == 5 && a[4] != nil {
		if m.ExtraTags, ok = a[4].(string); !ok {
			return messages.Message{}, errFormat
		}
	}
	return m, nil
}

// truthy is Python's truth of a decoded JSON value.
func truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case int64:
		return x != 0
	case float64:
		return x != 0
	case string:
		return x != ""
	case []any:
		return len(x) > 0
	case map[string]any:
		return len(x) > 0
	}
	return true
}
