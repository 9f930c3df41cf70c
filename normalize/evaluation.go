package normalize

import (
	"strings"

	"github.com/cnbudget/cnbudget/normalize/decimal"
	"github.com/cnbudget/cnbudget/normalize/rules"
	"github.com/cnbudget/cnbudget/normalize/tables"
	"github.com/cnbudget/cnbudget/schema"
)

// evaluation normalizes one self-evaluation form: the head fields by key,
// the funds grid as printed and read (amounts as exact decimals in the
// form's unit and in 元, the 执行率 in percent, placeholders marked), the
// indicators with their targets and achieved values parsed.
func evaluation(e *tables.Evaluation, docUnit string, r *rules.Rules) schema.Evaluation {
	unit := e.Unit
	if unit == "" {
		unit = docUnit
	}
	se := schema.Evaluation{
		Kind:         e.Kind,
		Title:        e.Title,
		Pages:        e.Pages,
		Unit:         unit,
		FundsHeader:  nonNilStrings(e.FundsHeader),
		Funds:        nonNil2(e.Funds),
		FundsValues:  []schema.EvaluationFunds{},
		GoalExpected: e.GoalExpected,
		GoalActual:   e.GoalActual,
		Indicators:   []schema.EvalIndicator{},
		TotalWeight:  e.TotalWeight,
		TotalScore:   e.TotalScore,
		Rows:         e.Rows,
	}
	for _, f := range e.Fields {
		switch f.Key {
		case "project_name":
			se.ProjectName = firstNonEmpty(se.ProjectName, f.Value)
		case "department":
			se.Department = firstNonEmpty(se.Department, f.Value)
		case "implementer":
			se.Implementer = firstNonEmpty(se.Implementer, f.Value)
		default:
			if se.Fields == nil {
				se.Fields = map[string]string{}
			}
			se.Fields[rules.Squeeze(f.Label)] = f.Value
		}
	}
	shift, unitOK := decimal.UnitShift(unit)
	for _, row := range e.Funds {
		fr := schema.EvaluationFunds{Label: row[0], Cells: []schema.EvaluationNum{}}
		cells := row[1:]
		// The row's actual amount tells a computed ratio from a
		// placeholder (0.0% printed beside 140.61 executed).
		actual := decimal.Dec{}
		for k, c := range cells {
			if k+1 < len(e.FundsRoles) && e.FundsRoles[k+1] == "actual" {
				if d, err := decimal.Parse(rules.Squeeze(c)); err == nil {
					actual = d
				}
			}
		}
		for k, c := range cells {
			role := ""
			header := ""
			if k+1 < len(e.FundsRoles) {
				role, header = e.FundsRoles[k+1], e.FundsHeader[k+1]
			}
			n := schema.EvaluationNum{Column: header, Role: role, Printed: c}
			sq := rules.Squeeze(c)
			switch {
			case sq == "":
			case r.IsEvalPlaceholder(sq):
				n.Placeholder = true
			case role == "rate" || strings.HasSuffix(sq, "%") || strings.HasSuffix(sq, "％"):
				d, err := decimal.Parse(strings.TrimRight(sq, "%％"))
				if err != nil {
					break
				}
				if d.IsZero() && !actual.IsZero() {
					n.Placeholder = true
					break
				}
				n.Value, n.Unit = d.String(), "%"
			default:
				d, err := decimal.Parse(sq)
				if err != nil {
					break
				}
				n.Value = d.String()
				if role == "budget" || role == "adjusted_budget" || role == "actual" || role == "" {
					n.Unit = unit
					if unitOK && unit != "" {
						n.Yuan = d.Shift(shift).Trim()
					}
				}
			}
			fr.Cells = append(fr.Cells, n)
		}
		se.FundsValues = append(se.FundsValues, fr)
	}
	for _, ind := range e.Indicators {
		si := schema.EvalIndicator{
			Level1: ind.Level1, Level2: ind.Level2, Level3: ind.Level3,
			Target: ind.Target, Actual: ind.Actual, Weight: ind.Weight, Score: ind.Score,
			Deviation: ind.Deviation, Page: ind.Page,
		}
		if t, ok := r.IndicatorTarget(ind.Target); ok {
			si.TargetValue = target(t)
		}
		if t, ok := r.IndicatorTarget(ind.Actual); ok {
			si.ActualValue = target(t)
		}
		si.WeightValue = decimalOf(ind.Weight)
		si.ScoreValue = decimalOf(ind.Score)
		se.Indicators = append(se.Indicators, si)
	}
	return se
}

func target(t rules.Target) *schema.Target {
	return &schema.Target{Comparator: t.Comparator, Number: t.Number, Unit: t.Unit, Deadline: t.Month}
}

// decimalOf returns s as an exact decimal, "" when it is no number.
func decimalOf(s string) string {
	d, err := decimal.Parse(rules.Squeeze(s))
	if err != nil {
		return ""
	}
	return d.String()
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
