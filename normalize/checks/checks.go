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
		c.rowSums(t)
		c.hierarchy(t)
		c.totalOfClasses(t)
		if t.Kind == "budget_summary" || t.Kind == "appropriation_summary" {
			c.summary(t)
		}
	}
	c.crossTables()
	return c.out
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
	// one unit of the last printed digit.
	tol := decimal.Unit(scale).Mul(int64(max(n, 1)))
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

// rowSums checks, on every row, that each total column equals the sum of
// the columns it adds up, and each group column the sum of its members.
func (c *checker) rowSums(t *schema.Table) {
	var amount []schema.Column
	for _, col := range t.Columns {
		if col.Role == "amount" {
			amount = append(amount, col)
		}
	}
	// Segments: a total column and the columns after it, up to the next
	// total column (决算 tables print 年初预算 and 决算 side by side).
	var segs [][]schema.Column
	for _, col := range amount {
		if col.Key == "total" {
			segs = append(segs, []schema.Column{col})
			continue
		}
		if n := len(segs); n > 0 {
			segs[n-1] = append(segs[n-1], col)
		}
	}
	for _, seg := range segs {
		total := seg[0]
		present := map[string]schema.Column{}
		for _, col := range seg[1:] {
			if col.Key != "" {
				present[col.Key] = col
			}
		}
		var parts []schema.Column
		var groups []schema.Column
		var subtotals []schema.Column
		for _, col := range seg[1:] {
			info := c.r.Column(col.Key)
			leaf := headerLeaf(col.Header)
			switch {
			case info.NotPart:
				continue
			case info.Subtotal:
				subtotals = append(subtotals, col)
				continue
			case (leaf == "小计" || leaf == "合计") && strings.Contains(col.Header, "/") && col.Key == "":
				// The subtotal of a group the rules do not know: its
				// members are columns of their own.
				continue
			}
			if len(info.Children) > 0 && anyPresent(info.Children, present) {
				groups = append(groups, col)
				continue
			}
			parts = append(parts, col)
		}
		if len(parts) == 0 {
			continue
		}
		for i := range t.Records {
			rec := &t.Records[i]
			if !recordHasColumns(rec, seg) {
				continue
			}
			row := fmt.Sprintf("%s:%d", t.ID, rec.Row)
			label := rowLabel(rec)
			var ps []value
			for _, p := range parts {
				ps = append(ps, amountAt(rec, p.Index))
			}
			c.add("row_total", fmt.Sprintf("%s: %s = %s on %s", t.Kind, colName(total), colNames(parts), label),
				[]string{t.ID}, []string{row}, amountAt(rec, total.Index), ps, true)
			for _, g := range groups {
				var ms []value
				var members []schema.Column
				for _, k := range c.r.Column(g.Key).Children {
					if m, ok := present[k]; ok {
						ms = append(ms, amountAt(rec, m.Index))
						members = append(members, m)
					}
				}
				c.add("row_group", fmt.Sprintf("%s: %s = %s on %s", t.Kind, colName(g), colNames(members), label),
					[]string{t.ID}, []string{row}, amountAt(rec, g.Index), ms, true)
			}
			for _, s := range subtotals {
				var ms []value
				var members []schema.Column
				for _, p := range parts {
					if p.Key != "carryover" {
						ms = append(ms, amountAt(rec, p.Index))
						members = append(members, p)
					}
				}
				c.add("row_subtotal", fmt.Sprintf("%s: %s = %s on %s", t.Kind, colName(s), colNames(members), label),
					[]string{t.ID}, []string{row}, amountAt(rec, s.Index), ms, true)
			}
		}
	}
}

func anyPresent(keys []string, present map[string]schema.Column) bool {
	for _, k := range keys {
		if _, ok := present[k]; ok {
			return true
		}
	}
	return false
}

// recordHasColumns reports whether a record (one side of a two-sided row)
// holds the columns of a segment.
func recordHasColumns(rec *schema.Record, seg []schema.Column) bool {
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

func colNames(cs []schema.Column) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = colName(c)
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

// hierarchy checks that every 类 (款) amount equals the sum of its 款 (项)
// in every amount column.
func (c *checker) hierarchy(t *schema.Table) {
	byParent := map[string][]*schema.Record{}
	byCode := map[string]*schema.Record{}
	for i := range t.Records {
		rec := &t.Records[i]
		if rec.Code == "" || rec.Level == 0 {
			continue
		}
		if _, dup := byCode[rec.Code]; !dup {
			byCode[rec.Code] = rec
		}
		if rec.ParentCode != "" {
			byParent[rec.ParentCode] = append(byParent[rec.ParentCode], rec)
		}
	}
	for i := range t.Records {
		parent := &t.Records[i]
		kids := byParent[parent.Code]
		if parent.Code == "" || len(kids) == 0 || byCode[parent.Code] != parent {
			continue
		}
		for _, col := range t.Columns {
			if col.Role != "amount" {
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
		if col.Role != "amount" {
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
		// not counted again).
		if grand > year {
			ps := []value{c.summaryAmount(t, recs[year])}
			rows := []string{row(recs[grand]), row(recs[year])}
			between := recs[year+1 : grand]
			plain := 0
			for _, r := range between {
				if !enumerated.MatchString(r.Name) {
					plain++
				}
			}
			for _, r := range between {
				if plain > 0 && enumerated.MatchString(r.Name) {
					continue
				}
				ps = append(ps, c.summaryAmount(t, r))
				rows = append(rows, row(r))
			}
			c.add("summary_total", fmt.Sprintf("%s: %s = %s + carry-over", t.Kind, recs[grand].Name, recs[year].Name),
				[]string{t.ID}, rows, c.summaryAmount(t, recs[grand]), ps, true)
		}
	}
	sideChecks(in, gi, yi, "income")
	sideChecks(out, ge, ye, "expenditure")
}
