package batch

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cnbudget/cnbudget/schema"
)

// encoderIndent is what the documents were written as before: encoding/
// json's own indentation.
func encoderIndent(t testing.TB, v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestIndentLikeEncoder(t *testing.T) {
	deep := any("x")
	for range 40 { // deeper than the prepared spaces
		deep = []any{deep, map[string]any{}}
	}
	cases := []any{
		nil, true, 0, -1.5e-7, "",
		map[string]any{},
		[]any{},
		[]any{[]any{}, map[string]any{}, []any{[]any{}}},
		map[string]any{"a": []any{1, 2, map[string]any{"b": nil}}, "c": "d"},
		`quote " backslash \ both \" and \\" end`,
		[]string{`\`, `\\`, `"`, `\"`, `a\\\"b`, "", "\\"},
		map[string]string{`k"ey`: `v\`, "<html>&": "中文 \u2028 \u0001 \t\n"},
		struct {
			A []int          `json:"a"`
			B map[string]int `json:"b,omitempty"`
			C *int           `json:"c"`
		}{A: []int{}},
		deep,
	}
	for i, v := range cases {
		want := encoderIndent(t, v)
		got, err := newJSONBuffer(false).encode(v)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("case %d:\n got %q\nwant %q", i, got, want)
		}
		var w strings.Builder
		if err := WriteJSON(&w, v, false); err != nil || w.String() != string(want) {
			t.Errorf("case %d: WriteJSON gives %q, %v", i, w.String(), err)
		}
		compact, _ := newJSONBuffer(true).encode(v)
		var c bytes.Buffer
		json.Compact(&c, want)
		if string(compact) != c.String()+"\n" {
			t.Errorf("case %d: compact %q, want %q", i, compact, c.String()+"\n")
		}
	}
}

// A buffer used again writes each document whole, nothing of the one
// before.
func TestJSONBufferReused(t *testing.T) {
	j := newJSONBuffer(false)
	first, _ := j.encode(map[string]any{"long": strings.Repeat("x", 100)})
	if !bytes.Contains(first, []byte("xxxx")) {
		t.Fatalf("first: %q", first)
	}
	second, _ := j.encode([]int{1})
	if string(second) != "[\n  1\n]\n" {
		t.Fatalf("second: %q", second)
	}
}

// FuzzIndent: any JSON value, compacted as the encoder writes it, indents
// to what json.Indent makes of it.
func FuzzIndent(f *testing.F) {
	for _, s := range []string{`{}`, `[]`, `{"a":[1,{"b":"c\"d"}],"e":[]}`, `"\\"`, `[[[]],{}]`, `"中\u0000"`, `1e9`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !json.Valid([]byte(s)) {
			return
		}
		var c bytes.Buffer
		if err := json.Compact(&c, []byte(s)); err != nil {
			return
		}
		c.WriteByte('\n')
		var want bytes.Buffer
		if err := json.Indent(&want, c.Bytes(), "", "  "); err != nil {
			t.Fatal(err)
		}
		if got := appendIndented(nil, c.Bytes()); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("%q:\n got %q\nwant %q", c.Bytes(), got, want.Bytes())
		}
	})
}

// BenchmarkWriteDocument writes the document of a converted sample as the
// batch does (new) and as encoding/json indents it (encoder).
//
//	go test ./normalize/batch -run '^$' -bench WriteDocument
func BenchmarkWriteDocument(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("..", "testdata", "golden", "yongqing_rsj_2024.json"))
	if err != nil {
		b.Fatal(err)
	}
	var doc schema.Document
	if err := json.Unmarshal(raw, &doc); err != nil {
		b.Fatal(err)
	}
	b.Run("new", func(b *testing.B) {
		j := newJSONBuffer(false)
		for b.Loop() {
			out, _ := j.encode(doc)
			b.SetBytes(int64(len(out)))
		}
	})
	b.Run("encoder", func(b *testing.B) {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		for b.Loop() {
			buf.Reset()
			enc.Encode(doc)
			b.SetBytes(int64(buf.Len()))
		}
	})
}
