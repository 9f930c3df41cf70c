package normalize

import (
	"strings"

	"github.com/cnbudget/cnbudget/normalize/rules"
	"github.com/cnbudget/cnbudget/normalize/tables"
	"github.com/cnbudget/cnbudget/schema"
)

// listProjects reads the projects of a table listing them with each
// project's indicators printed as one paragraph in a cell (Guangzhou's
// 项目支出绩效目标表（含转移支付项目）): a project per row whose paragraph
// holds indicators, its name, budget and goal from the row's other cells.
func listProjects(t *tables.Table, cols []schema.Column, docUnit string, r *rules.Rules) []schema.Project {
	para, name, goal, amount, fiscal, other := -1, -1, -1, -1, -1, -1
	for _, c := range cols {
		leaf := c.Header
		if i := strings.LastIndex(leaf, "/"); i >= 0 {
			leaf = leaf[i+1:]
		}
		switch {
		case r.IsIndicatorParagraphColumn(leaf):
			para = c.Index
		case strings.Contains(leaf, "绩效目标"):
			goal = c.Index
		case strings.HasPrefix(leaf, "项目名称") || name < 0 && c.Role == "name":
			name = c.Index
		case c.Role == "amount" && (c.Key == "total" || leaf == "总计" || leaf == "合计") && amount < 0:
			amount = c.Index
		case c.Role == "amount" && c.Key == "appropriation" && fiscal < 0:
			fiscal = c.Index
		case c.Role == "amount" && strings.HasPrefix(leaf, "其他资金") && other < 0:
			other = c.Index
		}
	}
	if para < 0 || name < 0 {
		return nil
	}
	cell := func(row []string, i int) string {
		if i < 0 || i >= len(row) {
			return ""
		}
		return row[i]
	}
	var out []schema.Project
	for k, row := range t.Rows {
		inds := r.ParagraphIndicators(cell(row, para))
		if len(inds) == 0 {
			continue
		}
		page := 0
		if k < len(t.RowPages) {
			page = t.RowPages[k]
		}
		p := &tables.Project{
			Title: t.Title, Name: rules.Squeeze(cell(row, name)), Unit: t.Unit,
			Amount: cell(row, amount), Fiscal: cell(row, fiscal), Other: cell(row, other),
			Goal: cell(row, goal), Pages: []int{page},
		}
		for _, ind := range inds {
			p.Indicators = append(p.Indicators, tables.Indicator{
				Level1: ind.Level1, Level2: ind.Level2, Level3: ind.Level3,
				Description: ind.Description, Value: ind.Value, Page: page,
			})
		}
		out = append(out, project(p, docUnit, r))
	}
	return out
}
