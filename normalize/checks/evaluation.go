package checks

import (
	"fmt"
	"regexp"

	"github.com/cnbudget/cnbudget/normalize/decimal"
	"github.com/cnbudget/cnbudget/schema"
)

// fundsTotal labels the row of a form's funds grid that totals the others
// (年度资金总额, 金额合计, 资金总额).
var fundsTotal = regexp.MustCompile(`总额|合计|总计`)

// evaluations checks every self-evaluation form: the funds total is the
// sum of its sources in every amount column, each 执行率 is 执行数 / 全年预算数
// at its printed precision, no score exceeds its weight, the scores add up
// to the 总分 and the weights to the total weight, which is 100.
// Placeholders (—, 0.0% printed where nothing is computed) take part in
// nothing.
func (c *checker) evaluations() {
	for i := range c.doc.Evaluations {
		e := &c.doc.Evaluations[i]
		c.formFunds(e)
		c.formScores(e)
	}
}

// formValue returns a cell of a form's funds grid as a value.
func formValue(n schema.EvaluationNum) value {
	if n.Placeholder || n.Value == "" {
		return value{blank: true}
	}
	d, err := decimal.Parse(n.Value)
	if err != nil {
		return value{blank: true}
	}
	return value{d: d}
}

func (c *checker) formFunds(e *schema.Evaluation) {
	rows := e.FundsValues
	total := -1
	for i, r := range rows {
		if fundsTotal.MatchString(r.Label) {
			total = i
			break
		}
	}
	row := func(i int) string { return fmt.Sprintf("%s:funds:%d", e.ID, i) }
	if total >= 0 {
		t := rows[total]
		for k, cell := range t.Cells {
			switch cell.Role {
			case "budget", "adjusted_budget", "actual":
			default:
				continue
			}
			var parts []value
			ids := []string{row(total)}
			for j, r := range rows {
				if j == total || k >= len(r.Cells) {
					continue
				}
				parts = append(parts, formValue(r.Cells[k]))
				ids = append(ids, row(j))
			}
			if len(parts) == 0 {
				continue
			}
			c.add("form_funds_total", fmt.Sprintf("%s %s: %s = Σ its sources in %s", e.Kind, formName(e), t.Label, cell.Column),
				[]string{e.ID}, ids, formValue(cell), parts, true)
		}
	}
	// 执行率 = 全年执行数 / 全年预算数, from the first column of each role.
	for i, r := range rows {
		var rate, actual, budget *schema.EvaluationNum
		for k := range r.Cells {
			cell := &r.Cells[k]
			switch {
			case cell.Role == "rate" && rate == nil:
				rate = cell
			case cell.Role == "actual" && actual == nil:
				actual = cell
			case cell.Role == "adjusted_budget" && budget == nil:
				budget = cell
			}
		}
		if rate == nil || actual == nil || budget == nil {
			continue
		}
		rv, av, bv := formValue(*rate), formValue(*actual), formValue(*budget)
		if rv.blank || av.blank || bv.blank || bv.d.IsZero() {
			continue
		}
		c.rate("form_rate", fmt.Sprintf("%s %s: %s 执行率 = 全年执行数 / 全年预算数", e.Kind, formName(e), r.Label),
			[]string{e.ID}, []string{row(i)}, rv.d, av.d, bv.d)
	}
}

// formScores checks the scores of a form against their weights and the
// 总分 row.
func (c *checker) formScores(e *schema.Evaluation) {
	var weights, scores []value
	var ids []string
	funds := 0 // how many of them are the funds grid's
	// The funds grid's own weight and score (分值 10, 得分 9.93).
	for i, r := range e.FundsValues {
		var w, s value
		w.blank, s.blank = true, true
		for _, cell := range r.Cells {
			switch cell.Role {
			case "weight":
				if w.blank {
					w = formValue(cell)
				}
			case "score":
				if s.blank {
					s = formValue(cell)
				}
			}
		}
		if w.blank && s.blank {
			continue
		}
		id := fmt.Sprintf("%s:funds:%d", e.ID, i)
		c.notAbove(e, id, r.Label, s, w)
		weights, scores, ids = append(weights, w), append(scores, s), append(ids, id)
		funds = 1
		break
	}
	for i, ind := range e.Indicators {
		w, s := numValue(ind.WeightValue), numValue(ind.ScoreValue)
		if w.blank && s.blank {
			continue
		}
		id := fmt.Sprintf("%s:indicator:%d", e.ID, i)
		c.notAbove(e, id, ind.Level3, s, w)
		weights, scores, ids = append(weights, w), append(scores, s), append(ids, id)
	}
	if len(ids) == 0 {
		return
	}
	// The 总分 row adds up the funds grid's weight and score with the
	// indicators' (the national template); some forms total the
	// indicators alone. Whichever reading holds is the one checked.
	total := func(rule, what, printed string, parts []value) {
		v := numValue(decimalText(printed))
		if v.blank {
			return
		}
		before := len(c.out)
		c.add(rule, fmt.Sprintf("%s %s: 总分 %s = Σ the %ss", e.Kind, formName(e), what, what), []string{e.ID}, ids, v, parts, true)
		if len(c.out) == before+1 && c.out[before].Status == Fail && funds > 0 && len(parts) > funds {
			failed := c.out[before]
			c.out = c.out[:before]
			c.add(rule, fmt.Sprintf("%s %s: 总分 %s = Σ the indicators' %ss", e.Kind, formName(e), what, what), []string{e.ID}, ids[funds:], v, parts[funds:], true)
			if c.out[before].Status != Pass {
				c.out[before] = failed
			}
		}
	}
	total("form_total_weight", "weight", e.TotalWeight, weights)
	total("form_total_score", "score", e.TotalScore, scores)
	if tw := numValue(decimalText(e.TotalWeight)); !tw.blank {
		c.add("form_weight_100", fmt.Sprintf("%s %s: the weights add up to 100", e.Kind, formName(e)),
			[]string{e.ID}, ids, value{d: decimal.MustParse("100")}, []value{tw}, true)
	}
}

// notAbove checks that a score does not exceed its weight.
func (c *checker) notAbove(e *schema.Evaluation, id, what string, score, weight value) {
	if score.blank || weight.blank {
		return
	}
	status := Pass
	if score.d.Cmp(weight.d) > 0 {
		status = Fail
	}
	c.out = append(c.out, schema.Check{
		Rule: "form_score_weight", Tables: []string{e.ID}, Rows: []string{id},
		Expected: weight.d.String(), Actual: score.d.String(), Difference: weight.d.Sub(score.d).String(),
		Tolerance: "0", Status: status,
		Message: fmt.Sprintf("%s %s: 得分 ≤ 分值 on %s", e.Kind, formName(e), what),
	})
}

func numValue(s string) value {
	if s == "" {
		return value{blank: true}
	}
	d, err := decimal.Parse(s)
	if err != nil {
		return value{blank: true}
	}
	return value{d: d}
}

// decimalText returns a printed number without separators, "" for none.
func decimalText(s string) string {
	d, err := decimal.Parse(s)
	if err != nil {
		return ""
	}
	return d.String()
}

func formName(e *schema.Evaluation) string {
	if e.ProjectName != "" {
		return e.ProjectName
	}
	return e.Title
}

// rate adds a check that a printed percentage equals num / den: within a
// unit of its last printed digit (publishers round or cut the ratio off),
// plus what the rounding of the printed amounts can move the ratio.
func (c *checker) rate(rule, msg string, tables, rows []string, printed, num, den decimal.Dec) {
	pct := ratioPercent(num, den, printed.Scale()+2)
	// Each amount is rounded at its last digit: half a unit each way.
	hn, hd := decimal.Unit(num.Scale()+1).Mul(5), decimal.Unit(den.Scale()+1).Mul(5)
	spread := ratioPercent(num.Add(hn), den.Sub(hd), printed.Scale()+2).Sub(pct).Abs()
	tol := decimal.Unit(printed.Scale()).Add(spread)
	diff := printed.Sub(pct)
	status := Pass
	if diff.Abs().Cmp(tol) > 0 {
		status = Fail
	}
	c.out = append(c.out, schema.Check{
		Rule: rule, Tables: tables, Rows: rows,
		Expected: printed.String(), Actual: pct.String(), Difference: diff.String(), Tolerance: tol.String(),
		Status: status, Message: msg,
	})
}

// ratioPercent returns num / den × 100 rounded half up to scale digits.
func ratioPercent(num, den decimal.Dec, scale int) decimal.Dec {
	if den.IsZero() {
		return decimal.Dec{}
	}
	return decimal.Div(num.Shift(2), den, scale)
}
