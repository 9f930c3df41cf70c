package schema

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// File is the published JSON Schema (draft 2020-12) of Document, as
// committed in cnbudget.schema.json.
//
//go:embed cnbudget.schema.json
var File []byte

// typeDocs describe the object types of the schema.
var typeDocs = map[string]string{
	"Document":        "Everything cnbudget read about one department, year and stage: the tables with their normalized records, the project performance tables, the narrative, and the checks of the arithmetic identities.",
	"Tool":            "The program that wrote the document.",
	"Source":          "One input file and what stage one made of its text layer.",
	"PageError":       "A page that could not be read completely.",
	"Meta":            "What the disclosure is.",
	"Region":          "Where the department sits, as far as the document names it.",
	"Table":           "One logical table, stitched across pages.",
	"Column":          "The meaning of one column.",
	"Record":          "One body row, normalized.",
	"Amount":          "One amount of a record: as printed, as an exact decimal in its unit and in 元.",
	"Project":         "One project performance-goal table (项目支出绩效目标表).",
	"Budget":          "A project's budget as exact decimals.",
	"PlanStep":        "One step of a project's spending plan.",
	"Indicator":       "One performance indicator row.",
	"Target":          "An indicator value parsed: comparator, number and unit, or a deadline.",
	"Evaluation":      "One performance self-evaluation form of a final account (项目支出绩效自评表, 部门整体支出绩效自评表): header fields, funds grid, goals and indicators, as printed and read.",
	"EvaluationFunds": "One row of a self-evaluation form's funds grid, read.",
	"EvaluationNum":   "One cell of a self-evaluation form's funds grid: as printed, its role, and as an exact decimal or a placeholder.",
	"EvalIndicator":   "One indicator row of a self-evaluation form, as printed and parsed.",
	"Section":         "A headed block of the running text.",
	"Statement":       "An amount the narrative states.",
	"Check":           "The result of one arithmetic identity.",
}

// JSONSchema generates the JSON Schema of Document from the Go types and
// their tags: desc (description, required for every field), enum (comma
// separated), pattern, const, minimum and maximum. A field without
// omitempty is required; no object allows other properties.
func JSONSchema() ([]byte, error) {
	g := &generator{defs: map[string]any{}}
	root := reflect.TypeFor[Document]()
	if _, err := g.schemaOf(root); err != nil {
		return nil, err
	}
	doc := g.defs["Document"].(map[string]any)
	delete(g.defs, "Document")
	out := map[string]any{
		"$schema": "https://json-schema.org/draft/2020-12/schema",
		"$id":     ID,
		"title":   "cnbudget document",
		"$defs":   g.defs,
	}
	for k, v := range doc {
		out[k] = v
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

type generator struct {
	defs map[string]any
}

// schemaOf returns the schema of a type, adding struct types to $defs.
func (g *generator) schemaOf(t reflect.Type) (map[string]any, error) {
	switch t.Kind() {
	case reflect.String:
		return map[string]any{"type": "string"}, nil
	case reflect.Int, reflect.Int64:
		return map[string]any{"type": "integer"}, nil
	case reflect.Bool:
		return map[string]any{"type": "boolean"}, nil
	case reflect.Pointer:
		return g.schemaOf(t.Elem())
	case reflect.Slice:
		items, err := g.schemaOf(t.Elem())
		if err != nil {
			return nil, err
		}
		return map[string]any{"type": "array", "items": items}, nil
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			return nil, fmt.Errorf("schema: map key %s", t.Key())
		}
		v, err := g.schemaOf(t.Elem())
		if err != nil {
			return nil, err
		}
		return map[string]any{"type": "object", "additionalProperties": v}, nil
	case reflect.Struct:
		name := t.Name()
		ref := map[string]any{"$ref": "#/$defs/" + name}
		if _, ok := g.defs[name]; ok {
			return ref, nil
		}
		g.defs[name] = nil // being built: a recursive use refers to it
		obj, err := g.object(t)
		if err != nil {
			return nil, err
		}
		g.defs[name] = obj
		return ref, nil
	}
	return nil, fmt.Errorf("schema: no JSON Schema for %s", t)
}

func (g *generator) object(t reflect.Type) (map[string]any, error) {
	doc := typeDocs[t.Name()]
	if doc == "" {
		return nil, fmt.Errorf("schema: type %s has no description in typeDocs", t.Name())
	}
	props := map[string]any{}
	required := []string{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		s, err := g.schemaOf(f.Type)
		if err != nil {
			return nil, fmt.Errorf("%s.%s: %w", t.Name(), f.Name, err)
		}
		desc := f.Tag.Get("desc")
		if desc == "" {
			return nil, fmt.Errorf("schema: field %s.%s has no desc tag", t.Name(), f.Name)
		}
		s["description"] = desc
		if e := f.Tag.Get("enum"); e != "" {
			s["enum"] = strings.Split(e, ",")
		}
		if p := f.Tag.Get("pattern"); p != "" {
			s["pattern"] = p
		}
		if c := f.Tag.Get("const"); c != "" {
			s["const"] = c
		}
		for _, k := range []string{"minimum", "maximum"} {
			if v := f.Tag.Get(k); v != "" {
				n, err := strconv.Atoi(v)
				if err != nil {
					return nil, fmt.Errorf("schema: %s.%s: %s %q", t.Name(), f.Name, k, v)
				}
				s[k] = n
			}
		}
		props[name] = s
		if !strings.Contains(opts, "omitempty") {
			required = append(required, name)
		}
	}
	return map[string]any{
		"type":                 "object",
		"description":          doc,
		"properties":           props,
		"required":             required,
		"additionalProperties": false,
	}, nil
}
