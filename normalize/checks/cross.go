package checks

import (
	"fmt"
	"regexp"

	"github.com/cnbudget/cnbudget/normalize/decimal"
	"github.com/cnbudget/cnbudget/schema"
)

// ref is one amount of one table taking part in a cross-table check.
type ref struct {
	t    *schema.Table
	rec  *schema.Record
	col  schema.Column
	v    value
	what string
}

func (r ref) row() string { return fmt.Sprintf("%s:%d", r.t.ID, r.rec.Row) }

func (c *checker) firstOfKind(kind string) *schema.Table {
	for i := range c.doc.Tables {
		if c.doc.Tables[i].Kind == kind {
			return &c.doc.Tables[i]
		}
	}
	return nil
}

// totalRow returns a table's total row: the first row named 合计/总计
// without a code (on the given side, "" for any).
func totalRow(t *schema.Table, sideName string) *schema.Record {
	for i := range t.Records {
		rec := &t.Records[i]
		if rec.Total && rec.Code == "" && (sideName == "" || rec.Side == sideName) {
			return rec
		}
	}
	return nil
}

// column returns the first column of a table with the given key and role.
func column(t *schema.Table, key string) (schema.Column, bool) {
	for _, col := range t.Columns {
		if col.Role == "amount" && col.Key == key {
			return col, true
		}
	}
	return schema.Column{}, false
}

// totalOf returns the amount of a table's total row in the column of key.
func totalOf(t *schema.Table, key, what string) (ref, bool) {
	if t == nil {
		return ref{}, false
	}
	rec := totalRow(t, "")
	col, ok := column(t, key)
	if rec == nil || !ok {
		return ref{}, false
	}
	v := amountAt(rec, col.Index)
	if v.blank {
		return ref{}, false
	}
	return ref{t, rec, col, v, what}, true
}

// summaryRef returns the amount of a named row of a summary table.
func (c *checker) summaryRef(t *schema.Table, sideName string, match func(string) bool, what string) (ref, bool) {
	if t == nil {
		return ref{}, false
	}
	recs := side(t, sideName)
	for i := len(recs) - 1; i >= 0; i-- {
		if match(recs[i].Name) {
			v := c.summaryAmount(t, recs[i])
			if v.blank {
				return ref{}, false
			}
			col := schema.Column{}
			if len(recs[i].Amounts) > 0 {
				col.Index = recs[i].Amounts[0].Column
			}
			return ref{t, recs[i], col, v, what}, true
		}
	}
	return ref{}, false
}

// compare adds a check that two amounts of two tables are equal, in 元 when
// their units differ, within the rounding of the coarser one.
func (c *checker) compare(rule string, a, b ref) {
	va, vb := a.v.d, b.v.d
	scale := max(va.Scale(), vb.Scale())
	tol := decimal.Unit(scale).Mul(2)
	// An amount printed with fewer digits (943865000 against
	// 943864999.96) may be off by half a unit of its own last digit.
	if half := decimal.Unit(va.Scale() + 1).Mul(5).Add(decimal.Unit(vb.Scale() + 1).Mul(5)); half.Cmp(tol) > 0 && !va.IsZero() && !vb.IsZero() {
		tol = half
	}
	if a.t.Unit != b.t.Unit && a.v.hasY && b.v.hasY {
		va, vb = a.v.yuan, b.v.yuan
		// The coarser unit rounds at its last printed digit.
		sa, _ := decimal.UnitShift(a.t.Unit)
		sb, _ := decimal.UnitShift(b.t.Unit)
		tol = decimal.Unit(scale).Shift(max(sa, sb)).Mul(2)
	}
	diff := va.Sub(vb)
	status := Pass
	if diff.Abs().Cmp(tol) > 0 {
		status = Fail
	}
	c.out = append(c.out, schema.Check{
		Rule:       rule,
		Tables:     []string{a.t.ID, b.t.ID},
		Rows:       []string{a.row(), b.row()},
		Expected:   va.String(),
		Actual:     vb.String(),
		Difference: diff.String(),
		Tolerance:  tol.String(),
		Status:     status,
		Message:    fmt.Sprintf("%s (%s) = %s (%s)", a.what, a.t.Kind, b.what, b.t.Kind),
	})
}

func nameIs(re interface{ MatchString(string) bool }) func(string) bool { return re.MatchString }

// crossTables checks the identities between tables.
func (c *checker) crossTables() {
	sum := c.firstOfKind("budget_summary")
	appr := c.firstOfKind("appropriation_summary")
	rev := c.firstOfKind("revenue")
	exp := c.firstOfKind("expenditure")
	gen := c.firstOfKind("general_budget_expenditure")
	basic := c.firstOfKind("basic_expenditure")
	fund := c.firstOfKind("gov_fund_expenditure")
	capital := c.firstOfKind("state_capital_expenditure")

	if a, ok := totalOf(rev, "total", "合计"); ok {
		// A revenue table without a carry-over column holds the year's
		// income: the summary's 本年收入合计 when it prints one.
		_, carry := column(rev, "carryover")
		b, ok := ref{}, false
		if !carry {
			b, ok = c.summaryRef(sum, "income", nameIs(yearIncome), "本年收入合计")
		}
		if !ok {
			b, ok = c.summaryRef(sum, "income", nameIs(grandIncome), "收入总计")
		}
		if ok {
			c.compare("cross_revenue_summary", a, b)
		}
	}
	if a, ok := totalOf(exp, "total", "合计"); ok {
		// The expenditure table holds the year's spending, which is the
		// expenditure total when nothing is carried over.
		if b, ok := c.summaryRef(sum, "expenditure", nameIs(yearExp), "本年支出合计"); ok {
			c.compare("cross_expenditure_summary", a, b)
		} else if b, ok := c.summaryRef(sum, "expenditure", nameIs(grandExp), "支出总计"); ok {
			c.compare("cross_expenditure_summary", a, b)
		}
	}
	// The funds columns of the appropriation summary are the totals of the
	// three fund tables.
	if appr != nil {
		rec := apprExpenditureTotal(appr)
		for _, x := range []struct {
			key  string
			t    *schema.Table
			what string
		}{{"general_budget", gen, "一般公共预算"}, {"gov_fund", fund, "政府性基金预算"}, {"state_capital", capital, "国有资本经营预算"}} {
			col, ok := column(appr, x.key)
			if rec == nil || !ok {
				continue
			}
			v := amountAt(rec, col.Index)
			b, ok := totalOf(x.t, "total", "合计")
			if v.blank || !ok {
				continue
			}
			c.compare("cross_appropriation_funds", ref{appr, rec, col, v, x.what}, b)
		}
	}
	if a, ok := totalOf(gen, "basic", "基本支出"); ok {
		if b, ok := totalOf(basic, "total", "合计"); ok {
			c.compare("cross_basic_expenditure", a, b)
		} else if b, ok := groupTotals(basic); ok {
			c.compare("cross_basic_expenditure", a, b)
		}
	}
	// The classes of the summary tables are the 类 rows of the tables that
	// list them by code: the summary's expenditure side against the
	// expenditure table, the appropriation summary's 一般公共预算 column
	// against the general budget expenditure table.
	c.classes("cross_summary_classes", sum, "", exp, "total")
	c.classes("cross_appropriation_classes", appr, "general_budget", gen, "total")
	c.classes("cross_appropriation_classes", appr, "gov_fund", fund, "total")
	c.threePublicItems(c.firstOfKind("three_public"), basic)
}

// groupTotals returns the total of a basic expenditure table printed in
// side-by-side groups without a 合计 column: the sum of its group totals
// (人员经费合计 + 公用经费合计).
func groupTotals(t *schema.Table) (ref, bool) {
	if t == nil {
		return ref{}, false
	}
	// The rows naming a group total; a row printed in groups is a record
	// per group, the total's amount may stand in a group of its own.
	rows := map[int]bool{}
	for _, rec := range t.Records {
		if groupTotal.MatchString(rec.Name) {
			rows[rec.Row] = true
		}
	}
	var sum decimal.Dec
	var first *schema.Record
	var col schema.Column
	n := 0
	for i := range t.Records {
		rec := &t.Records[i]
		if !rows[rec.Row] {
			continue
		}
		for _, a := range rec.Amounts {
			v := amountAt(rec, a.Column)
			if v.blank {
				continue
			}
			sum = sum.Add(v.d)
			n++
			if first == nil {
				first, col = rec, columnAt(t, a.Column)
			}
		}
	}
	if n == 0 {
		return ref{}, false
	}
	return ref{t, first, col, value{d: sum}, "人员经费合计 + 公用经费合计"}, true
}

var (
	groupTotal = regexp.MustCompile(`^(?:人员经费|公用经费|人员支出|公用支出)合计$`)
	// itemNumber strips the enumeration of a summary row (一、…).
	itemNumber = regexp.MustCompile(`^[一二三四五六七八九十]{1,3}[、.．]`)
)

func columnAt(t *schema.Table, idx int) schema.Column {
	for _, c := range t.Columns {
		if c.Index == idx {
			return c
		}
	}
	return schema.Column{Index: idx}
}

// classes compares each class a summary table lists on its expenditure
// side (一、一般公共服务支出) with the 类 row of the same name in a table
// listing codes, in the summary's column of key (its total column when
// key is "") and the other table's column of otherKey.
func (c *checker) classes(rule string, summary *schema.Table, key string, other *schema.Table, otherKey string) {
	if summary == nil || other == nil {
		return
	}
	var col schema.Column
	found := false
	for _, cl := range summary.Columns {
		if cl.Role == "amount" && cl.Side == "expenditure" && (key == "" && cl.Key == "total" || key != "" && cl.Key == key) {
			col, found = cl, true
			break
		}
	}
	oc, ok := column(other, otherKey)
	if !found || !ok {
		return
	}
	byName := map[string]*schema.Record{}
	for i := range other.Records {
		rec := &other.Records[i]
		if rec.Level == 1 {
			byName[rec.Name] = rec
		}
	}
	if len(byName) == 0 {
		return
	}
	for i := range summary.Records {
		rec := &summary.Records[i]
		if rec.Side != "expenditure" || !itemNumber.MatchString(rec.Name) {
			continue
		}
		o := byName[itemNumber.ReplaceAllString(rec.Name, "")]
		if o == nil {
			continue
		}
		a, b := amountAt(rec, col.Index), amountAt(o, oc.Index)
		if a.blank || b.blank {
			continue
		}
		c.compare(rule, ref{summary, rec, col, a, rec.Name}, ref{other, o, oc, b, o.Code + " " + o.Name})
	}
}

// threePublicItems compares the 三公 table's actual figures with the
// economic classes of the basic expenditure table that hold them (30212
// 因公出国（境）费用, 30217 公务接待费, 30231 公务用车运行维护费). The basic
// expenditure holds only what the basic budget paid, so a difference is a
// warning, not a failure.
func (c *checker) threePublicItems(tp, basic *schema.Table) {
	if tp == nil || basic == nil || c.doc.Document.Stage != "final_account" {
		return
	}
	codes := map[string]string{"outbound_travel": "30212", "reception": "30217", "vehicle_operation": "30231"}
	for _, key := range []string{"outbound_travel", "vehicle_operation", "reception"} {
		var col schema.Column
		found := false
		for _, cl := range tp.Columns {
			if cl.Role == "amount" && cl.Key == key && cl.Measure == "actual" {
				col, found = cl, true
				break
			}
		}
		if !found || len(tp.Records) != 1 {
			continue
		}
		a := amountAt(&tp.Records[0], col.Index)
		var b ref
		for i := range basic.Records {
			rec := &basic.Records[i]
			if rec.Code != codes[key] {
				continue
			}
			for _, am := range rec.Amounts {
				if ci := columnAt(basic, am.Column); ci.Role == "amount" {
					b = ref{basic, rec, ci, amountAt(rec, am.Column), rec.Code + " " + rec.Name}
					break
				}
			}
		}
		if a.blank || b.t == nil || b.v.blank {
			continue
		}
		before := len(c.out)
		c.compare("cross_three_public_basic", ref{tp, &tp.Records[0], col, a, col.Header}, b)
		if c.out[before].Status == Fail {
			c.out[before].Status = Warn
		}
	}
}

// apprExpenditureTotal returns the expenditure side's total row of an
// appropriation summary (本年支出合计, else 支出总计).
func apprExpenditureTotal(t *schema.Table) *schema.Record {
	recs := side(t, "expenditure")
	if i := find(recs, yearExp); i >= 0 {
		return recs[i]
	}
	if i := find(recs, grandExp); i >= 0 {
		return recs[i]
	}
	return nil
}
