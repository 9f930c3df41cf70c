package tables

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/normalize/layout"
	"github.com/cnbudget/cnbudget/normalize/rules"
)

// A project performance-goal table is a form: a preamble of labelled values
// (项目编码, 项目名称, 预算数 …, 资金用途, 资金支出计划, 绩效目标) followed by a
// table of indicators under a header (一级指标, 二级指标, 三级指标, 指标描述,
// 指标值, 依据). The preamble is read by label, not by position, so that the
// many regional layouts of the form read alike.

// box is one cell (or run piece) of a project row with its position.
type box struct {
	text string
	extract.Box
}

type projectBuilder struct {
	p *Project
	// indicator header: the field of each header cell and where it sits.
	header []headerCell
	// block is the preamble block the free text of a row belongs to.
	block string
	// pending is the field a label announced and the next cell fills.
	pending string
	// plan labels of the last row that printed them, by position.
	planCols []box
	pageInd  int
	// planSeen keeps the first value of each plan label.
	planSeen map[string]int
	// lines are plain lines held back until the page or table ends.
	lines []layout.Row
	// streamCols are the indicator columns of a form printed without rules.
	streamCols []interval
	// cont is the form before this one when this one opened at the top of
	// a page under the same title: its continuation, if indicator rows
	// come before any label of a form of its own. continued tells that
	// they did.
	cont      *projectBuilder
	continued bool
}

type headerCell struct {
	field string
	extract.Box
}

var projectNo = regexp.MustCompile(`^\s*(\d{1,3})\s*[、.．]\s*`)

func newProject(title string, page int) *projectBuilder {
	p := &Project{Title: title, Pages: []int{page}, Fields: map[string]string{}}
	if m := projectNo.FindStringSubmatch(title); m != nil {
		p.No = m[1]
	}
	return &projectBuilder{p: p, planSeen: map[string]int{}}
}

func (b *projectBuilder) newPage(int) { b.pageInd = 0 }

// boxes returns the cells of a row with their positions.
func boxes(row *layout.Row) []box {
	var out []box
	if row.IsGrid() {
		for _, c := range row.Cells {
			if c.Text != "" {
				out = append(out, box{c.Text, c.Box})
			}
		}
		return out
	}
	for _, r := range row.Runs {
		for _, pc := range runPieces(r) {
			if t := layout.CleanText(pc.text); t != "" {
				out = append(out, box{t, pc.Box})
			}
		}
	}
	return out
}

// add takes one row of the project table; it returns false when the row
// cannot belong to it (running text after the table).
// isListHeader reports whether a row (its cells, or a plain line's runs),
// before anything of the form was read, is the header of a table listing
// several projects: it names a project field (项目名称, 项目总额 …) and two
// indicator fields (一级指标, 二级指标 …) side by side, or a column of
// indicators printed as paragraphs (绩效指标).
func (b *projectBuilder) isListHeader(a *assembler, row *layout.Row) bool {
	p := b.p
	if b.header != nil || p.Code != "" || p.Name != "" || len(p.Indicators) > 0 || len(p.Plan) > 0 {
		return false
	}
	fields, inds := 0, 0
	for _, c := range boxes(row) {
		switch ind := a.r.IndicatorField(c.text); {
		case a.r.ProjectField(c.text) != "":
			fields++
		case ind != "" && ind != "group":
			inds++
		case a.r.IsIndicatorParagraphColumn(c.text):
			// The indicators of each project in one cell (Guangzhou).
			inds += 2
		}
	}
	return fields >= 1 && inds >= 2
}

func (b *projectBuilder) add(a *assembler, row *layout.Row, _ []string) bool {
	if !row.IsGrid() {
		// Plain lines are read together once the page or the table ends:
		// a form printed without rules, or a line of the preamble.
		b.lines = append(b.lines, *row)
		return true
	}
	for _, l := range b.flush(a) {
		a.log("drop", "project_performance", "text inside the project table: "+l.Text())
	}
	return b.addCells(a, row.Page, boxes(row), true)
}

// addCells takes one row of cells.
func (b *projectBuilder) addCells(a *assembler, page int, cells []box, grid bool) bool {
	if len(cells) == 0 {
		return true
	}
	p := b.p
	if p.Pages[len(p.Pages)-1] != page {
		p.Pages = append(p.Pages, page)
	}
	if h := b.indicatorHeader(a.r, cells); h != nil {
		// The indicator columns are read by label: a header repeated on a
		// continuation page describes the rows under it, even where that
		// page sets its columns differently.
		if b.header == nil {
			a.log("header", "project_performance", joinBoxes(cells))
		} else {
			a.log("repeat", "project_performance", "repeated indicator header: "+joinBoxes(cells))
		}
		b.header = h
		return true
	}
	if b.header == nil && b.continues(a.r, cells) {
		// The form of the page before goes on under its repeated title:
		// its indicator rows, without a header of their own.
		if !b.continued {
			a.log("continue", "project_performance", "indicators of the form before, under its repeated title: "+joinBoxes(cells))
		}
		b.continued = true
		c := b.cont
		if c.p.Pages[len(c.p.Pages)-1] != page {
			c.p.Pages = append(c.p.Pages, page)
			c.pageInd = 0
		}
		c.indicator(a, page, cells)
		return true
	}
	if b.header == nil {
		b.preamble(a, cells)
		return true
	}
	if len(cells) <= 2 && noteLabel.MatchString(rules.Squeeze(cells[0].text)) {
		// The form's remark under its indicators (备注 | …): no indicator.
		if len(cells) == 2 {
			p.Fields["note"] = cells[1].text
		}
		a.log("note", "project_performance", joinBoxes(cells))
		return true
	}
	b.indicator(a, page, cells)
	return true
}

// noteLabel matches the label of a form's remark row.
var noteLabel = regexp.MustCompile(`^备注[：:]?$`)

// continues reports whether a row of a form opened under a repeated title
// is an indicator row of the form before (see cont): nothing of a form of
// its own has been read, the row has cells enough for an indicator row
// and no label of the preamble. A label ends the chance.
func (b *projectBuilder) continues(r *rules.Rules, cells []box) bool {
	if b.cont == nil || b.cont.header == nil {
		return false
	}
	if !b.continued && !b.empty() {
		b.cont = nil
		return false
	}
	for _, c := range cells {
		if _, _, ok := r.PlanStep(c.text); ok || r.ProjectField(c.text) != "" || r.ProjectBlock(c.text) != "" {
			b.cont = nil
			return false
		}
	}
	return b.continued || len(cells) >= 3
}

// empty reports whether nothing of the form has been read.
func (b *projectBuilder) empty() bool {
	p := b.p
	return p.Code == "" && p.Name == "" && p.Amount == "" && p.Goal == "" && p.Purpose == "" &&
		len(p.Fields) == 0 && len(p.Plan) == 0 && len(p.Indicators) == 0
}

// flush reads the plain lines held back: the preamble lines with their
// wrapped labels and values joined, the indicator lines as a table without
// rules whose columns the indicator header names. It returns the lines
// after the end of the table.
func (b *projectBuilder) flush(a *assembler) []layout.Row {
	lines := b.lines
	b.lines = nil
	if len(lines) == 0 {
		return nil
	}
	head := -1
	for i := range lines {
		var cells []box
		for _, r := range lines[i].Runs {
			cells = append(cells, box{layout.CleanText(r.Text), r.Box})
		}
		if b.indicatorHeader(a.r, cells) != nil {
			head = i
			break
		}
	}
	pre := lines
	var ind []layout.Row
	switch {
	case head >= 0:
		pre, ind = lines[:head], lines[head:]
	case b.header != nil:
		pre, ind = nil, lines
	}
	for _, row := range joinWrappedLines(pre) {
		var cells []box
		for _, r := range row.Runs {
			if t := layout.CleanText(r.Text); t != "" {
				cells = append(cells, box{t, r.Box})
			}
		}
		b.addCells(a, row.Page, cells, false)
	}
	if len(ind) == 0 {
		return nil
	}
	spec := streamSpec{labels: -1, prev: b.streamCols, force: head < 0 && b.streamCols != nil,
		anchor: func(l *layout.Row) bool { return len(l.Runs) >= 3 }}
	if head >= 0 {
		spec.labels = 0
	}
	rows, rest, cols := readStream(ind, spec)
	if head >= 0 {
		b.streamCols = cols
	}
	for i := range rows {
		b.addCells(a, rows[i].Page, boxes(&rows[i]), false)
	}
	return rest
}

// joinWrappedLines joins a line to the one above when it sits right under
// it (closer than rows are apart) and each of its runs falls under a run
// of that line: a label or value wrapped inside its cell.
func joinWrappedLines(lines []layout.Row) []layout.Row {
	var out []layout.Row
	for _, l := range lines {
		if n := len(out); n > 0 {
			above := &out[n-1]
			if l.Y0-above.Y1 < 0.45*l.H() && under(l, above) {
				for _, r := range l.Runs {
					for k := range above.Runs {
						ar := &above.Runs[k]
						if r.X1 > ar.X0 && r.X0 < ar.X1 {
							ar.Text = layout.JoinText(ar.Text, r.Text)
							ar.Box = ar.Box.Union(r.Box)
							ar.Glyphs = nil
							break
						}
					}
				}
				above.Box = above.Box.Union(l.Box)
				above.Lines++
				continue
			}
		}
		cp := l
		cp.Runs = append([]extract.Run(nil), l.Runs...)
		out = append(out, cp)
	}
	return out
}

// under reports whether every run of l overlaps a run of above.
func under(l layout.Row, above *layout.Row) bool {
	for _, r := range l.Runs {
		ok := false
		for _, ar := range above.Runs {
			if r.X1 > ar.X0 && r.X0 < ar.X1 {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return len(l.Runs) > 0
}

func joinBoxes(cells []box) string {
	parts := make([]string, len(cells))
	for i, c := range cells {
		parts[i] = c.text
	}
	return strings.Join(parts, " ")
}

// indicatorHeader returns the header cells when a row is the indicator
// header.
func (b *projectBuilder) indicatorHeader(r *rules.Rules, cells []box) []headerCell {
	var h []headerCell
	seen := map[string]bool{}
	for _, c := range cells {
		f := r.IndicatorField(c.text)
		switch f {
		case "":
			return nil
		case "group":
			continue // a label over the indicators, no column
		}
		seen[f] = true
		h = append(h, headerCell{f, c.Box})
	}
	// Levels under a first one, or named indicators with their values
	// (Chongqing: 指标名称 | 指标性质 | 指标值 | 计量单位).
	if !(seen["level1"] && (seen["level2"] || seen["level3"]) || seen["level3"] && seen["value"]) {
		return nil
	}
	return h
}

// preamble reads one row of the form above the indicators.
func (b *projectBuilder) preamble(a *assembler, cells []box) {
	p := b.p
	var planRow []box
	b.pending = ""
	for _, c := range cells {
		if label, value, ok := a.r.PlanStep(c.text); ok {
			planRow = append(planRow, box{label, c.Box})
			b.setPlan(label, value, value != "")
			b.pending = "plan:" + label
			continue
		}
		if f := a.r.ProjectField(c.text); f != "" {
			b.pending = f
			if f == "amount" || f == "fiscal" || f == "other" {
				b.block = "purpose"
			}
			continue
		}
		if blk := a.r.ProjectBlock(c.text); blk != "" {
			b.block = blk
			b.pending = ""
			continue
		}
		// A value.
		switch {
		case strings.HasPrefix(b.pending, "plan:") && IsNumber(rules.Squeeze(c.text)):
			b.setPlan(strings.TrimPrefix(b.pending, "plan:"), c.text, true)
			b.pending = ""
			continue
		case b.pending != "" && !strings.HasPrefix(b.pending, "plan:"):
			b.setField(b.pending, c.text)
			b.pending = ""
			continue
		}
		if IsNumber(rules.Squeeze(c.text)) {
			if label := b.planAt(c.Box); label != "" {
				b.setPlan(label, c.text, true)
				continue
			}
		}
		switch b.block {
		case "goal":
			p.Goal = layout.JoinText(p.Goal, c.text)
		case "purpose":
			p.Purpose = layout.JoinText(p.Purpose, c.text)
		default:
			a.log("drop", "project_performance", "unlabelled preamble text: "+c.text)
		}
	}
	if len(planRow) > 0 {
		b.planCols = planRow
	}
}

func (b *projectBuilder) setField(key, value string) {
	p := b.p
	switch key {
	case "code":
		p.Code = rules.Squeeze(value)
	case "name":
		p.Name = value
	case "amount":
		p.Amount = value
	case "fiscal":
		p.Fiscal = value
	case "other":
		p.Other = value
	default:
		p.Fields[key] = value
	}
}

// setPlan records a step of the spending plan; the first value printed for
// a label wins (some forms print the plan twice).
func (b *projectBuilder) setPlan(label, value string, hasValue bool) {
	p := b.p
	i, ok := b.planSeen[label]
	if !ok {
		b.planSeen[label] = len(p.Plan)
		p.Plan = append(p.Plan, PlanEntry{Label: label, Value: value})
		return
	}
	if hasValue && p.Plan[i].Value == "" {
		p.Plan[i].Value = value
	}
}

// planAt returns the plan label printed above a value's position.
func (b *projectBuilder) planAt(v extract.Box) string {
	best, bestOv := "", 0.0
	for _, l := range b.planCols {
		ov := min(l.X1, v.X1) - max(l.X0, v.X0)
		if ov > bestOv {
			best, bestOv = l.text, ov
		}
	}
	if best == "" {
		// No label above the value: the nearest one (a value aligned
		// differently in its cell).
		d := -1.0
		for _, l := range b.planCols {
			if dd := abs(l.CX() - v.CX()); d < 0 || dd < d {
				best, d = l.text, dd
			}
		}
	}
	return best
}

// fieldAt returns the indicator field of the header cell above a position.
func (b *projectBuilder) fieldAt(v extract.Box) string {
	best, bestOv := "", 0.0
	for _, h := range b.header {
		ov := min(h.X1, v.X1) - max(h.X0, v.X0)
		if ov > bestOv {
			best, bestOv = h.field, ov
		}
	}
	if best == "" && len(b.header) > 0 {
		left := b.header[0].X0
		for _, h := range b.header {
			left = min(left, h.X0)
		}
		if v.X1 <= left {
			// Left of every header cell: a column the header leaves
			// blank, a label over the indicators repeated on their rows
			// (绩效指标 | 产出指标 | 数量指标 …), no field.
			return ""
		}
	}
	if best == "" {
		// No overlap: the nearest header by centre.
		d := -1.0
		for _, h := range b.header {
			dd := abs(h.CX() - v.CX())
			if d < 0 || dd < d {
				best, d = h.field, dd
			}
		}
	}
	return best
}

// wholeLevel reports whether s is a whole indicator level's name (经济效益指标,
// 满意度指标), not the end of one wrapped (指标, 标).
func wholeLevel(s string) bool {
	s = rules.Squeeze(s)
	return strings.HasSuffix(s, "指标") && utf8.RuneCountInString(s) >= 4
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// indicator reads one indicator row.
func (b *projectBuilder) indicator(a *assembler, page int, cells []box) {
	var ind Indicator
	ind.Page = page
	for _, c := range cells {
		f := b.fieldAt(c.Box)
		fp := ind.field(f)
		if fp == nil {
			continue
		}
		*fp = layout.JoinText(*fp, c.text)
	}
	p := b.p
	// The rest of a row: no value and no third-level name, or, at the top
	// of a page, no value and no first- or second-level name (the row was
	// cut by the page break).
	fragment := ind.Value == "" && (ind.Level3 == "" || (b.pageInd == 0 && ind.Level1 == "" && ind.Level2 == ""))
	if fragment && b.pageInd > 0 && (wholeLevel(ind.Level1) || wholeLevel(ind.Level2)) {
		// A level of its own with no indicator under it (效益指标 |
		// 经济效益指标 | | ): a row, not the rest of the one above.
		fragment = false
	}
	if fragment && len(p.Indicators) > 0 {
		// The rest of a row cut by a page break or wrapped: join it to the
		// row above, unless that row already ends with it (a fragment the
		// printer repeated).
		last := &p.Indicators[len(p.Indicators)-1]
		for _, f := range []string{"level1", "level2", "level3", "description", "basis"} {
			frag := *ind.field(f)
			if frag == "" {
				continue
			}
			dst := last.field(f)
			if strings.HasSuffix(rules.Squeeze(*dst), rules.Squeeze(frag)) {
				a.log("drop", "project_performance", "repeated fragment: "+frag)
				continue
			}
			*dst = layout.JoinText(*dst, frag)
			a.log("join", "project_performance", "indicator cell continued: "+frag)
		}
		return
	}
	if n := len(p.Indicators); n > 0 {
		if b.pageInd == 0 && b.levelCut(&ind) && ind.Level2 == "" {
			ind.Level2 = p.Indicators[n-1].Level2
		}
		prev := p.Indicators[n-1]
		if ind.Level1 == "" {
			ind.Level1 = prev.Level1
			if ind.Level2 == "" {
				ind.Level2 = prev.Level2
			}
		}
	}
	p.Indicators = append(p.Indicators, ind)
	b.pageInd++
}

// levelCut mends a level's name that the page break cut in its merged
// cell (效 | 益指标: the end on the next page's first row, which has an
// indicator of its own): the rows above that carry the head get the whole
// name, and so does ind. It reports whether the first level was mended.
func (b *projectBuilder) levelCut(ind *Indicator) bool {
	inds := b.p.Indicators
	mend := func(head, tail string, at func(*Indicator) *string, same func(*Indicator) bool) string {
		if head == "" || tail == "" || wholeLevel(head) || !wholeLevel(head+tail) {
			return tail
		}
		for k := len(inds) - 1; k >= 0 && *at(&inds[k]) == head && same(&inds[k]); k-- {
			*at(&inds[k]) = head + tail
		}
		return head + tail
	}
	last := &inds[len(inds)-1]
	tail1 := ind.Level1
	ind.Level1 = mend(last.Level1, tail1, func(i *Indicator) *string { return &i.Level1 }, func(*Indicator) bool { return true })
	level1 := last.Level1
	ind.Level2 = mend(last.Level2, ind.Level2, func(i *Indicator) *string { return &i.Level2 }, func(i *Indicator) bool { return i.Level1 == level1 })
	return ind.Level1 != tail1
}

// blankTemplate reports whether a form is the template printed blank: no
// indicator has a value or a name of its own, only the template's
// placeholders (指标1：指标2：……).
func blankTemplate(p *Project) bool {
	for _, in := range p.Indicators {
		if name := in.Description + in.Level3; in.Value != "" || name != "" && !strings.Contains(name, "……") {
			return false
		}
	}
	return true
}

func (ind *Indicator) field(f string) *string {
	switch f {
	case "level1":
		return &ind.Level1
	case "level2":
		return &ind.Level2
	case "level3":
		return &ind.Level3
	case "description":
		return &ind.Description
	case "value":
		return &ind.Value
	case "basis":
		return &ind.Basis
	case "weight":
		return &ind.Weight
	case "note":
		return &ind.Note
	}
	return nil
}

func (b *projectBuilder) finish(a *assembler) *Project {
	p := b.p
	if len(b.lines) > 0 {
		for _, l := range b.flush(a) {
			a.log("drop", "project_performance", "text after the project table: "+l.Text())
		}
	}
	if b.continued && b.empty() {
		// Its rows went to the form before.
		return nil
	}
	if p.Code == "" && p.Name == "" && len(p.Indicators) == 0 {
		a.log("drop", "project_performance", "title without a project table: "+p.Title)
		return nil
	}
	if p.Code == "" && p.Name == "" && p.Amount == "" && blankTemplate(p) {
		a.log("drop", "project_performance", "a blank template, no project: "+p.Title)
		return nil
	}
	if p.Name == "" {
		p.Name = strings.TrimSuffix(projectNo.ReplaceAllString(p.Title, ""), "绩效目标表")
	}
	return p
}
