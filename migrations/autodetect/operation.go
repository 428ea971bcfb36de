package autodetect

import (
	"fmt"
	"strings"
	"time"
)

// Kind is what an [Operation] does, one of Django's migration operations.
type Kind int

// The operations makemigrations writes.
const (
	CreateModel Kind = iota + 1 // a new table, with its indexes and constraints
	AddField                    // a new column in an existing table
	AddIndex                    // a new index on an existing table
)

// Operation is one schema change a migration makes (Django's
// CreateModel, AddField and AddIndex operations).
type Operation struct {
	// Kind is what the operation does.
	Kind Kind
	// Model is the model's Go type name, e.g. "Poll".
	Model string
	// Table is the model's table, e.g. "polls_poll".
	Table string
	// Column is the new column of an AddField.
	Column string
	// Index is the new index of an AddIndex, and Columns its columns.
	Index   string
	Columns []string

	value any // the model, for the DDL
}

// Describe returns the operation's one-line description, as Django's
// makemigrations prints it: "Create model Poll", "Add field votes to
// poll", "Create index idx_polls_poll_votes on field(s) votes of model
// poll".
func (o Operation) Describe() string {
	switch o.Kind {
	case CreateModel:
		return "Create model " + o.Model
	case AddField:
		return fmt.Sprintf("Add field %s to %s", o.Column, strings.ToLower(o.Model))
	case AddIndex:
		return fmt.Sprintf("Create index %s on field(s) %s of model %s", o.Index, strings.Join(o.Columns, ", "), strings.ToLower(o.Model))
	}
	return fmt.Sprintf("operation %d on %s", o.Kind, o.Table)
}

// fragment is the operation's part of a migration name (Django's
// migration_name_fragment).
func (o Operation) fragment() string {
	model := strings.ToLower(o.Model)
	switch o.Kind {
	case AddField:
		return model + "_" + strings.ToLower(o.Column)
	case AddIndex:
		return model + "_" + strings.ToLower(o.Index)
	}
	return model
}

// maxNameLength is the longest migration name suggested from fragments,
// Django's 52 characters.
const maxNameLength = 52

// Name suggests a migration's name without its number, as Django's
// Migration.suggest_name does: "initial" for an app's first migration,
// else the operations' fragments joined by "_" ("poll_votes"), or
// "auto_YYYYMMDD_HHMM" (at now, in UTC) when they are too long.
func Name(ops []Operation, initial bool, now time.Time) string {
	if initial {
		return "initial"
	}
	parts := make([]string, len(ops))
	for i, o := range ops {
		parts[i] = o.fragment()
	}
	name := strings.Join(parts, "_")
	if name == "" || len(name) > maxNameLength {
		return "auto_" + now.UTC().Format("20060102_1504")
	}
	return name
}
