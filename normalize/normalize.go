// Package normalize runs stages two and three of cnbudget on one document.
//
// In: an extract.Document (stage one's pages of positioned text) and the
// recognition rules. Stage two (packages layout and tables) rebuilds the
// tables across pages; stage three (this package, with decimal) names the
// columns, splits and joins classification codes, parses every amount into
// an exact decimal in its printed unit and in 元, reads the project tables
// and the narrative, and checks the arithmetic identities. Out: a
// schema.Document, ready to be written as JSON.
package normalize

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/normalize/checks"
	"github.com/cnbudget/cnbudget/normalize/codes"
	"github.com/cnbudget/cnbudget/normalize/internal/space"
	"github.com/cnbudget/cnbudget/normalize/regions"
	"github.com/cnbudget/cnbudget/normalize/rules"
	"github.com/cnbudget/cnbudget/normalize/tables"
	"github.com/cnbudget/cnbudget/schema"
)

// Options tune stage three.
type Options struct {
	// ToolVersion is written into every document.
	ToolVersion string
	// Codes, when set, is the reference list printed code names are
	// compared with; a difference is a warning.
	Codes *codes.List
	// Regions, when set, resolves the region a document names to its
	// division code.
	Regions *regions.Table
}

// Document runs stages two and three on doc. A failure inside them (a bug
// meeting an unusual document) is returned as an error naming the file; it
// never crashes the caller.
func Document(doc *extract.Document, r *rules.Rules, opt Options) (out *schema.Document, err error) {
	defer func() {
		if x := recover(); x != nil {
			out, err = nil, fmt.Errorf("%s: internal error while rebuilding the tables: %v\n%s", doc.Path, x, firstFrames(debug.Stack()))
		}
	}()
	res := tables.Assemble(doc, r)
	return FromTables(doc, res, r, opt), nil
}

// firstFrames keeps the start of a stack trace for an error message.
func firstFrames(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	if len(lines) > 16 {
		lines = lines[:16]
	}
	return strings.Join(lines, "\n")
}

// FromTables runs stage three on the result of stage two.
func FromTables(doc *extract.Document, res *tables.Result, r *rules.Rules, opt Options) *schema.Document {
	out := &schema.Document{
		Schema:      schema.ID,
		Tool:        schema.Tool{Name: "cnbudget", Version: opt.ToolVersion},
		Sources:     []schema.Source{source(doc)},
		Tables:      []schema.Table{},
		Projects:    []schema.Project{},
		Evaluations: []schema.Evaluation{},
		Narrative:   []schema.Section{},
		Statements:  []schema.Statement{},
		Checks:      []schema.Check{},
		Warnings:    []string{},
	}
	out.Document = meta(doc, res, r)
	if out.Document.Year == 0 {
		// Tables-only files often print no year; their file names do.
		if y, name := fileYear(doc.Path); y > 0 {
			out.Document.Year = y
			out.Warnings = append(out.Warnings, fmt.Sprintf("year %d read from the file name %q: the document does not print it", y, name))
		}
	}
	// The region by the names valid in the document's year.
	if w := resolveRegion(&out.Document.Region, out.Document.Year, opt.Regions); w != "" {
		out.Warnings = append(out.Warnings, w)
	}
	out.Document.DepartmentID = DepartmentID(out.Document)
	for i, t := range res.Tables {
		unit := t.Unit
		if unit == "" {
			unit = out.Document.Unit
		}
		cols := columns(t, r, out.Document.Stage, out.Document.Year)
		assignSides(t, cols)
		st := schema.Table{
			ID:       fmt.Sprintf("t%02d", i+1),
			Kind:     t.Kind,
			Title:    t.Title,
			Unit:     t.Unit,
			Pages:    t.Pages,
			Header:   nonNil2(t.Header),
			IndexRow: t.IndexRow,
			Rows:     nonNil2(t.Rows),
			RowPages: nonNilInts(t.RowPages),
			Notes:    nonNilStrings(t.Notes),
			Columns:  cols,
			Records:  records(t, cols, unit),
		}
		out.Tables = append(out.Tables, st)
		if t.Kind == "project_performance_list" {
			for _, p := range listProjects(t, cols, out.Document.Unit, r) {
				out.Projects = append(out.Projects, p)
			}
		}
	}
	for _, p := range res.Projects {
		out.Projects = append(out.Projects, project(p, out.Document.Unit, r))
	}
	for i, e := range res.Evaluations {
		se := evaluation(e, out.Document.Unit, r)
		se.ID = fmt.Sprintf("e%02d", i+1)
		out.Evaluations = append(out.Evaluations, se)
	}
	out.Narrative, out.Statements = narrative(res.Sections, r)
	out.Checks = checks.Run(out, r)
	if opt.Codes != nil {
		out.Warnings = append(out.Warnings, codeWarnings(out.Tables, opt.Codes, r)...)
	}
	if doc.Verdict == extract.VerdictNoTextLayer {
		out.Warnings = append(out.Warnings, fmt.Sprintf("no text layer: pages %s are images only and need OCR",
			intList(doc.PagesWithVerdict(extract.VerdictNoTextLayer))))
	}
	return out
}

func source(doc *extract.Document) schema.Source {
	s := schema.Source{
		File:            doc.Path,
		SHA256:          doc.SHA256,
		Size:            doc.Size,
		Format:          string(doc.Format),
		Pages:           len(doc.Pages),
		Producer:        doc.Producer,
		Creator:         doc.Creator,
		Verdict:         string(doc.Verdict),
		PagesNoText:     doc.PagesWithVerdict(extract.VerdictNoTextLayer),
		PagesUnreliable: doc.PagesWithVerdict(extract.VerdictTextUnreliable),
		Notes:           doc.Notes,
		Salvaged:        doc.Salvaged,
		Fingerprint:     fingerprint(doc),
	}
	for _, p := range doc.Pages {
		if p.Err != "" {
			s.PageErrors = append(s.PageErrors, schema.PageError{Page: p.Number, Error: p.Err})
		}
	}
	return s
}

// fingerprint hashes the text of a document, white space removed: two
// copies saved by different programs have the same.
func fingerprint(doc *extract.Document) string {
	h := sha256.New()
	var buf []byte
	for i := range doc.Pages {
		buf = buf[:0]
		for _, l := range doc.Pages[i].Lines {
			for _, r := range l.Runs {
				buf = space.AppendDropped(buf, r.Text)
			}
		}
		h.Write(append(buf, '\f'))
	}
	return hex.EncodeToString(h.Sum(nil))
}

var (
	yearInTitle = regexp.MustCompile(`((?:19|20)\d{2})\s*年`)
	digitRun    = regexp.MustCompile(`[0-9]+`)
	cityCounty  = regexp.MustCompile(`^(?:([\p{Han}]{2,6}?(?:市|自治州|地区|盟)))?(?:([\p{Han}]{1,6}?(?:县|区|旗|市)))?`)
)

// fileYear returns the year a file name gives, when it gives exactly one
// (2026年北京市气象局部门预算.pdf, r030_beijing_meteorology_2026_….pdf),
// and the name. A year stands apart from letters and digits (not inside a
// hash such as a2019f).
func fileYear(path string) (int, string) {
	name := path
	if i := strings.LastIndexAny(name, `/\!`); i >= 0 {
		name = name[i+1:]
	}
	asciiAlnum := func(c byte) bool { return c < 0x80 && (c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z') }
	year := ""
	for _, loc := range digitRun.FindAllStringIndex(name, -1) {
		run := name[loc[0]:loc[1]]
		if len(run) != 4 || !(strings.HasPrefix(run, "19") || strings.HasPrefix(run, "20")) ||
			loc[0] > 0 && asciiAlnum(name[loc[0]-1]) || loc[1] < len(name) && asciiAlnum(name[loc[1]]) {
			continue
		}
		if year != "" && run != year {
			return 0, name // two years: which one is meant is unclear
		}
		year = run
	}
	y, err := strconv.Atoi(year)
	if err != nil {
		return 0, name
	}
	return y, name
}

func meta(doc *extract.Document, res *tables.Result, r *rules.Rules) schema.Meta {
	m := schema.Meta{
		Title:          res.Title,
		Department:     res.Meta.Dept,
		DepartmentCode: res.Meta.DeptCode,
	}
	cover, hasCover := r.CoverTitle(strings.Join(res.Cover, ""))
	if hasCover && m.Title == "" {
		m.Title = strings.Join(res.Cover, " ")
	}
	// The cover names the department when the tables do not, or when
	// they print its name clipped (the cover's begins with theirs).
	if utf8.RuneCountInString(cover.Dept) >= 4 &&
		(m.Department == "" || len(cover.Dept) > len(m.Department) && strings.HasPrefix(cover.Dept, m.Department)) {
		m.Department = cover.Dept
	}
	// A department line on the cover (部门名称：…).
	for _, l := range res.Cover {
		if mt, ok := r.MetaText(l); ok && m.Department == "" && mt.Dept != "" {
			m.Department, m.DepartmentCode = mt.Dept, mt.DeptCode
		}
	}
	if m.Department == "" {
		m.Department = unlinedDepartment(res, r)
	}
	// The year: declared under a title, else on the cover, in the document
	// title or a table title.
	year := res.Meta.Year
	if year == "" {
		year = cover.Year
	}
	if year == "" {
		cands := []string{res.Title}
		for _, t := range res.Tables {
			cands = append(cands, t.Title)
		}
		for _, c := range cands {
			if mm := yearInTitle.FindStringSubmatch(c); mm != nil {
				year = mm[1]
				break
			}
		}
	}
	if y, err := strconv.Atoi(year); err == nil {
		m.Year = y
	}
	// The unit most tables declare.
	count := map[string]int{}
	for _, t := range res.Tables {
		if t.Unit != "" {
			count[t.Unit]++
		}
	}
	best := res.Meta.Unit
	for u, n := range count {
		if best == "" || n > count[best] || (n == count[best] && u < best) {
			best = u
		}
	}
	m.Unit = best
	// Stage and scope from the titles.
	all := res.Title
	for _, t := range res.Tables {
		all += " " + t.Title
	}
	switch {
	case cover.Stage == "决算":
		m.Stage = "final_account"
	case cover.Stage == "预算":
		m.Stage = "budget"
	case strings.Contains(all, "决算"):
		m.Stage = "final_account"
	case strings.Contains(all, "预算") || len(res.Tables) > 0:
		m.Stage = "budget"
	}
	switch {
	case cover.Scope == "单位":
		m.Scope = "unit"
	case cover.Scope == "部门":
		m.Scope = "department"
	case strings.Contains(res.Title, "单位预算") || strings.Contains(res.Title, "单位决算"):
		m.Scope = "unit"
	case strings.Contains(res.Title, "部门预算") || strings.Contains(res.Title, "部门决算"):
		m.Scope = "department"
	}
	m.Region = region(m.Department, r)
	return m
}

// unlinedDepartment finds the department of a document that prints no
// department line: a labelled field of a form (部门名称 | 广州市…局), else
// the name most narrative paragraphs open with ("江苏省政协办公厅2019年度
// 收入、支出预算…").
func unlinedDepartment(res *tables.Result, r *rules.Rules) string {
	for _, t := range res.Tables {
		for _, row := range append(append([][]string{}, t.Header...), t.Rows...) {
			for i := 0; i+1 < len(row); i++ {
				if r.DepartmentField(row[i], row[i+1]) {
					return rules.Squeeze(row[i+1])
				}
			}
		}
	}
	for _, e := range res.Evaluations {
		for _, f := range e.Fields {
			if f.Key == "department" && r.DepartmentField(f.Label, f.Value) {
				return rules.Squeeze(f.Value)
			}
		}
	}
	count := map[string]int{}
	best := ""
	for _, sec := range res.Sections {
		for _, p := range sec.Paragraphs {
			if d, ok := r.NarrativeDepartment(p); ok {
				count[d]++
				if best == "" || count[d] > count[best] {
					best = d
				}
			}
		}
	}
	return best
}

// region reads the region a department's name begins with: the province
// by the configured list (中共江苏省委办公厅 → 江苏省), then a city (市, 州,
// 地区, 盟) and a county or district (县, 区, 旗, 市).
func region(dept string, r *rules.Rules) schema.Region {
	name, province := r.RegionName(dept)
	rest := name
	if province != "" {
		if s, ok := strings.CutPrefix(rest, province); ok {
			rest = s
		} else {
			for _, suf := range []string{"壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "省", "市"} {
				if short, ok := strings.CutSuffix(province, suf); ok {
					rest = strings.TrimPrefix(rest, short)
					break
				}
			}
		}
	}
	reg := schema.Region{Province: province}
	if mm := cityCounty.FindStringSubmatch(rest); mm != nil {
		reg.City, reg.County = mm[1], mm[2]
		if reg.County != "" && strings.HasSuffix(reg.County, "市") && reg.City == "" {
			reg.City, reg.County = reg.County, ""
		}
	}
	return reg
}

func project(p *tables.Project, docUnit string, r *rules.Rules) schema.Project {
	unit := p.Unit
	if unit == "" {
		unit = docUnit
	}
	sp := schema.Project{
		Code:       p.Code,
		Name:       p.Name,
		No:         p.No,
		Title:      p.Title,
		Unit:       unit,
		Amount:     p.Amount,
		Fiscal:     p.Fiscal,
		Other:      p.Other,
		Pages:      p.Pages,
		Purpose:    p.Purpose,
		Goal:       p.Goal,
		Plan:       []schema.PlanStep{},
		Indicators: []schema.Indicator{},
	}
	if len(p.Fields) > 0 {
		sp.Fields = p.Fields
	}
	for _, e := range p.Plan {
		sp.Plan = append(sp.Plan, schema.PlanStep{Label: e.Label, Value: e.Value, Month: planMonth(e.Label)})
	}
	for _, ind := range p.Indicators {
		si := schema.Indicator{
			Level1: ind.Level1, Level2: ind.Level2, Level3: ind.Level3,
			Description: ind.Description, Value: ind.Value, Basis: ind.Basis, Weight: ind.Weight, Note: ind.Note, Page: ind.Page,
		}
		if t, ok := r.IndicatorTarget(ind.Value); ok {
			si.Target = &schema.Target{Comparator: t.Comparator, Number: t.Number, Unit: t.Unit, Deadline: t.Month}
		}
		sp.Indicators = append(sp.Indicators, si)
	}
	return sp
}

var monthLabel = regexp.MustCompile(`^(\d{1,2})月`)

func planMonth(label string) int {
	if m := monthLabel.FindStringSubmatch(label); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}

func intList(ns []int) string {
	sort.Ints(ns)
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ", ")
}

func nonNil2(v [][]string) [][]string {
	if v == nil {
		return [][]string{}
	}
	return v
}

func nonNilStrings(v []string) []string {
	if v == nil {
		return []string{}
	}
	return v
}

func nonNilInts(v []int) []int {
	if v == nil {
		return []int{}
	}
	return v
}

// codeWarnings compares the names printed beside classification codes with
// the reference list: one warning per code and printed name that the list
// names otherwise. The codes of a table's units (a code column under a
// unit code header, see Rules.IsUnitCodeHeader) are not classification
// codes.
func codeWarnings(tables []schema.Table, list *codes.List, r *rules.Rules) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range tables {
		if slices.ContainsFunc(t.Columns, func(c schema.Column) bool { return c.Role == "code" && r.IsUnitCodeHeader(c.Header) }) {
			continue
		}
		for _, rec := range t.Records {
			if rec.Code == "" || rec.Name == "" || rec.Total {
				continue
			}
			entries := list.Lookup(rec.Code)
			if len(entries) == 0 {
				continue
			}
			printed := codeName(rec.Name)
			same := false
			for _, e := range entries {
				if codeName(e.Name) == printed {
					same = true
				}
			}
			key := rec.Code + "\x00" + printed
			if same || seen[key] {
				continue
			}
			seen[key] = true
			e := entries[0]
			out = append(out, fmt.Sprintf("%s row %d: code %s is named %s here, %s in the reference list (%s, %s)",
				t.ID, rec.Row, rec.Code, rec.Name, e.Name, e.Year, e.Confidence))
		}
	}
	return out
}

// codeName evens out the printing of a classification name: NFKC, white
// space removed.
func codeName(s string) string { return rules.Squeeze(norm.NFKC.String(s)) }
