package apps

// Schemas returns the GORM structs of models, those whose Schema is set,
// in order: what makemigrations compares with an app's migrations.
func Schemas(models []Model) []any {
	var out []any
	for _, m := range models {
		if m.Schema != nil {
			out = append(out, m.Schema)
		}
	}
	return out
}
