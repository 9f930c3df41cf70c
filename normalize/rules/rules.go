// Package rules holds the table-recognition rules of stage two and three:
// table kinds and their title patterns, page furniture, the department /
// year / unit lines, notes, index rows and the header aliases of canonical
// columns. The rules are data (the "rules" section of config.yaml); this
// package only types and compiles them.
//
// In: a Config (decoded from YAML by the caller, or by Load). Out: a Rules
// value whose methods classify line texts. Every pattern is a regexp2
// expression compiled with the configured match timeout; a pattern that
// times out counts as not matching.
package rules

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dlclark/regexp2"

	"github.com/cnbudget/cnbudget/normalize/internal/space"
	"golang.org/x/text/unicode/norm"
)

// Config is the "rules" section of config.yaml.
type Config struct {
	MatchTimeout    time.Duration   `mapstructure:"match_timeout"`
	TitleLine       TitleLineConfig `mapstructure:"title_line"`
	Kinds           []KindConfig    `mapstructure:"kinds"`
	PageFurniture   FurnitureConfig `mapstructure:"page_furniture"`
	Meta            MetaConfig      `mapstructure:"meta"`
	Notes           []string        `mapstructure:"notes"`
	EmptyNote       []string        `mapstructure:"empty_note"`
	IndexRow        []string        `mapstructure:"index_row"`
	SectionHeading  []string        `mapstructure:"section_heading"`
	HeadingMaxRunes int             `mapstructure:"section_heading_max_runes"`
	ItemNumber      []string        `mapstructure:"item_number"`
	BodyStart       []string        `mapstructure:"body_start"`
	Columns         []ColumnConfig  `mapstructure:"columns"`
	Measures        []PatternSet    `mapstructure:"measures"`
	Project         ProjectConfig   `mapstructure:"project"`
	Evaluation      EvalConfig      `mapstructure:"evaluation"`
	IdentityKinds   []string        `mapstructure:"identity_kinds"`
	Narrative       NarrativeConfig `mapstructure:"narrative"`
	// UnitCodeHeaders name a code column that numbers the department's
	// units, not classification codes.
	UnitCodeHeaders []string `mapstructure:"unit_code_headers"`
}

// NarrativeConfig holds the topics of narrative sections and the amounts
// the narrative states.
type NarrativeConfig struct {
	// Topics name a section by its heading (white space removed).
	Topics []PatternSet `mapstructure:"topics"`
	// Statements find amounts in the paragraphs of a topic.
	Statements []StatementConfig `mapstructure:"statements"`
}

// StatementConfig finds one stated amount. Its patterns match a paragraph
// with white space removed and have the groups "amount" and "unit"; the
// first paragraph of a section of Topic that matches wins (sections with no
// known topic are read after them). Targets name the table kind and column
// key the amount must equal; the first target the document has is checked.
type StatementConfig struct {
	Key      string         `mapstructure:"key"`
	Topic    string         `mapstructure:"topic"`
	Patterns []string       `mapstructure:"patterns"`
	Targets  []TargetColumn `mapstructure:"targets"`
	// Ratio makes the statement a percentage of two others (完成预算的
	// 80.31% of 支出决算 over 支出预算), checked against them.
	Ratio *RatioConfig `mapstructure:"ratio"`
}

// RatioConfig names the statements a stated percentage divides.
type RatioConfig struct {
	Numerator   string `mapstructure:"numerator"`
	Denominator string `mapstructure:"denominator"`
}

// TargetColumn is a column of a kind of table. When several columns have
// the key, those whose header path contains Header are preferred. An
// approximate target is compared as well as the first exact one, and a
// difference is a warning (机关运行经费 is mostly, not always, the 公用经费
// of the basic expenditure).
type TargetColumn struct {
	Table       string `mapstructure:"table"`
	Column      string `mapstructure:"column"`
	Header      string `mapstructure:"header"`
	Approximate bool   `mapstructure:"approximate"`
	// Measure, when set, takes only columns of that measure (budget,
	// actual …).
	Measure string `mapstructure:"measure"`
	// Row, when set, is a pattern the row's name matches (收入总计), and
	// Side the half of a two-sided table it stands in.
	Row  string `mapstructure:"row"`
	Side string `mapstructure:"side"`
}

// StatementRule is a compiled StatementConfig.
type StatementRule struct {
	Key, Topic string
	Targets    []TargetColumn
	Ratio      *RatioConfig
	res        []*pattern
	rows       []*pattern // per target, the compiled Row ("" → nil)
}

// RowMatches reports whether a row's name is the one target i names (any
// row when the target names none).
func (s *StatementRule) RowMatches(i int, name string) bool {
	if i >= len(s.rows) || s.rows[i] == nil {
		return true
	}
	return matchAny(s.rows[i:i+1], Squeeze(name))
}

// Find returns the first amount the rule finds in text: the matched text,
// the printed amount and its unit.
func (s *StatementRule) Find(text string) (match, amount, unit string, ok bool) {
	return s.FindText(NewText(text))
}

// Text is a line or paragraph prepared for matching against many
// patterns: squeezed and indexed once; its runes, which the matcher needs,
// are made the first time a pattern may match.
type Text struct {
	s     string
	rs    []rune
	mask  runeMask
	first rune // the first rune (0 for an empty text)
	n     int  // runes
}

// NewText prepares text for FindText.
func NewText(s string) *Text {
	t := text(Squeeze(s))
	return &t
}

// text prepares s, already squeezed (or to be matched as it is).
func text(s string) Text {
	t := Text{s: s}
	for _, r := range s {
		if t.n == 0 {
			t.first = r
		}
		t.n++
		t.mask.add(r)
	}
	return t
}

func (t *Text) runes() []rune {
	if t.rs == nil {
		t.rs = []rune(t.s)
	}
	return t.rs
}

// FindText is Find on a prepared text.
func (s *StatementRule) FindText(t *Text) (match, amount, unit string, ok bool) {
	for _, re := range s.res {
		if !re.may(t) {
			continue
		}
		m, err := re.FindRunesMatch(t.runes())
		if err != nil || m == nil {
			continue
		}
		a, u := m.GroupByName("amount"), m.GroupByName("unit")
		if a == nil || a.Length == 0 {
			continue
		}
		unit := ""
		if u != nil {
			unit = u.String()
		}
		return m.String(), a.String(), unit, true
	}
	return "", "", "", false
}

// ProjectConfig holds the labels of project performance-goal tables.
type ProjectConfig struct {
	// IndicatorParagraph reads indicators printed as one paragraph.
	IndicatorParagraph ParagraphConfig `mapstructure:"indicator_paragraph"`
	Fields             []PatternSet    `mapstructure:"fields"`
	Blocks             []PatternSet    `mapstructure:"blocks"`
	PlanStep           string          `mapstructure:"plan_step"`
	Indicators         []PatternSet    `mapstructure:"indicators"`
	// Level1Values are the values of the first indicator level (产出指标 …).
	Level1Values []string     `mapstructure:"level1_values"`
	Target       TargetConfig `mapstructure:"target"`
}

// EvalConfig holds the labels of the self-evaluation forms of a final
// account (绩效自评表).
type EvalConfig struct {
	Fields       []PatternSet `mapstructure:"fields"`
	FundsBlock   []string     `mapstructure:"funds_block"`
	FundsColumns []PatternSet `mapstructure:"funds_columns"`
	Placeholder  string       `mapstructure:"placeholder"`
	GoalBlock    []string     `mapstructure:"goal_block"`
	GoalExpected []string     `mapstructure:"goal_expected"`
	GoalActual   []string     `mapstructure:"goal_actual"`
	Indicators   []PatternSet `mapstructure:"indicators"`
	TotalRow     []string     `mapstructure:"total_row"`
}

// ParagraphConfig says how a project's indicators printed as one
// paragraph are read: the header of the column that holds them, where an
// item begins, what parts its fields, the number before a level's name,
// and the labels of the indicator's value and of the other value printed.
type ParagraphConfig struct {
	Column      string `mapstructure:"column"`
	Item        string `mapstructure:"item"`
	Field       string `mapstructure:"field"`
	Level       string `mapstructure:"level"`
	Value       string `mapstructure:"value"`
	Description string `mapstructure:"description"`
}

// TargetConfig says how indicator values (≥95%, ≤147.14万元, 12月底) are
// parsed.
type TargetConfig struct {
	// Comparators: key is the normalized comparator (>=, <=, >, <, =),
	// patterns match the printed one at the start of the value.
	Comparators []PatternSet `mapstructure:"comparators"`
	// Number matches the number after the comparator.
	Number string `mapstructure:"number"`
	// Deadline matches a deadline; its group "month" is the month.
	Deadline []string `mapstructure:"deadline"`
	// Units maps printed units to canonical ones (百分比 → %).
	Units map[string]string `mapstructure:"units"`
	// MaxUnitRunes bounds what may follow the number as its unit.
	MaxUnitRunes int `mapstructure:"max_unit_runes"`
}

// PatternSet names a set of patterns.
type PatternSet struct {
	Key      string   `mapstructure:"key"`
	Patterns []string `mapstructure:"patterns"`
}

// TitleLineConfig limits which lines may be table titles.
type TitleLineConfig struct {
	MaxRunes int `mapstructure:"max_runes"`
	// Never lists characters no title holds (sentence punctuation): a
	// line holding one is not tried against the title patterns, nor
	// joined with the next into a title.
	Never          string   `mapstructure:"never"`
	Reject         []string `mapstructure:"reject"`
	Suffix         string   `mapstructure:"suffix"`
	MaxPrefixRunes int      `mapstructure:"max_prefix_runes"`
}

// FurnitureConfig holds the page-furniture patterns.
type FurnitureConfig struct {
	MarginShare float64  `mapstructure:"margin_share"`
	Anywhere    []string `mapstructure:"anywhere"`
	Margins     []string `mapstructure:"margins"`
}

// KindConfig describes one kind of table.
type KindConfig struct {
	MaxPrefixRunes int `mapstructure:"max_prefix_runes"`
	// Fallback kinds are taken only when no other kind matches.
	Fallback bool     `mapstructure:"fallback"`
	Kind     string   `mapstructure:"kind"`
	Label    string   `mapstructure:"label"`
	Titles   []string `mapstructure:"titles"`
	Exclude  []string `mapstructure:"exclude"`
}

// MetaConfig holds the patterns of the lines printed under a title.
type MetaConfig struct {
	Unit               []string `mapstructure:"unit"`
	Year               []string `mapstructure:"year"`
	Department         []string `mapstructure:"department"`
	DepartmentCodeLine string   `mapstructure:"department_code_line"`
	// DepartmentClipped reads a department code and the start of a name
	// its cell clipped (754 富顺县文化广电), trusted only beside other
	// meta parts of one line.
	DepartmentClipped string   `mapstructure:"department_clipped"`
	AsOf              []string `mapstructure:"as_of"`
	TableNumber       []string `mapstructure:"table_number"`
	Cover             []string `mapstructure:"cover"`
	CoverReject       []string `mapstructure:"cover_reject"`
	// NarrativeDepartment finds the department's name at the start of a
	// narrative paragraph (group dept); DepartmentLabels label it in a
	// form, Organisation tells a value that is an organisation's name.
	NarrativeDepartment []string `mapstructure:"narrative_department"`
	DepartmentLabels    []string `mapstructure:"department_labels"`
	Organisation        string   `mapstructure:"organisation"`
	RegionPrefix        string   `mapstructure:"region_prefix"`
	Provinces           []string `mapstructure:"provinces"`
}

// ColumnConfig maps header texts to a canonical column key, and says how
// the column adds up.
type ColumnConfig struct {
	Key     string   `mapstructure:"key"`
	Aliases []string `mapstructure:"aliases"`
	// Patterns match headers no alias names exactly ("2026年政府采购项目"),
	// tried in order after every alias.
	Patterns []string `mapstructure:"patterns"`
	// Children are the keys of the columns that sum to this one.
	Children []string `mapstructure:"children"`
	// Subtotal marks a column checked apart from the table's total.
	Subtotal bool `mapstructure:"subtotal"`
	// Part, when false, keeps the column out of the total's parts.
	Part *bool `mapstructure:"part"`
	// Money, when false, says the column's figures are no money (an
	// indicator's target, in a unit of its own row: 70000 批次, 100 %):
	// they are read as counts, without the table's unit.
	Money *bool `mapstructure:"money"`
}

// ColumnInfo is what the row identities need to know of a column key.
type ColumnInfo struct {
	Children []string
	Subtotal bool
	NotPart  bool
	NotMoney bool
}

// Rules is a compiled Config.
type Rules struct {
	kinds           []kindRule
	titleReject     []*pattern
	titleMaxRunes   int
	titleSuffix     *pattern
	titlePrefix     int
	marginShare     float64
	furnitureEdge   []*pattern
	headingMaxRunes int
	furniture       []*pattern
	unit            []*pattern
	year            []*pattern
	department      []*pattern
	deptCodeLine    *pattern
	deptClipped     *pattern
	titleKeys       keySet // a title holds one of these runes
	titleNever      string // and none of these
	asOf            []*pattern
	tableNumber     []*pattern
	notes           []*pattern
	emptyNote       []*pattern
	indexRow        []*pattern
	sectionHeading  []*pattern
	itemNumber      []*pattern
	bodyStart       []*pattern
	columns         map[string]string // alias (squeezed) -> key
	columnPatterns  []keyed
	colInfo         map[string]ColumnInfo
	measures        []keyed
	para            [6]*pattern // column, item, field, level, value, description
	evalFields      []keyed
	evalFundsBlock  []*pattern
	evalFundsCols   []keyed
	evalPlaceholder []*pattern
	evalGoalBlock   []*pattern
	evalGoalExp     []*pattern
	evalGoalAct     []*pattern
	evalIndicators  []keyed
	evalTotal       []*pattern
	identityKinds   map[string]bool
	unitCodeHeaders []*pattern
	projFields      []keyed
	projBlocks      []keyed
	projIndicators  []keyed
	level1Values    []*pattern
	planStep        *pattern
	comparators     []keyed
	targetNumber    *pattern
	deadline        []*pattern
	targetUnits     map[string]string
	maxUnitRunes    int
	cover           []*pattern
	coverReject     []*pattern
	narrativeDept   []*pattern
	deptLabels      map[string]bool
	organisation    []*pattern
	regionPrefix    *pattern
	provinces       []string
	topics          []keyed
	statements      []StatementRule
	labels          map[string]string // kind -> label
}

type keyed struct {
	key string
	res []*pattern
}

type kindRule struct {
	kind      string
	fallback  bool
	maxPrefix int
	titles    []*pattern
	exclude   []*pattern
}

// Compile checks and compiles c.
func Compile(c Config) (*Rules, error) {
	// No timeout by default: a match that timed out would read as no
	// match, and whether it times out depends on the machine's load, so
	// the outputs would too. A pathological pattern is bounded by the
	// per-file deadline of a batch (its worker is killed).
	timeout := c.MatchTimeout
	if timeout <= 0 {
		timeout = regexp2.DefaultMatchTimeout
	}
	var firstErr error
	compile := func(where string, pats []string) []*pattern {
		out := make([]*pattern, 0, len(pats))
		for i, p := range pats {
			re, err := regexp2.Compile(p, regexp2.None)
			if err != nil {
				if firstErr == nil {
					firstErr = fmt.Errorf("rules: %s[%d] %q: %w", where, i, p, err)
				}
				continue
			}
			re.MatchTimeout = timeout
			out = append(out, newPattern(re, p))
		}
		return out
	}
	r := &Rules{
		titleReject:    compile("title_line.reject", c.TitleLine.Reject),
		titleMaxRunes:  c.TitleLine.MaxRunes,
		furniture:      compile("page_furniture.anywhere", c.PageFurniture.Anywhere),
		furnitureEdge:  compile("page_furniture.margins", c.PageFurniture.Margins),
		marginShare:    c.PageFurniture.MarginShare,
		titlePrefix:    c.TitleLine.MaxPrefixRunes,
		unit:           compile("meta.unit", c.Meta.Unit),
		year:           compile("meta.year", c.Meta.Year),
		department:     compile("meta.department", c.Meta.Department),
		asOf:           compile("meta.as_of", c.Meta.AsOf),
		tableNumber:    compile("meta.table_number", c.Meta.TableNumber),
		notes:          compile("notes", c.Notes),
		emptyNote:      compile("empty_note", c.EmptyNote),
		indexRow:       compile("index_row", c.IndexRow),
		sectionHeading: compile("section_heading", c.SectionHeading),
		itemNumber:     compile("item_number", c.ItemNumber),
		bodyStart:      compile("body_start", c.BodyStart),
		columns:        map[string]string{},
		labels:         map[string]string{},
	}
	if c.TitleLine.Suffix != "" {
		if res := compile("title_line.suffix", []string{c.TitleLine.Suffix}); len(res) == 1 {
			r.titleSuffix = res[0]
		}
	}
	if c.Meta.DepartmentCodeLine != "" {
		if res := compile("meta.department_code_line", []string{c.Meta.DepartmentCodeLine}); len(res) == 1 {
			r.deptCodeLine = res[0]
		}
	}
	if c.Meta.DepartmentClipped != "" {
		if res := compile("meta.department_clipped", []string{c.Meta.DepartmentClipped}); len(res) == 1 {
			r.deptClipped = res[0]
		}
	}
	keyedSets := func(where string, sets []PatternSet) []keyed {
		out := make([]keyed, 0, len(sets))
		for _, s := range sets {
			out = append(out, keyed{s.Key, compile(where+"."+s.Key, s.Patterns)})
		}
		return out
	}
	r.projFields = keyedSets("project.fields", c.Project.Fields)
	r.projBlocks = keyedSets("project.blocks", c.Project.Blocks)
	r.projIndicators = keyedSets("project.indicators", c.Project.Indicators)
	r.level1Values = compile("project.level1_values", c.Project.Level1Values)
	if c.Project.PlanStep != "" {
		if res := compile("project.plan_step", []string{c.Project.PlanStep}); len(res) == 1 {
			r.planStep = res[0]
		}
	}
	r.measures = keyedSets("measures", c.Measures)
	pc := c.Project.IndicatorParagraph
	for i, src := range []string{pc.Column, pc.Item, pc.Field, pc.Level, pc.Value, pc.Description} {
		if src == "" {
			continue
		}
		if res := compile(fmt.Sprintf("project.indicator_paragraph[%d]", i), []string{src}); len(res) == 1 {
			r.para[i] = res[0]
		}
	}
	ev := c.Evaluation
	r.evalFields = keyedSets("evaluation.fields", ev.Fields)
	r.evalFundsBlock = compile("evaluation.funds_block", ev.FundsBlock)
	r.evalFundsCols = keyedSets("evaluation.funds_columns", ev.FundsColumns)
	if ev.Placeholder != "" {
		r.evalPlaceholder = compile("evaluation.placeholder", []string{ev.Placeholder})
	}
	r.evalGoalBlock = compile("evaluation.goal_block", ev.GoalBlock)
	r.evalGoalExp = compile("evaluation.goal_expected", ev.GoalExpected)
	r.evalGoalAct = compile("evaluation.goal_actual", ev.GoalActual)
	r.evalIndicators = keyedSets("evaluation.indicators", ev.Indicators)
	r.evalTotal = compile("evaluation.total_row", ev.TotalRow)
	r.cover = compile("meta.cover", c.Meta.Cover)
	r.coverReject = compile("meta.cover_reject", c.Meta.CoverReject)
	r.narrativeDept = compile("meta.narrative_department", c.Meta.NarrativeDepartment)
	r.deptLabels = map[string]bool{}
	for _, l := range c.Meta.DepartmentLabels {
		r.deptLabels[Squeeze(l)] = true
	}
	if c.Meta.Organisation != "" {
		r.organisation = compile("meta.organisation", []string{c.Meta.Organisation})
	}
	if c.Meta.RegionPrefix != "" {
		if res := compile("meta.region_prefix", []string{c.Meta.RegionPrefix}); len(res) == 1 {
			r.regionPrefix = res[0]
		}
	}
	r.provinces = c.Meta.Provinces
	r.topics = keyedSets("narrative.topics", c.Narrative.Topics)
	for i, s := range c.Narrative.Statements {
		if s.Key == "" && firstErr == nil {
			firstErr = fmt.Errorf("rules: narrative.statements[%d] has no key", i)
		}
		st := StatementRule{
			Key: s.Key, Topic: s.Topic, Targets: s.Targets, Ratio: s.Ratio,
			res: compile("narrative.statements."+s.Key, s.Patterns),
		}
		for j, tg := range s.Targets {
			var row *pattern
			if tg.Row != "" {
				if res := compile(fmt.Sprintf("narrative.statements.%s.targets[%d].row", s.Key, j), []string{tg.Row}); len(res) == 1 {
					row = res[0]
				}
			}
			st.rows = append(st.rows, row)
		}
		r.statements = append(r.statements, st)
	}
	r.comparators = keyedSets("project.target.comparators", c.Project.Target.Comparators)
	if c.Project.Target.Number != "" {
		if res := compile("project.target.number", []string{c.Project.Target.Number}); len(res) == 1 {
			r.targetNumber = res[0]
		}
	}
	r.deadline = compile("project.target.deadline", c.Project.Target.Deadline)
	r.targetUnits = map[string]string{}
	for k, v := range c.Project.Target.Units {
		r.targetUnits[Squeeze(k)] = v
	}
	r.maxUnitRunes = c.Project.Target.MaxUnitRunes
	if r.maxUnitRunes <= 0 {
		r.maxUnitRunes = 8
	}
	r.headingMaxRunes = c.HeadingMaxRunes
	if r.headingMaxRunes <= 0 {
		r.headingMaxRunes = 40
	}
	if r.titleMaxRunes <= 0 {
		r.titleMaxRunes = 120
	}
	if len(c.Kinds) == 0 && firstErr == nil {
		firstErr = fmt.Errorf("rules: no table kinds configured")
	}
	seen := map[string]bool{}
	for i, k := range c.Kinds {
		if k.Kind == "" {
			if firstErr == nil {
				firstErr = fmt.Errorf("rules: kinds[%d] has no kind", i)
			}
			continue
		}
		if seen[k.Kind] && firstErr == nil {
			firstErr = fmt.Errorf("rules: kind %q configured twice", k.Kind)
		}
		seen[k.Kind] = true
		r.kinds = append(r.kinds, kindRule{
			kind:      k.Kind,
			fallback:  k.Fallback,
			maxPrefix: k.MaxPrefixRunes,
			titles:    compile("kinds."+k.Kind+".titles", k.Titles),
			exclude:   compile("kinds."+k.Kind+".exclude", k.Exclude),
		})
		r.labels[k.Kind] = k.Label
	}
	var titles [][]*pattern
	for _, k := range r.kinds {
		titles = append(titles, k.titles)
	}
	r.titleKeys = newKeySet(titles...)
	r.titleNever = c.TitleLine.Never
	r.unitCodeHeaders = compile("unit_code_headers", c.UnitCodeHeaders)
	r.identityKinds = map[string]bool{}
	for _, k := range c.IdentityKinds {
		r.identityKinds[k] = true
	}
	r.colInfo = map[string]ColumnInfo{}
	for _, col := range c.Columns {
		r.colInfo[col.Key] = ColumnInfo{Children: col.Children, Subtotal: col.Subtotal, NotPart: col.Part != nil && !*col.Part,
			NotMoney: col.Money != nil && !*col.Money}
		for _, a := range col.Aliases {
			a = Squeeze(a)
			if _, dup := r.columns[a]; !dup {
				r.columns[a] = col.Key
			}
		}
		if len(col.Patterns) > 0 {
			r.columnPatterns = append(r.columnPatterns, keyed{col.Key, compile("columns."+col.Key+".patterns", col.Patterns)})
		}
	}
	if firstErr != nil {
		return nil, firstErr
	}
	return r, nil
}

// Squeeze removes all white space from s.
func Squeeze(s string) string { return space.Drop(s) }

// matchAny reports whether one of res matches s. regexp2 works on runes:
// s is converted once for all patterns, and only when one may match.
func matchAny(res []*pattern, s string) bool {
	if len(res) == 0 {
		return false
	}
	t := text(s)
	return matchText(res, &t)
}

func matchText(res []*pattern, t *Text) bool {
	for _, re := range res {
		if !re.may(t) {
			continue
		}
		if ok, err := re.MatchRunes(t.runes()); ok && err == nil {
			return true
		}
	}
	return false
}

func group(res []*pattern, s, name string) (string, bool) {
	if len(res) == 0 {
		return "", false
	}
	t := text(s)
	for _, re := range res {
		if !re.may(&t) {
			continue
		}
		m, err := re.FindStringMatch(s)
		if err != nil || m == nil {
			continue
		}
		if g := m.GroupByName(name); g != nil && g.Length > 0 {
			return g.String(), true
		}
		return "", true
	}
	return "", false
}

// TitleKind returns the kind of table titled by line, or "" when line is not
// a table title. The line is squeezed before matching.
func (r *Rules) TitleKind(line string) string {
	k, _ := r.TitleMatch(line)
	return k
}

// TitleMatch returns the kind of table titled by line and the pattern that
// chose it. Kinds are tried in the configured order, the most specific
// first (项目支出表 before 支出表): the first whose pattern matches, and no
// exclude pattern, wins; a fallback kind (other) only when none does.
func (r *Rules) TitleMatch(line string) (kind, pattern string) {
	if !r.titleKeys.may(line) || r.NeverTitle(line) {
		return "", ""
	}
	t := text(Squeeze(line))
	if t.s == "" || len(t.s) > 4*r.titleMaxRunes || utf8.RuneCountInString(t.s) > r.titleMaxRunes {
		return "", ""
	}
	for _, fallback := range []bool{false, true} {
		for _, k := range r.kinds {
			if k.fallback != fallback {
				continue
			}
			maxPrefix := r.titlePrefix
			if k.maxPrefix != 0 {
				maxPrefix = k.maxPrefix
			}
			for _, re := range k.titles {
				if !re.possible(t.mask) || !r.titleMatch(re, t.runes(), maxPrefix) {
					continue
				}
				if matchText(r.titleReject, &t) {
					return "", ""
				}
				if matchText(k.exclude, &t) {
					break
				}
				return k.kind, re.String()
			}
		}
	}
	return "", ""
}

// NeverTitle reports whether a line holds a character no title holds
// (title_line.never): neither it nor a title it would begin can be one.
func (r *Rules) NeverTitle(line string) bool {
	return r.titleNever != "" && strings.ContainsAny(line, r.titleNever)
}

// titleMatch reports whether re matches s as a title: little before the
// match and only an allowed qualifier after it.
func (r *Rules) titleMatch(re *pattern, rs []rune, maxPrefix int) bool {
	suffixOK := func(end int) bool {
		if r.titleSuffix == nil {
			return true
		}
		ok, err := r.titleSuffix.MatchString(string(rs[end:]))
		return err == nil && ok
	}
	m, err := re.FindRunesMatch(rs)
	for ; err == nil && m != nil; m, err = re.FindNextMatch(m) {
		start, end := m.Index, m.Index+m.Length
		if maxPrefix > 0 && start > maxPrefix {
			continue
		}
		if suffixOK(end) {
			return true
		}
		// A greedy pattern may have run past the title into its qualifier
		// (一般公共预算支出表（预算表5）): try the text cut after each
		// earlier 表 of the match.
		for e := start + 1; e < end; e++ {
			if rs[e-1] != '表' || !suffixOK(e) {
				continue
			}
			if sub, err := re.FindRunesMatch(rs[:e]); err == nil && sub != nil && sub.Index == start && sub.Index+sub.Length == e {
				return true
			}
		}
	}
	return false
}

// Kinds lists the configured table kinds in match order.
func (r *Rules) Kinds() []string {
	out := make([]string, len(r.kinds))
	for i, k := range r.kinds {
		out[i] = k.kind
	}
	return out
}

// Label returns the human-readable name of a kind.
func (r *Rules) Label(kind string) string { return r.labels[kind] }

// IsFurniture reports whether line is page furniture (a page number …);
// inMargin tells whether the line stands in the top or bottom margin.
func (r *Rules) IsFurniture(line string, inMargin bool) bool {
	s := Squeeze(line)
	return matchAny(r.furniture, s) || (inMargin && matchAny(r.furnitureEdge, s))
}

// InMargin reports whether a line spanning y0..y1 on a page of the given
// height stands in its top or bottom margin.
func (r *Rules) InMargin(y0, y1, height float64) bool {
	if height <= 0 {
		return false
	}
	m := r.marginShare * height
	return y1 <= m || y0 >= height-m
}

// Meta is what a department / year / unit line declares.
type Meta struct {
	Dept, DeptCode, Year, Unit string
	AsOf                       bool // a reference date (截止时间：…)
}

// MetaText reports whether line (one cell or run of a row) is one of the
// lines printed under a title, and what it declares.
func (r *Rules) MetaText(line string) (Meta, bool) {
	var m Meta
	found := false
	take := func(mt *regexp2.Match) {
		get := func(name string) string {
			if g := mt.GroupByName(name); g != nil {
				return g.String()
			}
			return ""
		}
		if v := get("dept"); v != "" && m.Dept == "" {
			m.Dept = v
		}
		if v := get("code"); v != "" && m.DeptCode == "" {
			m.DeptCode = v
		}
		if v := get("year"); v != "" && m.Year == "" {
			m.Year = v
		}
		if v := get("unit"); v != "" && m.Unit == "" {
			m.Unit = v
		}
		found = true
	}
	if r.deptCodeLine != nil {
		if trimmed := text(strings.TrimSpace(line)); r.deptCodeLine.may(&trimmed) {
			if mt, err := r.deptCodeLine.FindStringMatch(trimmed.s); err == nil && mt != nil {
				take(mt)
			}
		}
	}
	t := text(Squeeze(line))
	for _, set := range [][]*pattern{r.department, r.year, r.unit} {
		for _, re := range set {
			if !re.may(&t) {
				continue
			}
			if mt, err := re.FindRunesMatch(t.runes()); err == nil && mt != nil {
				take(mt)
				break
			}
		}
	}
	if matchText(r.asOf, &t) {
		m.AsOf, found = true, true
	}
	if !found && matchText(r.tableNumber, &t) {
		// The table's number (公开03表) on a line of its own: declares
		// nothing, and is no row.
		found = true
	}
	return m, found
}

// IsTableNumber reports whether a line is a table's number printed on its
// own (公开 03 表, 表二): cheaper than MetaText for a caller that wants
// only that.
func (r *Rules) IsTableNumber(line string) bool {
	t := text(Squeeze(line))
	return matchText(r.tableNumber, &t)
}

// ClippedDepartment reads a part of a meta line that is a department code
// and the start of a name its cell clipped (754 富顺县文化广电). The caller
// trusts it only beside other meta parts of the same line (a year, a
// unit): alone it could be a code and a classification name.
func (r *Rules) ClippedDepartment(part string) (Meta, bool) {
	if r.deptClipped == nil {
		return Meta{}, false
	}
	mt, err := r.deptClipped.FindStringMatch(strings.TrimSpace(part))
	if err != nil || mt == nil {
		return Meta{}, false
	}
	var m Meta
	if g := mt.GroupByName("code"); g != nil {
		m.DeptCode = g.String()
	}
	if g := mt.GroupByName("dept"); g != nil {
		m.Dept = g.String()
	}
	return m, m.Dept != ""
}

// MayBeMeta reports whether some part of a row, or several parts joined,
// may be a meta text (MetaText): it is false when no meta pattern finds the
// runes it needs among those of all the parts.
func (r *Rules) MayBeMeta(parts []string) bool {
	var m runeMask
	for _, p := range parts {
		m = m.or(maskOfString(p))
	}
	m = m.or(maskOfString(" "))
	if r.deptCodeLine != nil && r.deptCodeLine.possible(m) {
		return true
	}
	for _, set := range [][]*pattern{r.department, r.year, r.unit, r.asOf, r.tableNumber} {
		for _, re := range set {
			if re.possible(m) {
				return true
			}
		}
	}
	return false
}

// NarrativeDepartment returns the department's name a narrative
// paragraph opens with, if it opens with one.
func (r *Rules) NarrativeDepartment(paragraph string) (string, bool) {
	s := Squeeze(paragraph)
	if v, ok := group(r.narrativeDept, s, "dept"); ok {
		if r.organisation == nil || matchAny(r.organisation, v) {
			return v, true
		}
	}
	return "", false
}

// DepartmentField reports whether a form's label names the department and
// its value is an organisation's name.
func (r *Rules) DepartmentField(label, value string) bool {
	return r.deptLabels[Squeeze(label)] && (r.organisation == nil || matchAny(r.organisation, Squeeze(value)))
}

// IsEmptyNote reports whether a note says its table is empty on purpose.
func (r *Rules) IsEmptyNote(note string) bool { return matchAny(r.emptyNote, Squeeze(note)) }

// IsNote reports whether line starts a note (注：…).
func (r *Rules) IsNote(line string) bool { return matchAny(r.notes, Squeeze(line)) }

// IsIndexLabel reports whether cell is the label of an index row (栏次).
func (r *Rules) IsIndexLabel(cell string) bool { return matchAny(r.indexRow, Squeeze(cell)) }

// IsSectionHeading reports whether line is a numbered narrative heading.
func (r *Rules) IsSectionHeading(line string) bool {
	s := Squeeze(line)
	if len([]rune(s)) > r.headingMaxRunes || strings.HasSuffix(s, "。") {
		return false
	}
	return matchAny(r.sectionHeading, s)
}

// IsNumberedItem reports whether line opens with an item number (一、 1.
// (1) （一）): it starts an item of its own, and under a carry-over row it
// breaks that row down. White space is kept (1. 2026年 is numbered, 1.5 is
// not).
func (r *Rules) IsNumberedItem(line string) bool {
	return matchAny(r.itemNumber, strings.TrimSpace(line))
}

// IsBodyStart reports whether a row whose first text cell is cell belongs to
// the body of a table.
func (r *Rules) IsBodyStart(cell string) bool { return matchAny(r.bodyStart, Squeeze(cell)) }

// ColumnKey returns the canonical key of a header text, or "".
func (r *Rules) ColumnKey(header string) string {
	s := Squeeze(header)
	if k, ok := r.columns[s]; ok {
		return k
	}
	if len(r.columnPatterns) == 0 || s == "" {
		return ""
	}
	return keyOf(r.columnPatterns, s)
}

// Measure returns the measure a header label names (budget, actual,
// change, rate … as configured; "year" for a label that is a year alone),
// "" for none, and the year the label names (2025年预算数 → 2025), 0 for
// none.
func (r *Rules) Measure(label string) (measure string, year int) {
	s := Squeeze(label)
	if s == "" {
		return "", 0
	}
	if i := strings.Index(s, "年"); i >= 4 {
		if y, err := strconv.Atoi(s[i-4 : i]); err == nil && y >= 1900 && y < 2100 {
			year = y
		}
	}
	return keyOf(r.measures, s), year
}

// IsMeasureLabel reports whether a header label names only a measure
// (预算数, 决算数, 增减, 2021年) and no amount of its own: it says which
// figure the columns under (or over) it hold, not what they count.
func (r *Rules) IsMeasureLabel(label string) bool {
	m, _ := r.Measure(label)
	if m == "" {
		return false
	}
	k := r.ColumnKey(label)
	return k == "" || k == "total"
}

// StripMeasures returns a header path without a leaf label that only
// names a measure under a group that names an amount (因公出国（境）费/决算数
// → 因公出国（境）费, 合计/预算数 → 合计): the group says what the column
// counts. A leaf under a group that names no amount stays (收入/预算数: 收入
// is a side), as do measure labels over groups (预算数/合计), which keep
// the header's nesting.
func (r *Rules) StripMeasures(path []string) []string {
	if n := len(path); n >= 2 && r.IsMeasureLabel(path[n-1]) && r.ColumnKey(path[n-2]) != "" {
		return path[:n-1]
	}
	return path
}

// AddsUp reports whether the rows of a kind of table are sums to check.
func (r *Rules) AddsUp(kind string) bool { return r.identityKinds[kind] }

// Column returns how the column of a key adds up.
func (r *Rules) Column(key string) ColumnInfo { return r.colInfo[key] }

func keyOf(sets []keyed, s string) string {
	t := text(Squeeze(s))
	for _, k := range sets {
		if matchText(k.res, &t) {
			return k.key
		}
	}
	return ""
}

// EvalField returns the key of a labelled field of a self-evaluation
// form's head (project_name, department, implementer …), "" when cell is
// no such label.
func (r *Rules) EvalField(cell string) string { return keyOf(r.evalFields, cell) }

// IsEvalFundsBlock reports whether cell labels the funds block of a form
// (项目资金（万元）).
func (r *Rules) IsEvalFundsBlock(cell string) bool { return matchAny(r.evalFundsBlock, Squeeze(cell)) }

// EvalFundsColumn returns the role of a funds grid column by its header
// (budget, adjusted_budget, actual, weight, rate, score), "" for none.
func (r *Rules) EvalFundsColumn(cell string) string { return keyOf(r.evalFundsCols, cell) }

// IsEvalPlaceholder reports whether a cell holds a placeholder (—, --, /)
// rather than a figure.
func (r *Rules) IsEvalPlaceholder(cell string) bool {
	return matchAny(r.evalPlaceholder, Squeeze(cell))
}

// EvalGoal returns "block" for the label of a form's goals block
// (年度总体目标), "expected" and "actual" for the labels of its halves, ""
// otherwise.
func (r *Rules) EvalGoal(cell string) string {
	s := Squeeze(cell)
	switch {
	case matchAny(r.evalGoalExp, s):
		return "expected"
	case matchAny(r.evalGoalAct, s):
		return "actual"
	case matchAny(r.evalGoalBlock, s):
		return "block"
	}
	return ""
}

// EvalIndicatorField returns the field of a form's indicator header cell
// (level1 … deviation, group for 绩效指标), "" for none.
func (r *Rules) EvalIndicatorField(cell string) string { return keyOf(r.evalIndicators, cell) }

// IsEvalTotal reports whether cell labels a form's total row (总分).
func (r *Rules) IsEvalTotal(cell string) bool { return matchAny(r.evalTotal, Squeeze(cell)) }

// IsIndicatorParagraphColumn reports whether a column header names the
// column of a project list that prints each project's indicators as one
// paragraph (绩效指标).
func (r *Rules) IsIndicatorParagraphColumn(header string) bool {
	return r.para[0] != nil && matchAny(r.para[:1], Squeeze(header))
}

// ParagraphIndicator is one indicator read from a paragraph.
type ParagraphIndicator struct {
	Level1, Level2, Level3 string
	Description, Value     string
}

// ParagraphIndicators reads the indicators of one paragraph: an item per
// number (1、2、…), its fields the levels (their numbers taken off), the
// name and the labelled values.
func (r *Rules) ParagraphIndicators(text string) []ParagraphIndicator {
	item, field, level, val, desc := r.para[1], r.para[2], r.para[3], r.para[4], r.para[5]
	if item == nil || field == nil {
		return nil
	}
	rs := []rune(strings.TrimSpace(text))
	var starts, bodies []int
	m, err := item.FindRunesMatch(rs)
	for ; err == nil && m != nil; m, err = item.FindNextMatch(m) {
		starts = append(starts, m.Index)
		bodies = append(bodies, m.Index+m.Length)
	}
	var out []ParagraphIndicator
	for k := range starts {
		end := len(rs)
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		body := strings.TrimSpace(string(rs[bodies[k]:end]))
		body = strings.TrimRight(body, "。；; ")
		var ind ParagraphIndicator
		for _, f := range splitBy(field, body) {
			f = strings.TrimSpace(f)
			sq := Squeeze(f)
			switch {
			case f == "":
			case level != nil && prefixLen(level, sq) > 0 && (ind.Level1 == "" || ind.Level2 == ""):
				name := string([]rune(sq)[prefixLen(level, sq):])
				if ind.Level1 == "" {
					ind.Level1 = name
				} else {
					ind.Level2 = name
				}
			case val != nil && prefixLen(val, sq) > 0:
				ind.Value = string([]rune(sq)[prefixLen(val, sq):])
			case desc != nil && prefixLen(desc, sq) > 0:
				ind.Description = f
			case ind.Level3 == "":
				ind.Level3 = f
			default:
				ind.Level3 += "；" + f
			}
		}
		if ind != (ParagraphIndicator{}) {
			out = append(out, ind)
		}
	}
	return out
}

// prefixLen returns the length in runes of re's match at the start of s,
// 0 for none.
func prefixLen(re *pattern, s string) int {
	m, err := re.FindStringMatch(s)
	if err != nil || m == nil || m.Index != 0 {
		return 0
	}
	return m.Length
}

// splitBy cuts s at every match of re.
func splitBy(re *pattern, s string) []string {
	rs := []rune(s)
	var out []string
	last := 0
	m, err := re.FindRunesMatch(rs)
	for ; err == nil && m != nil; m, err = re.FindNextMatch(m) {
		out = append(out, string(rs[last:m.Index]))
		last = m.Index + m.Length
	}
	return append(out, string(rs[last:]))
}

// ProjectField returns the key of a labelled preamble field (code, name,
// amount …) when cell is its label.
func (r *Rules) ProjectField(cell string) string { return keyOf(r.projFields, fieldLabel(cell)) }

// fieldLabel returns a preamble label without what forms print after it:
// a colon, the unit of its value (年度资金总额：（万元）, 其他资金（万元）).
func fieldLabel(cell string) string {
	s := strings.TrimRight(Squeeze(cell), "：:")
	for _, u := range []string{"（万元）", "(万元)", "（元）", "(元)"} {
		s = strings.TrimSuffix(s, u)
	}
	if s = strings.TrimRight(s, "：:"); s == "" {
		return Squeeze(cell) // a colon or a unit alone: no label
	}
	return s
}

// ProjectBlock returns the key of a preamble block (purpose, plan, goal)
// when cell is its label.
func (r *Rules) ProjectBlock(cell string) string { return keyOf(r.projBlocks, cell) }

// IsUnitCodeHeader reports whether a code column's header names the
// codes of the department's units (部门代码, 单位编码), not classification
// codes.
func (r *Rules) IsUnitCodeHeader(header string) bool {
	return matchAny(r.unitCodeHeaders, Squeeze(header))
}

// IndicatorField returns the indicator field a header cell names.
func (r *Rules) IndicatorField(cell string) string { return keyOf(r.projIndicators, cell) }

// IsLevel1Value reports whether a cell is a value of the first indicator
// level (产出指标, 效益指标 …): the start of an indicator's row.
func (r *Rules) IsLevel1Value(cell string) bool { return matchAny(r.level1Values, Squeeze(cell)) }

// PlanStep parses a spending-plan cell: its label ("3月底") and the value
// printed in the same cell, if any.
func (r *Rules) PlanStep(cell string) (label, value string, ok bool) {
	if r.planStep == nil {
		return "", "", false
	}
	m, err := r.planStep.FindStringMatch(Squeeze(cell))
	if err != nil || m == nil {
		return "", "", false
	}
	return m.GroupByName("label").String(), m.GroupByName("value").String(), true
}

// Target is an indicator value parsed: a comparator, a number and a unit
// (≥95% → >=, 95, %), or a deadline month (12月底 → 12).
type Target struct {
	Comparator string
	Number     string
	Unit       string
	Month      int
}

// IndicatorTarget parses an indicator value; ok is false for values that
// are words (保障, 按照规定时间内完成).
func (r *Rules) IndicatorTarget(value string) (t Target, ok bool) {
	s := []rune(Squeeze(norm.NFKC.String(value)))
	if len(s) == 0 {
		return t, false
	}
	for _, re := range r.deadline {
		if m, err := re.FindRunesMatch(s); err == nil && m != nil {
			if g := m.GroupByName("month"); g != nil {
				if n, err := strconv.Atoi(g.String()); err == nil && n >= 1 && n <= 12 {
					return Target{Month: n}, true
				}
			}
		}
	}
	rest := s
	for _, k := range r.comparators {
		found := false
		for _, re := range k.res {
			if m, err := re.FindRunesMatch(rest); err == nil && m != nil && m.Index == 0 && m.Length > 0 {
				t.Comparator = k.key
				rest = rest[m.Length:]
				found = true
				break
			}
		}
		if found {
			break
		}
	}
	if r.targetNumber == nil {
		return Target{}, false
	}
	m, err := r.targetNumber.FindRunesMatch(rest)
	if err != nil || m == nil || m.Index != 0 {
		return Target{}, false
	}
	t.Number = strings.ReplaceAll(m.String(), ",", "")
	unit := string(rest[m.Length:])
	if len([]rune(unit)) > r.maxUnitRunes || strings.IndexFunc(unit, unicode.IsDigit) >= 0 {
		return Target{}, false
	}
	if u, ok := r.targetUnits[unit]; ok {
		unit = u
	}
	t.Unit = unit
	return t, true
}

// Topic returns the topic of a narrative section by its heading, or "".
func (r *Rules) Topic(heading string) string { return keyOf(r.topics, heading) }

// Statements returns the rules that find amounts in the narrative.
func (r *Rules) Statements() []StatementRule { return r.statements }

// Cover is what a document's cover title declares.
type Cover struct {
	Dept, Year, Scope, Stage string
}

// CoverTitle reads the cover title: the document's first lines, joined.
func (r *Rules) CoverTitle(text string) (Cover, bool) {
	rs := []rune(Squeeze(text))
	for _, re := range r.cover {
		m, err := re.FindRunesMatch(rs)
		if err != nil || m == nil {
			continue
		}
		get := func(name string) string {
			if g := m.GroupByName(name); g != nil {
				return g.String()
			}
			return ""
		}
		c := Cover{Dept: get("dept"), Year: get("year"), Scope: get("scope"), Stage: get("stage")}
		if c.Year == "" {
			c.Year = get("year2")
		}
		if matchAny(r.coverReject, c.Dept) {
			c.Dept = ""
		}
		// "北京市教育委员会部门2026年部门预算": the scope word is not part
		// of the name.
		for _, w := range []string{"部门", "单位"} {
			if s, ok := strings.CutSuffix(c.Dept, w); ok && len([]rune(s)) >= 4 {
				c.Dept = s
			}
		}
		return c, true
	}
	return Cover{}, false
}

// RegionName returns a department name without the prefixes that precede
// its region (中共), and the province it names first, if any.
func (r *Rules) RegionName(dept string) (name, province string) {
	name = dept
	if r.regionPrefix != nil {
		if m, err := r.regionPrefix.FindStringMatch(name); err == nil && m != nil && m.Index == 0 {
			name = string([]rune(name)[m.Length:])
		}
	}
	for _, p := range r.provinces {
		short := p
		for _, suf := range []string{"壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "省", "市"} {
			if s, ok := strings.CutSuffix(p, suf); ok {
				short = s
				break
			}
		}
		if strings.HasPrefix(name, short) {
			return name, p
		}
	}
	return name, ""
}
