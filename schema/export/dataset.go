package export

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/cnbudget/cnbudget/schema"
)

// Dataset holds the rows of the documents added to it: amounts, the table
// index, self-evaluation forms and their indicators.
type Dataset struct {
	Facts      []Fact
	Tables     []Table
	Forms      []Form
	Indicators []Indicator
	Documents  int
}

// Add flattens a document, written as file name, into the dataset.
func (ds *Dataset) Add(name string, d *schema.Document) {
	f, t := Rows(name, d)
	fo, in := Forms(name, d)
	ds.Facts = append(ds.Facts, f...)
	ds.Tables = append(ds.Tables, t...)
	ds.Forms = append(ds.Forms, fo...)
	ds.Indicators = append(ds.Indicators, in...)
	ds.Documents++
}

// part is one of the dataset's tables, by the name it is written under.
type part struct {
	name  string                                                // amounts, tables, forms, indicators
	write func(w *bytes.Buffer, format string, idx []int) error // idx nil: all rows
	n     int
	value func(i int, key string) string
}

func (ds *Dataset) parts() []part {
	return []part{
		{"amounts", func(w *bytes.Buffer, f string, idx []int) error { return Write(w, f, pick(ds.Facts, idx)) },
			len(ds.Facts), func(i int, k string) string { return field(ds.Facts[i], k) }},
		{"tables", func(w *bytes.Buffer, f string, idx []int) error { return Write(w, f, pick(ds.Tables, idx)) },
			len(ds.Tables), func(i int, k string) string { return field(ds.Tables[i], k) }},
		{"forms", func(w *bytes.Buffer, f string, idx []int) error { return Write(w, f, pick(ds.Forms, idx)) },
			len(ds.Forms), func(i int, k string) string { return field(ds.Forms[i], k) }},
		{"indicators", func(w *bytes.Buffer, f string, idx []int) error { return Write(w, f, pick(ds.Indicators, idx)) },
			len(ds.Indicators), func(i int, k string) string { return field(ds.Indicators[i], k) }},
	}
}

func pick[T any](rows []T, idx []int) []T {
	if idx == nil {
		return rows
	}
	out := make([]T, len(idx))
	for j, i := range idx {
		out[j] = rows[i]
	}
	return out
}

// WriteFiles writes the amounts to path and the other tables beside it
// (budget.parquet: budget_tables.parquet, budget_forms.parquet,
// budget_indicators.parquet), each file replaced whole. It returns the
// paths written.
func (ds *Dataset) WriteFiles(path, format string) ([]string, error) {
	ext := filepath.Ext(path)
	stem := strings.TrimSuffix(path, ext)
	var written []string
	for _, p := range ds.parts() {
		out := path
		if p.name != "amounts" {
			out = stem + "_" + p.name + ext
		}
		var buf bytes.Buffer
		if err := p.write(&buf, format, nil); err != nil {
			return written, err
		}
		if err := writeFile(out, buf.Bytes()); err != nil {
			return written, err
		}
		written = append(written, out)
	}
	return written, nil
}

// PartitionKeys are the columns a dataset may be partitioned by: those
// every one of its tables has.
var PartitionKeys = []string{"year", "province", "stage", "region_code"}

// WritePartitioned writes the dataset as hive-partitioned Parquet under
// dir: dir/amounts/year=2026/province=上海市/part-0.parquet, and tables,
// forms and indicators alike. The key columns stay in the files too. An
// empty value is written as __HIVE_DEFAULT_PARTITION__, which readers take
// for NULL. It returns the files written.
func (ds *Dataset) WritePartitioned(dir string, keys []string) ([]string, error) {
	for _, k := range keys {
		if !contains(PartitionKeys, k) {
			return nil, fmt.Errorf("cannot partition by %q: want some of %s", k, strings.Join(PartitionKeys, ", "))
		}
	}
	var written []string
	for _, p := range ds.parts() {
		groups := map[string][]int{}
		for i := range p.n {
			var segs []string
			for _, k := range keys {
				segs = append(segs, k+"="+hiveValue(p.value(i, k)))
			}
			path := filepath.Join(segs...)
			groups[path] = append(groups[path], i)
		}
		paths := make([]string, 0, len(groups))
		for path := range groups {
			paths = append(paths, path)
		}
		sort.Strings(paths)
		for _, path := range paths {
			var buf bytes.Buffer
			if err := p.write(&buf, "parquet", groups[path]); err != nil {
				return written, err
			}
			out := filepath.Join(dir, p.name, path, "part-0.parquet")
			if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
				return written, err
			}
			if err := writeFile(out, buf.Bytes()); err != nil {
				return written, err
			}
			written = append(written, out)
		}
	}
	return written, nil
}

// hiveValue writes a partition value into a path segment: the characters
// that would break the path escaped as %XX, an empty value as Hive's
// default partition.
func hiveValue(v string) string {
	if v == "" {
		return "__HIVE_DEFAULT_PARTITION__"
	}
	var b strings.Builder
	for _, r := range v {
		switch r {
		case '/', '\\', '=', '%', ':', '*', '?', '"', '<', '>', '|', '\n', '\r', '\t':
			fmt.Fprintf(&b, "%%%02X", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// field returns a row's value of a column (by its JSON name) as text.
func field(row any, key string) string {
	rv := reflect.ValueOf(row)
	rt := rv.Type()
	for i := range rt.NumField() {
		if name, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ","); name == key {
			switch f := rv.Field(i); f.Kind() {
			case reflect.String:
				return f.String()
			case reflect.Int:
				return strconv.FormatInt(f.Int(), 10)
			}
		}
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// writeFile writes data beside path and renames it into place.
func writeFile(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}
