// Package export flattens department documents into tables for datasets:
// one long table of facts, one row per amount (region and its code,
// department and its id, year, stage, table kind, code, level, name,
// column key and measure, amount in 元, printed value and unit, page,
// source file and its SHA-256); an index of the tables with their checks;
// the self-evaluation forms of final accounts, a row per form; and their
// indicators, a row per indicator.
//
// In: schema.Documents (the department-year files of `cnbudget convert`),
// or a converted folder (Folder). Out: rows, written as CSV, JSON lines or
// Parquet — as files, or as a hive-partitioned Parquet dataset
// (year=2026/province=上海市/part-0.parquet); DuckDB, pandas and R read
// each without extra steps.
package export

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"github.com/parquet-go/parquet-go"

	"github.com/cnbudget/cnbudget/schema"
)

// Fact is one amount of one table row.
type Fact struct {
	Province       string  `json:"province" parquet:"province"`
	City           string  `json:"city" parquet:"city"`
	County         string  `json:"county" parquet:"county"`
	RegionCode     string  `json:"region_code" parquet:"region_code"`
	Department     string  `json:"department" parquet:"department"`
	DepartmentID   string  `json:"department_id" parquet:"department_id"`
	DepartmentCode string  `json:"department_code" parquet:"department_code"`
	Year           int     `json:"year" parquet:"year"`
	Stage          string  `json:"stage" parquet:"stage"`
	Scope          string  `json:"scope" parquet:"scope"`
	Document       string  `json:"document" parquet:"document"`
	TableID        string  `json:"table_id" parquet:"table_id"`
	TableKind      string  `json:"table_kind" parquet:"table_kind"`
	TableTitle     string  `json:"table_title" parquet:"table_title"`
	Row            int     `json:"row" parquet:"row"`
	Side           string  `json:"side" parquet:"side"`
	Code           string  `json:"code" parquet:"code"`
	Level          int     `json:"level" parquet:"level"`
	ParentCode     string  `json:"parent_code" parquet:"parent_code"`
	Name           string  `json:"name" parquet:"name"`
	Total          bool    `json:"total" parquet:"total"`
	Column         int     `json:"column" parquet:"column"`
	ColumnKey      string  `json:"column_key" parquet:"column_key"`
	ColumnHeader   string  `json:"column_header" parquet:"column_header"`
	Measure        string  `json:"measure" parquet:"measure"`
	Printed        string  `json:"printed" parquet:"printed"`
	Value          string  `json:"value" parquet:"value"`
	Unit           string  `json:"unit" parquet:"unit"`
	Yuan           string  `json:"yuan" parquet:"yuan"`
	YuanNum        float64 `json:"yuan_num" parquet:"yuan_num"`
	Page           int     `json:"page" parquet:"page"`
	SourceFile     string  `json:"source_file" parquet:"source_file"`
	SourceSHA256   string  `json:"source_sha256" parquet:"source_sha256"`
}

// Table is one row of the table index.
type Table struct {
	Document     string `json:"document" parquet:"document"`
	Province     string `json:"province" parquet:"province"`
	RegionCode   string `json:"region_code" parquet:"region_code"`
	Department   string `json:"department" parquet:"department"`
	DepartmentID string `json:"department_id" parquet:"department_id"`
	Year         int    `json:"year" parquet:"year"`
	Stage        string `json:"stage" parquet:"stage"`
	TableID      string `json:"table_id" parquet:"table_id"`
	Kind         string `json:"kind" parquet:"kind"`
	Title        string `json:"title" parquet:"title"`
	Unit         string `json:"unit" parquet:"unit"`
	Pages        string `json:"pages" parquet:"pages"`
	Rows         int    `json:"rows" parquet:"rows"`
	Columns      int    `json:"columns" parquet:"columns"`
	Amounts      int    `json:"amounts" parquet:"amounts"`
	ChecksPassed int    `json:"checks_passed" parquet:"checks_passed"`
	ChecksFailed int    `json:"checks_failed" parquet:"checks_failed"`
	SourceFile   string `json:"source_file" parquet:"source_file"`
	SourceSHA256 string `json:"source_sha256" parquet:"source_sha256"`
}

// Rows flattens one document, written as file name, into facts and table
// index rows.
func Rows(name string, d *schema.Document) ([]Fact, []Table) {
	var facts []Fact
	var tables []Table
	m := d.Document
	for _, t := range d.Tables {
		src := schema.Source{}
		if t.Source >= 0 && t.Source < len(d.Sources) {
			src = d.Sources[t.Source]
		}
		tr := Table{
			Document: name, Province: m.Region.Province, RegionCode: m.Region.Code,
			Department: m.Department, DepartmentID: m.DepartmentID, Year: m.Year, Stage: m.Stage,
			TableID: t.ID, Kind: t.Kind, Title: t.Title, Unit: t.Unit, Pages: pages(t.Pages),
			Rows: len(t.Rows), Columns: len(t.Columns), SourceFile: src.File, SourceSHA256: src.SHA256,
		}
		for _, c := range d.Checks {
			for _, id := range c.Tables {
				if id != t.ID {
					continue
				}
				switch c.Status {
				case "pass":
					tr.ChecksPassed++
				case "fail":
					tr.ChecksFailed++
				}
			}
		}
		for _, rec := range t.Records {
			for _, a := range rec.Amounts {
				col := schema.Column{}
				if a.Column >= 0 && a.Column < len(t.Columns) {
					col = t.Columns[a.Column]
				}
				if col.Role != "amount" {
					continue
				}
				f := Fact{
					Province: m.Region.Province, City: m.Region.City, County: m.Region.County, RegionCode: m.Region.Code,
					Department: m.Department, DepartmentID: m.DepartmentID, DepartmentCode: m.DepartmentCode,
					Year: m.Year, Stage: m.Stage, Scope: m.Scope,
					Document: name, TableID: t.ID, TableKind: t.Kind, TableTitle: t.Title,
					Row: rec.Row, Side: rec.Side, Code: rec.Code, Level: rec.Level, ParentCode: rec.ParentCode,
					Name: rec.Name, Total: rec.Total,
					Column: a.Column, ColumnKey: a.Key, ColumnHeader: col.Header, Measure: a.Measure,
					Printed: a.Printed, Value: a.Value, Unit: a.Unit, Yuan: a.Yuan,
					Page: rec.Page, SourceFile: src.File, SourceSHA256: src.SHA256,
				}
				if a.Yuan != "" {
					f.YuanNum, _ = strconv.ParseFloat(a.Yuan, 64)
				}
				facts = append(facts, f)
				tr.Amounts++
			}
		}
		tables = append(tables, tr)
	}
	return facts, tables
}

func pages(ps []int) string {
	var s []string
	for _, p := range ps {
		s = append(s, strconv.Itoa(p))
	}
	return strings.Join(s, ",")
}

// Formats are the output formats.
var Formats = []string{"csv", "jsonl", "parquet"}

// Write writes rows in a format.
func Write[T Fact | Table | Form | Indicator](w io.Writer, format string, rows []T) error {
	switch format {
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, r := range rows {
			if err := enc.Encode(r); err != nil {
				return err
			}
		}
		return nil
	case "csv":
		cw := csv.NewWriter(w)
		var zero T
		if err := cw.Write(header(any(zero))); err != nil {
			return err
		}
		for _, r := range rows {
			if err := cw.Write(record(any(r))); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	case "parquet":
		return parquet.Write(w, rows, parquet.Compression(&parquet.Zstd))
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// header returns the column names of a row type: its JSON keys.
func header(v any) []string {
	t := reflect.TypeOf(v)
	out := make([]string, t.NumField())
	for i := range out {
		out[i], _, _ = strings.Cut(t.Field(i).Tag.Get("json"), ",")
	}
	return out
}

// record returns a row's values as text, in field order.
func record(v any) []string {
	rv := reflect.ValueOf(v)
	out := make([]string, rv.NumField())
	for i := range out {
		switch f := rv.Field(i); f.Kind() {
		case reflect.String:
			out[i] = f.String()
		case reflect.Int:
			out[i] = strconv.FormatInt(f.Int(), 10)
		case reflect.Bool:
			out[i] = strconv.FormatBool(f.Bool())
		case reflect.Float64:
			out[i] = strconv.FormatFloat(f.Float(), 'f', -1, 64)
		}
	}
	return out
}
