package schema_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/cnbudget/cnbudget/schema"
)

var update = flag.Bool("update", false, "rewrite cnbudget.schema.json from the Go types")

// TestSchemaFile checks that the published schema is the one the Go types
// generate (go test ./schema -run TestSchemaFile -update rewrites it).
func TestSchemaFile(t *testing.T) {
	got, err := schema.JSONSchema()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("cnbudget.schema.json", got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(got, schema.File) {
		t.Fatal("cnbudget.schema.json is not what the Go types generate: run go test ./schema -run TestSchemaFile -update")
	}
}

// TestSchemaIsValid compiles the schema against the draft 2020-12
// metaschema and checks the golden output validates, and that a broken one
// does not.
func TestSchemaIsValid(t *testing.T) {
	sch := compile(t)
	golden, err := filepath.Glob(filepath.Join("..", "normalize", "testdata", "golden", "*.json"))
	if err != nil || len(golden) == 0 {
		t.Fatalf("no golden outputs: %v", err)
	}
	for _, g := range golden {
		v := load(t, g)
		if err := sch.Validate(v); err != nil {
			t.Errorf("%s: %v", g, err)
		}
		// A missing required field, an unknown one, a bad amount.
		m := v.(map[string]any)
		delete(m, "checks")
		if sch.Validate(m) == nil {
			t.Errorf("%s without checks validates", g)
		}
		m["checks"] = []any{}
		m["surprise"] = 1
		if sch.Validate(m) == nil {
			t.Errorf("%s with an unknown field validates", g)
		}
		delete(m, "surprise")
		tbl := m["tables"].([]any)[0].(map[string]any)
		rec := tbl["records"].([]any)[0].(map[string]any)
		rec["amounts"] = []any{map[string]any{"column": 3, "printed": "1,0", "value": "1,0"}}
		if sch.Validate(m) == nil {
			t.Errorf("%s with amount value \"1,0\" validates", g)
		}
	}
}

func compile(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema.File))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(schema.ID, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(schema.ID)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func load(t *testing.T, path string) any {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	v, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

var _ = json.Marshal
