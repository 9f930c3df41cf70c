// Package codes is the reference list of budget classification codes
// (功能分类 类/款/项, 部门预算经济分类 and 政府预算经济分类 类/款) that stage
// three compares printed names with.
//
// In: the embedded classification_codes.csv (the team's partial list, with
// where each entry comes from and how sure it is). Out: a List that looks a
// printed code up. Names change between years and regions: a difference
// is a warning for the reader, never a reason to change or drop a row.
package codes

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"io"
)

//go:embed classification_codes.csv
var file []byte

// Entry is one code of the list.
type Entry struct {
	Scheme     string // gov_func_exp, dept_econ_exp, gov_econ_exp
	Code       string
	Name       string
	Level      string // 类, 款, 项
	Year       string
	Confidence string // verified_template, verified_disclosure, …
}

// List maps scheme and code to the entries of the list.
type List struct {
	entries map[string][]Entry
}

// Default returns the embedded list.
func Default() (*List, error) { return Parse(bytes.NewReader(file)) }

// Parse reads a list in the CSV layout of classification_codes.csv
// (header: scheme,code,name,level,…,year,confidence,…).
func Parse(r io.Reader) (*List, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("codes: %w", err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("codes: empty list")
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, h := range []string{"scheme", "code", "name"} {
		if _, ok := col[h]; !ok {
			return nil, fmt.Errorf("codes: no %q column", h)
		}
	}
	get := func(row []string, h string) string {
		if i, ok := col[h]; ok && i < len(row) {
			return row[i]
		}
		return ""
	}
	l := &List{entries: map[string][]Entry{}}
	for _, row := range rows[1:] {
		e := Entry{
			Scheme: get(row, "scheme"), Code: get(row, "code"), Name: get(row, "name"),
			Level: get(row, "level"), Year: get(row, "year"), Confidence: get(row, "confidence"),
		}
		if e.Code == "" || e.Name == "" {
			continue
		}
		k := e.Scheme + ":" + e.Code
		l.entries[k] = append(l.entries[k], e)
	}
	return l, nil
}

// Scheme returns the classification a printed code belongs to, by its
// first digit: 2 function (功能分类), 3 the departments' economic
// classification, 5 the government's economic classification.
func Scheme(code string) string {
	if code == "" {
		return ""
	}
	switch code[0] {
	case '2':
		return "gov_func_exp"
	case '3':
		return "dept_econ_exp"
	case '5':
		return "gov_econ_exp"
	}
	return ""
}

// Lookup returns the entries of a code (names of several years or
// sources), or nil.
func (l *List) Lookup(code string) []Entry {
	return l.entries[Scheme(code)+":"+code]
}
