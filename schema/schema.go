// Package schema defines cnbudget's output: one Document per input document,
// written as JSON. The published JSON Schema of these types is
// cnbudget.schema.json beside this file; every field is described there.
//
// What goes in is nothing: these are plain data types. Stage three (package
// normalize) fills them; the command writes them; package score reads them
// back to compare them with ground truth.
package schema

// ID identifies this version of the output format; it is the $id of the
// JSON Schema and the "schema" field of every document.
const ID = "https://cnbudget.dev/schema/cnbudget-1.schema.json"

// Document is everything cnbudget read from one input document.
type Document struct {
	Schema string `json:"schema"`
	Tool   Tool   `json:"tool"`
	Source Source `json:"source"`
	// Document describes what the disclosure is: department, year, stage.
	Document Meta      `json:"document"`
	Tables   []Table   `json:"tables"`
	Projects []Project `json:"projects"`
	// Narrative holds the headed sections of running text.
	Narrative []Section `json:"narrative"`
	// Statements are amounts the narrative states (机关运行经费 124.38万元 …).
	Statements []Statement `json:"statements"`
	Checks     []Check     `json:"checks"`
	// Warnings are things a user should know that are not check failures.
	Warnings []string `json:"warnings"`
}

// Tool names the program that wrote a document.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Source describes the input file.
type Source struct {
	File     string `json:"file"`
	Member   string `json:"member,omitempty"`
	SHA256   string `json:"sha256"`
	Size     int64  `json:"size"`
	Format   string `json:"format"`
	Pages    int    `json:"pages"`
	Producer string `json:"producer,omitempty"`
	Creator  string `json:"creator,omitempty"`
	// Verdict on the text layer: ok, no_text_layer, text_unreliable.
	Verdict string `json:"verdict"`
	// PagesNoText lists image-only pages (they need OCR).
	PagesNoText []int `json:"pages_no_text,omitempty"`
	// PagesUnreliable lists pages whose text cannot be trusted.
	PagesUnreliable []int       `json:"pages_unreliable,omitempty"`
	PageErrors      []PageError `json:"page_errors,omitempty"`
	Notes           []string    `json:"notes,omitempty"`
}

// PageError is a page that could not be read.
type PageError struct {
	Page  int    `json:"page"`
	Error string `json:"error"`
}

// Meta says what the disclosure is.
type Meta struct {
	Title          string `json:"title,omitempty"`
	Department     string `json:"department,omitempty"`
	DepartmentCode string `json:"department_code,omitempty"`
	// Scope is "department" (部门, the department with its units) or
	// "unit" (单位, one budget unit).
	Scope  string `json:"scope,omitempty"`
	Region Region `json:"region"`
	Year   int    `json:"year,omitempty"`
	// Stage is "budget" (预算) or "final_account" (决算).
	Stage string `json:"stage,omitempty"`
	// Unit is the amount unit most tables use.
	Unit string `json:"unit,omitempty"`
}

// Region is where the department sits, as far as the document names it.
type Region struct {
	Province string `json:"province,omitempty"`
	City     string `json:"city,omitempty"`
	County   string `json:"county,omitempty"`
}

// Table is one logical table, stitched across pages.
type Table struct {
	ID    string `json:"id"`
	Kind  string `json:"kind"`
	Title string `json:"title"`
	Unit  string `json:"unit,omitempty"`
	Pages []int  `json:"pages"`
	// Header rows as printed; a merged cell's text sits in its first cell.
	Header [][]string `json:"header"`
	// IndexRow is the 栏次 row, when printed.
	IndexRow []string `json:"index_row,omitempty"`
	// Rows are the body rows, every cell as printed.
	Rows [][]string `json:"rows"`
	// RowPages gives the page each row starts on.
	RowPages []int    `json:"row_pages"`
	Notes    []string `json:"notes"`
	// Columns names the canonical meaning of each column.
	Columns []Column `json:"columns"`
	// Records are the rows normalized: codes split and joined, amounts as
	// exact decimals.
	Records []Record `json:"records"`
}

// Column describes one column of a table.
type Column struct {
	Index int `json:"index"`
	// Header is the column's header text, its parents first, joined by "/".
	Header string `json:"header"`
	// Key is the canonical column key (total, basic, project …), "" when
	// the header is not known.
	Key string `json:"key,omitempty"`
	// Role is code, name, amount, count, index or text.
	Role string `json:"role"`
	// Breakdown marks a 其中 (of which) column: a part of another amount,
	// not a term of the row's total.
	Breakdown bool `json:"breakdown,omitempty"`
}

// Record is one body row, normalized.
type Record struct {
	Row  int `json:"row"` // index into Table.Rows
	Page int `json:"page"`
	// Code is the classification code joined (2080101), when the row has
	// one; Class/Item/Sub are its 类/款/项 parts.
	Code       string `json:"code,omitempty"`
	Class      string `json:"class,omitempty"`
	Item       string `json:"item,omitempty"`
	Sub        string `json:"sub,omitempty"`
	Level      int    `json:"level,omitempty"` // 1 类, 2 款, 3 项
	ParentCode string `json:"parent_code,omitempty"`
	Name       string `json:"name,omitempty"`
	// Total marks a total row (合计, 总计 …).
	Total   bool     `json:"total,omitempty"`
	Amounts []Amount `json:"amounts"`
	// Side is "income" or "expenditure" for the two sides of a summary
	// table, "" otherwise.
	Side string `json:"side,omitempty"`
}

// Amount is one amount of a record.
type Amount struct {
	Column int    `json:"column"`
	Key    string `json:"key,omitempty"`
	// Printed is the cell as printed.
	Printed string `json:"printed"`
	// Value is the exact decimal in the printed unit, without separators.
	Value string `json:"value"`
	Unit  string `json:"unit,omitempty"`
	// Yuan is the exact decimal converted to 元.
	Yuan string `json:"yuan,omitempty"`
}

// Project is one project performance-goal table (绩效目标表).
type Project struct {
	Code       string            `json:"code"`
	Name       string            `json:"name"`
	No         string            `json:"no,omitempty"`
	Title      string            `json:"title"`
	Unit       string            `json:"unit,omitempty"`
	Amount     string            `json:"amount"`
	Fiscal     string            `json:"fiscal"`
	Other      string            `json:"other"`
	Values     *Budget           `json:"values,omitempty"`
	Pages      []int             `json:"pages"`
	Purpose    string            `json:"purpose,omitempty"`
	Plan       []PlanStep        `json:"plan"`
	Goal       string            `json:"goal,omitempty"`
	Indicators []Indicator       `json:"indicators"`
	Fields     map[string]string `json:"fields,omitempty"`
}

// Budget is a project's budget as exact decimals.
type Budget struct {
	Amount string `json:"amount,omitempty"`
	Fiscal string `json:"fiscal,omitempty"`
	Other  string `json:"other,omitempty"`
}

// PlanStep is one step of a spending plan.
type PlanStep struct {
	Label string `json:"label"`
	Value string `json:"value"`
	// Month is the month the step ends in (3, 6, 10, 12).
	Month int `json:"month,omitempty"`
}

// Indicator is one performance indicator.
type Indicator struct {
	Level1      string `json:"level1"`
	Level2      string `json:"level2"`
	Level3      string `json:"level3"`
	Description string `json:"description"`
	Value       string `json:"value"`
	Basis       string `json:"basis"`
	Page        int    `json:"page"`
	// Target is the value parsed: comparator, number, unit, or a deadline.
	Target *Target `json:"target,omitempty"`
}

// Target is an indicator value parsed.
type Target struct {
	// Comparator is one of >=, >, <=, <, =.
	Comparator string `json:"comparator,omitempty"`
	Number     string `json:"number,omitempty"`
	Unit       string `json:"unit,omitempty"`
	// Deadline is a month (12月底 → 12) when the value is a deadline.
	Deadline int `json:"deadline_month,omitempty"`
}

// Section is a headed block of narrative.
type Section struct {
	Heading    string   `json:"heading"`
	Topic      string   `json:"topic,omitempty"`
	Paragraphs []string `json:"paragraphs"`
	Pages      []int    `json:"pages"`
}

// Statement is an amount stated in the narrative.
type Statement struct {
	// Key names the amount (admin_operating, three_public_total …).
	Key   string `json:"key"`
	Topic string `json:"topic"`
	// Section is the index of the narrative section it was read from.
	Section int `json:"section"`
	// Text is the words that state it.
	Text string `json:"text"`
	// Basis is "budget" or "final_account" when the words say which
	// (年初预算为… / 支出决算为…), "" otherwise.
	Basis   string `json:"basis,omitempty"`
	Printed string `json:"printed"`
	Value   string `json:"value"`
	Unit    string `json:"unit"`
	Yuan    string `json:"yuan"`
}

// Check is the result of one arithmetic identity.
type Check struct {
	Rule string `json:"rule"`
	// Tables are the ids of the tables the check reads.
	Tables []string `json:"tables"`
	// Rows are the row indexes involved, per table, as "t03:4".
	Rows       []string `json:"rows"`
	Expected   string   `json:"expected"`
	Actual     string   `json:"actual"`
	Difference string   `json:"difference"`
	Tolerance  string   `json:"tolerance"`
	// Status is pass, fail or skip.
	Status  string `json:"status"`
	Message string `json:"message,omitempty"`
}
