package checks

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/cnbudget/cnbudget/normalize/decimal"
	"github.com/cnbudget/cnbudget/normalize/rules"
	"github.com/cnbudget/cnbudget/schema"
)

// narrative checks every amount the narrative states against the table
// column its rule names: 三公经费 against the 三公 table, 机关运行经费
// against its table (or the column printed beside the 三公 columns).
func (c *checker) narrative() {
	rules := c.r.Statements()
	for _, st := range c.doc.Statements {
		for _, rule := range rules {
			if rule.Key != st.Key {
				continue
			}
			if rule.Ratio != nil {
				c.statedRatio(st, rule)
				continue
			}
			exact := false
			for i, tg := range rule.Targets {
				if exact && !tg.Approximate {
					continue
				}
				t := c.firstOfKind(tg.Table)
				if t == nil {
					continue
				}
				col, ok := statementColumn(t, tg, c.doc.Document, st.Basis)
				if !ok {
					continue
				}
				var rec *schema.Record
				if tg.Row != "" {
					rec = namedRow(t, col, tg.Side, func(name string) bool { return rule.RowMatches(i, name) })
				} else {
					rec = statementRow(t, col, c.doc.Document.Year)
				}
				if rec == nil {
					continue
				}
				c.compareStatement(st, ref{t, rec, col, amountAt(rec, col.Index), tg.Column}, !tg.Approximate)
				exact = exact || !tg.Approximate
			}
		}
	}
}

// statedRatio checks a stated percentage (完成预算的80.31%) against the two
// stated amounts it divides, at its printed precision.
func (c *checker) statedRatio(st schema.Statement, rule rules.StatementRule) {
	var num, den *schema.Statement
	for i := range c.doc.Statements {
		s := &c.doc.Statements[i]
		switch s.Key {
		case rule.Ratio.Numerator:
			num = s
		case rule.Ratio.Denominator:
			den = s
		}
	}
	if num == nil || den == nil || num.Unit != den.Unit {
		return
	}
	p, err1 := decimal.Parse(st.Value)
	a, err2 := decimal.Parse(num.Value)
	b, err3 := decimal.Parse(den.Value)
	if err1 != nil || err2 != nil || err3 != nil || b.IsZero() {
		return
	}
	c.rate("narrative_"+st.Key, fmt.Sprintf("%q in the narrative = %s / %s", st.Text, num.Printed, den.Printed),
		[]string{}, []string{fmt.Sprintf("narrative:%d", st.Section)}, p, a, b)
}

// namedRow returns the last row of t on the given side (any side for "")
// whose name matches and that has an amount in col.
func namedRow(t *schema.Table, col schema.Column, side string, match func(string) bool) *schema.Record {
	for i := len(t.Records) - 1; i >= 0; i-- {
		rec := &t.Records[i]
		if (side == "" || rec.Side == side) && match(rec.Name) && !amountAt(rec, col.Index).blank {
			return rec
		}
	}
	return nil
}

// statementColumn returns the column of t a stated amount is compared
// with. Of the columns with the target's key it prefers, in turn, those
// whose header holds the target's header words (the 三公 小计 beside a
// 合计 that adds 会议费 and 培训费), the document's year (tables print last
// year's budget beside this year's), and the statement's basis or else the
// document's stage (决算数 beside 预算数 in a final account); the change
// columns are never taken.
func statementColumn(t *schema.Table, tg rules.TargetColumn, m schema.Meta, basis string) (schema.Column, bool) {
	var cands []schema.Column
	for _, col := range t.Columns {
		if col.Role == "amount" && col.Key == tg.Column && !otherYear.MatchString(col.Header) &&
			(tg.Measure == "" || col.Measure == tg.Measure) && (tg.Side == "" || col.Side == tg.Side) {
			cands = append(cands, col)
		}
	}
	prefer := func(ok func(h string) bool) {
		var kept []schema.Column
		for _, col := range cands {
			if ok(col.Header) {
				kept = append(kept, col)
			}
		}
		if len(kept) > 0 {
			cands = kept
		}
	}
	if tg.Header != "" {
		prefer(func(h string) bool { return strings.Contains(h, tg.Header) })
	}
	if m.Year > 0 {
		prefer(func(h string) bool { return strings.Contains(h, strconv.Itoa(m.Year)) })
	}
	if basis == "" {
		basis = m.Stage
	}
	// The measure the words (or the document's stage) speak of: 支出决算
	// is the actual column, 预算 the budget.
	want := map[string]string{"budget": "budget", "final_account": "actual"}[basis]
	var kept []schema.Column
	for _, col := range cands {
		if col.Measure == want {
			kept = append(kept, col)
		}
	}
	if len(kept) > 0 {
		cands = kept
	} else if stage := stageWord[basis]; stage != "" {
		prefer(func(h string) bool { return strings.Contains(h, stage) })
	}
	if len(cands) == 0 {
		return schema.Column{}, false
	}
	return cands[0], true
}

var stageWord = map[string]string{"budget": "预算", "final_account": "决算"}

// otherYear matches the header of a column that is not this year's amount.
var otherYear = regexp.MustCompile(`上年|上一年|增减|变化|变动|增长|比较|同比`)

// statementRow picks the row of t a stated amount refers to: the only row
// with an amount in col, else the only total row, else the only row naming
// the document's year.
func statementRow(t *schema.Table, col schema.Column, year int) *schema.Record {
	var with, totals, ofYear []*schema.Record
	for i := range t.Records {
		rec := &t.Records[i]
		if amountAt(rec, col.Index).blank {
			continue
		}
		with = append(with, rec)
		if rec.Total {
			totals = append(totals, rec)
		}
		if year > 0 && strings.Contains(rec.Name, strconv.Itoa(year)) {
			ofYear = append(ofYear, rec)
		}
	}
	switch {
	case len(with) == 1:
		return with[0]
	case len(totals) == 1:
		return totals[0]
	case len(ofYear) == 1:
		return ofYear[0]
	}
	return nil
}

// compareStatement adds a check that a stated amount equals a table's, in
// 元 when the units differ. Both are roundings of one amount: they may
// differ by half a unit of the last digit of each (the text often rounds
// coarser than the table: 12万元 against 12.40).
func (c *checker) compareStatement(st schema.Statement, b ref, exact bool) {
	va, err := decimal.Parse(st.Value)
	if err != nil {
		return
	}
	vb := b.v.d
	half := func(scale, shift int) decimal.Dec { return decimal.Unit(scale + 1).Mul(5).Shift(shift) }
	tol := half(va.Scale(), 0).Add(half(vb.Scale(), 0))
	if st.Unit != b.t.Unit && st.Yuan != "" && b.v.hasY {
		ya, err := decimal.Parse(st.Yuan)
		if err != nil {
			return
		}
		sa, _ := decimal.UnitShift(st.Unit)
		sb, _ := decimal.UnitShift(b.t.Unit)
		tol = half(va.Scale(), sa).Add(half(vb.Scale(), sb))
		va, vb = ya, b.v.yuan
	}
	diff := va.Sub(vb)
	status := Pass
	if diff.Abs().Cmp(tol) > 0 {
		status = Fail
		if !exact {
			status = Warn
		}
	}
	rule := "narrative_" + st.Key
	if !exact {
		rule += "_approx"
	}
	c.out = append(c.out, schema.Check{
		Rule:       rule,
		Tables:     []string{b.t.ID},
		Rows:       []string{fmt.Sprintf("narrative:%d", st.Section), b.row()},
		Expected:   va.String(),
		Actual:     vb.String(),
		Difference: diff.String(),
		Tolerance:  tol.String(),
		Status:     status,
		Message:    fmt.Sprintf("%q in the narrative = %s (%s)", st.Text, b.what, b.t.Kind),
	})
}
