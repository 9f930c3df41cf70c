// Package score measures how faithfully a cnbudget document reproduces the
// ground truth of the same disclosure, as ../shared/specs/EVALUATION.md
// defines it.
//
// In: a truth file (schema budget-disclosure-truth/1, synthetic or
// hand-verified) and a schema.Document. Out: a Report with, per table kind
// and for the project tables, row recall (truth rows reproduced exactly /
// truth rows), row precision (rows reproduced exactly / output rows) and
// cell accuracy (cells equal in aligned rows / truth cells).
//
// Cells are compared after Unicode NFKC and removal of all white space.
// Numeric cells (amounts, codes) must sit in their own column; the text
// cells of a row are compared as one concatenation in column order, so a
// label merged across columns may sit in any column of its span. Output
// tables of one kind are concatenated in order and aligned with the truth
// rows of that kind by the alignment that maximizes equal cells.
package score

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/cnbudget/cnbudget/schema"
)

// Truth is a ground-truth file.
type Truth struct {
	Schema string       `json:"schema"`
	Tables []TruthTable `json:"tables"`
}

// TruthTable is one table of a truth file.
type TruthTable struct {
	ID          string            `json:"id"`
	Kind        string            `json:"kind"`
	Title       string            `json:"title"`
	Rows        [][]string        `json:"rows"`
	ProjectCode string            `json:"project_code"`
	ProjectName string            `json:"project_name"`
	Budget      map[string]string `json:"budget"`
	Indicators  [][]string        `json:"indicators"`
}

// standardKinds maps the synthetic truth's T01…T09 to table kinds, in the
// order of TABLES.md.
var standardKinds = []string{"budget_summary", "revenue", "expenditure", "appropriation_summary",
	"general_budget_expenditure", "basic_expenditure", "gov_fund_expenditure",
	"state_capital_expenditure", "three_public"}

var truthKinds = map[string]string{"institution": "institutions"}

// ParseTruth reads a truth file.
func ParseTruth(r io.Reader) (*Truth, error) {
	var t Truth
	if err := json.NewDecoder(r).Decode(&t); err != nil {
		return nil, fmt.Errorf("truth: %w", err)
	}
	for i := range t.Tables {
		tt := &t.Tables[i]
		if tt.Kind == "standard" {
			var n int
			if _, err := fmt.Sscanf(tt.ID, "T%02d", &n); err == nil && n >= 1 && n <= len(standardKinds) {
				tt.Kind = standardKinds[n-1]
			}
		}
		if k, ok := truthKinds[tt.Kind]; ok {
			tt.Kind = k
		}
	}
	return &t, nil
}

// Keep restricts the truth to the tables with the given ids (for a PDF
// that holds only some of a disclosure's tables). Unknown ids are ignored.
func (t *Truth) Keep(ids []string) {
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	kept := t.Tables[:0]
	for _, tt := range t.Tables {
		if want[tt.ID] {
			kept = append(kept, tt)
		}
	}
	t.Tables = kept
}

// Counts are the raw counts behind the scores.
type Counts struct {
	TruthRows  int `json:"truth_rows"`
	OutRows    int `json:"out_rows"`
	ExactRows  int `json:"exact_rows"`
	TruthCells int `json:"truth_cells"`
	EqualCells int `json:"equal_cells"`
}

func (c *Counts) add(d Counts) {
	c.TruthRows += d.TruthRows
	c.OutRows += d.OutRows
	c.ExactRows += d.ExactRows
	c.TruthCells += d.TruthCells
	c.EqualCells += d.EqualCells
}

// Recall is truth rows reproduced exactly / truth rows (1 when there are
// none).
func (c Counts) Recall() float64 { return ratio(c.ExactRows, c.TruthRows) }

// Precision is rows reproduced exactly / output rows (1 when there are
// none).
func (c Counts) Precision() float64 { return ratio(c.ExactRows, c.OutRows) }

// CellAccuracy is equal cells in aligned rows / truth cells.
func (c Counts) CellAccuracy() float64 { return ratio(c.EqualCells, c.TruthCells) }

func ratio(a, b int) float64 {
	if b == 0 {
		if a == 0 {
			return 1
		}
		return 0
	}
	return float64(a) / float64(b)
}

// KindScore is the score of one table kind.
type KindScore struct {
	Kind string `json:"kind"`
	// TruthTables and OutTables count the tables of the kind on each side.
	TruthTables int `json:"truth_tables"`
	OutTables   int `json:"out_tables"`
	Counts
	// Misses are the truth rows not reproduced, with the output row they
	// were aligned with (empty when none), for diagnosis.
	Misses []Miss `json:"misses,omitempty"`
}

// Miss is a truth row that was not reproduced exactly.
type Miss struct {
	Truth []string `json:"truth"`
	Out   []string `json:"out"`
}

// ProjectScore scores the project performance tables.
type ProjectScore struct {
	TruthProjects int      `json:"truth_projects"`
	OutProjects   int      `json:"out_projects"`
	Matched       int      `json:"matched"`
	NamesEqual    int      `json:"names_equal"`
	AmountsEqual  int      `json:"amounts_equal"`
	Missing       []string `json:"missing,omitempty"`
	Indicators    Counts   `json:"indicators"`
	Misses        []Miss   `json:"misses,omitempty"`
}

// Report is the score of one document.
type Report struct {
	Kinds    []KindScore  `json:"kinds"`
	Tables   Counts       `json:"tables"`
	Projects ProjectScore `json:"projects"`
}

// Compare scores out against truth. Kinds the truth does not contain are
// not scored.
func Compare(truth *Truth, out *schema.Document) *Report {
	rep := &Report{}
	byKind := map[string][]TruthTable{}
	var kinds []string
	var projects []TruthTable
	for _, t := range truth.Tables {
		if t.Kind == "project_performance" {
			projects = append(projects, t)
			continue
		}
		if _, ok := byKind[t.Kind]; !ok {
			kinds = append(kinds, t.Kind)
		}
		byKind[t.Kind] = append(byKind[t.Kind], t)
	}
	for _, k := range kinds {
		var want, got [][]string
		ks := KindScore{Kind: k, TruthTables: len(byKind[k])}
		for _, t := range byKind[k] {
			want = append(want, t.Rows...)
		}
		for _, t := range out.Tables {
			if t.Kind == k {
				ks.OutTables++
				got = append(got, t.Rows...)
			}
		}
		ks.Counts, ks.Misses = compareRows(want, got)
		rep.Tables.add(ks.Counts)
		rep.Kinds = append(rep.Kinds, ks)
	}
	rep.Projects = compareProjects(projects, out.Projects)
	return rep
}

// Norm applies the comparison normalisation: NFKC, no white space.
func Norm(s string) string {
	s = norm.NFKC.String(s)
	if strings.IndexFunc(s, unicode.IsSpace) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if !unicode.IsSpace(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// numeric reports whether a truth cell is an amount or a code: it must then
// sit in its own column.
func numeric(s string) bool {
	if s == "" {
		return false
	}
	s = strings.TrimSuffix(s, "%")
	s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	if s == "" {
		return false
	}
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == ',' || r == '.':
		default:
			return false
		}
	}
	return digits > 0
}

// pair compares one output row with one truth row: the number of truth
// cells matched and whether the row is reproduced exactly.
func pair(truth, out []string) (equal int, exact bool) {
	n := len(truth)
	get := func(row []string, i int) string {
		if i < len(row) {
			return Norm(row[i])
		}
		return ""
	}
	var tText, oText strings.Builder
	textCells := 0
	textEqual := 0
	exact = true
	for i := 0; i < n; i++ {
		t, o := get(truth, i), get(out, i)
		if numeric(t) {
			if t == o {
				equal++
			} else {
				exact = false
			}
			continue
		}
		textCells++
		if t == o {
			textEqual++
		}
		tText.WriteString(t)
		oText.WriteString(o)
	}
	for i := n; i < len(out); i++ {
		if Norm(out[i]) != "" {
			exact = false
		}
	}
	if tText.String() == oText.String() {
		equal += textCells
	} else {
		equal += textEqual
		exact = false
	}
	return equal, exact
}

// compareRows aligns output rows with truth rows and counts.
func compareRows(want, got [][]string) (Counts, []Miss) {
	c := Counts{TruthRows: len(want), OutRows: len(got)}
	for _, w := range want {
		c.TruthCells += len(w)
	}
	n, m := len(want), len(got)
	if n == 0 || m == 0 {
		var misses []Miss
		for _, w := range want {
			misses = append(misses, Miss{Truth: w})
		}
		return c, misses
	}
	type cellScore struct {
		eq    int
		exact bool
	}
	sc := make([][]cellScore, n)
	for i := range sc {
		sc[i] = make([]cellScore, m)
		for j := range sc[i] {
			eq, ex := pair(want[i], got[j])
			sc[i][j] = cellScore{eq, ex}
		}
	}
	// dp[i][j]: best score aligning want[i:] with got[j:]. An exact match
	// weighs more than any number of partial cells, so exact rows are
	// aligned first.
	value := func(s cellScore) int {
		v := s.eq
		if s.exact {
			v += 10000
		}
		return v
	}
	dp := make([][]int, n+1)
	for i := range dp {
		dp[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			best := max(dp[i+1][j], dp[i][j+1])
			if s := sc[i][j]; s.eq > 0 || s.exact {
				best = max(best, dp[i+1][j+1]+value(s))
			}
			dp[i][j] = best
		}
	}
	var misses []Miss
	i, j := 0, 0
	for i < n && j < m {
		s := sc[i][j]
		if (s.eq > 0 || s.exact) && dp[i][j] == dp[i+1][j+1]+value(s) {
			c.EqualCells += s.eq
			if s.exact {
				c.ExactRows++
			} else {
				misses = append(misses, Miss{Truth: want[i], Out: got[j]})
			}
			i++
			j++
			continue
		}
		if dp[i][j] == dp[i+1][j] {
			misses = append(misses, Miss{Truth: want[i]})
			i++
		} else {
			j++
		}
	}
	for ; i < n; i++ {
		misses = append(misses, Miss{Truth: want[i]})
	}
	return c, misses
}

func fillDown(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	var l1, l2 string
	for i, r := range rows {
		row := append([]string(nil), r...)
		for len(row) < 6 {
			row = append(row, "")
		}
		if row[0] == "" {
			row[0] = l1
			if row[1] == "" {
				row[1] = l2
			}
		}
		l1, l2 = row[0], row[1]
		out[i] = row
	}
	return out
}

func compareProjects(truth []TruthTable, out []schema.Project) ProjectScore {
	ps := ProjectScore{TruthProjects: len(truth), OutProjects: len(out)}
	byCode := map[string][]schema.Project{}
	for _, p := range out {
		k := Norm(p.Code)
		byCode[k] = append(byCode[k], p)
	}
	// Output projects that no truth project matches still count as output
	// indicator rows.
	matchedCodes := map[string]int{}
	for _, t := range truth {
		want := fillDown(t.Indicators)
		k := Norm(t.ProjectCode)
		cands := byCode[k]
		idx := matchedCodes[k]
		if idx >= len(cands) {
			ps.Missing = append(ps.Missing, t.ProjectCode+" "+t.ProjectName)
			c, _ := compareRows(want, nil)
			ps.Indicators.add(c)
			ps.Misses = append(ps.Misses, Miss{Truth: []string{"project " + t.ProjectCode}})
			continue
		}
		matchedCodes[k]++
		p := cands[idx]
		ps.Matched++
		if Norm(p.Name) == Norm(t.ProjectName) {
			ps.NamesEqual++
		}
		if Norm(p.Amount) == Norm(t.Budget["预算数"]) {
			ps.AmountsEqual++
		}
		var got [][]string
		for _, ind := range p.Indicators {
			got = append(got, []string{ind.Level1, ind.Level2, ind.Level3, ind.Description, ind.Value, ind.Basis})
		}
		c, misses := compareRows(want, fillDown(got))
		ps.Indicators.add(c)
		ps.Misses = append(ps.Misses, misses...)
	}
	for k, cands := range byCode {
		for _, p := range cands[min(matchedCodes[k], len(cands)):] {
			ps.Indicators.OutRows += len(p.Indicators)
		}
	}
	return ps
}

// Write prints a report as a table, one line per kind.
func (r *Report) Write(w io.Writer) {
	fmt.Fprintf(w, "%-34s %6s %6s %6s %8s %9s %8s\n", "kind", "truth", "out", "exact", "recall", "precision", "cells")
	kinds := append([]KindScore(nil), r.Kinds...)
	sort.SliceStable(kinds, func(i, j int) bool { return kinds[i].Kind < kinds[j].Kind })
	line := func(name string, c Counts) {
		fmt.Fprintf(w, "%-34s %6d %6d %6d %8.4f %9.4f %8.4f\n", name, c.TruthRows, c.OutRows, c.ExactRows,
			c.Recall(), c.Precision(), c.CellAccuracy())
	}
	for _, k := range kinds {
		line(k.Kind, k.Counts)
	}
	line("ALL TABLES", r.Tables)
	p := r.Projects
	if p.TruthProjects > 0 || p.OutProjects > 0 {
		line("project indicators", p.Indicators)
		fmt.Fprintf(w, "projects: truth %d, output %d, matched by code %d, names equal %d, amounts equal %d\n",
			p.TruthProjects, p.OutProjects, p.Matched, p.NamesEqual, p.AmountsEqual)
		for _, m := range p.Missing {
			fmt.Fprintf(w, "  missing project: %s\n", m)
		}
	}
}
