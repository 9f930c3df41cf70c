// Package schema defines cnbudget's output: one Document per department,
// year and stage (one input file, or several merged), written as JSON. The
// published JSON Schema of these types, cnbudget.schema.json beside this
// file, is generated from them: every field's `desc` tag is its
// description, `enum` and `pattern` tags constrain it (go test ./schema
// -run TestSchemaFile -update rewrites the file).
//
// What goes in is nothing: these are plain data types. Stage three (package
// normalize) fills them; the command writes them; package score reads them
// back to compare them with ground truth.
package schema

// ID identifies this version of the output format; it is the $id of the
// JSON Schema and the "schema" field of every document.
const ID = "https://cnbudget.dev/schema/cnbudget-1.schema.json"

// Document is everything cnbudget read about one department, year and
// stage.
type Document struct {
	Schema string `json:"schema" desc:"The $id of the JSON Schema this document follows." const:"https://cnbudget.dev/schema/cnbudget-1.schema.json"`
	Tool   Tool   `json:"tool" desc:"The program that wrote the document."`
	// Sources are the input files read: one, or several published for the
	// same department and year (tables and narrative apart, copies).
	Sources  []Source  `json:"sources" desc:"The input files this document was read from: one, or several published for the same department, year and stage (tables and narrative as separate PDFs, copies of one document). Tables, projects and sections name theirs by index."`
	Document Meta      `json:"document" desc:"What the disclosure is: department, region, year, stage, scope."`
	Tables   []Table   `json:"tables" desc:"The tables, each stitched across pages into one logical table."`
	Projects []Project `json:"projects" desc:"The project performance-goal tables (项目支出绩效目标表), one per project."`
	// Evaluations are the self-evaluation forms of a final account.
	Evaluations []Evaluation `json:"evaluations" desc:"The performance self-evaluation forms of a final account (项目支出绩效自评表, 部门整体支出绩效自评表), one per form; a form is never also a table."`
	// Narrative holds the headed sections of running text.
	Narrative []Section `json:"narrative" desc:"The running text as headed sections, in reading order."`
	// Statements are amounts the narrative states (机关运行经费 124.38万元 …).
	Statements []Statement `json:"statements" desc:"Amounts the narrative states (机关运行经费, 三公经费 and its items), checked against the tables."`
	Checks     []Check     `json:"checks" desc:"Every arithmetic identity evaluated, inside and across tables and against the narrative; a failure never changes a printed number."`
	// Warnings are things a user should know that are not check failures.
	Warnings []string `json:"warnings" desc:"Things a user should know that are not check results: pages that need OCR, code names that differ from the reference list, conflicting copies."`
}

// Tool names the program that wrote a document.
type Tool struct {
	Name    string `json:"name" desc:"Always cnbudget."`
	Version string `json:"version" desc:"The version of cnbudget that wrote the document."`
}

// Source describes one input file.
type Source struct {
	File     string `json:"file" desc:"The path of the input as given (inside an archive: the archive's path)."`
	Member   string `json:"member,omitempty" desc:"The member's path inside an archive, when the input came from one."`
	SHA256   string `json:"sha256" desc:"SHA-256 of the file's bytes, lower-case hex." pattern:"^[0-9a-f]{64}$"`
	Size     int64  `json:"size" desc:"Size of the file in bytes."`
	Format   string `json:"format" desc:"What the file was read as." enum:"pdf,text"`
	Pages    int    `json:"pages" desc:"Number of pages read."`
	Producer string `json:"producer,omitempty" desc:"The PDF's /Producer (the program that wrote it)."`
	Creator  string `json:"creator,omitempty" desc:"The PDF's /Creator (the program the document was made with)."`
	// Verdict on the text layer: ok, no_text_layer, text_unreliable.
	Verdict string `json:"verdict" desc:"Stage one's verdict on the text layer of the whole file: ok; no_text_layer (images only, needs OCR); text_unreliable (too many replacement, private-use or implausible characters)." enum:"ok,no_text_layer,text_unreliable,blank,error"`
	// PagesNoText lists image-only pages (they need OCR).
	PagesNoText []int `json:"pages_no_text,omitempty" desc:"Pages that are images only and need OCR."`
	// PagesUnreliable lists pages whose text cannot be trusted.
	PagesUnreliable []int       `json:"pages_unreliable,omitempty" desc:"Pages whose text layer cannot be trusted."`
	PageErrors      []PageError `json:"page_errors,omitempty" desc:"Pages that could not be read completely, with the reason."`
	Notes           []string    `json:"notes,omitempty" desc:"How the file had to be repaired or decrypted to be read."`
	Salvaged        bool        `json:"salvaged,omitempty" desc:"The file is damaged (most often a truncated download): it was read from the objects its body still holds, with a rebuilt cross-reference; what lay past the damage is lost (see notes and page_errors)."`
	// Fingerprint identifies the text of the file: two copies of one
	// document saved differently have the same fingerprint.
	Fingerprint string `json:"fingerprint" desc:"SHA-256 of the text stage one read (all pages, white space removed): copies of one document saved by different programs share it." pattern:"^[0-9a-f]{64}$"`
	// CopyOf is the index of the source this one repeats; its content was
	// not added a second time.
	CopyOf *int `json:"copy_of,omitempty" desc:"Index (in sources) of the source this file is a copy of: same text, so its tables were not added again."`
}

// PageError is a page that could not be read.
type PageError struct {
	Page  int    `json:"page" desc:"Page number, from 1."`
	Error string `json:"error" desc:"What went wrong."`
}

// Meta says what the disclosure is.
type Meta struct {
	Title          string `json:"title,omitempty" desc:"The document's own title line, when it prints one."`
	Department     string `json:"department,omitempty" desc:"The department or budget unit, as printed (编制部门 / 单位名称)."`
	DepartmentCode string `json:"department_code,omitempty" desc:"The department code, as printed beside its name."`
	// DepartmentID keys one department across years and files.
	DepartmentID string `json:"department_id,omitempty" desc:"A stable key of the department across years and files, for panel joins: REGION:NAME, REGION the region's code (x when not resolved), NAME the department's name with the region's names taken off its start and its variants evened out (full-width brackets, 中国共产党/中共, 委员会 → 委, 中国人民政治协商会议…委员会 → 政协, 人民代表大会常务委员会 → 人大常委会, the markers （本级） and （汇总）). 320000:政协办公厅; 310107:人民政府万里街道办事处."`
	// Scope is "department" (部门, the department with its units) or
	// "unit" (单位, one budget unit).
	Scope  string `json:"scope,omitempty" desc:"department: a 部门 disclosure (the department with its units); unit: a 单位 disclosure (one budget unit)." enum:"department,unit"`
	Region Region `json:"region" desc:"Where the department sits, as far as the document names it."`
	Year   int    `json:"year,omitempty" desc:"The budget or final-account year: as the document states it (under a table title, on the cover, in a title), else as the file name gives it, with a warning saying so."`
	// Stage is "budget" (预算) or "final_account" (决算).
	Stage string `json:"stage,omitempty" desc:"budget (预算) or final_account (决算)." enum:"budget,final_account"`
	// Unit is the amount unit most tables use.
	Unit string `json:"unit,omitempty" desc:"The amount unit most tables print (元, 万元)."`
}

// Region is where the department sits, as far as the document names it.
type Region struct {
	Province string `json:"province,omitempty" desc:"Province, autonomous region or municipality (省/自治区/直辖市)."`
	City     string `json:"city,omitempty" desc:"City or prefecture (市/州/盟)."`
	County   string `json:"county,omitempty" desc:"County or district (县/区/旗)."`
	// Code is the GB/T 2260 code of the most specific level named.
	Code string `json:"code,omitempty" desc:"The 6-digit administrative division code (GB/T 2260) of the most specific level the document names (131023 for 永清县; 320000 for 江苏省), as it was in the document's year (a county since merged into a district keeps the code it had then); the levels above it are then filled in with their names. Empty when the document names no region, or a name that several divisions share and nothing else decides (a warning says so): never guessed." pattern:"^[0-9]{6}$"`
}

// Table is one logical table, stitched across pages.
type Table struct {
	ID     string `json:"id" desc:"Identifier inside this document (t01, t02 …); checks name rows as id:row." pattern:"^t[0-9]{2,}$"`
	Source int    `json:"source" desc:"Index (in sources) of the file the table was read from."`
	Kind   string `json:"kind" desc:"The table's kind: one of the stable ids of the standard tables (budget_summary, revenue, expenditure, appropriation_summary, general_budget_expenditure, basic_expenditure, gov_fund_expenditure, state_capital_expenditure, three_public …) or another configured kind."`
	Title  string `json:"title" desc:"The title as printed."`
	Unit   string `json:"unit,omitempty" desc:"The amount unit printed with the table (元, 万元); empty when the table prints none."`
	Pages  []int  `json:"pages" desc:"The pages the table spans, from 1, in order."`
	// Header rows as printed; a merged cell's text sits in its first cell.
	Header [][]string `json:"header" desc:"The column-header rows as printed; the text of a merged cell sits in its first cell."`
	// IndexRow is the 栏次 row, when printed.
	IndexRow []string `json:"index_row,omitempty" desc:"The 栏次 row (column numbers), when printed."`
	// Rows are the body rows, every cell as printed.
	Rows [][]string `json:"rows" desc:"The body rows, every cell exactly as printed (numbers as printed strings, empty cells \"\"), a fixed number of cells per table; wrapped names and rows cut by a page break are joined back."`
	// RowPages gives the page each row starts on.
	RowPages []int    `json:"row_pages" desc:"The page each body row starts on, parallel to rows."`
	Notes    []string `json:"notes" desc:"The notes printed under the table (注：…)."`
	// Columns names the canonical meaning of each column.
	Columns []Column `json:"columns" desc:"The meaning of each column."`
	// Records are the rows normalized: codes split and joined, amounts as
	// exact decimals.
	Records []Record `json:"records" desc:"The body rows normalized, parallel to rows: codes joined and split, amounts as exact decimals."`
}

// Column describes one column of a table.
type Column struct {
	Index int `json:"index" desc:"Position in the row, from 0."`
	// Header is the column's header text, its parents first, joined by "/".
	Header string `json:"header" desc:"The column's header path, outermost first, joined by /."`
	// Key is the canonical column key (total, basic, project …), "" when
	// the header is not known.
	Key string `json:"key,omitempty" desc:"Canonical column key from config.yaml (total, basic, project, personnel, public_use, appropriation, general_budget, carryover …); absent when the header is not a known one."`
	// Role is code, name, amount, count, index or text.
	Role string `json:"role" desc:"What the cells hold: classification codes, names, amounts (added up by the checks), counts, row numbers, text, or percentages (never added up)." enum:"code,name,amount,count,index,text,percent"`
	// Breakdown marks a 其中 (of which) column: a part of another amount,
	// not a term of the row's total.
	Breakdown bool `json:"breakdown,omitempty" desc:"A 其中 (of which) column: part of another amount, not a term of the row's total."`
	// Side is the half of a table printed in two halves the column
	// belongs to.
	Side string `json:"side,omitempty" desc:"For a table printed in two halves side by side, the half the column belongs to: income or expenditure for a summary table, left, middle or right for others (a basic expenditure table with 人员经费 beside 公用经费)." enum:"income,expenditure,left,middle,right"`
	// Measure says which figure of the item an amount column holds.
	Measure string `json:"measure,omitempty" desc:"Which figure of the item the column holds (for amount, count and percent columns): budget (预算数, 年初预算数), adjusted_budget (调整预算数, 全年预算数), actual (决算数, 执行数), prior_budget and prior_actual (上年…), change (增减), rate (执行率, 增减%: a ratio, never added up). Read from the header path by the patterns of config.yaml; a column whose header names none takes the document's stage (budget → budget, final account → actual)." enum:"budget,adjusted_budget,actual,prior_budget,prior_actual,change,rate"`
}

// Record is one body row, normalized.
type Record struct {
	Row  int `json:"row" desc:"Index of the row in rows."`
	Page int `json:"page" desc:"The page the row starts on."`
	// Code is the classification code joined (2080101), when the row has
	// one; Class/Item/Sub are its 类/款/项 parts.
	Code       string `json:"code,omitempty" desc:"The classification code joined (2080101), from one column, three 类/款/项 columns or the start of the name."`
	Class      string `json:"class,omitempty" desc:"The 类 part of the code (208)."`
	Item       string `json:"item,omitempty" desc:"The 款 part of the code (01)."`
	Sub        string `json:"sub,omitempty" desc:"The 项 part of the code (01)."`
	Level      int    `json:"level,omitempty" desc:"1 类, 2 款, 3 项." minimum:"1" maximum:"3"`
	ParentCode string `json:"parent_code,omitempty" desc:"The code of the row this one adds up into."`
	Name       string `json:"name,omitempty" desc:"The row's name, white space removed."`
	// Total marks a total row (合计, 总计 …).
	Total   bool     `json:"total,omitempty" desc:"A total row (合计, 总计 …)."`
	Amounts []Amount `json:"amounts" desc:"The row's amounts, one per non-blank amount cell; a blank cell has none, a printed 0.00 is zero."`
	// Side is "income" or "expenditure" for the two sides of a summary
	// table, "" otherwise.
	Side string `json:"side,omitempty" desc:"For a table printed in two halves side by side, the half the record was read from: income or expenditure for a summary table, left, middle or right for others; each part of a row is a record of its own." enum:"income,expenditure,left,middle,right"`
}

// Amount is one amount of a record.
type Amount struct {
	Column int    `json:"column" desc:"Index of the column."`
	Key    string `json:"key,omitempty" desc:"The column's canonical key."`
	// Measure is the column's measure (budget, actual …).
	Measure string `json:"measure,omitempty" desc:"The column's measure: budget, adjusted_budget, actual, prior_budget, prior_actual, change or rate." enum:"budget,adjusted_budget,actual,prior_budget,prior_actual,change,rate"`
	// Printed is the cell as printed.
	Printed string `json:"printed" desc:"The cell exactly as printed."`
	// Value is the exact decimal in the printed unit, without separators.
	Value string `json:"value" desc:"The exact decimal in the printed unit, thousands separators removed, digits as printed." pattern:"^-?[0-9]+(\\.[0-9]+)?$"`
	Unit  string `json:"unit,omitempty" desc:"The unit of value (元, 万元), when known."`
	// Yuan is the exact decimal converted to 元.
	Yuan string `json:"yuan,omitempty" desc:"The exact decimal converted to 元, when the unit is known." pattern:"^-?[0-9]+(\\.[0-9]+)?$"`
}

// Project is one project performance-goal table (绩效目标表).
type Project struct {
	Source     int               `json:"source" desc:"Index (in sources) of the file the project was read from."`
	Code       string            `json:"code" desc:"The project code (项目编码) as printed."`
	Name       string            `json:"name" desc:"The project name."`
	No         string            `json:"no,omitempty" desc:"The table's own number, when printed (P01 …)."`
	Title      string            `json:"title" desc:"The table's title as printed."`
	Unit       string            `json:"unit,omitempty" desc:"The amount unit."`
	Amount     string            `json:"amount" desc:"The budget (预算数) as printed."`
	Fiscal     string            `json:"fiscal" desc:"Of which fiscal funds (财政资金), as printed."`
	Other      string            `json:"other" desc:"Of which other funds (其他资金), as printed."`
	Values     *Budget           `json:"values,omitempty" desc:"The three amounts as exact decimals."`
	Pages      []int             `json:"pages" desc:"The pages the table spans."`
	Purpose    string            `json:"purpose,omitempty" desc:"资金用途 / 项目概况."`
	Plan       []PlanStep        `json:"plan" desc:"The spending plan (资金支出计划), step by step."`
	Goal       string            `json:"goal,omitempty" desc:"The performance goal (绩效目标)."`
	Indicators []Indicator       `json:"indicators" desc:"The indicator rows, 一级 and 二级指标 filled down."`
	Fields     map[string]string `json:"fields,omitempty" desc:"Every other labelled value of the table's head (主管部门, 实施单位 …), by configured key."`
}

// Budget is a project's budget as exact decimals.
type Budget struct {
	Amount string `json:"amount,omitempty" desc:"预算数 as an exact decimal." pattern:"^-?[0-9]+(\\.[0-9]+)?$"`
	Fiscal string `json:"fiscal,omitempty" desc:"财政资金 as an exact decimal." pattern:"^-?[0-9]+(\\.[0-9]+)?$"`
	Other  string `json:"other,omitempty" desc:"其他资金 as an exact decimal." pattern:"^-?[0-9]+(\\.[0-9]+)?$"`
}

// PlanStep is one step of a spending plan.
type PlanStep struct {
	Label string `json:"label" desc:"The step as printed (3月底 …)."`
	Value string `json:"value" desc:"Its value as printed (an amount or a share)."`
	// Month is the month the step ends in (3, 6, 10, 12).
	Month int `json:"month,omitempty" desc:"The month the step ends in." minimum:"1" maximum:"12"`
}

// Indicator is one performance indicator.
type Indicator struct {
	Level1      string `json:"level1" desc:"一级指标 (产出指标, 效益指标, 满意度指标), filled down."`
	Level2      string `json:"level2" desc:"二级指标 (数量指标, 质量指标 …), filled down."`
	Level3      string `json:"level3" desc:"三级指标."`
	Description string `json:"description" desc:"绩效指标描述."`
	Value       string `json:"value" desc:"指标值 as printed (≥95%, ≤147.14万元, 12月底, 保障 …)."`
	Basis       string `json:"basis" desc:"指标值确定依据."`
	Weight      string `json:"weight,omitempty" desc:"分值 as printed: the weight a form that scores its indicators gives this one (national template)."`
	Note        string `json:"note,omitempty" desc:"备注 as printed, where the form has the column (Xi'an)."`
	Page        int    `json:"page" desc:"The page of the row."`
	// Target is the value parsed: comparator, number, unit, or a deadline.
	Target *Target `json:"target,omitempty" desc:"The value parsed, when it is a number or a deadline; absent for words."`
}

// Target is an indicator value parsed.
type Target struct {
	// Comparator is one of >=, >, <=, <, =.
	Comparator string `json:"comparator,omitempty" desc:"The comparison printed before the number (≥ 不低于 → >=)." enum:">=,>,<=,<,="`
	Number     string `json:"number,omitempty" desc:"The number, separators removed." pattern:"^[-+]?[0-9]+(\\.[0-9]+)?$"`
	Unit       string `json:"unit,omitempty" desc:"The unit after the number (%, 人, 万元 …; 百分比 → %)."`
	// Deadline is a month (12月底 → 12) when the value is a deadline.
	Deadline int `json:"deadline_month,omitempty" desc:"The month of a deadline (12月底 → 12)." minimum:"1" maximum:"12"`
}

// Evaluation is one performance self-evaluation form (绩效自评表) of a
// final account: a project's (项目支出绩效自评表) or the department's as a
// whole (部门整体支出绩效自评表).
type Evaluation struct {
	ID     string `json:"id" desc:"Identifier inside this document (e01, e02 …); checks name the form's rows as id:funds:N and id:indicator:N." pattern:"^e[0-9]{2,}$"`
	Source int    `json:"source" desc:"Index (in sources) of the file the form was read from."`
	Kind   string `json:"kind" desc:"project_self_evaluation (项目支出绩效自评表) or dept_self_evaluation (部门整体支出绩效自评表)." enum:"project_self_evaluation,dept_self_evaluation"`
	Title  string `json:"title" desc:"The form's title as printed."`
	Pages  []int  `json:"pages" desc:"The pages the form spans, from 1."`
	Unit   string `json:"unit,omitempty" desc:"The unit of the funds grid (万元 as its label says, else the document's)."`
	// The header fields as printed.
	ProjectName string            `json:"project_name,omitempty" desc:"项目名称, as printed (project forms)."`
	Department  string            `json:"department,omitempty" desc:"主管部门 (project forms) or 部门（单位）名称 (department forms), as printed."`
	Implementer string            `json:"implementer,omitempty" desc:"实施单位, as printed."`
	Fields      map[string]string `json:"fields,omitempty" desc:"Every other labelled value of the form's head, by its label as printed."`
	// FundsHeader and Funds are the funds grid (项目资金 / 年度预算) as printed.
	FundsHeader []string   `json:"funds_header" desc:"The header of the funds grid as printed: an empty label cell, then 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分 or the region's own columns."`
	Funds       [][]string `json:"funds" desc:"The rows of the funds grid as printed: the row's label (年度资金总额, 其中：当年财政拨款, 上年结转资金, 其他资金 …), then its cells in the order of funds_header."`
	// FundsValues are the funds grid's cells read as numbers.
	FundsValues  []EvaluationFunds `json:"funds_values" desc:"The funds grid read: every cell of every row with its role, as an exact decimal, or marked as a placeholder."`
	GoalExpected string            `json:"goal_expected,omitempty" desc:"年度总体目标: the goal set at the start of the year (预期目标), as printed, wrapped lines joined."`
	GoalActual   string            `json:"goal_actual,omitempty" desc:"年度总体目标: what was achieved (实际完成情况), as printed, wrapped lines joined."`
	Indicators   []EvalIndicator   `json:"indicators" desc:"The indicator rows, 一级 and 二级指标 filled down, in printed order."`
	TotalWeight  string            `json:"total_weight,omitempty" desc:"总分 row: the total of the weights (分值), as printed."`
	TotalScore   string            `json:"total_score,omitempty" desc:"总分 row: the total score (得分), as printed."`
	// Rows holds the other rows of a form that are neither funds nor
	// indicators (the task list of a department form), as printed.
	Rows [][]string `json:"rows,omitempty" desc:"Rows of the form that are neither funds nor indicators (a department form's task list under its own header), cells as printed."`
}

// EvaluationFunds is one row of a form's funds grid, read.
type EvaluationFunds struct {
	Label string          `json:"label" desc:"The row's label as printed."`
	Cells []EvaluationNum `json:"cells" desc:"The row's cells in the order of funds_header (without the label)."`
}

// EvaluationNum is one number of a self-evaluation form.
type EvaluationNum struct {
	Column string `json:"column" desc:"The header of the cell's column, as printed."`
	// Role is budget, adjusted_budget, actual, weight, rate or score.
	Role    string `json:"role,omitempty" desc:"What the cell holds: budget (年初预算数), adjusted_budget (全年预算数), actual (全年执行数), weight (分值), rate (执行率, a percentage), score (得分); absent when the header is not a known one." enum:"budget,adjusted_budget,actual,weight,rate,score"`
	Printed string `json:"printed" desc:"The cell as printed."`
	Value   string `json:"value,omitempty" desc:"The number as an exact decimal (a rate in percent: 93.19% → 93.19); absent for a blank cell or a placeholder." pattern:"^-?[0-9]+(\\.[0-9]+)?$"`
	Unit    string `json:"unit,omitempty" desc:"The unit of an amount (万元 …); % for a rate."`
	Yuan    string `json:"yuan,omitempty" desc:"An amount converted to 元, when its unit is known." pattern:"^-?[0-9]+(\\.[0-9]+)?$"`
	// Placeholder marks a cell printed where nothing is computed.
	Placeholder bool `json:"placeholder,omitempty" desc:"The cell holds a placeholder, not a figure: a dash (—, --, /) or a ratio printed where none is computed (0.0% on a source row whose budget is not zero); it takes part in no check."`
}

// EvalIndicator is one indicator row of a self-evaluation form.
type EvalIndicator struct {
	Level1    string `json:"level1" desc:"一级指标, filled down."`
	Level2    string `json:"level2" desc:"二级指标, filled down."`
	Level3    string `json:"level3" desc:"三级指标."`
	Target    string `json:"target" desc:"年度指标值 (the target) as printed."`
	Actual    string `json:"actual" desc:"实际完成值 as printed."`
	Weight    string `json:"weight" desc:"分值 as printed."`
	Score     string `json:"score" desc:"得分 as printed."`
	Deviation string `json:"deviation" desc:"偏差原因分析及改进措施 as printed."`
	Page      int    `json:"page" desc:"The page of the row."`
	// TargetValue and ActualValue are the printed values parsed.
	TargetValue *Target `json:"target_value,omitempty" desc:"The target parsed like a project indicator's value, when it is a number or a deadline."`
	ActualValue *Target `json:"actual_value,omitempty" desc:"The achieved value parsed the same way."`
	WeightValue string  `json:"weight_value,omitempty" desc:"分值 as an exact decimal." pattern:"^-?[0-9]+(\\.[0-9]+)?$"`
	ScoreValue  string  `json:"score_value,omitempty" desc:"得分 as an exact decimal." pattern:"^-?[0-9]+(\\.[0-9]+)?$"`
}

// Section is a headed block of narrative.
type Section struct {
	Source     int      `json:"source" desc:"Index (in sources) of the file the section was read from."`
	Heading    string   `json:"heading" desc:"The heading as printed; empty for text before the first heading."`
	Topic      string   `json:"topic,omitempty" desc:"The section's topic by its heading (duties, institutions, overview, three_public, admin_operating, performance, procurement, assets, glossary, other), from config.yaml."`
	Paragraphs []string `json:"paragraphs" desc:"The paragraphs, wrapped lines joined."`
	Pages      []int    `json:"pages" desc:"The pages the section spans."`
}

// Statement is an amount stated in the narrative.
type Statement struct {
	// Key names the amount (admin_operating, three_public_total …).
	Key   string `json:"key" desc:"Which amount: three_public_total, outbound_travel, vehicles, vehicle_purchase, vehicle_operation, reception, admin_operating (from config.yaml)."`
	Topic string `json:"topic" desc:"The topic of the section it was read from."`
	// Section is the index of the narrative section it was read from.
	Section int `json:"section" desc:"Index (in narrative) of the section it was read from."`
	// Text is the words that state it.
	Text string `json:"text" desc:"The words that state it, white space removed."`
	// Basis is "budget" or "final_account" when the words say which
	// (年初预算为… / 支出决算为…), "" otherwise.
	Basis   string `json:"basis,omitempty" desc:"Whether the words state a budget (预算) or a final (决算) amount." enum:"budget,final_account"`
	Printed string `json:"printed" desc:"The amount and unit as printed."`
	Value   string `json:"value" desc:"The amount as an exact decimal in its unit." pattern:"^-?[0-9]+(\\.[0-9]+)?$"`
	Unit    string `json:"unit" desc:"The unit printed (元, 万元 …)."`
	Yuan    string `json:"yuan" desc:"The amount in 元." pattern:"^(-?[0-9]+(\\.[0-9]+)?)?$"`
}

// Check is the result of one arithmetic identity.
type Check struct {
	Rule string `json:"rule" desc:"The identity: row_total, row_subtotal, hierarchy, total_of_classes, summary_items, summary_total, summary_balance, fund_balance (年初 + 本年收入 − 本年支出 = 年末), cross_* between tables, form_* inside a self-evaluation form, narrative_* against the narrative."`
	// Tables are the ids of the tables the check reads.
	Tables []string `json:"tables" desc:"The ids of the tables (or self-evaluation forms) the check reads."`
	// Rows are the row indexes involved, per table, as "t03:4".
	Rows       []string `json:"rows" desc:"The rows involved, as table id:row index (narrative:N names a section, e01:funds:N and e01:indicator:N the rows of a form)."`
	Expected   string   `json:"expected" desc:"The printed amount that should equal the others (a total)."`
	Actual     string   `json:"actual" desc:"What the parts add up to, or the amount compared with."`
	Difference string   `json:"difference" desc:"expected minus actual."`
	Tolerance  string   `json:"tolerance" desc:"The largest difference rounding of the printed amounts explains."`
	// Status is pass, fail or warn.
	Status  string `json:"status" desc:"pass: holds within tolerance; fail: does not (an error of the document, or of reading it); warn: an approximate identity does not hold." enum:"pass,fail,warn"`
	Message string `json:"message,omitempty" desc:"The identity in words."`
}
