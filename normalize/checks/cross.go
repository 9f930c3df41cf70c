package checks

import (
	"fmt"

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
