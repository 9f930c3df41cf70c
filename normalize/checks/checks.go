// Package checks verifies the arithmetic identities of a disclosure: inside
// each table (a row's total equals the sum of its parts, a group column the
// sum of its members, a classification code's amount the sum of its
// children's, the total row the sum of the 类 rows, the two sides of a
// summary table) and across tables (the revenue table's total is the
// summary's income total, the general budget column of the appropriation
// summary is the general budget expenditure table's total, …).
//
// In: a schema.Document whose tables carry their columns and records, and
// the rules that say how columns add up. Out: one schema.Check per identity
// evaluated, with the expected and actual amounts, their difference and the
// rounding tolerance. Checks never change a number: a failure is reported,
// the printed value stays.
package checks

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/cnbudget/cnbudget/normalize/decimal"
	"github.com/cnbudget/cnbudget/normalize/rules"
	"github.com/cnbudget/cnbudget/schema"
)

// Statuses of a check.
const (
	Pass = "pass"
	Fail = "fail"
	// Warn is an approximate identity that does not hold (机关运行经费 in
	// the narrative against the 公用经费 of the tables).
	Warn = "warn"
)

// Run evaluates every identity that applies to d.
func Run(d *schema.Document, r *rules.Rules) []schema.Check {
	c := &checker{r: r, doc: d, out: []schema.Check{}}
	for i := range d.Tables {
		t := &d.Tables[i]
		if !r.AddsUp(t.Kind) {
			continue
		}
		for _, h := range halves(t) {
			c.rowSums(h)
			c.fundBalance(h)
			c.hierarchy(h)
			c.totalOfClasses(h)
		}
		if t.Kind == "budget_summary" || t.Kind == "appropriation_summary" {
			c.summary(t)
		}
	}
	c.crossTables()
	c.evaluations()
	c.narrative()
	return c.out
}

// halves returns the halves of a table printed in two halves side by side
// (left and right), each with its own columns and records, or the table
// itself. Summary tables (income and expenditure sides) are read whole:
// their own checks know their sides.
func halves(t *schema.Table) []*schema.Table {
	var sides []string
	for _, col := range t.Columns {
		if (col.Side == "left" || col.Side == "right") && (len(sides) == 0 || sides[len(sides)-1] != col.Side) {
			sides = append(sides, col.Side)
		}
	}
	if len(sides) < 2 {
		return []*schema.Table{t}
	}
	var out []*schema.Table
	for _, s := range sides {
		h := *t
		h.Columns, h.Records = nil, nil
		for _, col := range t.Columns {
			if col.Side == s {
				h.Columns = append(h.Columns, col)
			}
		}
		for _, rec := range t.Records {
			if rec.Side == s {
				h.Records = append(h.Records, rec)
			}
		}
		out = append(out, &h)
	}
	return out
}

type checker struct {
	r   *rules.Rules
	doc *schema.Document
	out []schema.Check
}

// value is one amount taking part in a check.
type value struct {
	d     decimal.Dec
	blank bool
	yuan  decimal.Dec // the amount in 元, when the unit is known
	hasY  bool
}

func amountAt(rec *schema.Record, col int) value {
	for _, a := range rec.Amounts {
		if a.Column == col {
			v := value{}
			d, err := decimal.Parse(a.Value)
			if err != nil {
				return value{blank: true}
			}
			v.d = d
			if a.Yuan != "" {
				if y, err := decimal.Parse(a.Yuan); err == nil {
					v.yuan, v.hasY = y, true
				}
			}
			return v
		}
	}
	return value{blank: true}
}

// add records a check of expected = Σ parts.
func (c *checker) add(rule, msg string, tables []string, rows []string, expected value, parts []value, exact bool) {
	var sum decimal.Dec
	scale := 0
	n := 0
	for _, p := range parts {
		if p.blank {
			continue
		}
		sum = sum.Add(p.d)
		scale = max(scale, p.d.Scale())
		n++
	}
	if expected.blank && n == 0 {
		return // nothing printed on either side
	}
	if !expected.blank {
		scale = max(scale, expected.d.Scale())
	}
	var exp decimal.Dec
	if !expected.blank {
		exp = expected.d
	}
	diff := exp.Sub(sum)
	// Every printed amount is rounded on its own: each part may be off by
	// one unit of the last printed digit. Amounts printed with fewer
	// digits than the others (943865000 beside 943864999.96: a
	// spreadsheet's General format) may each be off by half a unit of
	// their own last digit.
	tol := decimal.Unit(scale).Mul(int64(max(n, 1)))
	var half decimal.Dec
	for i := -1; i < len(parts); i++ {
		v := expected
		if i >= 0 {
			v = parts[i]
		}
		if !v.blank && !v.d.IsZero() {
			half = half.Add(decimal.Unit(v.d.Scale() + 1).Mul(5))
		}
	}
	if half.Cmp(tol) > 0 {
		tol = half
	}
	status := Pass
	if diff.Abs().Cmp(tol) > 0 {
		status = Fail
		if !exact {
			status = Warn
		}
	}
	c.out = append(c.out, schema.Check{
		Rule:       rule,
		Tables:     tables,
		Rows:       rows,
		Expected:   exp.String(),
		Actual:     sum.String(),
		Difference: diff.String(),
		Tolerance:  tol.String(),
		Status:     status,
		Message:    msg,
	})
}

// headerLeaf returns the last element of a column's header path.
func headerLeaf(h string) string {
	if i := strings.LastIndex(h, "/"); i >= 0 {
		return h[i+1:]
	}
	return h
}

// rowSums checks, on every row, the sums the header states: a group's
// subtotal column (小计, 合计, …总数) equals the sum of the other columns of
// the group, and the table's total column the sum of the groups and columns
// beside it. The header's nesting says what adds up to what; columns that
// name a breakdown (其中…, 扣除…) or are marked as no part are left out.
func (c *checker) rowSums(t *schema.Table) {
	// Each measure (预算数 | 决算数, 上年 | 本年 | 增减) holds a tree of sums
	// of its own, read from the header without the labels that only name
	// the measure; ratios add up to nothing.
	roots := map[string]*node{}
	var order []string
	for i := range t.Columns {
		col := &t.Columns[i]
		if col.Role != "amount" || col.Breakdown || c.r.Column(col.Key).NotPart || col.Measure == "rate" {
			continue
		}
		path := c.r.StripMeasures(strings.Split(col.Header, "/"))
		if col.Header == "" {
			path = []string{fmt.Sprintf("#%d", col.Index)}
		}
		// Under a group that is never a part (the 政府采购 memo columns),
		// no column is.
		memo := false
		for _, p := range path[:len(path)-1] {
			if c.r.Column(c.r.ColumnKey(p)).NotPart {
				memo = true
			}
		}
		if memo {
			continue
		}
		m := col.Measure
		if roots[m] == nil {
			roots[m] = &node{}
			order = append(order, m)
		}
		roots[m].insert(path, col)
	}
	var ids []identity
	for _, m := range order {
		roots[m].identities(c.r, &ids)
	}
	for k := range ids {
		ids[k] = c.resolve(t, ids[k])
	}
	for i := range t.Records {
		rec := &t.Records[i]
		for _, id := range ids {
			if len(id.parts) == 0 || !recordHasColumns(rec, append([]*schema.Column{id.sum}, id.parts...)) {
				continue
			}
			var ps []value
			for _, p := range id.parts {
				ps = append(ps, amountAt(rec, p.Index))
			}
			c.add(id.rule, fmt.Sprintf("%s: %s = %s on %s", t.Kind, colName(*id.sum), colNames(id.parts), rowLabel(rec)),
				[]string{t.ID}, []string{fmt.Sprintf("%s:%d", t.ID, rec.Row)}, amountAt(rec, id.sum.Index), ps, true)
		}
	}
}

// resolve decides whether the columns labelled 其中… of an identity are
// parts of the sum (其中：基本支出 | 项目支出, a split) or a breakdown of one
// of them (其中：政府采购): the reading under which more rows of the table
// balance wins, a breakdown on a tie.
func (c *checker) resolve(t *schema.Table, id identity) identity {
	if len(id.maybe) == 0 {
		return id
	}
	var without []*schema.Column
	for _, p := range id.parts {
		if !id.maybe[p] {
			without = append(without, p)
		}
	}
	// Rows whose total is zero balance under any reading: only the others
	// tell the readings apart.
	nonZero := 0
	for i := range t.Records {
		if v := amountAt(&t.Records[i], id.sum.Index); !v.blank && !v.d.IsZero() {
			nonZero++
		}
	}
	balanced := func(parts []*schema.Column) int {
		n := 0
		for i := range t.Records {
			rec := &t.Records[i]
			total := amountAt(rec, id.sum.Index)
			if total.blank || total.d.IsZero() {
				continue
			}
			var sum decimal.Dec
			for _, p := range parts {
				if v := amountAt(rec, p.Index); !v.blank {
					sum = sum.Add(v.d)
				}
			}
			tol := decimal.Unit(max(total.d.Scale(), 2)).Mul(int64(len(parts) + 1))
			if total.d.Sub(sum).Abs().Cmp(tol) <= 0 {
				n++
			}
		}
		return n
	}
	if len(without) == 0 {
		// Only 其中 columns under the sum: a split of it when they add up
		// on most rows, else breakdowns (中小企业 of which 小微企业) and no
		// identity at all.
		if nonZero > 0 && balanced(id.parts)*2 > nonZero {
			id.maybe = nil
			return id
		}
		id.parts, id.maybe = nil, nil
		return id
	}
	if balanced(id.parts) > balanced(without) {
		id.maybe = nil
		return id
	}
	id.parts, id.maybe = without, nil
	return id
}

// node is a node of a table's header tree.
type node struct {
	label string
	col   *schema.Column // the column whose header ends here
	kids  []*node
}

func (n *node) insert(path []string, col *schema.Column) {
	if len(path) == 0 {
		if n.col == nil {
			n.col = col
		}
		return
	}
	for _, k := range n.kids {
		if k.label == path[0] && (len(path) > 1 || k.col == nil) {
			k.insert(path[1:], col)
			return
		}
	}
	k := &node{label: path[0]}
	n.kids = append(n.kids, k)
	k.insert(path[1:], col)
}

// identity is one row identity: sum = Σ parts. Parts in maybe are
// labelled 其中…: a split of the sum or a breakdown of a part.
type identity struct {
	rule  string
	sum   *schema.Column
	parts []*schema.Column
	maybe map[*schema.Column]bool
}

// isSubtotal reports whether a header label names the total of its group.
func isSubtotal(label string) bool {
	for _, s := range []string{"合计", "小计", "总计", "总数", "总额"} {
		if strings.HasSuffix(label, s) {
			return true
		}
	}
	return false
}

// isBreakdown reports whether a header label names a part of another
// amount rather than a term of the sum.
func isBreakdown(label string) bool {
	return strings.HasPrefix(label, "扣除") || strings.HasPrefix(label, "含")
}

// terms returns the columns that stand for a node in a sum: its own column,
// its subtotal column, or the terms of its children.
func (n *node) terms() []*schema.Column {
	if len(n.kids) == 0 {
		if n.col != nil {
			return []*schema.Column{n.col}
		}
		return nil
	}
	if n.col != nil {
		return []*schema.Column{n.col}
	}
	if s := n.subtotal(); s != nil {
		return []*schema.Column{s.col}
	}
	var out []*schema.Column
	for _, k := range n.kids {
		if !isBreakdown(k.label) {
			out = append(out, k.terms()...)
		}
	}
	return out
}

// subtotal returns the child that totals a node: the first child whose
// label ends like a total and that has a column of its own.
func (n *node) subtotal() *node {
	for _, k := range n.kids {
		if k.col != nil && len(k.kids) == 0 && (isSubtotal(k.label) || k.col.Key == "total") {
			return k
		}
	}
	return nil
}

// identities collects the identities of a node and its descendants.
func (n *node) identities(r *rules.Rules, out *[]identity) {
	if s := n.subtotal(); s != nil {
		var parts []term
		maybe := map[*schema.Column]bool{}
		for _, k := range n.kids {
			if k == s || isBreakdown(k.label) {
				continue
			}
			for _, col := range k.terms() {
				// A column with the sum's own key is the same amount by
				// another classification (the three 预算数 of a summary
				// by function, department and government economic class),
				// not a part of it.
				if len(k.kids) == 0 && col.Key != "" && col.Key == s.col.Key {
					continue
				}
				parts = append(parts, term{col, len(k.kids) > 0})
				if strings.HasPrefix(k.label, "其中") {
					maybe[col] = true
				}
			}
		}
		// A sum the rules know the members of (三公经费合计: 因公出国, 公务
		// 用车, 公务接待 — not the 会议费 and 培训费 printed beside them)
		// adds up those alone.
		// Columns the header does not name stay; it applies when one of
		// the members is printed.
		if kids := r.Column(s.col.Key).Children; len(kids) > 0 {
			member := map[string]bool{}
			for _, k := range kids {
				member[k] = true
			}
			any := false
			for _, p := range parts {
				any = any || member[p.col.Key]
			}
			if any {
				kept := parts[:0]
				for _, p := range parts {
					if member[p.col.Key] || p.col.Key == "" {
						kept = append(kept, p)
					}
				}
				parts = kept
			}
		}
		if cols := groupsApart(r, parts, out); len(cols) > 0 {
			rule := "row_subtotal"
			if s.col.Key == "total" {
				rule = "row_total"
			}
			*out = append(*out, identity{rule, s.col, cols, maybe})
		}
	}
	for _, k := range n.kids {
		k.identities(r, out)
	}
}

// term is a column standing in a sum, and whether it stands for a group of
// the header.
type term struct {
	col   *schema.Column
	group bool
}

// groupsApart handles the columns the rules know to be sums of others when
// they are printed flat, beside their members: a group (基本支出 next to
// 人员经费 and 公用经费) is replaced by its members and checked apart; a
// subtotal (本年收入 beside the sources) is left out and checked as the sum
// of the terms other than the carry-over.
func groupsApart(r *rules.Rules, parts []term, out *[]identity) []*schema.Column {
	byKey := map[string]*schema.Column{}
	for _, p := range parts {
		if p.col.Key != "" {
			byKey[p.col.Key] = p.col
		}
	}
	var keep []*schema.Column
	var subtotals []*schema.Column
	for _, p := range parts {
		info := r.Column(p.col.Key)
		if info.Subtotal && !p.group {
			subtotals = append(subtotals, p.col)
			continue
		}
		var members []*schema.Column
		for _, k := range info.Children {
			if m, ok := byKey[k]; ok {
				members = append(members, m)
			}
		}
		if len(members) > 0 {
			*out = append(*out, identity{"row_group", p.col, members, nil})
			continue
		}
		keep = append(keep, p.col)
	}
	for _, s := range subtotals {
		var members []*schema.Column
		for _, k := range keep {
			if k.Key != "carryover" {
				members = append(members, k)
			}
		}
		if len(members) > 0 {
			*out = append(*out, identity{"row_subtotal", s, members, nil})
		}
	}
	return keep
}

func recordHasColumns(rec *schema.Record, seg []*schema.Column) bool {
	for _, a := range rec.Amounts {
		for _, col := range seg {
			if a.Column == col.Index {
				return true
			}
		}
	}
	return false
}

func colName(c schema.Column) string {
	if c.Header != "" {
		return headerLeaf(c.Header)
	}
	return fmt.Sprintf("column %d", c.Index+1)
}

func colNames(cs []*schema.Column) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = colName(*c)
	}
	return strings.Join(parts, " + ")
}

func rowLabel(rec *schema.Record) string {
	switch {
	case rec.Code != "" && rec.Name != "":
		return rec.Code + " " + rec.Name
	case rec.Name != "":
		return rec.Name
	}
	return fmt.Sprintf("row %d", rec.Row+1)
}

// fundBalance checks, on every row of a table that prints the year's
// movements of a fund (年初结转和结余 | 本年收入 | 本年支出 | 年末结转和
// 结余, the 政府性基金 table of a final account), that what was carried in
// plus the year's income less its spending is what is carried out.
func (c *checker) fundBalance(t *schema.Table) {
	var begin, income, spent, end *schema.Column
	for i := range t.Columns {
		col := &t.Columns[i]
		if col.Role != "amount" {
			continue
		}
		switch {
		case col.Key == "carryover" && begin == nil:
			begin = col
		case col.Key == "current_year_income" && income == nil:
			income = col
		case col.Key == "year_end_balance" && end == nil:
			end = col
		case col.Key == "total" && spent == nil && strings.Contains(col.Header, "支出"):
			spent = col
		}
	}
	if begin == nil || income == nil || spent == nil || end == nil {
		return
	}
	for i := range t.Records {
		rec := &t.Records[i]
		if !recordHasColumns(rec, []*schema.Column{begin, income, spent, end}) {
			continue
		}
		out := amountAt(rec, spent.Index)
		if !out.blank {
			out.d = decimal.Dec{}.Sub(out.d) // − 本年支出
		}
		c.add("fund_balance", fmt.Sprintf("%s: %s = %s + %s − %s on %s", t.Kind, colName(*end), colName(*begin), colName(*income), colName(*spent), rowLabel(rec)),
			[]string{t.ID}, []string{fmt.Sprintf("%s:%d", t.ID, rec.Row)}, amountAt(rec, end.Index),
			[]value{amountAt(rec, begin.Index), amountAt(rec, income.Index), out}, true)
	}
}

// hierarchy checks that every 类 (款) amount equals the sum of its 款 (项)
// in every amount column.
func (c *checker) hierarchy(t *schema.Table) {
	for _, seg := range codeSegments(t.Records) {
		c.hierarchyOf(t, seg)
	}
}

// codeSegments cuts a table's records into the runs that each hold a code
// once: a table listing several budget units repeats the codes of each
// unit under a row naming it.
func codeSegments(recs []schema.Record) [][]schema.Record {
	var out [][]schema.Record
	start := 0
	seen := map[string]bool{}
	coded := false
	for i, rec := range recs {
		cut := false
		switch {
		case rec.Code != "" && seen[rec.Code] && rec.Level == 1:
			// A unit's block opens with a 类 again; a repeated lower
			// code is a misprint inside one block (30208 twice).
			cut = true
		case rec.Code == "" && !rec.Total && rec.Name != "" && coded:
			// A unit's name row after coded rows opens the next unit.
			cut = true
		}
		if cut && i > start {
			out = append(out, recs[start:i])
			start, seen, coded = i, map[string]bool{}, false
		}
		if rec.Code != "" {
			seen[rec.Code], coded = true, true
		}
	}
	return append(out, recs[start:])
}

func (c *checker) hierarchyOf(t *schema.Table, recs []schema.Record) {
	byParent := map[string][]*schema.Record{}
	byCode := map[string]*schema.Record{}
	for i := range recs {
		rec := &recs[i]
		if rec.Code == "" || rec.Level == 0 {
			continue
		}
		if _, dup := byCode[rec.Code]; !dup {
			byCode[rec.Code] = rec
		}
	}
	for i := range recs {
		rec := &recs[i]
		if rec.Code == "" || rec.Level == 0 || rec.ParentCode == "" {
			continue
		}
		// A row whose parent is not printed (3010201 津贴补贴 with no
		// 30102 row) counts toward its nearest printed ancestor (301).
		p := rec.ParentCode
		for byCode[p] == nil && len(p) > 3 {
			p = p[:len(p)-2]
		}
		if byCode[p] != nil {
			byParent[p] = append(byParent[p], rec)
		}
	}
	for i := range recs {
		parent := &recs[i]
		kids := byParent[parent.Code]
		if parent.Code == "" || len(kids) == 0 || byCode[parent.Code] != parent {
			continue
		}
		for _, col := range t.Columns {
			if col.Role != "amount" || col.Measure == "rate" {
				continue
			}
			var ps []value
			rows := []string{fmt.Sprintf("%s:%d", t.ID, parent.Row)}
			for _, k := range kids {
				ps = append(ps, amountAt(k, col.Index))
				rows = append(rows, fmt.Sprintf("%s:%d", t.ID, k.Row))
			}
			c.add("hierarchy", fmt.Sprintf("%s: %s = Σ its %d sub-items in %s", t.Kind, rowLabel(parent), len(kids), colName(col)),
				[]string{t.ID}, rows, amountAt(parent, col.Index), ps, true)
		}
	}
}

// totalOfClasses checks that the total row equals the sum of the 类 rows.
func (c *checker) totalOfClasses(t *schema.Table) {
	var total *schema.Record
	var classes []*schema.Record
	for i := range t.Records {
		rec := &t.Records[i]
		switch {
		case rec.Total && rec.Code == "" && total == nil:
			total = rec
		case rec.Level == 1:
			classes = append(classes, rec)
		}
	}
	if total == nil || len(classes) == 0 {
		return
	}
	for _, col := range t.Columns {
		if col.Role != "amount" || col.Measure == "rate" {
			continue
		}
		var ps []value
		rows := []string{fmt.Sprintf("%s:%d", t.ID, total.Row)}
		for _, k := range classes {
			ps = append(ps, amountAt(k, col.Index))
			rows = append(rows, fmt.Sprintf("%s:%d", t.ID, k.Row))
		}
		c.add("total_of_classes", fmt.Sprintf("%s: %s = Σ the %d 类 rows in %s", t.Kind, total.Name, len(classes), colName(col)),
			[]string{t.ID}, rows, amountAt(total, col.Index), ps, true)
	}
}

var (
	grandIncome = regexp.MustCompile(`^(?:收入总计|收\s*入\s*总\s*计|总计)$`)
	yearIncome  = regexp.MustCompile(`^本年收入(?:合计|小计)?$`)
	grandExp    = regexp.MustCompile(`^(?:支出总计|总计)$`)
	yearExp     = regexp.MustCompile(`^本年支出(?:合计|小计)?$`)
	enumerated  = regexp.MustCompile(`^[一二三四五六七八九十]{1,3}[、.．]`)
	// ofWhich labels a row that breaks down the row above it (其中：财政
	// 拨款资金结转 under 上年结转): never a term of its own.
	ofWhich = regexp.MustCompile(`^其中`)
)

// side returns the records of one side of a summary table in order.
func side(t *schema.Table, name string) []*schema.Record {
	var out []*schema.Record
	for i := range t.Records {
		if t.Records[i].Side == name {
			out = append(out, &t.Records[i])
		}
	}
	return out
}

func find(recs []*schema.Record, re *regexp.Regexp) int {
	for i := len(recs) - 1; i >= 0; i-- {
		if re.MatchString(recs[i].Name) {
			return i
		}
	}
	return -1
}

// firstAmount returns a record's first amount.
func firstAmount(rec *schema.Record) value {
	if len(rec.Amounts) == 0 {
		return value{blank: true}
	}
	return amountAt(rec, rec.Amounts[0].Column)
}

// summaryAmount is the amount of a summary row in its total column.
func (c *checker) summaryAmount(t *schema.Table, rec *schema.Record) value {
	for _, col := range t.Columns {
		if col.Role == "amount" && col.Key == "total" {
			if v := amountAt(rec, col.Index); !v.blank {
				return v
			}
		}
	}
	return firstAmount(rec)
}

// withoutBreakdowns drops from rows those that break down the row above
// them: the longest run after a row whose amounts add up to it.
func (c *checker) withoutBreakdowns(t *schema.Table, rows []*schema.Record) []*schema.Record {
	var out []*schema.Record
	for i := 0; i < len(rows); i++ {
		out = append(out, rows[i])
		head := c.summaryAmount(t, rows[i])
		if head.blank {
			continue
		}
		var sum decimal.Dec
		scale, n, end := head.d.Scale(), 0, -1
		for j := i + 1; j < len(rows); j++ {
			v := c.summaryAmount(t, rows[j])
			if !v.blank {
				sum = sum.Add(v.d)
				scale = max(scale, v.d.Scale())
				n++
			}
			if n > 0 && head.d.Sub(sum).Abs().Cmp(decimal.Unit(scale).Mul(int64(n))) <= 0 {
				end = j
			}
		}
		if end > i {
			i = end
		}
	}
	return out
}

// summary checks the two sides of a summary table: income total = the year's
// income + carry-over, expenditure likewise, the year's income = Σ its
// enumerated sources, the year's expenditure = Σ its classes, and income
// total = expenditure total.
func (c *checker) summary(t *schema.Table) {
	in, out := side(t, "income"), side(t, "expenditure")
	gi, yi := find(in, grandIncome), find(in, yearIncome)
	ge, ye := find(out, grandExp), find(out, yearExp)
	row := func(rec *schema.Record) string { return fmt.Sprintf("%s:%d", t.ID, rec.Row) }
	if gi >= 0 && ge >= 0 {
		c.add("summary_balance", fmt.Sprintf("%s: %s = %s", t.Kind, in[gi].Name, out[ge].Name),
			[]string{t.ID}, []string{row(in[gi]), row(out[ge])}, c.summaryAmount(t, in[gi]), []value{c.summaryAmount(t, out[ge])}, true)
	}
	sideChecks := func(recs []*schema.Record, grand, year int, what string) {
		if year < 0 {
			return
		}
		// The year's amount = Σ the enumerated items above it.
		var items []*schema.Record
		for _, r := range recs[:year] {
			if enumerated.MatchString(r.Name) {
				items = append(items, r)
			}
		}
		if len(items) >= 2 {
			var ps []value
			rows := []string{row(recs[year])}
			for _, r := range items {
				ps = append(ps, c.summaryAmount(t, r))
				rows = append(rows, row(r))
			}
			c.add("summary_items", fmt.Sprintf("%s: %s = Σ the %d %s items", t.Kind, recs[year].Name, len(items), what),
				[]string{t.ID}, rows, c.summaryAmount(t, recs[year]), ps, true)
		}
		// The total = the year's amount + the rows between them (the
		// carry-over; enumerated rows there break a carry-over down and are
		// not counted again, nor are 其中 rows).
		if grand > year {
			between := recs[year+1 : grand]
			plain := 0
			for _, r := range between {
				if !c.r.IsNumberedItem(r.Name) {
					plain++
				}
			}
			var terms []*schema.Record
			for _, r := range between {
				if plain > 0 && c.r.IsNumberedItem(r.Name) || ofWhich.MatchString(r.Name) {
					continue
				}
				terms = append(terms, r)
			}
			add := func(terms []*schema.Record) {
				ps := []value{c.summaryAmount(t, recs[year])}
				rows := []string{row(recs[grand]), row(recs[year])}
				for _, r := range terms {
					ps = append(ps, c.summaryAmount(t, r))
					rows = append(rows, row(r))
				}
				c.add("summary_total", fmt.Sprintf("%s: %s = %s + carry-over", t.Kind, recs[grand].Name, recs[year].Name),
					[]string{t.ID}, rows, c.summaryAmount(t, recs[grand]), ps, true)
			}
			before := len(c.out)
			add(terms)
			// Rows printed under a carry-over row without a number or
			// 其中 (年初结转 then 一般公共预算财政拨款 …) may break it down:
			// when they add up to it, the reading without them stands if
			// the plain one does not balance.
			if last := len(c.out) - 1; last == before && c.out[last].Status == Fail {
				if alt := c.withoutBreakdowns(t, terms); len(alt) < len(terms) {
					failed := c.out[last]
					c.out = c.out[:last]
					add(alt)
					if len(c.out) == before || c.out[last].Status != Pass {
						c.out = append(c.out[:before], failed)
					}
				}
			}
		}
	}
	sideChecks(in, gi, yi, "income")
	sideChecks(out, ge, ye, "expenditure")
}
