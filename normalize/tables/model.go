// Package tables is the second half of stage two: it reads the rows of every
// page of a document (from package layout) in order and rebuilds the logical
// tables of the disclosure.
//
// In: an extract.Document and the recognition rules. Out: a Result holding
// every table (kind, title, unit, pages, header rows, body rows as printed,
// notes), every project performance table, the narrative sections and the
// document's department / year / unit lines, plus a log of what was dropped
// or joined so that a user can see why a table came out as it did.
//
// A table starts at a title line matched by the rules and runs over as many
// pages as it needs: the repeated title, department / year / unit lines,
// column header and index (栏次) row of continuation pages are dropped, a
// row cut in two by a page break is joined back, and the data keep the
// column meaning of the first page even where a repeated header differs.
package tables

import (
	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/normalize/rules"
)

// Table is one logical table, stitched across pages.
type Table struct {
	Kind  string
	Title string
	// Unit is the amount unit the table declares (万元, 元), "" if none.
	Unit string
	// Dept, DeptCode and Year are what the table's own meta lines say.
	Dept, DeptCode, Year string
	Pages                []int
	// Header rows as printed (a merged cell's text in its first cell).
	Header [][]string
	// IndexRow is the 栏次 row, nil when the table has none.
	IndexRow []string
	// Rows are the body rows, every cell as printed.
	Rows [][]string
	// RowPages gives the page each row starts on, RowBoxes where it
	// stands there (a zero box when it is not known) and HeaderBoxes
	// where each header row stands, for drawing what was read.
	RowPages    []int
	RowBoxes    []extract.Box
	HeaderBoxes []extract.Box
	Notes       []string
	// Ruled tells whether the table was read from ruling lines.
	Ruled bool
	// Cols are the x boundaries of its columns on its first page (drawn
	// or found in the text's alignment): len(Cols) = columns + 1.
	Cols []float64
}

// NCols returns the number of columns of t.
func (t *Table) NCols() int {
	n := len(t.IndexRow)
	for _, h := range t.Header {
		n = max(n, len(h))
	}
	for _, r := range t.Rows {
		n = max(n, len(r))
	}
	return n
}

// PlanEntry is one step of a project's spending plan.
type PlanEntry struct {
	Label string // 3月底, 6月底 …
	Value string // as printed
}

// Indicator is one row of a project's performance indicators, with the
// first- and second-level names filled down.
type Indicator struct {
	Level1, Level2, Level3 string
	Description            string
	Value                  string
	Basis                  string
	Weight                 string // 分值, where the form prints one
	Note                   string // 备注, where the form prints one
	Page                   int
}

// Project is one project performance-goal table (绩效目标表).
type Project struct {
	Title string
	No    string // the number printed before the title ("1、…")
	Code  string
	Name  string
	Unit  string
	// Budget as printed: the total, the fiscal part and other funds.
	Amount, Fiscal, Other string
	Purpose               string
	Plan                  []PlanEntry
	Goal                  string
	Indicators            []Indicator
	Pages                 []int
	// Fields holds every other labelled value of the preamble (主管部门 …).
	Fields map[string]string
}

// Evaluation is one performance self-evaluation form (绩效自评表) of a final
// account, every text as printed.
type Evaluation struct {
	Kind  string // project_self_evaluation or dept_self_evaluation
	Title string
	Pages []int
	// Unit is the unit the funds block names (项目资金（万元）), "" if none.
	Unit string
	// Fields are the labelled values of the head, in printed order, by
	// key (project_name, department, implementer, or the label itself).
	Fields []Field
	// FundsHeader names the funds grid's columns (the label column
	// first, ""); FundsRoles gives their roles (budget … score, "" for the
	// label column and unknown headers).
	FundsHeader []string
	FundsRoles  []string
	// Funds are the funds grid's rows: the label, then a cell per column.
	Funds                    [][]string
	GoalExpected, GoalActual string
	Indicators               []EvalIndicator
	TotalWeight, TotalScore  string
	// Rows are other rows of the form (a department form's task list).
	Rows [][]string
}

// Field is one labelled value of a form's head.
type Field struct {
	Key, Label, Value string
}

// EvalIndicator is one indicator row of a self-evaluation form, 一级 and
// 二级指标 filled down.
type EvalIndicator struct {
	Level1, Level2, Level3 string
	Target, Actual         string
	Weight, Score          string
	Deviation              string
	Page                   int
}

// Section is a headed block of narrative text.
type Section struct {
	Heading    string
	Paragraphs []string
	Pages      []int
}

// Event records a decision of the assembler, for `cnbudget inspect`.
type Event struct {
	Page   int
	Action string // title, continue, meta, header, index, repeat, join, drop, note, …
	Table  string // kind of the table concerned
	Text   string
	// Rule is the configured pattern behind the decision (the title
	// pattern that chose a kind), when there is one.
	Rule string
	// Box is where on the page the row decided on stands (zero for a
	// decision about no row, as the end of a table).
	Box extract.Box
}

// Result is stage two's output for one document.
type Result struct {
	// Title is the document's own title line, when it has one.
	Title string
	// Cover holds the first lines of the document, before its first
	// heading, table or 目录: the cover title, often over several lines.
	Cover []string
	// Meta is the first department, year and unit the document declares;
	// of department names that begin alike (one clipped by its cell), the
	// longest.
	Meta     rules.Meta
	Tables   []*Table
	Projects []*Project
	// Evaluations are the self-evaluation forms of a final account.
	Evaluations []*Evaluation
	Sections    []Section
	Events      []Event
}
