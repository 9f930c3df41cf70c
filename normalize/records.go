package normalize

import (
	"regexp"
	"strings"

	"github.com/cnbudget/cnbudget/normalize/decimal"
	"github.com/cnbudget/cnbudget/normalize/rules"
	"github.com/cnbudget/cnbudget/normalize/tables"
	"github.com/cnbudget/cnbudget/schema"
)

// Column roles.
const (
	roleIndex  = "index"
	roleCode   = "code"
	roleName   = "name"
	roleAmount = "amount"
	roleCount  = "count"
	roleText   = "text"
	// rolePercent holds shares (增减(%)): never added up.
	rolePercent = "percent"
)

// codeLabel are the header labels of the code columns.
var codeLabel = map[string]bool{"类": true, "款": true, "项": true}

// codeParts are the keys of the three 类/款/项 code columns.
var codeParts = map[string]bool{"code_class": true, "code_item": true, "code_sub": true}

// columns works out the meaning of each column of a table from its header
// and its body: its key (what it counts), its role, and its measure (which
// figure: budget, actual …), the measure by the header and the document's
// stage and year.
func columns(t *tables.Table, r *rules.Rules, stage string, year int) []schema.Column {
	n := t.NCols()
	cols := make([]schema.Column, n)
	header := spreadHeader(t.Header, n)
	for j := 0; j < n; j++ {
		var path []string
		for _, h := range header {
			if h[j] != "" {
				path = append(path, rules.Squeeze(h[j]))
			}
		}
		c := schema.Column{Index: j, Header: strings.Join(path, "/")}
		for _, p := range path[:max(len(path)-1, 0)] {
			// A group labelled 其中 (of which) over several columns.
			if p == "其中" || p == "其中：" || p == "其中:" {
				c.Breakdown = true
			}
		}
		// The key names what the column itself holds, read without the
		// labels that only name a measure (预算数/合计, 合计/决算数): its
		// own header; a 小计 under a named group is that group's subtotal
		// (本年收入/小计).
		c.Key = pathKey(r.StripMeasures(path), r)
		if c.Key == "" {
			c.Key = pathKey(path, r)
		}
		if n := len(path); c.Key == "total" && n >= 2 && !holdsNumbers(t, j) {
			// 合计 under 科目编码 over no amount: the row label of an
			// empty table's total read into its header; the column is
			// the group's.
			if k := r.ColumnKey(path[n-2]); k != "" && !isAmountKey(k) {
				c.Key = k
			}
		}
		c.Measure = columnMeasure(path, r, stage, year)
		cols[j] = c
	}
	codeColumnsFromBody(t, cols, r)
	for j := range cols {
		cols[j].Role = columnRole(t, j, cols[j].Key)
		if cols[j].Role == roleAmount && r.Column(cols[j].Key).NotMoney {
			cols[j].Role = roleCount
		}
		if cols[j].Role == rolePercent {
			cols[j].Measure = "rate"
		}
		if cols[j].Role != roleAmount && cols[j].Role != roleCount && cols[j].Role != rolePercent {
			cols[j].Measure = ""
		}
	}
	// A table without a header row names nothing; a table whose name
	// column is not named by its header takes the first text column.
	hasName := false
	for _, c := range cols {
		if c.Role == roleName {
			hasName = true
		}
	}
	if !hasName {
		for i := range cols {
			if cols[i].Role == roleText {
				cols[i].Role = roleName
				break
			}
		}
	}
	return cols
}

// holdsNumbers reports whether column j holds a number in any body row.
func holdsNumbers(t *tables.Table, j int) bool {
	for _, row := range t.Rows {
		if j < len(row) && tables.IsNumber(rules.Squeeze(row[j])) {
			return true
		}
	}
	return false
}

// pathKey returns the canonical key of a header path: its leaf's, or, for
// a 小计 or 合计 under a group of amounts with a key of its own, the
// group's (a 合计 read under 科目编码 stays a total).
func pathKey(path []string, r *rules.Rules) string {
	n := len(path)
	if n == 0 {
		return ""
	}
	key := r.ColumnKey(path[n-1])
	if n >= 2 && (path[n-1] == "小计" || path[n-1] == "合计") {
		if k := r.ColumnKey(path[n-2]); k != "" && k != "total" && isAmountKey(k) {
			key = k
		}
	}
	return key
}

// Stage measures: what an amount of a document of the stage is when its
// header names no measure.
var stageMeasure = map[string]string{"budget": "budget", "final_account": "actual"}

// columnMeasure returns the measure of a column by its header path: the
// innermost label that names one (增减/% → rate, 预算数/合计 → budget), else
// the document's stage; a label naming a year before the document's makes
// it the prior year's figure.
func columnMeasure(path []string, r *rules.Rules, stage string, docYear int) string {
	measure, year := "", 0
	for i := len(path) - 1; i >= 0; i-- {
		m, y := r.Measure(path[i])
		if year == 0 {
			year = y
		}
		if measure == "" && m != "" {
			measure = m
		}
	}
	if measure == "" || measure == "year" {
		measure = stageMeasure[stage]
	}
	if year > 0 && docYear > 0 && year < docYear {
		switch measure {
		case "budget", "adjusted_budget":
			measure = "prior_budget"
		case "actual":
			measure = "prior_actual"
		}
	}
	return measure
}

// repeatedGroups returns the width of each group of a table printed in two
// or three groups side by side (代码 名称 金额 | 代码 名称 金额 …): the groups
// repeat the roles and the keys of their columns (the amount's key may
// differ: 人员经费 | 公用经费), with a name and an amount in each; 0 when it
// is not one.
func repeatedGroups(cols []schema.Column) int {
	for n := 2; n <= 3; n++ {
		if len(cols) < 2*n || len(cols)%n != 0 {
			continue
		}
		w := len(cols) / n
		ok, name, amount := true, false, false
		for j := 0; j < w && ok; j++ {
			a := cols[j]
			name = name || a.Role == roleName
			amount = amount || a.Role == roleAmount
			for g := 1; g < n; g++ {
				b := cols[g*w+j]
				if a.Key == "" || a.Role != b.Role || (a.Role != roleAmount && a.Key != b.Key) {
					ok = false
				}
			}
		}
		if ok && name && amount {
			return w
		}
	}
	return 0
}

// codeColumnsFromBody finds the 类/款/项 code columns a header does not
// name: their labels printed in the first body row (the 合计 row of a
// final account: 类 | 款 | 项 | 合计 | …), or columns of two-digit parts
// beside a code column whose header names only the group (科目编码).
func codeColumnsFromBody(t *tables.Table, cols []schema.Column, r *rules.Rules) {
	for _, row := range t.Rows[:min(2, len(t.Rows))] {
		// A header row read as body names two of 类 | 款 | 项 at least: a
		// lone 类 is a unit of measure (33 类) in an indicator's row.
		found := map[int]string{}
		for j, cell := range row {
			if j < len(cols) && (cols[j].Key == "" || cols[j].Key == "code") {
				if k := r.ColumnKey(cell); codeParts[k] {
					found[j] = k
				}
			}
		}
		if len(found) >= 2 {
			for j, k := range found {
				cols[j].Key = k
			}
		}
	}
	for j := 1; j+1 <= len(cols)-1; j++ {
		if cols[j-1].Key != "code" && cols[j-1].Key != "code_class" || cols[j].Key != "" {
			continue
		}
		if !twoDigitColumn(t, j) {
			continue
		}
		cols[j-1].Key, cols[j].Key = "code_class", "code_item"
		if cols[j+1].Key == "" && twoDigitColumn(t, j+1) {
			cols[j+1].Key = "code_sub"
		}
	}
}

// twoDigitColumn reports whether the body cells of column j are two-digit
// code parts (or blank, or a 类/款/项 label), at least one of them digits.
func twoDigitColumn(t *tables.Table, j int) bool {
	n := 0
	for _, row := range t.Rows {
		if j >= len(row) {
			continue
		}
		c := rules.Squeeze(row[j])
		switch {
		case c == "" || c == "类" || c == "款" || c == "项":
		case len(c) == 2 && allDigits(c):
			n++
		default:
			return false
		}
	}
	return n > 0
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func columnRole(t *tables.Table, j int, key string) string {
	var codes, numbers, decimals, ints, texts, zeros, percents int
	for _, row := range t.Rows {
		if j >= len(row) || row[j] == "" {
			continue
		}
		c := rules.Squeeze(row[j])
		if strings.HasSuffix(c, "%") && tables.IsNumber(c) {
			percents++
		}
		if c == "0" || strings.Trim(c, "0.,-") == "" {
			zeros++ // an amount of nothing: no code is 0
		}
		switch {
		case tables.IsCode(c) && !strings.Contains(c, "."):
			codes++
			ints++
		case tables.IsNumber(c):
			numbers++
			if strings.ContainsAny(c, ".,") {
				decimals++
			} else {
				ints++
			}
		default:
			texts++
		}
	}
	switch {
	case key == "seq":
		return roleIndex
	case key == "code" || codeParts[key]:
		return roleCode
	case key == "name":
		if texts >= codes+numbers {
			return roleName
		}
	}
	total := codes + numbers + texts
	if percents > 0 && percents*2 >= total {
		return rolePercent
	}
	switch {
	case total == 0:
		if isAmountKey(key) {
			return roleAmount
		}
		return roleText
	case texts*2 > total:
		return roleText
	case decimals > 0:
		return roleAmount
	case codes*2 > total && codes >= numbers && zeros == 0:
		// Digits only, 3 to 9 of them: codes, unless the header says the
		// column holds amounts (元 tables print integers too).
		if isAmountKey(key) {
			return roleAmount
		}
		return roleCode
	case isAmountKey(key):
		return roleAmount
	case ints > 0:
		return roleCount
	}
	return roleText
}

func isAmountKey(key string) bool {
	switch key {
	case "", "seq", "code", "code_class", "code_item", "code_sub", "name":
		return false
	}
	return true
}

var (
	totalName = regexp.MustCompile(`^(?:合计|总计|小计|收入总计|支出总计|本年收入合计|本年支出合计|收入合计|支出合计|本年收入小计|本年支出小计)$`)
	fusedCode = regexp.MustCompile(`^(\d{3,7})(?:[-－—\s、.．:：]+|\s*)([\p{Han}（(].*)$`)
)

// assignSides marks the columns of a table printed in two halves side by
// side with their half: a summary table's income and expenditure (a second
// name column opens the expenditure side), or the left and right halves
// of a table whose columns repeat.
func assignSides(t *tables.Table, cols []schema.Column) {
	sideAt := -1
	sides := [2]string{"income", "expenditure"}
	if t.Kind == "budget_summary" || t.Kind == "appropriation_summary" {
		// A text column empty in every row is no name column: a piece of
		// a letter-spaced group label (收 入) read as a column of its own.
		holdsText := func(j int) bool {
			for _, row := range t.Rows {
				if j < len(row) && row[j] != "" {
					return true
				}
			}
			return false
		}
		names := 0
		for _, c := range cols {
			if c.Role == roleName || c.Role == roleText && holdsText(c.Index) {
				names++
				if names == 2 {
					sideAt = c.Index
				}
			}
		}
	} else if w := repeatedGroups(cols); w > 0 {
		names := []string{"left", "right"}
		if len(cols)/w == 3 {
			names = []string{"left", "middle", "right"}
		}
		for j := range cols {
			cols[j].Side = names[j/w]
		}
		return
	}
	if sideAt > 0 {
		for j := range cols {
			cols[j].Side = sides[0]
			if j >= sideAt {
				cols[j].Side = sides[1]
			}
		}
	}
}

// records normalizes the rows of a table; a row of a table printed in two
// halves makes a record per half.
func records(t *tables.Table, cols []schema.Column, unit string) []schema.Record {
	shift, unitOK := decimal.UnitShift(unit)
	// The runs of columns of one side.
	type span struct {
		name   string
		lo, hi int
	}
	var spans []span
	for j, c := range cols {
		if c.Side == "" {
			continue
		}
		if n := len(spans); n > 0 && spans[n-1].name == c.Side && spans[n-1].hi == j {
			spans[n-1].hi = j + 1
			continue
		}
		spans = append(spans, span{c.Side, j, j + 1})
	}
	out := make([]schema.Record, 0, len(t.Rows))
	for i, row := range t.Rows {
		page := 0
		if i < len(t.RowPages) {
			page = t.RowPages[i]
		}
		if len(spans) > 1 {
			for k, side := range spans {
				lo, hi := side.lo, side.hi
				if k == 0 {
					lo = 0 // columns before the first side (序号) go with it
				}
				if k == len(spans)-1 {
					hi = len(cols)
				}
				rec := record(row, cols[lo:hi], unit, shift, unitOK)
				if rec.Name == "" && len(rec.Amounts) == 0 {
					continue
				}
				rec.Row, rec.Page, rec.Side = i, page, side.name
				out = append(out, rec)
			}
			continue
		}
		rec := record(row, cols, unit, shift, unitOK)
		rec.Row, rec.Page = i, page
		out = append(out, rec)
	}
	return out
}

func record(row []string, cols []schema.Column, unit string, shift int, unitOK bool) schema.Record {
	var rec schema.Record
	var parts [3]string
	// A second 类 column opens a second classification of the row (the
	// government economic class beside the department's), which is not
	// read: the first pairs with the first name.
	secondAt, classes := -1, 0
	for _, c := range cols {
		if c.Key == "code_class" {
			if classes++; classes == 2 {
				secondAt = c.Index
			}
		}
	}
	threeCols := false
	amounts := 0
	for _, c := range cols {
		if (c.Role == roleAmount || c.Role == roleCount) && c.Index < len(row) && row[c.Index] != "" {
			amounts++
		}
	}
	rec.Amounts = make([]schema.Amount, 0, amounts)
	for _, c := range cols {
		if c.Index >= len(row) {
			continue
		}
		v := strings.TrimSpace(row[c.Index])
		if v == "" {
			continue
		}
		switch c.Role {
		case roleCode:
			sq := rules.Squeeze(v)
			// A label printed in a code column (类 in the 合计 row) is no
			// code part.
			part := sq
			if !allDigits(sq) {
				part = ""
			}
			// 款 and 项 are two digits; a spreadsheet that stored them as
			// numbers prints 02 as 2.
			if len(part) == 1 && (c.Key == "code_item" || c.Key == "code_sub") {
				part = "0" + part
			}
			// The first code group of a row wins: a table printing the
			// department and the government economic classes side by side
			// pairs the first with the first name.
			if secondAt >= 0 && c.Index >= secondAt && codeParts[c.Key] {
				continue // the second classification of the row
			}
			switch c.Key {
			case "code_class":
				parts[0], threeCols = sq, true
			case "code_item":
				parts[1], threeCols = part, true
			case "code_sub":
				parts[2], threeCols = part, true
			default:
				if rec.Code == "" {
					rec.Code = sq
				}
			}
		case roleName, roleText:
			if rec.Name == "" {
				rec.Name = rules.Squeeze(v)
			}
		case roleAmount, roleCount:
			sq := rules.Squeeze(v)
			d, err := decimal.Parse(sq)
			if err != nil {
				continue
			}
			a := schema.Amount{Column: c.Index, Key: c.Key, Measure: c.Measure, Printed: v, Value: d.String()}
			if c.Role == roleAmount {
				a.Unit = unit
				if unitOK {
					a.Yuan = d.Shift(shift).Trim()
				}
			}
			rec.Amounts = append(rec.Amounts, a)
		}
	}
	// A label printed across the code columns (合计 in the 类 column) is
	// the row's name, not a code.
	if threeCols && !hasDigit(parts[0]) {
		if rec.Name == "" && parts[1] == "" && parts[2] == "" && codeLabel[parts[0]] == false {
			rec.Name = parts[0]
		}
		parts, threeCols = [3]string{}, false
	}
	if rec.Code != "" && !hasDigit(rec.Code) {
		if rec.Name == "" {
			rec.Name = rec.Code
		}
		rec.Code = ""
	}
	if threeCols {
		rec.Class, rec.Item, rec.Sub = parts[0], parts[1], parts[2]
		rec.Code = parts[0] + parts[1]
		if parts[1] != "" {
			rec.Code += parts[2]
		}
	}
	if rec.Code == "" && rec.Name != "" {
		// A year opening a project's name (2025 年…资金, 2026高质量发展
		// 行动…项目) is no code: no classification has codes of four
		// digits.
		if m := fusedCode.FindStringSubmatch(rec.Name); m != nil && !tables.IsYear(m[1]) {
			rec.Code, rec.Name = m[1], m[2]
		}
	}
	if rec.Code != "" && tables.IsCode(rec.Code) {
		switch len(rec.Code) {
		case 3:
			rec.Level = 1
		case 5:
			rec.Level = 2
			rec.ParentCode = rec.Code[:3]
		case 7:
			rec.Level = 3
			rec.ParentCode = rec.Code[:5]
		}
		if rec.Class == "" && len(rec.Code) >= 3 {
			rec.Class = rec.Code[:3]
			if len(rec.Code) >= 5 {
				rec.Item = rec.Code[3:5]
			}
			if len(rec.Code) >= 7 {
				rec.Sub = rec.Code[5:7]
			}
		}
	}
	rec.Total = totalName.MatchString(rec.Name)
	if rec.Amounts == nil {
		rec.Amounts = []schema.Amount{}
	}
	return rec
}

// spreadHeader returns the header rows with the text of a merged cell
// repeated over the columns it spans: an empty cell of a header row takes
// the text on its left when a lower header row names that column (the
// group label 本年收入 over 财政拨款收入, 事业收入 …). A table printed
// without rules centres a group label over its columns: the cells left of
// it that no group on their left claims take it too.
func spreadHeader(rows [][]string, n int) [][]string {
	out := make([][]string, len(rows))
	for i, h := range rows {
		row := make([]string, n)
		copy(row, h)
		out[i] = row
	}
	// starts reports whether a label of a row above i starts at column j:
	// a cell never takes a label across the edge of its parent group.
	starts := func(i, j int) bool {
		for k := 0; k < i; k++ {
			if j < len(rows[k]) && rows[k][j] != "" {
				return true
			}
		}
		return false
	}
	for i := 0; i+1 < len(out); i++ {
		last := ""
		for j := 0; j < n; j++ {
			if out[i][j] != "" {
				last = out[i][j]
				continue
			}
			named := false
			for k := i + 1; k < len(out); k++ {
				if out[k][j] != "" {
					named = true
				}
			}
			if last != "" && named && j > 0 && lowerNamed(out, i, j-1) && !starts(i, j) {
				out[i][j] = last
			} else {
				last = ""
			}
		}
		claim := ""
		for j := n - 1; j >= 0; j-- {
			switch {
			case !lowerNamed(out, i, j):
				claim = ""
			case out[i][j] != "":
				claim = out[i][j]
			default:
				out[i][j] = claim
			}
			if starts(i, j) {
				claim = ""
			}
		}
	}
	return out
}

// lowerNamed reports whether column j has a label below header row i: the
// cell spreading its text is itself a group over sub-columns.
func lowerNamed(rows [][]string, i, j int) bool {
	for k := i + 1; k < len(rows); k++ {
		if rows[k][j] != "" {
			return true
		}
	}
	return false
}

func hasDigit(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0
}
