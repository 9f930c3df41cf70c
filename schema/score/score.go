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
	Schema string `json:"schema"`
	// DocKind is "final" for a final account.
	DocKind string       `json:"doc_kind"`
	Tables  []TruthTable `json:"tables"`
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
	// NCols is the table's number of columns.
	NCols int `json:"ncols"`
	// Indicators are rows of six cells in a project table, objects in a
	// self-evaluation form (see EvalIndicators).
	Indicators [][]string `json:"-"`
	// Measures gives, by column index, the measure of each amount column
	// in EVALUATION.md's vocabulary (from layout.measures).
	Measures map[int]string `json:"-"`
	// A self-evaluation form's parts.
	HeaderFields   map[string]string `json:"header_fields"`
	Funds          *TruthFunds       `json:"funds"`
	Goals          map[string]string `json:"goals"`
	TotalScore     map[string]string `json:"total_score"`
	EvalIndicators []TruthIndicator  `json:"-"`
}

// TruthFunds is the funds grid of a self-evaluation form.
type TruthFunds struct {
	Label   string   `json:"label"`
	Columns []string `json:"columns"`
	Rows    []struct {
		Label string   `json:"label"`
		Cells []string `json:"cells"`
	} `json:"rows"`
}

// TruthIndicator is one indicator row of a self-evaluation form.
type TruthIndicator struct {
	Level1    string `json:"level1"`
	Level2    string `json:"level2"`
	Level3    string `json:"level3"`
	Target    string `json:"target"`
	Actual    string `json:"actual"`
	Weight    string `json:"weight"`
	Score     string `json:"score"`
	Deviation string `json:"deviation"`
}

// evaluationKinds are the kinds of the self-evaluation forms, scored
// against a document's evaluations.
var evaluationKinds = map[string]bool{"project_self_evaluation": true, "dept_self_evaluation": true}

// truthMeasures maps the measure names of the synthetic truth's
// layout.measures to EVALUATION.md's vocabulary; "" is not scored (the
// funds grid of the forms).
var truthMeasures = map[string]string{
	"budget": "budget", "budget_full_year": "adjusted_budget", "adjusted_budget": "adjusted_budget",
	"actual": "actual", "balance_begin": "actual", "balance_end": "actual",
	"prior_budget": "prior_budget", "prior_actual": "prior_actual", "change": "change", "rate": "rate",
	"weight": "", "score": "",
}

// rawTable is the part of a truth table decoded apart.
type rawTable struct {
	Indicators json.RawMessage `json:"indicators"`
	Layout     struct {
		AmountCols map[string]int    `json:"amount_cols"`
		Measures   map[string]string `json:"measures"`
		Income     *struct {
			AmountCol int `json:"amount_col"`
		} `json:"income"`
		Expense *struct {
			AmountCols map[string]int `json:"amount_cols"`
		} `json:"expense"`
		Groups []struct {
			AmountCol int    `json:"amount_col"`
			Measure   string `json:"measure"`
		} `json:"groups"`
	} `json:"layout"`
}

// decodeRaw fills the fields of tt that need a look at their shape.
func (tt *TruthTable) decodeRaw(raw rawTable) error {
	if len(raw.Indicators) > 0 && string(raw.Indicators) != "null" {
		if evaluationKinds[tt.Kind] {
			if err := json.Unmarshal(raw.Indicators, &tt.EvalIndicators); err != nil {
				return err
			}
		} else if err := json.Unmarshal(raw.Indicators, &tt.Indicators); err != nil {
			return err
		}
	}
	if evaluationKinds[tt.Kind] || len(raw.Layout.Measures) == 0 {
		return nil
	}
	m := map[int]string{}
	set := func(col int, role string) {
		name, ok := raw.Layout.Measures[role]
		if !ok {
			return
		}
		v, known := truthMeasures[name]
		if !known {
			v = name
		}
		if v != "" {
			m[col] = v
		}
	}
	for role, col := range raw.Layout.AmountCols {
		set(col, role)
	}
	if raw.Layout.Income != nil {
		set(raw.Layout.Income.AmountCol, "income")
	}
	if raw.Layout.Expense != nil {
		for role, col := range raw.Layout.Expense.AmountCols {
			set(col, role)
		}
	}
	for _, g := range raw.Layout.Groups {
		if v := truthMeasures[g.Measure]; v != "" {
			if _, ok := m[g.AmountCol]; !ok {
				m[g.AmountCol] = v
			}
		}
	}
	if len(m) > 0 {
		tt.Measures = m
	}
	return nil
}

// standardKinds maps the synthetic truth's T01…T09 to table kinds, in the
// order of TABLES.md.
var standardKinds = []string{"budget_summary", "revenue", "expenditure", "appropriation_summary",
	"general_budget_expenditure", "basic_expenditure", "gov_fund_expenditure",
	"state_capital_expenditure", "three_public"}

var truthKinds = map[string]string{"institution": "institutions"}

// ParseTruth reads a truth file.
func ParseTruth(r io.Reader) (*Truth, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("truth: %w", err)
	}
	var t Truth
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, fmt.Errorf("truth: %w", err)
	}
	var raws struct {
		Tables []rawTable `json:"tables"`
	}
	if err := json.Unmarshal(data, &raws); err != nil {
		return nil, fmt.Errorf("truth: %w", err)
	}
	for i := range t.Tables {
		tt := &t.Tables[i]
		if err := tt.decodeRaw(raws.Tables[i]); err != nil {
			return nil, fmt.Errorf("truth: table %s: %w", tt.ID, err)
		}
		if tt.NCols == 0 && len(tt.Rows) > 0 {
			// Hand-made truth names no column count: its rows are
			// all as wide as the table.
			tt.NCols = len(tt.Rows[0])
		}
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
	// Measures counts the amount columns whose measure the truth names
	// and those the output names the same.
	Measures MeasureCounts `json:"measures"`
	// ColumnMisses name the tables whose number of columns differs from
	// the truth's (a column lost or split: "T05 has 5 columns, got 6").
	ColumnMisses []string `json:"column_misses,omitempty"`
}

// MeasureCounts scores the measures of amount columns.
type MeasureCounts struct {
	Columns int `json:"columns"`
	Equal   int `json:"equal"`
	// Misses name the columns whose measure differs: "t09 col 6: actual, got budget".
	Misses []string `json:"misses,omitempty"`
}

// Accuracy is equal measures / truth measures (1 when there are none).
func (m MeasureCounts) Accuracy() float64 { return ratio(m.Equal, m.Columns) }

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
	// Measures sums the measure counts of every kind.
	Measures MeasureCounts `json:"measures"`
	// Evaluations scores the self-evaluation forms (their kinds are also
	// in Kinds).
	Evaluations EvaluationScore `json:"evaluations"`
}

// EvaluationScore counts the self-evaluation forms matched, by project
// name (else title), and their rows.
type EvaluationScore struct {
	TruthForms int      `json:"truth_forms"`
	OutForms   int      `json:"out_forms"`
	Matched    int      `json:"matched"`
	Missing    []string `json:"missing,omitempty"`
	Counts
}

// Compare scores out against truth. Kinds the truth does not contain are
// not scored.
func Compare(truth *Truth, out *schema.Document) *Report {
	rep := &Report{}
	byKind := map[string][]TruthTable{}
	var kinds []string
	var projects []TruthTable
	var forms []TruthTable
	for _, t := range truth.Tables {
		if t.Kind == "project_performance" {
			projects = append(projects, t)
			continue
		}
		if evaluationKinds[t.Kind] {
			forms = append(forms, t)
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
		ks.Measures = compareMeasures(byKind[k], out.Tables)
		ks.ColumnMisses = compareColumns(byKind[k], out.Tables)
		rep.Tables.add(ks.Counts)
		rep.Measures.Columns += ks.Measures.Columns
		rep.Measures.Equal += ks.Measures.Equal
		rep.Measures.Misses = append(rep.Measures.Misses, ks.Measures.Misses...)
		rep.Kinds = append(rep.Kinds, ks)
	}
	rep.Projects = compareProjects(projects, out.Projects)
	rep.Kinds, rep.Evaluations = compareEvaluations(forms, out.Evaluations, rep.Kinds)
	return rep
}

// compareMeasures compares the measures of the truth tables of one kind
// with the output tables of that kind, the i-th with the i-th, by column
// index.
func compareMeasures(truth []TruthTable, out []schema.Table) MeasureCounts {
	var mc MeasureCounts
	var outs []*schema.Table
	for i := range out {
		if len(truth) > 0 && out[i].Kind == truth[0].Kind {
			outs = append(outs, &out[i])
		}
	}
	for i, t := range truth {
		cols := make([]int, 0, len(t.Measures))
		for c := range t.Measures {
			cols = append(cols, c)
		}
		sort.Ints(cols)
		for _, c := range cols {
			want := t.Measures[c]
			mc.Columns++
			got := ""
			if i < len(outs) {
				for _, col := range outs[i].Columns {
					if col.Index == c {
						got = col.Measure
					}
				}
			}
			if got == want {
				mc.Equal++
				continue
			}
			mc.Misses = append(mc.Misses, fmt.Sprintf("%s column %d: %s, got %q", t.ID, c, want, got))
		}
	}
	return mc
}

// compareColumns compares the number of columns of the truth tables of one
// kind with the output tables of that kind, the i-th with the i-th.
func compareColumns(truth []TruthTable, out []schema.Table) []string {
	var outs []*schema.Table
	for i := range out {
		if len(truth) > 0 && out[i].Kind == truth[0].Kind {
			outs = append(outs, &out[i])
		}
	}
	var misses []string
	for i, t := range truth {
		if t.NCols == 0 {
			continue
		}
		got := 0
		if i < len(outs) {
			got = len(outs[i].Columns)
		}
		if got != t.NCols && (i < len(outs) || len(t.Rows) > 0) {
			misses = append(misses, fmt.Sprintf("%s has %d columns, got %d", t.ID, t.NCols, got))
		}
	}
	return misses
}

// evaluationRows turns a form into the rows that are scored: the header
// fields as one row, the funds rows, the goals, the indicators (level1
// and level2 filled down) and the total.
func truthEvaluationRows(t TruthTable) [][]string {
	hf := t.HeaderFields
	dept := hf["主管部门"]
	if dept == "" {
		dept = hf["部门（单位）名称"]
	}
	rows := [][]string{{hf["项目名称"], dept, hf["实施单位"]}}
	if t.Funds != nil {
		for _, r := range t.Funds.Rows {
			rows = append(rows, append([]string{r.Label}, r.Cells...))
		}
	}
	if t.Goals != nil {
		rows = append(rows, []string{t.Goals["预期目标"], t.Goals["实际完成情况"]})
	}
	var l1, l2 string
	for _, ind := range t.EvalIndicators {
		if ind.Level1 == "" {
			ind.Level1 = l1
			if ind.Level2 == "" {
				ind.Level2 = l2
			}
		}
		l1, l2 = ind.Level1, ind.Level2
		rows = append(rows, []string{ind.Level1, ind.Level2, ind.Level3, ind.Target, ind.Actual, ind.Weight, ind.Score, ind.Deviation})
	}
	if t.TotalScore != nil {
		rows = append(rows, []string{t.TotalScore["分值"], t.TotalScore["得分"]})
	}
	return rows
}

func outEvaluationRows(e schema.Evaluation) [][]string {
	rows := [][]string{{e.ProjectName, e.Department, e.Implementer}}
	rows = append(rows, e.Funds...)
	if e.GoalExpected != "" || e.GoalActual != "" {
		rows = append(rows, []string{e.GoalExpected, e.GoalActual})
	}
	for _, ind := range e.Indicators {
		rows = append(rows, []string{ind.Level1, ind.Level2, ind.Level3, ind.Target, ind.Actual, ind.Weight, ind.Score, ind.Deviation})
	}
	if e.TotalWeight != "" || e.TotalScore != "" {
		rows = append(rows, []string{e.TotalWeight, e.TotalScore})
	}
	return rows
}

// compareEvaluations matches the truth forms with the output evaluations
// of the same kind, by project name, else by title, else in order, and
// scores their rows; the scores of each kind are added to kinds.
func compareEvaluations(truth []TruthTable, out []schema.Evaluation, kinds []KindScore) ([]KindScore, EvaluationScore) {
	var es EvaluationScore
	es.TruthForms, es.OutForms = len(truth), len(out)
	used := make([]bool, len(out))
	byKind := map[string]*KindScore{}
	var order []string
	kind := func(k string) *KindScore {
		if byKind[k] == nil {
			byKind[k] = &KindScore{Kind: k}
			order = append(order, k)
		}
		return byKind[k]
	}
	find := func(t TruthTable) int {
		for pass := 0; pass < 3; pass++ {
			for i, e := range out {
				if used[i] || e.Kind != t.Kind {
					continue
				}
				switch {
				case pass == 0 && t.ProjectName != "" && Norm(e.ProjectName) == Norm(t.ProjectName):
					return i
				case pass == 1 && t.ProjectName == "" && strings.Contains(Norm(e.Title), Norm(t.Title)):
					return i
				case pass == 2 && t.ProjectName == "":
					return i
				}
			}
		}
		return -1
	}
	for _, t := range truth {
		ks := kind(t.Kind)
		ks.TruthTables++
		want := truthEvaluationRows(t)
		i := find(t)
		var got [][]string
		if i >= 0 {
			used[i] = true
			es.Matched++
			got = outEvaluationRows(out[i])
		} else {
			name := t.ProjectName
			if name == "" {
				name = t.Title
			}
			es.Missing = append(es.Missing, t.ID+" "+name)
		}
		c, misses := compareRows(want, got)
		ks.Counts.add(c)
		ks.Misses = append(ks.Misses, misses...)
		es.Counts.add(c)
	}
	for i, e := range out {
		if used[i] {
			continue
		}
		if ks, ok := byKind[e.Kind]; ok {
			n := len(outEvaluationRows(e))
			ks.OutRows += n
			es.OutRows += n
		}
	}
	for _, e := range out {
		if ks, ok := byKind[e.Kind]; ok {
			ks.OutTables++
		}
	}
	for _, k := range order {
		kinds = append(kinds, *byKind[k])
	}
	return kinds, es
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
	if r.Evaluations.TruthForms > 0 || r.Evaluations.OutForms > 0 {
		e := r.Evaluations
		fmt.Fprintf(w, "self-evaluation forms: truth %d, output %d, matched %d\n", e.TruthForms, e.OutForms, e.Matched)
		for _, m := range e.Missing {
			fmt.Fprintf(w, "  missing form: %s\n", m)
		}
	}
	if m := r.Measures; m.Columns > 0 {
		fmt.Fprintf(w, "measures: %d of %d amount columns (%.4f)\n", m.Equal, m.Columns, m.Accuracy())
		for _, x := range m.Misses {
			fmt.Fprintf(w, "  measure: %s\n", x)
		}
	}
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
